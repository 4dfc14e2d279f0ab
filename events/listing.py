"""The dates the events index lists: filtering, facet counts and the archive by year.

The facts of an index's events (kind, place, topics, languages and their expanded
dates) are read in a fixed number of queries and kept in the cache until the content
changes; filtering, counting and splitting into upcoming and past dates happen on
them, so a listing costs the same number of queries for any number of events.
Filter values are slugs and codes, the same in every language (a working group's is the
slug of the page that events name, which translations of an event share).
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils import timezone

from directory.filters import FacetValue, read_known_values, vocabulary
from directory.models import LANGUAGE_CHOICES, Place, Topic
from home.cache import content_version, per_content_version
from home.routing import public

from .models import EventIndexPage, EventKind, EventPage, EventTopic


@dataclass(frozen=True)
class ListedEvent:
    """What the index needs to know of an event to filter and count it."""

    pk: int
    kind: str
    place: str
    topics: frozenset
    languages: frozenset
    dates: tuple
    working_group: str = ""


@dataclass
class EventFilters:
    """The visitor's choices, read from the query string."""

    kind: str = ""
    topic: str = ""
    place: str = ""
    language: str = ""
    working_group: str = ""
    errors: list = field(default_factory=list)

    FIELDS = ["kind", "topic", "place", "language", "working_group"]

    def as_query(self):
        return {name: getattr(self, name) for name in self.FIELDS if getattr(self, name)}

    def admits(self, event, skip=None):
        """Whether ``event`` matches every filter but the one named ``skip``."""
        checks = {
            "kind": lambda value: event.kind == value,
            "topic": lambda value: value in event.topics,
            "place": lambda value: event.place == value,
            "language": lambda value: value in event.languages,
            "working_group": lambda value: event.working_group == value,
        }
        return all(
            check(getattr(self, name))
            for name, check in checks.items()
            if name != skip and getattr(self, name)
        )


def parse_filters(params, locale, working_groups=None):
    """Read the filters from a query dict; unknown values are dropped with a message.
    ``working_groups``: the known groups (``working_group_names``), if the filter applies."""
    filters = EventFilters()
    known = {
        "kind": dict(EventKind.choices),
        "topic": vocabulary(Topic, locale),
        "place": vocabulary(Place, locale),
        "language": dict(LANGUAGE_CHOICES),
    }
    if working_groups is not None:
        known["working_group"] = working_groups
    read_known_values(filters, params, known)
    return filters


def load_events(index):
    """The facts of the live events below ``index``, in five queries."""
    topics = EventTopic.objects.select_related("topic__parent")
    events = (
        index.events()
        .select_related("place", "working_group")
        .prefetch_related(Prefetch("topics", queryset=topics), "languages", "date_changes")
    )
    listed = []
    for event in events:
        slugs = set()
        for row in event.topics.all():
            slugs.add(row.topic.slug)
            if row.topic.parent_id:
                slugs.add(row.topic.parent.slug)  # an event on German courses is on language
        listed.append(
            ListedEvent(
                pk=event.pk,
                kind=event.kind,
                place=event.place.slug if event.place_id else "",
                topics=frozenset(slugs),
                languages=frozenset(row.language for row in event.languages.all()),
                dates=tuple(event.dates()),
                working_group=event.working_group.slug if event.working_group_id else "",
            )
        )
    return listed


def index_events(index):
    """``load_events``, kept in the cache until the content changes."""
    key = f"events:listed:{content_version()}:{index.pk}"
    return cache.get_or_set(key, lambda: load_events(index), timeout=3600)


def group_names(events, locale):
    """Slug -> name of the working groups that ``events`` name, in ``locale`` where
    translated; two queries."""
    model = EventPage._meta.get_field("working_group").related_model
    named = events.filter(working_group__isnull=False).values("working_group")
    groups = list(model.objects.filter(pk__in=named).only("slug", "title", "translation_key"))
    titles = dict(
        model.objects.live()
        .filter(locale=locale, translation_key__in=[g.translation_key for g in groups])
        .values_list("translation_key", "title")
    )
    return {group.slug: titles.get(group.translation_key, group.title) for group in groups}


def working_group_names(index):
    """``group_names`` of the events below ``index``, kept in the cache until the content
    changes."""
    key = f"events:working-groups:{content_version()}:{index.pk}"
    return cache.get_or_set(key, lambda: group_names(index.events(), index.locale), timeout=3600)


def is_past(date, today):
    return timezone.localdate(date.end or date.start) < today


def upcoming(events, filters, today=None):
    """The dates from ``today`` on of the events that match ``filters``, soonest first."""
    today = today or timezone.localdate()
    dates = [
        date
        for event in events
        if filters.admits(event)
        for date in event.dates
        if not is_past(date, today)
    ]
    return sorted(dates, key=lambda date: (date.start, date.event_id))


def past(events, filters, year, today=None):
    """The dates of ``year`` before ``today`` of the matching events, latest first."""
    today = today or timezone.localdate()
    dates = [
        date
        for event in events
        if filters.admits(event)
        for date in event.dates
        if date.start.year == year and is_past(date, today)
    ]
    return sorted(dates, key=lambda date: (date.start, date.event_id), reverse=True)


def archive_years(events, today=None):
    """The years with past dates, latest first."""
    today = today or timezone.localdate()
    return sorted(
        {date.start.year for event in events for date in event.dates if is_past(date, today)},
        reverse=True,
    )


def facets(events, filters, locale, today=None, working_groups=None):
    """For each filter, its values with the number of events with upcoming dates it would
    show (counting each event once, however many dates it has); the working groups'
    (``working_group_names``) when given."""
    today = today or timezone.localdate()
    current = [event for event in events if any(not is_past(date, today) for date in event.dates)]

    def count(name, values_of):
        found = {}
        for event in current:
            if filters.admits(event, skip=name):
                for value in values_of(event):
                    found[value] = found.get(value, 0) + 1
        return found

    def facet(name, labels, values_of):
        found = count(name, values_of)
        return [
            FacetValue(value, label, found.get(value, 0), getattr(filters, name) == value)
            for value, label in sorted(labels.items(), key=lambda item: str(item[1]))
        ]

    found = {
        "kind": facet(
            "kind",
            {code: str(label) for code, label in EventKind.choices},
            lambda event: [event.kind],
        ),
        "topic": facet(
            "topic",
            {slug: term.name for slug, term in vocabulary(Topic, locale).items()},
            lambda event: event.topics,
        ),
        "place": facet(
            "place",
            {slug: term.name for slug, term in vocabulary(Place, locale).items()},
            lambda event: [event.place] if event.place else [],
        ),
        "language": facet(
            "language",
            {code: str(label) for code, label in LANGUAGE_CHOICES},
            lambda event: event.languages,
        ),
    }
    if working_groups:
        found["working_group"] = facet(
            "working_group", working_groups, lambda event: [event.working_group]
        )
    return found


@per_content_version
def events_index(locale_id):
    """The live events index of a language that anyone may see, or None; kept until the
    content changes."""
    return public(EventIndexPage.objects.live()).filter(locale_id=locale_id).first()
