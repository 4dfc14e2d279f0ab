"""A series is written once and shows each date; single dates are cancelled or moved."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from events.models import EventDateChange, EventPage

from .conftest import at

pytestmark = pytest.mark.django_db


def series(**fields):
    """An unsaved monthly series: the second Tuesday of each month from March 2027, 17:00."""
    values = {
        "title": "AG",
        "teaser": "Treffen",
        "kind": "working_group",
        "start": at(date(2027, 3, 9)),
        "end": at(date(2027, 3, 9), "18:30"),
        "repeat": "monthly",
        "repeat_week_of_month": 2,
        "repeat_until": date(2027, 12, 31),
    } | fields
    return EventPage(**values)


def test_a_monthly_series_falls_on_the_weekday_and_keeps_its_time_across_dst():
    dates = series().dates()
    days = [d.start.date() for d in dates]
    assert days == [
        date(2027, 3, 9),
        date(2027, 4, 13),
        date(2027, 5, 11),
        date(2027, 6, 8),
        date(2027, 7, 13),
        date(2027, 8, 10),
        date(2027, 9, 14),
        date(2027, 10, 12),
        date(2027, 11, 9),
        date(2027, 12, 14),
    ]
    # 17:00 in Berlin before (CET, UTC+1) and after (CEST, UTC+2) the change on 28 March
    assert {(d.start.hour, d.start.minute) for d in dates} == {(17, 0)}
    assert dates[0].start.utcoffset() == timedelta(hours=1)
    assert dates[1].start.utcoffset() == timedelta(hours=2)
    assert all(d.end - d.start == timedelta(minutes=90) for d in dates)
    assert series().rule == "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20271231T225959Z"


def test_weekly_every_second_week_and_monthly_on_the_same_day():
    fortnightly = series(repeat="weekly", repeat_interval=2, repeat_week_of_month=None)
    days = [d.start.date() for d in fortnightly.dates()][:3]
    assert days == [date(2027, 3, 9), date(2027, 3, 23), date(2027, 4, 6)]
    same_day = series(repeat_week_of_month=None, repeat_until=date(2027, 5, 31))
    assert [d.start.day for d in same_day.dates()] == [9, 9, 9]
    single = series(repeat="", repeat_until=None)
    assert len(single.dates()) == 1 and single.rule == ""


def test_one_date_is_cancelled_and_another_moved_without_touching_the_others():
    event = series()
    event.date_changes = [
        EventDateChange(date=date(2027, 4, 13), cancelled=True, note="Ferien"),
        EventDateChange(
            date=date(2027, 5, 11),
            new_start=at(date(2027, 5, 12), "18:00"),
            note="Raum 2",
        ),
    ]
    dates = event.dates()
    assert len(dates) == 10
    april = dates[1]
    assert april.start.date() == date(2027, 4, 13)
    assert april.is_cancelled and april.note == "Ferien"
    may = dates[2]
    assert may.start == at(date(2027, 5, 12), "18:00")
    assert may.end == at(date(2027, 5, 12), "19:30")  # the series' duration
    assert may.is_moved and may.original_start == at(date(2027, 5, 11))
    assert may.status == "rescheduled"
    untouched = [d for d in dates if d not in (april, may)]
    assert all(d.status == "scheduled" and d.start.hour == 17 for d in untouched)


def test_a_change_must_name_a_date_of_the_series_and_say_what_changes():
    event = series()
    event.date_changes = [EventDateChange(date=date(2027, 4, 14), cancelled=True)]
    with translation.override("en"):
        with pytest.raises(ValidationError, match="April 14, 2027 is not a date of this event"):
            event.clean()
        with pytest.raises(ValidationError, match="Either cancel the date"):
            EventDateChange(date=date(2027, 4, 13)).clean()


def test_a_series_needs_an_end_and_an_online_event_its_address():
    with pytest.raises(ValidationError) as error:
        series(repeat_until=None).clean()
    assert "repeat_until" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        series(attendance="online").clean()
    assert "online_url" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        series(end=at(date(2027, 3, 9), "16:00")).clean()
    assert "end" in error.value.message_dict


def test_a_cancelled_event_cancels_every_date(make_event):
    event = make_event(status="cancelled")
    assert [d.status for d in event.dates()] == ["cancelled"]
    assert timezone.localtime(event.start).hour == 17


def test_a_date_across_the_change_of_the_clocks_ends_when_its_editor_said():
    # the clocks go back an hour in the night to 31 October 2027
    (only,) = series(
        start=at(date(2027, 10, 30), "20:00"),
        end=at(date(2027, 10, 31), "10:00"),
        repeat="",
        repeat_week_of_month=None,
        repeat_until=None,
    ).dates()
    assert only.end == at(date(2027, 10, 31), "10:00")
    assert (only.end.hour, only.end.utcoffset()) == (10, timedelta(hours=1))
