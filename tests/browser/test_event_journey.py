"""A visitor reading in Ukrainian finds the next working-group meeting, adds it to her calendar,
registers for the network's conference, gets the confirmation mail and cancels through its link.

The working groups' monthly meetings are open without registration: registration is made for
an event as a whole, not for one date of a series, so the visitor registers for the demo's
conference (which takes registrations by form) in the same visit.

The live server runs in this process, so the mails it sends land in the test mail outbox
(Django's locmem backend, set up by pytest-django). The registration form is protected against
spam (home/antispam.py); the visitor takes her time before sending it, as people do.
"""

import re
from datetime import datetime
from urllib.parse import urlsplit

import recurring_ical_events
from icalendar import Calendar
from playwright.sync_api import expect

from .conftest import blocking_violations, describe

UKRAINIAN = "uk"
ARABIC = "ar"


def switch_language(page, code):
    page.locator(".language-switcher summary").click()
    page.locator(f".language-switcher a[hreflang='{code}']").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def check_accessibility(page, axe_source, code):
    expect(page.locator("html")).to_have_attribute("lang", code)
    blocking = blocking_violations(page, axe_source)
    assert not blocking, f"{page.url}:\n{describe(blocking)}"


def filter_events(page, legend, choice):
    """Choose ``choice`` under ``legend`` in the filters of the events index and apply them
    (the filters are folded away on narrow screens and stay open beside the list on wide ones)."""
    group = page.get_by_role("group", name=legend)
    if not group.is_visible():
        page.locator("summary").filter(has_text="Фільтрувати події").click()
    group.get_by_role("radio", name=re.compile(rf"^{re.escape(choice)} \(\d+\)$")).check()
    page.get_by_role("button", name="Показати події").click()


def places_left(page):
    facts = page.locator("main h1 + p").inner_text()
    return int(re.search(r"Залишилося (\d+) місц", facts).group(1))


def form_labels(code):
    """The labels of the registration form's fields in the language ``code``."""
    from django.utils import translation
    from django.utils.text import capfirst

    from events.models import EventRegistration

    with translation.override(code):
        return {
            name: str(capfirst(EventRegistration._meta.get_field(name).verbose_name))
            for name in ("name", "email", "people")
        }


def test_a_visitor_finds_a_working_group_meeting_in_ukrainian_registers_and_cancels(
    visitor, axe_source, mailoutbox, unique, django_db_blocker
):
    from django.conf import settings
    from django.utils import timezone
    from wagtail.models import Site

    page = visitor(locale="uk-UA")
    page.goto("/uk/")
    expect(page.locator("html")).to_have_attribute("lang", UKRAINIAN)

    page.locator(".next-events").get_by_role("link", name="Усі події").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Події")
    filter_events(page, "Вид події", "Зустріч робочої групи")
    expect(page).to_have_url(re.compile(r"[?&]kind=working_group(&|$)"))
    cards = page.locator("li.event-card")
    expect(cards.first).to_be_visible()
    for kind in cards.locator(".entry-card__meta .badge").all():
        expect(kind).to_have_text("Зустріч робочої групи")

    # Cancelled dates stay in the list, marked; the next meeting is the first that takes place.
    meeting = page.locator("li.event-card:not(.event-card--cancelled)").first
    start = datetime.fromisoformat(meeting.locator("time").first.get_attribute("datetime"))
    assert start > timezone.now()
    title = meeting.get_by_role("heading").inner_text()
    meeting.get_by_role("heading").get_by_role("link").click()

    expect(page.locator("html")).to_have_attribute("lang", UKRAINIAN)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    date = page.locator(".event-dates li").filter(
        has=page.locator(f"time[datetime='{start.isoformat()}']")
    )
    expect(date).to_have_count(1)
    expect(date).not_to_have_class(re.compile("event-dates__cancelled"))
    expect(page.get_by_role("link", name="Зареєструватися")).to_have_count(0)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Додати до календаря").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = Calendar.from_ical(download.path().read_bytes())
    held = [
        entry
        for entry in recurring_ical_events.of(calendar).at(start.date())
        if entry.get("status") != "CANCELLED"
    ]
    assert [(str(entry["summary"]), entry.start) for entry in held] == [(title, start)]

    page.locator(".facts").get_by_role("link", name=re.compile("Робоча група")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Робоча група"))
    check_accessibility(page, axe_source, UKRAINIAN)
    switch_language(page, ARABIC)
    check_accessibility(page, axe_source, ARABIC)
    switch_language(page, UKRAINIAN)

    page.locator(".main-menu").get_by_role("link", name="Події").click()
    filter_events(page, "Вид події", "Конференція")
    conference = page.locator("li.event-card:not(.event-card--cancelled)").first
    conference_title = conference.get_by_role("heading").inner_text()
    conference.get_by_role("heading").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(conference_title)
    page.get_by_role("link", name="Зареєструватися").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(f"Зареєструватися: {conference_title}")
    check_accessibility(page, axe_source, UKRAINIAN)
    register_url = page.url
    places = places_left(page)

    labels = form_labels(UKRAINIAN)
    address = f"olena-{unique}@example.org"
    page.get_by_label(labels["name"]).fill("Олена Коваленко")
    page.get_by_label(labels["email"]).fill(address)
    page.get_by_label(labels["people"]).fill("2")
    # She reads her entries over before sending: longer than the form's spam check asks.
    page.wait_for_timeout(settings.FORM_MIN_SECONDS * 1000)
    page.get_by_role("button", name="Зареєструватися").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Дякуємо за реєстрацію")

    [mail] = [message for message in mailoutbox if address in message.to]
    assert "Вітаємо, Олена Коваленко!" in mail.body
    assert conference_title in mail.subject + mail.body
    cancel_link = urlsplit(
        re.search(r"https?://\S+/register/cancel/\?token=\S+", mail.body).group()
    )
    assert cancel_link.path.startswith("/uk/")
    # The link names the site's address (its Wagtail site), not this test's live server.
    with django_db_blocker.unblock():
        assert (
            f"{cancel_link.scheme}://{cancel_link.netloc}"
            == Site.objects.get(is_default_site=True).root_url
        )

    page.goto(register_url)
    assert places_left(page) == places - 2

    page.goto(f"{cancel_link.path}?{cancel_link.query}")
    expect(page.locator("html")).to_have_attribute("lang", UKRAINIAN)
    expect(page.get_by_role("heading", level=1)).to_have_text("Скасувати реєстрацію")
    expect(page.locator("main")).to_contain_text("Олена Коваленко")
    page.get_by_role("button", name="Скасувати мою реєстрацію").click()
    expect(page.locator("main")).to_contain_text(
        f"Вашу реєстрацію на «{conference_title}» скасовано"
    )
    expect(page.get_by_role("button", name="Скасувати мою реєстрацію")).to_have_count(0)

    page.goto(register_url)
    assert places_left(page) == places

    page.get_by_role("link", name="Назад до заходу").click()
    switch_language(page, ARABIC)
    page.locator(".facts a[href$='/register/']").click()
    check_accessibility(page, axe_source, ARABIC)
