"""What tests send with a form protected by home/antispam.py."""

import time

from django.core import signing

from home.antispam import SALT, TIMESTAMP_FIELD


def shown_a_minute_ago():
    """The signed stamp of a form shown a minute ago: past the minimum, within the maximum."""
    return signing.Signer(salt=SALT).sign(str(int(time.time()) - 60))


def as_sent_by_a_person(data):
    """``data`` with the stamp a person's browser sends back, a minute after the form came."""
    return data | {TIMESTAMP_FIELD: shown_a_minute_ago()}
