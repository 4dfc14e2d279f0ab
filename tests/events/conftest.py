"""Events fixtures: the demo's events index pages and a maker of events; the blog's, for
the reports on events."""

import itertools
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from tests.blog.conftest import author, blog, make_post  # noqa: F401 (fixtures)

COUNTER = itertools.count()


@pytest.fixture
def indexes(db):
    """The demo's events index page of each language, by language code."""
    from events.models import EventIndexPage

    return {index.locale.language_code: index for index in EventIndexPage.objects.live()}


def at(day, clock="17:00"):
    """An aware moment in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.fromisoformat(clock)))


@pytest.fixture
def make_event(indexes):
    """Publish an event below the German events index and return it.

    ``changes`` are ``EventDateChange`` keyword dictionaries; ``topics``, ``places`` and
    ``languages`` slugs and codes of the directory's vocabulary.
    """
    from directory.models import Place, Topic
    from events.models import EventDateChange, EventLanguage, EventPage, EventTopic

    def make(title="Testtermin", start=None, topics=(), languages=("de",), place=None, **fields):
        index = indexes["de"]
        locale = index.locale
        changes = fields.pop("changes", [])
        start = start or at(timezone.localdate() + timedelta(days=3))
        event = EventPage(
            title=title,
            slug=f"testtermin-{next(COUNTER)}",
            teaser=fields.pop("teaser", "Ein kurzer Anriss."),
            kind=fields.pop("kind", "other"),
            start=start,
            end=fields.pop("end", start + timedelta(hours=2)),
            place=Place.objects.get(slug=place, locale=locale) if place else None,
            **fields,
        )
        event.topics = [EventTopic(topic=Topic.objects.get(slug=s, locale=locale)) for s in topics]
        event.languages = [EventLanguage(language=code) for code in languages]
        event.date_changes = [EventDateChange(**change) for change in changes]
        index.add_child(instance=event)
        event.save_revision().publish()
        event.refresh_from_db()
        return event

    return make
