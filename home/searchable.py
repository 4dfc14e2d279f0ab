"""What the site search needs to know of a model: the interface its searchable models implement.

A model whose objects the site search finds subclasses ``Searchable`` and says

- which of its objects have a search document (``searchable_objects``),
- what the document of each one holds (``search_descriptions``: a ``SearchDescription``
  per object, written in the object's language),
- whose documents show something of it (``search_dependents``: an actor's name is in its
  offers' documents), so that these follow it,
- and, if its results show a date that moves on with time (an event's next date), which
  one on a given day (``search_dates``), read when results are shown, not when indexed.

The search app finds these models in Django's app registry, builds their documents and
keeps them current when an object is published, unpublished or deleted; it names no
content type. Pages implement the interface through ``SearchablePage``. Writes that send
no signals (bulk imports) announce the objects they wrote with ``objects_changed``.
"""

import datetime
import uuid
from dataclasses import dataclass

from django.db import models
from django.dispatch import Signal
from wagtail.models import Page, PageViewRestriction

from .localization import original_page_locales

# Sent after objects were written without save or publish signals (bulk writes), with the
# (model, ids) pairs of what was written: ``objects_changed.send(sender, changes=[...])``.
objects_changed = Signal()


@dataclass
class SearchDescription:
    """What the search shows and finds of one object in its language (``source``'s locale,
    with its translation key).

    Its words count by field: ``title`` most, then ``summary`` and ``text``. Facets are
    slugs (``topics`` with the topics above them, ``target_groups``, ``place``) and
    language codes (``languages`` spoken); ``kind`` is a kind of ``SearchDocument``.
    """

    source: models.Model
    kind: str
    title: str
    url: str
    is_original: bool
    summary: str = ""
    text: str = ""
    slug: str = ""
    provider: str = ""
    provider_key: uuid.UUID | None = None
    place: str = ""
    place_name: str = ""
    topics: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None


@dataclass(frozen=True)
class ResultDate:
    """The date a result shows: an event's next date, or its last one once it is over.

    ``date`` has ``start``, ``end``, ``all_day`` and ``status`` ("cancelled" for a
    cancelled date or event).
    """

    date: object
    is_past: bool
    is_series: bool

    @property
    def is_cancelled(self):
        return self.date.status == "cancelled"


class Searchable:
    """A model whose objects the site search finds (a mixin of the model)."""

    @classmethod
    def searchable_objects(cls):
        """The objects that may have a document, with what describing them needs loaded."""
        raise NotImplementedError

    @classmethod
    def search_descriptions(cls, objects):
        """The ``SearchDescription`` of each of ``objects`` (some of ``searchable_objects``)
        that has a document, in their order."""
        raise NotImplementedError

    @classmethod
    def search_dependents(cls, ids):
        """Querysets of other searchable objects whose documents show something of the
        objects with ``ids``: they are built anew with them."""
        return []

    @classmethod
    def search_dates(cls, ids, today):
        """The ``ResultDate`` that the results show on ``today`` for those of the objects
        with ``ids`` that have one, by id; in a fixed number of queries."""
        return {}


def joined(*parts):
    """The non-empty parts, one a line."""
    return "\n".join(str(part) for part in parts if part)


def restricted(pages):
    """The ids of those of ``pages`` (no aliases) that a view restriction keeps private: one
    of their own or of a page above them (of the page an alias above them shows), as
    ``Page.get_view_restrictions`` finds them; at most two queries for all."""
    restricted_ids = set(PageViewRestriction.objects.values_list("page_id", flat=True))
    if not restricted_ids:
        return set()
    paths = {
        page.path[:end]
        for page in pages
        for end in range(Page.steplen, len(page.path) + 1, Page.steplen)
    }
    private_paths = {
        path
        for path, pk, alias_of_id in Page.objects.filter(path__in=paths).values_list(
            "path", "pk", "alias_of_id"
        )
        if (alias_of_id or pk) in restricted_ids
    }
    return {
        page.pk
        for page in pages
        if any(
            page.path[:end] in private_paths
            for end in range(Page.steplen, len(page.path) + 1, Page.steplen)
        )
    }


class SearchablePage(Searchable):
    """A page the search finds: live, below the root, no alias (an alias shows the page it
    follows, whose document stands for it), and visible to anyone."""

    search_kind = "page"

    @classmethod
    def searchable_objects(cls):
        return cls.objects.live().filter(depth__gte=2, alias_of__isnull=True)

    @classmethod
    def search_descriptions(cls, pages):
        pages = list(pages)
        originals = original_page_locales({page.translation_key for page in pages})
        private = restricted(pages)
        return [
            page.describe_for_search(originals.get(page.translation_key) == page.locale_id)
            for page in pages
            if page.pk not in private
        ]

    def describe_for_search(self, is_original):
        """The page's ``SearchDescription``; ``is_original``: whether it is its original version."""
        return SearchDescription(
            source=self,
            kind=self.search_kind,
            title=self.title,
            summary=getattr(self, "intro", "") or self.search_description,
            text=self.search_text(),
            url=self.get_url() or "",
            is_original=is_original,
        )

    def search_text(self):
        """The words of a page besides its title: introduction or teaser, description, body."""
        parts = [getattr(self, "teaser", ""), getattr(self, "intro", ""), self.search_description]
        body = getattr(self, "body", None)
        if body is not None:
            parts += body.stream_block.get_searchable_content(body)
        return joined(*parts)
