"""Calendar feeds: every language's events, or those of a kind, topic, place or language, as
iCalendar that calendar apps subscribe to and read back right."""

from datetime import date, timedelta
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from events.listing import working_group_names
from events.models import EventDateChange, EventPage
from home.cache import content_changed

from .conftest import at

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
UTC = ZoneInfo("UTC")


def feed_url(index, **filters):
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    return index.url + "calendar/" + (f"?{query}" if query else "")


def fetch(client, index, **filters):
    response = client.get(feed_url(index, **filters))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def entries(calendar, uid=None):
    """The VEVENTs of ``calendar`` (of the entry ``uid`` only, if given)."""
    return [event for event in calendar.walk("VEVENT") if uid is None or event["UID"] == uid]


def uid_of(event):
    return f"{event.translation_key}@localhost"


def last_sunday(year, month):
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def weekly_across_both_changes(make_event, **fields):
    """A weekly meeting at 17:00 from early March to mid-November of next year."""
    year = timezone.localdate().year + 1
    first = date(year, 3, 2)
    first += timedelta(days=(1 - first.weekday()) % 7)  # a Tuesday
    return make_event(
        "AG Arbeit",
        start=at(first),
        end=at(first, "18:30"),
        repeat="weekly",
        repeat_until=date(year, 11, 15),
        **fields,
    )


def republish(event, **changes):
    """Publish a new revision of ``event`` with ``changes``, as the editor does."""
    page = event.get_latest_revision_as_object()
    date_changes = changes.pop("date_changes", None)
    for name, value in changes.items():
        setattr(page, name, value)
    if date_changes is not None:
        page.date_changes = [EventDateChange(**change) for change in date_changes]
    page.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def test_every_language_has_a_feed_with_its_events(client, indexes):
    assert len(indexes) == 7
    for code, index in indexes.items():
        calendar = fetch(client, index)
        assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
        assert str(calendar["X-WR-CALNAME"]).startswith(index.title)
        assert calendar["NAME"] == calendar["X-WR-CALNAME"]
        assert str(calendar["SOURCE"]) == f"http://testserver{index.url}calendar/"
        assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
        events = index.events().filter(start__gte=timezone.now() - timedelta(days=365))
        assert {uid_of(event) for event in events} == {e["UID"] for e in entries(calendar)}
        for component in entries(calendar):
            assert urlparse(str(component["URL"])).path.startswith(f"/{code}/")
            assert component["DTSTAMP"] and "SEQUENCE" in component


def test_a_weekly_series_keeps_its_local_time_across_both_daylight_saving_changes(
    client, indexes, make_event
):
    event = weekly_across_both_changes(make_event)
    year = event.start.year
    spring, autumn = last_sunday(year, 3), last_sunday(year, 10)
    series = entries(fetch(client, indexes["de"]), uid_of(event))
    assert len(series) == 1
    assert series[0]["RRULE"]["FREQ"] == ["WEEKLY"]
    assert series[0]["DTSTART"].params["TZID"] == "Europe/Berlin"

    calendar = fetch(client, indexes["de"])
    occurrences = [
        component
        for component in recurring_ical_events.of(calendar).between(
            date(year, 1, 1), date(year + 1, 1, 1)
        )
        if component["UID"] == uid_of(event)
    ]
    starts = sorted(component["DTSTART"].dt for component in occurrences)
    assert [start.date() for start in starts] == [date.start.date() for date in event.dates()]
    assert starts[0].date() < spring < autumn < starts[-1].date()
    for start in starts:
        assert (start.hour, start.minute) == (17, 0)
        summer = spring < start.date() < autumn
        assert start.utcoffset() == timedelta(hours=2 if summer else 1)
        assert start.astimezone(UTC).hour == (15 if summer else 16)


def test_the_uid_stays_across_edits_feeds_languages_and_the_download(client, indexes, make_event):
    event = make_event("Infoabend Arbeit")
    uid = uid_of(event)
    assert [e["UID"] for e in entries(fetch(client, indexes["de"]), uid)] == [uid]
    # the English version (an alias until translated) is the same calendar entry
    assert len(entries(fetch(client, indexes["en"]), uid)) == 1
    download = Calendar.from_ical(client.get(event.url + "calendar/").content)
    assert [e["UID"] for e in download.walk("VEVENT")] == [uid]
    later = timedelta(days=1)
    republish(
        event, title="Infoabend Arbeit und Beruf", start=event.start + later, end=event.end + later
    )
    (again,) = entries(fetch(client, indexes["de"]), uid)
    assert again["SUMMARY"] == "Infoabend Arbeit und Beruf"


def test_the_sequence_rises_with_a_published_change_of_when_or_where_only(
    client, indexes, make_event
):
    event = weekly_across_both_changes(make_event)
    uid = uid_of(event)

    def sequences(language="de"):
        return {int(e["SEQUENCE"]) for e in entries(fetch(client, indexes[language]), uid)}

    assert sequences() == {0}
    event = republish(event, teaser="Ein neuer Anriss.", title="AG Arbeit und Beruf")
    assert event.sequence == 0 and sequences() == {0}

    event = republish(event, end=event.end + timedelta(minutes=30))
    assert sequences() == {1}
    assert sequences("en") == {1}  # the alias follows

    cancelled = event.dates()[3].start.date()
    event = republish(event, date_changes=[{"date": cancelled, "cancelled": True}])
    assert event.sequence == 2 and sequences() == {2}

    event.save_revision()  # a draft, not published
    event = republish(event, street="Marktplatz 1")
    assert sequences() == {3}

    page = event.get_latest_revision_as_object()
    page.status = "cancelled"
    page.save_revision()  # a draft changes nothing yet
    assert EventPage.objects.get(pk=event.pk).sequence == 3 and sequences() == {3}
    page.get_latest_revision().publish()
    assert sequences() == {4}


def test_date_changes_are_counted_as_facts(make_event):
    event = weekly_across_both_changes(make_event)
    moved_from = event.dates()[2].start
    event = republish(
        event,
        date_changes=[{"date": moved_from.date(), "new_start": moved_from + timedelta(hours=1)}],
    )
    assert event.sequence == 1
    event = republish(event, teaser="Nur der Anriss ist neu.")
    assert event.sequence == 1


def test_a_cancelled_event_and_a_cancelled_date_say_so(client, indexes, make_event):
    called_off = make_event("Abgesagter Abend", status="cancelled")
    series = weekly_across_both_changes(make_event)
    dates = series.dates()
    cancelled, moved = dates[4].start, dates[6].start
    series = republish(
        series,
        date_changes=[
            {"date": cancelled.date(), "cancelled": True, "note": "Ferien"},
            {"date": moved.date(), "new_start": moved + timedelta(days=1)},
        ],
    )
    calendar = fetch(client, indexes["de"])

    (whole,) = entries(calendar, uid_of(called_off))
    assert whole["STATUS"] == "CANCELLED"
    assert whole["SUMMARY"] == "Abgesagt: Abgesagter Abend"

    main, *changed = entries(calendar, uid_of(series))
    assert main["STATUS"] == "CONFIRMED" and "RECURRENCE-ID" not in main
    by_date = {component["RECURRENCE-ID"].dt: component for component in changed}
    assert set(by_date) == {cancelled, moved}
    assert by_date[cancelled]["STATUS"] == "CANCELLED"
    assert by_date[cancelled]["SUMMARY"] == "Abgesagt: AG Arbeit"
    assert by_date[cancelled]["COMMENT"] == "Ferien"
    assert by_date[moved]["DTSTART"].dt == moved + timedelta(days=1)
    assert by_date[moved]["STATUS"] == "CONFIRMED"

    # a calendar program's expansion: every date once, the cancelled one marked
    year = series.start.year
    occurrences = {
        component["DTSTART"].dt: component
        for component in recurring_ical_events.of(calendar).between(
            date(year, 1, 1), date(year + 1, 1, 1)
        )
        if component["UID"] == uid_of(series)
    }
    assert len(occurrences) == len(dates)
    assert occurrences[cancelled]["STATUS"] == "CANCELLED"
    assert moved not in occurrences and moved + timedelta(days=1) in occurrences

    # the Ukrainian feed says it in Ukrainian, about the German text of the alias
    (ukrainian,) = entries(fetch(client, indexes["uk"]), uid_of(called_off))
    assert ukrainian["SUMMARY"] == "Скасовано: Abgesagter Abend"


def test_filtered_feeds_hold_only_their_events(client, indexes, make_event):
    course = make_event("Sprachcafé", kind="course_start", topics=("german-courses",))
    plenary = make_event("Plenum extra", kind="plenary", languages=("de", "uk"))
    index = indexes["de"]

    def uids(**filters):
        return {e["UID"] for e in entries(fetch(client, index, **filters))}

    everything = uids()
    by_kind = uids(kind="course_start")
    assert uid_of(course) in by_kind and uid_of(plenary) not in by_kind
    assert by_kind < everything
    by_topic = uids(topic="language-courses")  # German courses are a subtopic
    assert uid_of(course) in by_topic and uid_of(plenary) not in by_topic
    assert uids(kind="plenary", language="uk") == {uid_of(plenary)}
    assert uids(kind="course_start", topic="language-courses") == {uid_of(course)}

    calendar = fetch(client, index, kind="plenary", language="uk")
    assert calendar["X-WR-CALNAME"].endswith(": Plenum, Ukrainisch")
    english = fetch(client, indexes["en"], kind="plenary")
    assert english["X-WR-CALNAME"].endswith(": Plenary meeting")


def test_a_filtered_feed_has_the_events_the_filtered_listing_shows(client, indexes):
    index = indexes["de"]
    listing = client.get(index.url, {"topic": "language-courses"})
    listed = {uid_of(card["event"]) for card in listing.context["results"]}
    fed = {e["UID"] for e in entries(fetch(client, index, topic="language-courses"))}
    assert listed and listed <= fed


def test_a_feed_narrows_to_a_working_group_as_the_listing_does(client, indexes):
    index = indexes["uk"]
    groups = working_group_names(index)
    slug = next(slug for slug in groups if slug)
    listing = client.get(index.url, {"working_group": slug})
    listed = {uid_of(card["event"]) for card in listing.context["results"]}
    fed = {e["UID"] for e in entries(fetch(client, index, working_group=slug))}
    assert listed and listed <= fed
    assert fed < {e["UID"] for e in entries(fetch(client, index))}
    calendar = fetch(client, index, working_group=slug)
    assert calendar["X-WR-CALNAME"].endswith(f": {groups[slug]}")
    assert client.get(feed_url(index, working_group="no-such-group")).status_code == 404


@pytest.mark.parametrize(
    "filters", [{"kind": "picnic"}, {"topic": "no-such-topic"}, {"kind": "plenary", "place": "x"}]
)
def test_an_unknown_kind_or_topic_is_not_found(client, indexes, filters):
    response = client.get(feed_url(indexes["de"], **filters))
    assert response.status_code == 404


def test_events_long_over_leave_the_feed(client, indexes, make_event):
    old = make_event("Lange her", start=at(timezone.localdate() - timedelta(days=400)))
    recent = make_event("Neulich", start=at(timezone.localdate() - timedelta(days=30)))
    uids = {e["UID"] for e in entries(fetch(client, indexes["de"]))}
    assert uid_of(recent) in uids and uid_of(old) not in uids


def test_a_feed_costs_the_same_queries_for_more_events(client, indexes, make_event):
    index = indexes["ar"]  # the new events are aliases there

    def feed_queries():
        """The queries of the feed's first request after a publish."""
        content_changed()
        client.cookies["sessionid"] = "x"  # past the anonymous page cache
        with CaptureQueriesContext(connection) as queries:
            response = client.get(feed_url(index, topic="language-courses"))
        assert response.status_code == 200
        return len(queries), len(entries(Calendar.from_ical(response.content)))

    feed_queries()  # the site's root paths are read once
    before, shown = feed_queries()
    for number in range(4):
        make_event(
            f"Sprachtreff {number}",
            topics=("german-courses",),
            repeat="weekly",
            repeat_until=timezone.localdate() + timedelta(days=60),
            changes=[{"date": timezone.localdate() + timedelta(days=10), "cancelled": True}],
        )
    assert feed_queries() == (before, shown + 8)  # a series and its cancelled date each
    assert before <= 15


def test_a_feed_is_kept_in_the_page_cache_until_the_content_changes(client, indexes, make_event):
    index = indexes["de"]
    first = client.get(feed_url(index)).content
    with CaptureQueriesContext(connection) as queries:
        again = client.get(feed_url(index)).content
    assert len(queries) == 0 and again == first
    event = make_event("Ganz neu")
    assert uid_of(event) in {e["UID"] for e in entries(fetch(client, index))}


def test_the_index_offers_the_feeds_in_its_language(client, indexes):
    response = client.get(indexes["de"].url)
    text = response.content.decode()
    assert 'href="webcal://testserver/de/termine/calendar/"' in text
    assert 'href="/de/termine/calendar/" type="text/calendar"' in text
    assert 'href="http://testserver/de/termine/calendar/">' in text  # the head's link
    assert "Alle Termine abonnieren" in text
    assert "Termine dieser Filter abonnieren" not in text

    response = client.get(indexes["uk"].url, {"kind": "plenary", "topic": "language-courses"})
    text = response.content.decode()
    filtered = "webcal://testserver/uk/events/calendar/?kind=plenary&amp;topic=language-courses"
    assert f'href="{filtered}"' in text
    assert "Підписатися на всі події" in text
    assert (
        client.get(
            "/uk/events/calendar/", {"kind": "plenary", "topic": "language-courses"}
        ).status_code
        == 200
    )
