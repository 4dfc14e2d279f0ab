"""An event as an iCalendar file (RFC 5545) for visitors' calendars.

A series is one VEVENT with its recurrence rule; cancelled dates are left out with
EXDATE, moved dates are their own VEVENT with the series' UID and a RECURRENCE-ID.
Times carry the site's time zone, described by a VTIMEZONE. The UID is the event's
translation key, the same for every language version and every download.
"""

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

PRODUCT_ID = "-//Integration network//Events//EN"
CALENDAR_STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def event_uid(event, domain):
    return f"{event.translation_key}@{domain}"


def ical_moment(value, all_day):
    return value.date() if all_day else value


def ical_end(start, end, all_day):
    """The end of a date; an all-day date ends (exclusively) the day after its last day."""
    end = end or start
    return end.date() + timedelta(days=1) if all_day else end


def location_text(event, place):
    if not event.is_in_person:
        return "Online"
    parts = [event.venue, event.street, f"{event.postcode} {place.name if place else ''}".strip()]
    return ", ".join(part for part in parts if part)


def base_component(event, uid, url, place, stamp):
    component = Event()
    component.add("uid", uid)
    component.add("dtstamp", stamp)
    component.add("summary", event.title)
    component.add("description", f"{event.teaser}\n\n{url}")
    component.add("url", url)
    component.add("location", location_text(event, place))
    component.add("status", CALENDAR_STATUS.get(event.status, "CONFIRMED"))
    return component


def event_calendar(event, dates, domain, url, place):
    """The iCalendar text of ``event`` with its ``dates`` (from ``event.dates()``)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    stamp = event.last_published_at or timezone.now()
    uid = event_uid(event, domain)
    all_day = event.all_day
    first = timezone.localtime(event.start)
    main = base_component(event, uid, url, place, stamp)
    main.add("dtstart", ical_moment(first, all_day))
    last = timezone.localtime(event.end) if event.end else None
    main.add("dtend", ical_end(first, last, all_day))
    if event.rule:
        rule = vRecur.from_ical(event.rule)
        if all_day:
            rule["UNTIL"] = [event.repeat_until]
        main.add("rrule", rule)
        cancelled = [
            ical_moment(d.start, all_day)
            for d in dates
            if d.is_cancelled and event.status != "cancelled"
        ]
        if cancelled:
            main.add("exdate", cancelled)
    calendar.add_component(main)
    for date in dates:
        if date.is_moved:
            moved = base_component(event, uid, url, place, stamp)
            moved.add("recurrence-id", ical_moment(date.original_start, all_day))
            moved.add("dtstart", ical_moment(date.start, all_day))
            moved.add("dtend", ical_end(date.start, date.end, all_day))
            if date.note:
                moved.add("comment", date.note)
            calendar.add_component(moved)
    # The zone's rules from a year before the first date to a year after the last.
    calendar.add_missing_timezones(
        first_date=dates[0].start.date() - timedelta(days=366),
        last_date=dates[-1].start.date() + timedelta(days=366),
    )
    return calendar.to_ical()
