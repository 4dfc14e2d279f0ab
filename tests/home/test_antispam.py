"""The spam protection of public forms: honeypot, time check and rate limit, with the
visitor's entries kept and messages in their language."""

import time

import pytest
from django import forms
from django.core import signing
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from home.antispam import HONEYPOT_FIELD, SALT, TIMESTAMP_FIELD, SpamProtectionMixin, stamp_time


class MessageForm(SpamProtectionMixin, forms.Form):
    name = forms.CharField()
    message = forms.CharField(widget=forms.Textarea)


def stamp(seconds_ago):
    return signing.Signer(salt=SALT).sign(str(int(time.time()) - seconds_ago))


def post(address="198.51.100.7"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def data(**changes):
    values = {"name": "Amira", "message": "Hallo", TIMESTAMP_FIELD: stamp(60)}
    values.update(changes)
    return values


def test_a_person_who_took_their_time_gets_through_and_the_checks_are_not_stored():
    form = MessageForm(data(), request=post())
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"name": "Amira", "message": "Hallo"}


def test_a_filled_honeypot_is_refused_with_the_entries_kept_and_the_trap_emptied():
    form = MessageForm(data(**{HONEYPOT_FIELD: "http://spam.example"}))
    assert not form.is_valid()
    assert form.non_field_errors().as_data()[0].code == "honeypot"
    html = str(form["name"]) + str(form["message"]) + str(form.honeypot)
    assert 'value="Amira"' in html and "Hallo" in html
    assert "spam.example" not in html


def test_a_form_sent_too_soon_is_refused_and_keeps_its_stamp(settings):
    settings.FORM_MIN_SECONDS = 5
    sent = stamp(1)
    form = MessageForm(data(**{TIMESTAMP_FIELD: sent}))
    assert not form.is_valid()
    assert form.non_field_errors().as_data()[0].code == "too_fast"
    assert f'value="{sent}"' in str(form.timestamp)  # waiting and sending again works


@pytest.mark.parametrize(
    "value", [stamp(25 * 3600), "1700000000:forged", "", stamp(-3600)], ids=str
)
def test_an_old_missing_or_forged_stamp_is_refused_and_renewed(settings, value):
    settings.FORM_MAX_AGE_HOURS = 24
    form = MessageForm(data(**{TIMESTAMP_FIELD: value}))
    assert not form.is_valid()
    assert form.non_field_errors().as_data()[0].code == "expired"
    renewed = form.data[TIMESTAMP_FIELD]
    assert renewed != value and abs(stamp_time(renewed) - time.time()) < 60
    # Sent again later with the renewed stamp, the form gets through.
    assert MessageForm(data(**{TIMESTAMP_FIELD: stamp(10)})).is_valid()


def test_posts_beyond_the_limit_are_refused_per_address(settings):
    settings.FORM_RATE_LIMIT = 2
    for _ in range(2):
        assert MessageForm(data(), request=post()).is_valid()
    refused = MessageForm(data(), request=post())
    assert not refused.is_valid() and refused.rate_limited
    assert refused.non_field_errors().as_data()[0].code == "rate_limited"
    assert 'value="Amira"' in str(refused["name"])
    assert MessageForm(data(), request=post("203.0.113.9")).is_valid()


def test_a_form_made_without_the_request_does_not_count():
    for _ in range(20):
        assert MessageForm(data()).is_valid()


def test_the_honeypot_is_out_of_reach_and_tells_people_to_leave_it_empty():
    with translation.override("en"):
        html = render_to_string("includes/spam_protection.html", {"form": MessageForm()})
    assert 'aria-hidden="true"' in html
    assert 'tabindex="-1"' in html and 'autocomplete="off"' in html
    assert "Leave this field empty" in html
    assert f'type="hidden" name="{TIMESTAMP_FIELD}"' in html
    assert HONEYPOT_FIELD not in [field.name for field in MessageForm().visible_fields()]


@pytest.mark.parametrize("language", ["de", "ar", "uk", "fa", "ru", "tr"])
def test_the_messages_are_in_the_visitors_language(language):
    with translation.override("en"):
        english = [str(message) for message in SpamProtectionMixin.messages.values()]
        english.append(str(MessageForm().honeypot.label))
    with translation.override(language):
        translated = [str(message) for message in SpamProtectionMixin.messages.values()]
        translated.append(str(MessageForm().honeypot.label))
    assert all(a != b for a, b in zip(english, translated, strict=True))
