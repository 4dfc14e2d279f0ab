"""Load the demo network's events: the events index and a few events in every demo language."""

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta, weekday
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.models import Locale

from directory.models import Actor, Place, TargetGroup, Topic
from events.models import (
    EventDateChange,
    EventIndexPage,
    EventLanguage,
    EventOrganiser,
    EventPage,
    EventTargetGroup,
    EventTopic,
)
from home.demo.references import references_indexed_once
from home.demo.translate import page_in_every_language, translate
from home.languages import complete_language_trees

DEMO_DATA = Path(__file__).resolve().parents[2] / "demo" / "events.json"


def first_day(spec, today):
    """The first date of a demo event, relative to ``today`` so the demo never goes stale:
    ``days_from_today``, or the ``week_of_month``-th ``weekday`` of the month
    ``months_ago`` months back; or a fixed ``date`` for a past event that a dated blog post
    reports on."""
    if "date" in spec:
        return date.fromisoformat(spec["date"])
    if "days_from_today" in spec:
        return today + timedelta(days=spec["days_from_today"])
    nth = weekday(spec["weekday"], spec["week_of_month"])
    return today + relativedelta(months=-spec["months_ago"], day=1, weekday=nth)


def at(day, clock):
    return timezone.make_aware(datetime.combine(day, time.fromisoformat(clock)))


class Command(BaseCommand):
    help = (
        "Create the demo events (the events index, series and single events, translated with "
        "wagtail-localize) from events/demo/events.json, dated around today. Safe to run "
        "again: what exists is left as it is."
    )

    @references_indexed_once()
    def handle(self, **options):
        data = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        index = page_in_every_language(EventIndexPage, data["index"])
        created = sum(self.load_event(entry, index) for entry in data["events"])
        complete_language_trees()
        self.stdout.write(self.style.SUCCESS(f"Demo events ready: {created} new events."))

    def load_event(self, entry, index):
        """Create one event in the source language and translate it; False if it exists."""
        source_code = settings.LANGUAGE_CODE
        locale = self.locales[source_code]
        source = entry["translations"][source_code]
        if EventPage.objects.filter(slug=source["slug"], locale=locale).exists():
            return False
        today = timezone.localdate()
        day = first_day(entry["first_day"], today)
        event = EventPage(
            title=source["title"],
            slug=source["slug"],
            teaser=source["teaser"],
            kind=entry["kind"],
            start=at(day, entry["start"]),
            end=at(day, entry["end"]),
            all_day=entry.get("all_day", False),
            repeat=entry.get("repeat", ""),
            repeat_interval=entry.get("repeat_interval", 1),
            repeat_week_of_month=entry.get("repeat_week_of_month"),
            repeat_until=today + relativedelta(years=entry["repeat_years"])
            if entry.get("repeat")
            else None,
            attendance=entry.get("attendance", "in_person"),
            online_url=entry.get("online_url", ""),
            venue=source.get("venue", ""),
            street=entry["street"],
            postcode=entry["postcode"],
            place=Place.objects.get(slug=entry["place"], locale=locale),
            accessibility=source.get("accessibility", ""),
        )
        if registration := entry.get("registration"):
            event.registration = "form"
            event.registration_deadline = at(
                today + timedelta(days=registration["deadline_days_from_today"]),
                registration["deadline"],
            )
            event.capacity = registration["capacity"]
        event.organisers = [
            EventOrganiser(actor=Actor.objects.get(external_id=key, locale=locale))
            for key in entry["organisers"]
        ]
        event.topics = [
            EventTopic(topic=Topic.objects.get(slug=slug, locale=locale))
            for slug in entry["topics"]
        ]
        event.target_groups = [
            EventTargetGroup(target_group=TargetGroup.objects.get(slug=slug, locale=locale))
            for slug in entry["target_groups"]
        ]
        event.languages = [EventLanguage(language=code) for code in entry["languages"]]
        if entry.get("cancel_upcoming"):
            coming = [date for date in event.dates() if date.start.date() >= today]
            cancelled = coming[entry["cancel_upcoming"] - 1]
            event.date_changes = [
                EventDateChange(date=cancelled.start.date(), cancelled=True, note=source["note"])
            ]
        index.add_child(instance=event)
        event.save_revision().publish()
        for code, target in entry["translations"].items():
            if code != source_code and code in self.locales:
                where = f"event {entry['key']} in {code}"
                translate(event, self.locales[code], source, target, where)
        return True
