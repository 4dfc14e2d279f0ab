"""Registration for an event by the form on the site: places, the form, storing a registration
under the capacity, the confirmation mail with its cancellation link, and deleting old ones.

A registration counts against the capacity of the event in every language (the versions share
a translation key). Storing one locks the event's rows (``select_for_update``) inside a
transaction, so concurrent registrations on PostgreSQL wait for each other and never take more
places than there are; SQLite transactions take the database's write lock when they begin
(``transaction_mode`` IMMEDIATE in the settings), which serialises them as well.
"""

import logging
from datetime import timedelta
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core import signing, validators
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home.antispam import SpamProtectionMixin

from .models import EventPage, EventRegistration

logger = logging.getLogger(__name__)

CANCEL_SALT = "events.registration.cancel"
MAX_PEOPLE = 10  # people one registration may bring


class RegistrationClosed(Exception):
    """The event takes no more registrations (deadline passed, cancelled or no form)."""


class NotEnoughPlaces(Exception):
    """Fewer places are left than the registration asks for."""

    def __init__(self, left):
        super().__init__(left)
        self.left = left


def places_taken(event_key):
    return (
        EventRegistration.objects.filter(event_key=event_key).aggregate(taken=Sum("people"))[
            "taken"
        ]
        or 0
    )


def places_left(event):
    """The places still free at ``event`` in every language together; None without a limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - places_taken(event.translation_key), 0)


def only_places_left(count):
    return ngettext("Only %(count)d place is left.", "Only %(count)d places are left.", count) % {
        "count": count
    }


class RegistrationForm(SpamProtectionMixin, forms.ModelForm):
    """What a visitor fills in, checked against spam (home/antispam.py)."""

    class Meta:
        model = EventRegistration
        fields = ["name", "email", "people", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"note": _("Optional: what the organisers should know, e.g. interpreting.")}

    def __init__(self, *args, most_people=MAX_PEOPLE, **kwargs):
        super().__init__(*args, **kwargs)
        people = self.fields["people"]
        people.min_value = 1
        people.max_value = max(min(most_people, MAX_PEOPLE), 1)
        if people.max_value < MAX_PEOPLE:
            too_many = only_places_left(people.max_value)
        else:
            too_many = _("One registration is for at most %(limit_value)s people.")
        people.validators = [
            validators.MinValueValidator(people.min_value),
            validators.MaxValueValidator(people.max_value, message=too_many),
        ]
        people.widget.attrs.update({"min": people.min_value, "max": people.max_value})
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"


def save_registration(event, form):
    """Store the registration of the valid ``form`` for ``event`` and return it.

    Raises ``RegistrationClosed`` or ``NotEnoughPlaces``; then nothing is stored.
    """
    with transaction.atomic():
        versions = list(
            EventPage.objects.select_for_update(of=("self",))
            .filter(translation_key=event.translation_key)
            .order_by("pk")
            .only("pk", "registration", "registration_deadline", "capacity", "status", "start")
        )
        current = next((version for version in versions if version.pk == event.pk), None)
        if current is None or not current.registration_open():
            raise RegistrationClosed
        registration = form.save(commit=False)
        if current.capacity is not None:
            left = current.capacity - places_taken(event.translation_key)
            if registration.people > left:
                raise NotEnoughPlaces(max(left, 0))
        registration.event_key = event.translation_key
        registration.page = event
        registration.language = translation.get_language() or settings.LANGUAGE_CODE
        registration.save()
    return registration


def cancel_token(registration):
    return signing.dumps(str(registration.key), salt=CANCEL_SALT)


def registration_for_token(token, event):
    """The registration the signed ``token`` names, if it is one of ``event``'s; None if it is
    gone. Raises ``signing.BadSignature`` for a token that the site did not make."""
    key = signing.loads(token, salt=CANCEL_SALT)
    return (
        EventRegistration.objects.filter(key=key, event_key=event.translation_key)
        .select_related("page")
        .first()
    )


def send_confirmation(registration, event, request):
    """Mail the visitor a confirmation in the language they registered in; False if the mail
    could not be sent (the registration stays stored either way)."""
    event_url = event.get_full_url(request)
    cancel_url = (
        event_url
        + event.reverse_subpage("cancel_registration")
        + "?"
        + urlencode({"token": cancel_token(registration)})
    )
    dates = event.dates()
    coming = [date for date in dates if (date.end or date.start) >= timezone.now()]
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "event": event,
            "date": (coming or dates or [None])[0],
            "event_url": event_url,
            "cancel_url": cancel_url,
        }
        subject = render_to_string("events/email/registration_subject.txt", context)
        body = render_to_string("events/email/registration_confirmation.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, None, [registration.email])
    except Exception:
        logger.exception("The confirmation of registration %s could not be sent", registration.pk)
        return False
    return True


def last_moment(event):
    """When the event's last date ends."""
    dates = event.dates()
    if not dates:
        return event.end or event.start
    return max(date.end or date.start for date in dates)


def old_registrations(now=None, days=None):
    """The registrations kept longer than the retention period: those of events whose last date
    ended more than ``EVENT_REGISTRATION_RETENTION_DAYS`` ago, and those of deleted events."""
    now = now or timezone.now()
    days = settings.EVENT_REGISTRATION_RETENTION_DAYS if days is None else days
    keys = set(EventRegistration.objects.values_list("event_key", flat=True).distinct())
    events = {}
    for event in EventPage.objects.filter(translation_key__in=keys).order_by("pk"):
        events.setdefault(event.translation_key, event)
    expired = [
        key
        for key in keys
        if key not in events or last_moment(events[key]) + timedelta(days=days) < now
    ]
    return EventRegistration.objects.filter(event_key__in=expired)
