"""The dates of an event: its recurrence rule expanded, with the changes to single dates.

A series is described once by an RFC 5545 rule (``FREQ=MONTHLY;BYDAY=2TU;UNTIL=...``),
which python-dateutil expands here and the calendar download carries as it is. Dates
are expanded in the site's time zone, so a meeting at 17:00 stays at 17:00 across a
change to or from daylight saving time.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from dateutil.rrule import rrulestr
from django.utils import timezone

from directory.models import WEEKDAY_CODES


@dataclass(frozen=True)
class EventDate:
    """One date of an event, in the site's time zone.

    ``status`` is the event's, or "cancelled" or "rescheduled" for a single date that
    was changed; ``original_start`` is where a moved date was before.
    """

    event_id: int
    start: datetime
    end: datetime
    all_day: bool
    status: str
    original_start: datetime | None = None
    note: str = ""

    @property
    def is_cancelled(self):
        return self.status == "cancelled"

    @property
    def is_moved(self):
        return self.original_start is not None


def recurrence_rule(frequency, interval, week_of_month, until, start):
    """The RFC 5545 rule of a series starting at ``start`` (aware), or "" for a single date.

    ``frequency`` is "weekly" or "monthly"; a monthly series with a ``week_of_month``
    (1 to 4, or -1 for the last) falls on that weekday of the month, else on the same
    day of the month. The series ends with the day ``until`` (without it, there is none).
    """
    if not frequency or not until:
        return ""
    parts = [f"FREQ={frequency.upper()}"]
    if interval and interval > 1:
        parts.append(f"INTERVAL={interval}")
    local_start = timezone.localtime(start)
    if frequency == "monthly" and week_of_month:
        parts.append(f"BYDAY={week_of_month}{WEEKDAY_CODES[local_start.weekday()].upper()}")
    last_moment = timezone.make_aware(datetime.combine(until, time.max.replace(microsecond=0)))
    parts.append(f"UNTIL={last_moment.astimezone(UTC):%Y%m%dT%H%M%SZ}")
    return ";".join(parts)


def series_starts(rule, start):
    """The starts of the dates of ``rule`` from ``start`` (aware), in the site's time zone."""
    local_start = timezone.localtime(start)
    if not rule:
        return [local_start]
    # Expanded in wall-clock time: the site's zone is attached to every date.
    return list(rrulestr(rule, dtstart=local_start))


def series_days(rule, start):
    """The days of the dates of ``rule`` as the series has them (before any change)."""
    return {date_start.date() for date_start in series_starts(rule, start)}


def expand(event_id, rule, start, end, all_day, status, changes):
    """Every date of an event, sorted by start, with ``changes`` (date -> change) applied.

    Each date lasts as long as the first (in hours, as RFC 5545 has it), also when the clocks
    change during it.
    """
    duration = end.astimezone(UTC) - start.astimezone(UTC) if end else timedelta(0)

    def end_of(date_start):
        return timezone.localtime(date_start.astimezone(UTC) + duration)

    dates = []
    for date_start in series_starts(rule, start):
        change = changes.get(date_start.date())
        if change is None:
            dates.append(EventDate(event_id, date_start, end_of(date_start), all_day, status))
        elif change.cancelled:
            dates.append(
                EventDate(
                    event_id,
                    date_start,
                    end_of(date_start),
                    all_day,
                    "cancelled",
                    note=change.note,
                )
            )
        else:
            new_start = timezone.localtime(change.new_start)
            new_end = timezone.localtime(change.new_end) if change.new_end else end_of(new_start)
            dates.append(
                EventDate(
                    event_id,
                    new_start,
                    new_end,
                    all_day,
                    "rescheduled",
                    original_start=date_start,
                    note=change.note,
                )
            )
    return sorted(dates, key=lambda date: date.start)
