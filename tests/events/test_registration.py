"""Visitors register for an event by form, get a confirmation mail in their language and cancel
through its link; places are counted in every language; organisers see the registrations in
the admin; old registrations are deleted."""

import csv
import io
import re
import smtplib
import threading
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from events.models import EventPage, EventRegistration
from events.registration import places_left
from home.antispam import HONEYPOT_FIELD
from home.cache import content_version
from tests.forms import as_sent_by_a_person

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("the mail server is down")


@pytest.fixture
def event(make_event):
    return make_event(
        "Fachtag mit Anmeldung",
        kind="conference",
        registration="form",
        capacity=5,
        registration_deadline=timezone.now() + timedelta(days=2),
    )


def in_language(event, code):
    """The version of ``event`` in the language ``code`` (a translation or an alias)."""
    locale = Locale.objects.get(language_code=code)
    version = event.get_translation_or_none(locale)
    if version is None:
        version = event.copy_for_translation(locale, alias=True)
    return version.specific


def register_url(event):
    return event.url + event.reverse_subpage("register")


def sign_up(client, event, **fields):
    data = {"name": "Olena Kovalenko", "email": "olena@example.org", "people": "1", "note": ""}
    return client.post(register_url(event), as_sent_by_a_person(data | fields))


def cancel_path(message):
    url = urlsplit(re.search(r"https?://\S+/register/cancel/\S+", message.body).group())
    return f"{url.path}?{url.query}"


def test_a_visitor_registers_gets_the_mail_in_her_language_and_cancels(client, event, mailoutbox):
    ukrainian = in_language(event, "uk")
    form = client.get(register_url(ukrainian))
    assert form.status_code == 200
    assert '<html lang="uk" dir="ltr">' in form.content.decode()
    assert "5 місць" in form.content.decode()  # places left, in Ukrainian

    response = sign_up(client, ukrainian, people="2", note="Потрібен перекладач")
    assert response.status_code == 302
    assert response["Location"].endswith("/register/thanks/")
    registration = EventRegistration.objects.get()
    assert (registration.language, registration.people) == ("uk", 2)
    assert registration.event_key == event.translation_key
    assert places_left(event) == 3

    [message] = mailoutbox
    assert message.to == ["olena@example.org"]
    assert "Ваша реєстрація" in message.subject
    assert "Olena Kovalenko" in message.body and "2" in message.body

    path = cancel_path(message)
    assert path.startswith(ukrainian.url)
    confirm = client.get(path)
    assert confirm.status_code == 200
    assert EventRegistration.objects.exists()  # looking at the link cancels nothing
    cancelled = client.post(path)
    assert cancelled.status_code == 200
    assert not EventRegistration.objects.exists()
    assert places_left(event) == 5
    assert client.get(path).status_code == 404  # the link of a cancelled registration


def test_the_form_keeps_what_the_visitor_typed_when_something_is_wrong(client, event):
    response = sign_up(client, event, email="olena-at-example.org", note="Wir kommen zu zweit")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'value="Olena Kovalenko"' in text
    assert "Wir kommen zu zweit" in text
    assert 'aria-invalid="true"' in text
    assert not EventRegistration.objects.exists()


def test_a_filled_in_honeypot_stores_nothing_and_keeps_what_the_visitor_typed(client, event):
    response = sign_up(client, event, note="Wir kommen zu zweit", **{HONEYPOT_FIELD: "spam"})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'value="Olena Kovalenko"' in text and "Wir kommen zu zweit" in text
    assert 'class="form-trap" aria-hidden="true"' in text
    assert not EventRegistration.objects.exists()


def test_too_many_registrations_from_one_address_get_429(client, event, settings):
    settings.FORM_RATE_LIMIT = 1
    assert sign_up(client, event).status_code == 302
    refused = sign_up(client, event, name="Zweite Anmeldung")
    assert refused.status_code == 429
    assert 'value="Zweite Anmeldung"' in refused.content.decode()
    assert EventRegistration.objects.count() == 1


def test_places_are_counted_in_every_language_and_a_full_event_takes_no_more(
    client, event, mailoutbox
):
    english = in_language(event, "en")
    assert sign_up(client, event, people="3").status_code == 302
    too_many = sign_up(client, english, people="3")
    assert too_many.status_code == 200
    assert "Only 2 places are left." in too_many.content.decode()
    assert sign_up(client, english, people="2").status_code == 302
    assert places_left(english) == places_left(event) == 0

    full = client.get(register_url(english))
    assert "All places are taken." in full.content.decode()
    assert "<form" not in full.content.decode().split("<main")[1]
    assert sign_up(client, event).status_code == 200
    assert EventRegistration.objects.count() == 2


def test_registration_closes_after_the_deadline_and_for_a_cancelled_event(client, make_event):
    late = make_event(
        "Zu spät",
        registration="form",
        registration_deadline=timezone.now() - timedelta(minutes=1),
    )
    cancelled = make_event("Abgesagt", registration="form", status="cancelled")
    for event in (late, cancelled):
        assert "Anmeldung ist geschlossen" in client.get(register_url(event)).content.decode()
        assert sign_up(client, event).status_code == 200
        assert "Anmeldung ist geschlossen" in client.get(event.url).content.decode()
    assert not EventRegistration.objects.exists()


def test_a_registration_is_kept_when_the_mail_cannot_be_sent(client, event, settings):
    settings.EMAIL_BACKEND = "tests.events.test_registration.FailingBackend"
    response = sign_up(client, event)
    assert response.status_code == 302 and response["Location"].endswith("?mail=failed")
    assert EventRegistration.objects.get().name == "Olena Kovalenko"
    thanks = client.get(response["Location"]).content.decode()
    assert "Bestätigungs-E-Mail" in thanks and "gespeichert" in thanks


def test_a_forged_or_foreign_cancellation_link_cancels_nothing(client, event, make_event):
    sign_up(client, event)
    registration = EventRegistration.objects.get()
    cancel = event.url + "register/cancel/"
    assert client.post(cancel).status_code == 400
    assert client.post(f"{cancel}?token=not-a-token").status_code == 400
    forged = signing.dumps(str(registration.key), salt="another-purpose")
    assert client.post(f"{cancel}?token={forged}").status_code == 400
    other = make_event("Anderer Termin", registration="form")
    token = signing.dumps(str(registration.key), salt="events.registration.cancel")
    assert client.post(f"{other.url}register/cancel/?token={token}").status_code == 404
    assert EventRegistration.objects.exists()


def test_the_event_page_leads_to_the_form_or_names_the_address(client, event, make_event):
    page = client.get(event.url).content.decode()
    assert f'href="{register_url(event)}"' in page
    by_mail = make_event(
        "Per E-Mail", registration="email", registration_email="anmeldung@example.org"
    )
    page = client.get(by_mail.url).content.decode()
    assert 'href="mailto:anmeldung@example.org"' in page
    assert client.get(register_url(by_mail)).status_code == 404


def test_registrations_are_never_cached_nor_shown_publicly(client, event, demo):
    form = client.get(register_url(event))
    assert "no-cache" in form["Cache-Control"] and "private" in form["Cache-Control"]
    sign_up(client, event, name="Zarathustra Unverwechselbar")
    public = [
        event.url,
        event.url + "register/",
        event.url + "register/thanks/",
        "/sitemap.xml",
        reverse("search") + "?q=Unverwechselbar",
    ]
    for url in public:
        response = client.get(url, follow=True)
        assert "Zarathustra" not in response.content.decode(), url


def test_a_registration_keeps_the_cached_pages(client, event):
    client.get(event.url)
    before = content_version()
    assert sign_up(client, event).status_code == 302
    assert content_version() == before
    assert EventRegistration.objects.count() == 1


def test_the_demo_conference_takes_registrations_in_every_language(indexes):
    conference = EventPage.objects.get(slug="fachtag-integration", locale__language_code="de")
    assert conference.registration == "form"
    assert conference.capacity == 80
    assert conference.registration_open()
    for version in EventPage.objects.filter(translation_key=conference.translation_key):
        assert (version.registration, version.capacity) == ("form", 80)
        assert version.registration_deadline == conference.registration_deadline


def test_the_register_page_costs_a_bounded_number_of_queries(
    client, event, django_assert_max_num_queries
):
    client.get(register_url(event))
    with django_assert_max_num_queries(25):
        assert client.get(register_url(event)).status_code == 200
    with django_assert_max_num_queries(35):
        assert sign_up(client, event).status_code == 302


# The admin


@pytest.fixture
def make_user(django_user_model):
    def make(group_name):
        user = django_user_model.objects.create_user(
            username=group_name.lower().replace(" ", ""), password="not-a-real-password"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def test_editors_see_the_registrations_of_an_event_and_export_them(
    client, event, make_event, make_user
):
    other = make_event("Anderer Fachtag", registration="form")
    sign_up(client, event, name="=HYPERLINK(1)", note="Rollstuhl")
    sign_up(client, other, name="Ahmad Karimi")
    client.force_login(make_user("Editors"))
    listing = reverse("event_registrations:index")

    response = client.get(listing, {"event_key": str(event.translation_key)})
    assert response.status_code == 200
    assert [r.name for r in response.context["object_list"]] == ["=HYPERLINK(1)"]

    export = client.get(listing, {"event_key": str(event.translation_key), "export": "csv"})
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0][:3] == ["Termin", "Name", "E-Mail"]
    assert rows[1][:5] == [
        "Fachtag mit Anmeldung",
        "'=HYPERLINK(1)",
        "olena@example.org",
        "1",
        "Rollstuhl",
    ]
    assert len(rows) == 2

    registration = EventRegistration.objects.get(name="Ahmad Karimi")
    add = reverse("event_registrations:add")
    edit = reverse("event_registrations:edit", args=[registration.pk])
    delete = reverse("event_registrations:delete", args=[registration.pk])
    assert client.get(add).status_code in (302, 403)
    assert client.get(edit).status_code in (302, 403)
    assert client.post(delete).status_code in (302, 403)
    assert EventRegistration.objects.filter(pk=registration.pk).exists()


def test_moderators_may_delete_a_registration(client, event, make_user):
    sign_up(client, event)
    registration = EventRegistration.objects.get()
    client.force_login(make_user("Moderators"))
    delete = reverse("event_registrations:delete", args=[registration.pk])
    assert client.post(delete).status_code == 302
    assert not EventRegistration.objects.exists()


def test_nobody_else_sees_the_registrations(client, event, make_user):
    sign_up(client, event)
    listing = reverse("event_registrations:index")
    inspect = reverse("event_registrations:inspect", args=[EventRegistration.objects.get().pk])
    for url in (listing, inspect, listing + "?export=csv"):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(make_user("Translators"))
    for url in (listing, inspect, listing + "?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"olena@example.org" not in response.content


# Deleting old registrations


def test_registrations_are_deleted_the_set_number_of_days_after_the_event(
    client, make_event, settings
):
    settings.EVENT_REGISTRATION_RETENTION_DAYS = 30
    now = timezone.now()
    open_until = {"registration": "form", "registration_deadline": now + timedelta(days=1)}
    old = make_event("Lange her", start=now - timedelta(days=40), **open_until)
    recent = make_event("Neulich", start=now - timedelta(days=20), **open_until)
    coming = make_event("Bald", **open_until)
    for event in (old, recent, coming):
        EventRegistration.objects.create(
            event_key=event.translation_key,
            page=event,
            name=event.title,
            email="a@example.org",
            language="de",
        )
    EventRegistration.objects.create(  # of an event deleted in every language
        event_key=uuid.uuid4(), name="Gelöscht", email="b@example.org", language="de"
    )

    call_command("delete_old_registrations", "--dry-run", stdout=io.StringIO())
    assert EventRegistration.objects.count() == 4
    out = io.StringIO()
    call_command("delete_old_registrations", stdout=out)
    assert "2" in out.getvalue()
    assert set(EventRegistration.objects.values_list("name", flat=True)) == {"Neulich", "Bald"}

    call_command("delete_old_registrations", "--days", "10", stdout=io.StringIO())
    assert set(EventRegistration.objects.values_list("name", flat=True)) == {"Bald"}


# Capacity under concurrent registrations


@pytest.fixture
def committed_event(indexes):
    """The demo conference with 5 places, committed so that other connections see it; the
    registrations made for it and its capacity are restored afterwards."""
    conference = EventPage.objects.get(slug="fachtag-integration", locale__language_code="de")

    def outside_the_test_transaction(work):
        thread = threading.Thread(target=lambda: (work(), connections.close_all()))
        thread.start()
        thread.join()

    versions = EventPage.objects.filter(translation_key=conference.translation_key)
    outside_the_test_transaction(lambda: versions.update(capacity=5))
    yield conference
    outside_the_test_transaction(
        lambda: (
            EventRegistration.objects.filter(event_key=conference.translation_key).delete(),
            versions.update(capacity=conference.capacity),
        )
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite serialises every write transaction itself",
)
def test_concurrent_registrations_never_take_more_places_than_there_are(committed_event, settings):
    visitors = 12
    settings.FORM_RATE_LIMIT = visitors  # all of them come from the test's one address
    start = threading.Barrier(visitors)
    statuses = []

    def register(number):
        client = Client()
        start.wait()
        try:
            response = sign_up(client, committed_event, name=f"Besucher {number}")
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(visitors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [200] * 7 + [302] * 5
    stored = EventRegistration.objects.filter(event_key=committed_event.translation_key)
    assert stored.count() == 5
