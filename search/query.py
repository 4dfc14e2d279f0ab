"""The site search: query limits, the visitor's scope, cached matches, facets and suggestions.

All public pages, posts, events, actors and offers are searched together and ranked
together. A query matches every language version of every object, and each
object is shown once, as the visitor's language shows it: its version in that
language, else its original (see ``engine.py``). Every result leads to the
visitor's language version (``addresses.py``).
"""

import hashlib
import operator
import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from itertools import chain
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from directory.filters import vocabulary
from directory.models import Topic
from home.cache import content_version, versions
from home.searchable import Searchable

from .addresses import link_documents, served_tree
from .engine import Language, Scope, engine
from .models import (
    INDEX_VERSION_KEY,
    HiddenSearch,
    Promotion,
    QueryStatistic,
    SearchDocument,
    index_version,
    picked_queries,
    query_key,
)
from .synonyms import VERSION_KEY as SYNONYMS_VERSION_KEY
from .text import stems

MAX_QUERY_LENGTH = 200
MAX_MATCHES = 2000
SUGGESTIONS = 8
MIN_VISITORS = 3  # distinct visitors before a query may be shown as often searched
POPULAR_CANDIDATES = 200
WEB_ADDRESS = re.compile(r"https?:|www\.|\b(?:https?|www)\b|\w\.[a-z]{2,}\b", re.IGNORECASE)
EMAIL_ADDRESS = re.compile(r"[^\s@]+@[^\s@]+")
LONG_NUMBER = re.compile(r"\d(?:[\s./-]?\d){5,}")  # six digits or more: phones, accounts
FACETS = {
    "type": "kind",
    "topic": "topics",
    "place": "place",
    "language": "languages",
    "target_group": "target_groups",
}
FACET_POSITIONS = {facet: position for position, facet in enumerate(FACETS)}


def clean_query(raw):
    """Return the query as the search should see it: trimmed, no control characters, bounded."""
    printable = "".join(char if char.isprintable() else " " for char in raw or "")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


@dataclass
class SearchResults:
    results: object  # a paginator page of SearchDocument
    facets: dict  # facet name -> {value: count}
    chosen: dict  # facet name -> chosen value
    corrected: bool = False


class Found(NamedTuple):
    """The ranked matches of a query in the form they are cached in: the documents' ids,
    best first, with each one's facet values (a tuple of the values of each of ``FACETS``,
    in order), whether only corrected words matched, and the facet counts with nothing
    chosen (``facet_counts``), which most searches show. Plain tuples of shared strings
    keep the cached value small and quick to read."""

    ids: tuple
    facet_values: tuple
    corrected: bool = False
    counts: dict | None = None


FACET_ATTRIBUTES = operator.attrgetter(*FACETS.values())


def found_of(matches, corrected):
    """The ``Found`` of the engine's matches."""
    shared = {}  # each tuple of values once, a single value as a tuple of one

    def values(value):
        known = shared.get(value)
        if known is None:
            known = shared[value] = value if isinstance(value, tuple) else (value,)
        return known

    facet_values = tuple(tuple(map(values, FACET_ATTRIBUTES(match))) for match in matches)
    found = Found(tuple(match.id for match in matches), facet_values, corrected)
    return found._replace(counts=facet_counts(found, {}))


def misses(values, wanted):
    """The positions of the ``wanted`` (position, value) pairs that the facet ``values`` of a
    match lack."""
    return [position for position, value in wanted if value not in values[position]]


def chosen_positions(chosen):
    return [(FACET_POSITIONS[facet], value) for facet, value in chosen.items() if value]


def narrowed(found, chosen):
    """The ids of the matches that have every chosen value."""
    wanted = chosen_positions(chosen)
    if not wanted:
        return list(found.ids)
    return [
        pk
        for pk, values in zip(found.ids, found.facet_values, strict=True)
        if not misses(values, wanted)
    ]


def facet_counts(found, chosen):
    """For each facet, the number of results each value would give with the other choices:
    a match that has every chosen value counts for each facet, one that lacks a single
    facet's chosen value counts for that facet only."""
    if not chosen and found.counts is not None:
        return found.counts
    wanted = chosen_positions(chosen)
    if wanted:
        counted = [[] for _facet in FACETS]  # per facet position, the values of what counts
        for values in found.facet_values:
            missed = misses(values, wanted)
            if not missed:
                for position, facet_values in enumerate(values):
                    counted[position].append(facet_values)
            elif len(missed) == 1:
                counted[missed[0]].append(values[missed[0]])
    else:  # every match counts for every facet
        counted = list(zip(*found.facet_values, strict=True)) or [() for _facet in FACETS]
    return {
        facet: dict(Counter(filter(None, chain.from_iterable(counted[position]))))
        for facet, position in FACET_POSITIONS.items()
    }


def in_scope(locale):
    """The documents a visitor in ``locale`` is shown, one per object: that language's, and
    the originals of what has no version in it (as a queryset, for counting what is
    there)."""
    translated = SearchDocument.objects.filter(locale=locale).values("translation_key")
    return SearchDocument.objects.filter(
        Q(locale=locale) | (Q(is_original=True) & ~Q(translation_key__in=translated))
    )


def search_scope(locale):
    """What a visitor in ``locale`` searches: the documents of every language; the other
    languages that have documents are cached until the index changes."""
    others = cache.get_or_set(
        f"search:other-languages:{index_version()}:{locale.pk}",
        lambda: list(
            SearchDocument.objects.exclude(locale=locale)
            .values_list("locale_id", "locale__language_code")
            .distinct()
            .order_by("locale_id")
        ),
        timeout=3600,
    )
    return Scope(
        Language(locale.pk, locale.language_code),
        tuple(Language(*language) for language in others),
    )


def promoted(query, locale):
    """The editors' picks for this query and language that are public: (document, note),
    each document with its ``link`` for a visitor in ``locale``.

    A picked offer outside its validity period is left out, as in the results.
    """
    key = query_key(query)
    if key not in picked_queries(locale.pk):
        return []
    today = timezone.localdate()
    picks = []
    for promotion in Promotion.objects.filter(locale=locale, query_key=key):
        target = promotion.target
        content_type = (
            target.content_type
            if isinstance(target, Page)
            else ContentType.objects.get_for_model(target)
        )
        found = (
            SearchDocument.objects.filter(content_type=content_type, object_id=target.pk)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
            .select_related("locale")
        )
        picks += [(document, promotion.note) for document in found]
    shown = [document for document, _note in picks]
    with_dates(link_documents(shown, locale), today)
    return picks


def documents(ids):
    """The documents with ``ids``, in that order, with their locale."""
    rows = SearchDocument.objects.select_related("locale").in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


def with_dates(documents, today):
    """Give each document its ``date``: the ``ResultDate`` its model shows on ``today``
    (an event's next date), or None; a query or two for each model that has dates."""
    by_type = {}
    for document in documents:
        document.date = None
        by_type.setdefault(document.content_type_id, []).append(document)
    for content_type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not issubclass(model, Searchable):
            continue
        dates = model.search_dates([document.object_id for document in group], today)
        for document in group:
            document.date = dates.get(document.object_id)
    return documents


def ranked_matches(locale, query):
    """The engine's matches of ``query`` for a visitor in ``locale``, best first, as
    ``Found``; cached until the index or the synonyms change, or the day ends (offers'
    validity), so that a repeated query costs a cache read."""
    today = timezone.localdate()
    token = ":".join(
        [
            *versions(INDEX_VERSION_KEY, SYNONYMS_VERSION_KEY),
            str(locale.pk),
            today.isoformat(),
            query,
        ]
    )
    key = f"search:found:{hashlib.sha256(token.encode()).hexdigest()}"
    return cache.get_or_set(
        key,
        lambda: found_of(*engine().find(search_scope(locale), query, today, MAX_MATCHES)),
        timeout=3600,
    )


def search(query, locale, chosen, page_number, per_page):
    """A page of results for ``query`` in ``locale`` with facets; ``chosen``: facet -> value.

    Every document in it, in other languages too, has its ``link`` for a visitor in
    ``locale`` and its ``date`` (an event's next one, as of today).
    """
    found = ranked_matches(locale, query) if query else Found((), ())
    chosen = {facet: value for facet, value in chosen.items() if facet in FACETS and value}
    shown = narrowed(found, chosen)
    page = Paginator(shown, per_page).get_page(page_number)
    page.object_list = with_dates(
        link_documents(documents(list(page.object_list)), locale), timezone.localdate()
    )
    return SearchResults(
        results=page,
        facets=facet_counts(found, chosen),
        chosen=chosen,
        corrected=found.corrected,
    )


def topics_in_scope(locale):
    """The slugs of the topics (and their parents) of what a visitor in ``locale`` finds
    today; cached until the index changes or the day ends."""
    today = timezone.localdate()

    def load():
        rows = (
            in_scope(locale)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
            .exclude(topics="")
            .values_list("topics", flat=True)
            .distinct()
        )
        return {slug for topics in rows for slug in topics.split()}

    key = f"search:scope-topics:{index_version()}:{locale.pk}:{today.isoformat()}"
    return cache.get_or_set(key, load, timeout=3600)


def suggestions(query, locale, limit=SUGGESTIONS):
    """Offers, actors and topics whose titles begin like the words typed: title, type, URL.

    Each is something the search finds: entries of the visitor's scope, and topics
    that some of them have. Cached until the index or the content changes, or the day
    ends (offers' validity).
    """
    terms = stems(query, locale.language_code)
    if not terms:
        return []
    token = ":".join(
        [
            index_version(),
            content_version(),
            str(locale.pk),
            get_language(),  # the interface's words ("Topic")
            timezone.localdate().isoformat(),
            str(limit),
            query,
        ]
    )
    return cache.get_or_set(
        f"search:suggestions:{hashlib.sha256(token.encode()).hexdigest()}",
        lambda: found_suggestions(query, terms, locale, limit),
        timeout=3600,
    )


def found_suggestions(query, terms, locale, limit):
    """The ``suggestions`` of ``query``, whose stems are ``terms``, as the index gives them."""
    found = engine().match_scope(
        search_scope(locale),
        query,
        timezone.localdate(),
        limit,
        kinds=[SearchDocument.Kind.OFFER, SearchDocument.Kind.ACTOR],
        titles_only=True,
    )
    suggested = [
        {"title": doc.title, "type": doc.get_kind_display(), "url": doc.link}
        for doc in link_documents(documents([match.id for match in found]), locale)
    ]
    directory_url = served_tree(locale).directory_url
    used = topics_in_scope(locale) if directory_url else set()
    for topic in vocabulary(Topic, locale).values():
        topic_stems = stems(topic.name, locale.language_code)
        if topic.slug in used and all(any(s.startswith(t) for s in topic_stems) for t in terms):
            suggested.insert(
                0,
                {
                    "title": topic.name,
                    "type": str(_("Topic")),
                    "url": f"{directory_url}?topic={topic.slug}",
                },
            )
    return suggested[:limit]


def shareable(text):
    """Whether a visitor's words may be shown to everyone: no web or e-mail address, no
    long number."""
    return not any(pattern.search(text) for pattern in (WEB_ADDRESS, EMAIL_ADDRESS, LONG_NUMBER))


def popular_queries(locale, days=30, limit=8):
    """The queries that several visitors searched in ``locale`` lately and that found
    something, as typed, most visitors first.

    Visitors must not be able to put words on the page: a query needs ``MIN_VISITORS``
    distinct visitors, must not contain addresses or long numbers, and must not
    contain words that editors hid.
    """
    since = timezone.localdate() - timedelta(days=days)
    rows = (
        QueryStatistic.objects.filter(locale=locale, date__gte=since, results__gt=0)
        .values("query")
        .annotate(total=Sum("visitors"), typed=Max("typed"))
        .filter(total__gte=MIN_VISITORS)
        .order_by("-total", "query")
    )
    hidden = list(HiddenSearch.objects.values_list("words_key", flat=True))
    shown = []
    for row in rows[:POPULAR_CANDIDATES]:
        if (
            shareable(row["typed"])
            and shareable(row["query"])
            and not HiddenSearch.hides(row["query"], hidden)
        ):
            shown.append(row["typed"])
        if len(shown) == limit:
            break
    return shown
