"""Protection of public forms against spam, without third-party services.

A form protected this way mixes in ``SpamProtectionMixin`` and is made with the request
that posts it::

    class RegistrationForm(SpamProtectionMixin, forms.Form):
        name = forms.CharField()

    form = RegistrationForm(request.POST or None, request=request)

and its template renders the two extra fields inside the ``<form>`` element::

    {% include "includes/spam_protection.html" %}

Three checks, each answered with the form as the visitor filled it in and a message in
their language (a non-field error):

- a honeypot field (``HONEYPOT_FIELD``) that people never see and that must stay empty;
- a signed timestamp (``TIMESTAMP_FIELD``) of when the form was shown: a submission sent
  sooner than ``FORM_MIN_SECONDS`` after it or later than ``FORM_MAX_AGE_HOURS`` is
  refused (an expired or broken stamp is renewed, so sending again works);
- a rate limit per client address (``REMOTE_ADDR``; behind a proxy, the proxy's): at most
  ``FORM_RATE_LIMIT`` posts of protected forms within ``FORM_RATE_WINDOW`` seconds, counted
  in Django's cache. ``form.rate_limited`` tells the view to answer 429.

Neither extra field ends up in ``cleaned_data``, so nothing of them is stored or mailed.
"""

import hashlib
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website_address"
TIMESTAMP_FIELD = "form_shown"
SALT = "home.antispam.timestamp"


def setting(name, default):
    return getattr(settings, name, default)


def new_timestamp():
    """A signed stamp of the current time."""
    return signing.Signer(salt=SALT).sign(str(int(time.time())))


def stamp_time(value):
    """The time in a stamp made by ``new_timestamp``; None if it is missing or forged."""
    try:
        return int(signing.Signer(salt=SALT).unsign(value or ""))
    except (signing.BadSignature, ValueError):
        return None


def client_address(request):
    return request.META.get("REMOTE_ADDR", "")


def count_post(request):
    """Count one post from the request's address; whether the address is over the limit."""
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"antispam:posts:{digest}"
    window = setting("FORM_RATE_WINDOW", 3600)
    cache.add(key, 0, timeout=window)  # the window starts with the first post
    try:
        posts = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, timeout=window)
        posts = 1
    return posts > setting("FORM_RATE_LIMIT", 10)


class HoneypotInput(forms.TextInput):
    """A text input that keyboards skip and browsers do not fill in."""

    def __init__(self):
        super().__init__(attrs={"tabindex": "-1", "autocomplete": "off"})


class SpamProtectionMixin:
    """Adds a honeypot, a timestamp check and a rate limit to a Django form (see above)."""

    messages = {
        "honeypot": _(
            "Your entries could not be sent because a field meant for automatic checks was "
            "filled in. Please send the form again."
        ),
        "too_fast": _(
            "The form was sent very quickly after it was opened. Please check your entries "
            "and send it again."
        ),
        "expired": _(
            "The form was open for too long, or it could not be checked. Please check your "
            "entries and send it again."
        ),
        "rate_limited": _(
            "Too many forms were sent from your connection. Please try again later; your "
            "entries are kept below."
        ),
    }

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.rate_limited = False
        if self.is_bound:
            self.data = self.data.copy()  # a mutable copy, so a stamp can be renewed
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=HoneypotInput(),
        )
        self.fields[TIMESTAMP_FIELD] = forms.CharField(
            required=False, initial=new_timestamp, widget=forms.HiddenInput()
        )

    def visible_fields(self):
        """The visitor's fields, without the two checks (rendered by their own template)."""
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    @property
    def timestamp(self):
        return self[TIMESTAMP_FIELD]

    def clean(self):
        cleaned = super().clean()
        honeypot = cleaned.pop(HONEYPOT_FIELD, "")
        shown = stamp_time(cleaned.pop(TIMESTAMP_FIELD, ""))
        if self.request is not None and count_post(self.request):
            self.rate_limited = True
            raise forms.ValidationError(self.messages["rate_limited"], code="rate_limited")
        if honeypot:
            self.data[HONEYPOT_FIELD] = ""
            raise forms.ValidationError(self.messages["honeypot"], code="honeypot")
        age = None if shown is None else time.time() - shown
        if age is None or age > setting("FORM_MAX_AGE_HOURS", 24) * 3600 or age < -60:
            self.data[TIMESTAMP_FIELD] = new_timestamp()
            raise forms.ValidationError(self.messages["expired"], code="expired")
        if age < setting("FORM_MIN_SECONDS", 3):
            raise forms.ValidationError(self.messages["too_fast"], code="too_fast")
        return cleaned
