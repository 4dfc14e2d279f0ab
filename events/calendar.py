"""Events as iCalendar (RFC 5545): the "Add to calendar" file of one event and the calendar
feeds of an events index, made by one builder.

- UID: the event's translation key at the site's host name, the same for every language
  version, every download and every feed, and kept across edits: a calendar that gets an
  event again (from a feed or a second download) updates its entry instead of adding one.
- SEQUENCE: ``EventPage.sequence``, raised each time a change to the date, time, place or
  status is published, so a calendar knows the newer version of an entry.
- A series is one VEVENT with its RRULE. A single date that was cancelled or moved is a VEVENT
  of its own with the series' UID and a RECURRENCE-ID (where the series has that date):
  a cancelled date says STATUS:CANCELLED and "Cancelled:" before its summary, as Google
  Calendar and Thunderbird write cancelled dates. Calendars show such a date crossed out or
  marked (Apple Calendar, Thunderbird, khal) instead of letting it disappear without a word,
  as an EXDATE would; the summary tells the rest. A cancelled event is STATUS:CANCELLED
  as a whole, with the same word before its summary.
- Times carry the site's time zone (Europe/Berlin), described by a VTIMEZONE, so a series at
  17:00 stays at 17:00 across the changes to and from daylight saving time.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration, vRecur, vUri

PRODUCT_ID = "-//Integration network//Events//EN"
CALENDAR_STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}
# How often a subscribed calendar is asked to fetch a feed again.
REFRESH_INTERVAL = timedelta(hours=3)


@dataclass(frozen=True)
class CalendarEntry:
    """An event with what its calendar entries show: its dates (from ``event.dates()``), its
    address on the site and its place (the vocabulary term in the event's language, or None)."""

    event: object
    dates: list
    url: str
    place: object = None


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


def summary(title, status):
    """The title, with the word for a cancelled or postponed event or date before it."""
    if status == "cancelled":
        return _("Cancelled: %(title)s") % {"title": title}
    if status == "postponed":
        return _("Postponed: %(title)s") % {"title": title}
    return title


def base_component(entry, uid, status):
    event = entry.event
    stamp = event.last_published_at or timezone.now()
    component = Event()
    component.add("uid", uid)
    component.add("dtstamp", stamp)
    component.add("last-modified", stamp)
    component.add("sequence", event.sequence)
    component.add("summary", summary(event.title, status))
    component.add("description", f"{event.teaser}\n\n{entry.url}")
    component.add("url", entry.url)
    component.add("location", location_text(event, entry.place))
    component.add("categories", [str(event.get_kind_display())])
    component.add("status", CALENDAR_STATUS.get(status, "CONFIRMED"))
    return component


def dated_component(entry, uid, start, end, status, note=""):
    all_day = entry.event.all_day
    component = base_component(entry, uid, status)
    component.add("dtstart", ical_moment(start, all_day))
    component.add("dtend", ical_end(start, end, all_day))
    if note:
        component.add("comment", note)
    return component


def date_status(event, date):
    """A date's status: a cancelled event cancels all its dates."""
    return "cancelled" if event.status == "cancelled" else date.status


def event_components(entry, domain):
    """The VEVENTs of one event: the event, or a series and one for each changed date of it."""
    event = entry.event
    uid = event_uid(event, domain)
    if not event.rule:
        date = entry.dates[0]  # one date, as changed if it was
        status = date_status(event, date)
        return [dated_component(entry, uid, date.start, date.end, status, date.note)]
    start = timezone.localtime(event.start)
    end = timezone.localtime(event.end) if event.end else None
    series = dated_component(entry, uid, start, end, event.status)
    rule = vRecur.from_ical(event.rule)
    if event.all_day:
        rule["UNTIL"] = [event.repeat_until]
    series.add("rrule", rule)
    components = [series]
    for date in entry.dates:
        if date.is_moved or date.is_cancelled:
            changed = dated_component(
                entry, uid, date.start, date.end, date_status(event, date), date.note
            )
            recurrence_id = ical_moment(date.original_start or date.start, event.all_day)
            changed.add("recurrence-id", recurrence_id)
            components.append(changed)
    return components


def build_calendar(entries, domain, name="", description="", source=""):
    """The iCalendar text of ``entries`` (``CalendarEntry``), with the VTIMEZONE of the site's
    time zone; ``name``, ``description`` and ``source`` (the feed's address) are the feed's."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    if description:
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", description)
    if source:
        calendar.add("source", vUri(source), parameters={"VALUE": "URI"})
        calendar.add(
            "refresh-interval", vDuration(REFRESH_INTERVAL), parameters={"VALUE": "DURATION"}
        )
        calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    starts = []
    for entry in entries:
        for component in event_components(entry, domain):
            calendar.add_component(component)
        starts += [date.start for date in entry.dates]
    if starts:
        # The zone's rules from a year before the first date to a year after the last.
        calendar.add_missing_timezones(
            first_date=min(starts).date() - timedelta(days=366),
            last_date=max(starts).date() + timedelta(days=366),
        )
    return calendar.to_ical()
