"""The calendar feeds of an events index: its events, or those of one kind, topic, place or
spoken language, for calendar apps to subscribe to (the iCalendar text is ``calendar.py``'s).

A feed is the index's address with ``calendar/`` and takes the listing's filters by the same
names and values (``calendar/?kind=plenary&topic=sprache``), so the index can offer the feed
of what a visitor has chosen. A value the feed does not know is a 404: a mistyped
subscription fails at once instead of staying empty for ever.

Other apps add ways to narrow the feeds with ``register_feed_filter`` (from their
``AppConfig.ready``): a filter names its query parameter, the values it knows in a language
and how it narrows a queryset of ``EventPage``. The events index then offers it as soon as
its listing has a filter of that name.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.filters import topic_condition, vocabulary
from directory.models import LANGUAGE_CHOICES, Place, Topic
from home.cache import normalised_query

from .listing import group_names
from .models import EventKind, EventLanguage, EventPage, EventTopic

# How far back a feed reaches: events whose last date ended earlier are left out.
FEED_PAST_DAYS = 365


@dataclass(frozen=True)
class FeedFilter:
    """One way to narrow a feed: ``name`` is its query parameter, ``values(locale)`` gives the
    values it knows with their labels (value -> label), ``select(events, value)`` narrows a
    queryset of ``EventPage``."""

    name: str
    values: Callable
    select: Callable


FEED_FILTERS = {}


def register_feed_filter(feed_filter):
    """Make ``feed_filter`` narrow the calendar feeds (and the index offer it)."""
    FEED_FILTERS[feed_filter.name] = feed_filter
    return feed_filter


def labels(terms):
    return {slug: term.name for slug, term in terms.items()}


register_feed_filter(
    FeedFilter(
        "kind",
        lambda locale: dict(EventKind.choices),
        lambda events, kind: events.filter(kind=kind),
    )
)
register_feed_filter(
    FeedFilter(
        "topic",
        lambda locale: labels(vocabulary(Topic, locale)),
        # an event on German courses is on language too, as in the listing
        lambda events, slug: events.filter(
            Exists(EventTopic.objects.filter(topic_condition(slug), page=OuterRef("pk")))
        ),
    )
)
register_feed_filter(
    FeedFilter(
        "place",
        lambda locale: labels(vocabulary(Place, locale)),
        lambda events, slug: events.filter(place__slug=slug),
    )
)
register_feed_filter(
    FeedFilter(
        "language",
        lambda locale: dict(LANGUAGE_CHOICES),
        lambda events, code: events.filter(
            Exists(EventLanguage.objects.filter(language=code, page=OuterRef("pk")))
        ),
    )
)
register_feed_filter(
    FeedFilter(
        "working_group",
        lambda locale: group_names(EventPage.objects.live().filter(locale=locale), locale),
        lambda events, slug: events.filter(working_group__slug=slug),
    )
)


def chosen_filters(params, locale):
    """The feed filters that the query ``params`` choose, as name -> (value, label), in the
    order they were registered; Http404 for a value a filter does not know."""
    chosen = {}
    for name, feed_filter in FEED_FILTERS.items():
        value = (params.get(name) or "").strip()
        if not value:
            continue
        known = feed_filter.values(locale)
        if value not in known:
            raise Http404(_("There is no calendar for “%(value)s”.") % {"value": value[:100]})
        chosen[name] = (value, str(known[value]))
    return chosen


def feed_query(filters):
    """The query string of a feed narrowed by ``filters`` (name -> value); names that no feed
    filter has are left out."""
    return normalised_query(
        (name, value) for name, value in filters.items() if name in FEED_FILTERS
    )


def feed_events(index, chosen, now=None):
    """The live public events below ``index`` that ``chosen`` admit and that have a date in
    the last ``FEED_PAST_DAYS`` days or later, with what their calendar entries show."""
    since = (now or timezone.now()) - timedelta(days=FEED_PAST_DAYS)
    events = index.events().filter(
        Q(start__gte=since) | Q(end__gte=since) | Q(repeat_until__gte=since.date())
    )
    for name, (value, _label) in chosen.items():
        events = FEED_FILTERS[name].select(events, value)
    return (
        events.select_related("place", "locale")
        .prefetch_related("date_changes")
        .order_by("start", "pk")
    )
