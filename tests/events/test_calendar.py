"""The "Add to calendar" file is valid iCalendar that calendar programs read back right."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar

from events.models import EventPage

from .conftest import at

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def download(client, event, **headers):
    response = client.get(event.url + "calendar/", **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    return Calendar.from_ical(response.content)


def test_a_series_keeps_its_local_time_across_dst_with_cancelled_and_moved_dates(
    client, make_event
):
    event = make_event(
        "AG Wohnen",
        start=at(date(2027, 2, 9)),
        end=at(date(2027, 2, 9), "18:30"),
        repeat="monthly",
        repeat_week_of_month=2,
        repeat_until=date(2027, 6, 30),
        changes=[
            {"date": date(2027, 4, 13), "cancelled": True},
            {"date": date(2027, 5, 11), "new_start": at(date(2027, 5, 12), "18:00")},
        ],
    )
    calendar = download(client, event)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    series, cancelled, moved = calendar.walk("VEVENT")
    assert series["RRULE"]["FREQ"] == ["MONTHLY"] and series["RRULE"]["BYDAY"] == ["2TU"]
    assert series["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert series["UID"] == cancelled["UID"] == moved["UID"]
    assert cancelled["RECURRENCE-ID"].dt == datetime(2027, 4, 13, 17, tzinfo=BERLIN)
    assert cancelled["STATUS"] == "CANCELLED"
    assert moved["RECURRENCE-ID"].dt == datetime(2027, 5, 11, 17, tzinfo=BERLIN)

    # a calendar program's expansion of the file gives the page's dates
    occurrences = recurring_ical_events.of(calendar).between(date(2027, 1, 1), date(2028, 1, 1))
    starts = sorted(component["DTSTART"].dt for component in occurrences)
    assert starts == [
        datetime(2027, 2, 9, 17, tzinfo=BERLIN),
        datetime(2027, 3, 9, 17, tzinfo=BERLIN),  # winter time, UTC+1
        datetime(2027, 4, 13, 17, tzinfo=BERLIN),  # cancelled; summer time, UTC+2
        datetime(2027, 5, 12, 18, tzinfo=BERLIN),  # moved
        datetime(2027, 6, 8, 17, tzinfo=BERLIN),
    ]
    assert starts[1].utcoffset() == timedelta(hours=1)
    assert starts[4].utcoffset() == timedelta(hours=2)
    assert starts[4].astimezone(ZoneInfo("UTC")).hour == 15
    by_start = {component["DTSTART"].dt: component for component in occurrences}
    assert by_start[starts[2]]["STATUS"] == "CANCELLED"
    assert by_start[starts[3]]["DTEND"].dt == datetime(2027, 5, 12, 19, 30, tzinfo=BERLIN)


def test_the_uid_is_stable_and_a_cancelled_event_says_so(client, make_event, indexes):
    event = make_event("Abgesagter Abend", status="cancelled")
    first = download(client, event).walk("VEVENT")[0]
    again = download(client, event).walk("VEVENT")[0]
    assert first["UID"] == again["UID"] == f"{event.translation_key}@localhost"
    assert first["STATUS"] == "CANCELLED"
    assert "EXDATE" not in first and "RRULE" not in first
    # the English version (an alias until translated) is the same calendar entry
    english = EventPage.objects.get(
        translation_key=event.translation_key, locale=indexes["en"].locale
    )
    assert download(client, english).walk("VEVENT")[0]["UID"] == first["UID"]


def test_an_all_day_event_spans_whole_days(client, make_event):
    event = make_event(
        "Fachtag",
        start=at(date(2027, 10, 30), "00:00"),
        end=at(date(2027, 10, 31), "23:59"),
        all_day=True,
    )
    component = download(client, event).walk("VEVENT")[0]
    assert component["DTSTART"].dt == date(2027, 10, 30)
    assert component["DTEND"].dt == date(2027, 11, 1)  # exclusive, across the change to winter


def test_the_demo_series_marks_its_cancelled_date(client):
    event = EventPage.objects.get(slug="ag-sprache", locale__language_code="de")
    cancelled = next(d for d in event.dates() if d.is_cancelled)
    series, changed = download(client, event).walk("VEVENT")
    assert "EXDATE" not in series
    assert changed["RECURRENCE-ID"].dt == changed["DTSTART"].dt == cancelled.start
    assert changed["STATUS"] == "CANCELLED"
    assert changed["SUMMARY"] == f"Abgesagt: {event.title}"
    assert changed["COMMENT"] == cancelled.note
