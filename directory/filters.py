"""Filtering, facet counts and sorting of the directory, shared by the page and the API.

Filter values are slugs and codes, the same in every language, so a shared
URL works for every visitor. Unknown values are reported and ignored.
"""

import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from home.cache import content_version

from .models import (
    LANGUAGE_CHOICES,
    Actor,
    ActorLanguage,
    ActorTopic,
    Offer,
    OfferLanguage,
    OfferTargetGroup,
    OfferTopic,
    Place,
    TargetGroup,
    Topic,
)

OFFER_SORTS = {"title": ("title",), "newest": ("-first_published_at", "-pk")}
ACTOR_SORTS = {"name": ("name",), "place": ("place__name", "name")}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    depth: int = 0


@dataclass
class Filters:
    """The visitor's choices, read from the query string."""

    topic: str = ""
    target_group: str = ""
    place: str = ""
    language: str = ""
    kind: str = ""
    free: bool = False
    sort: str = ""
    errors: list = field(default_factory=list)

    FIELDS = ["topic", "target_group", "place", "language", "kind"]

    def as_query(self, **changes):
        """The query-string pairs for these filters, with ``changes`` applied."""
        values = {name: getattr(self, name) for name in self.FIELDS}
        values["free"] = "1" if self.free else ""
        values["sort"] = self.sort
        values.update(changes)
        return {name: value for name, value in values.items() if value}


def vocabulary(model, locale):
    """Slug -> term of a taxonomy, in ``locale`` where translated, else in any language."""
    key = f"directory:vocabulary:{content_version()}:{model._meta.model_name}:{locale.pk}"

    def load():
        terms = {}
        for term in model.objects.order_by("pk"):
            if term.slug not in terms or term.locale_id == locale.pk:
                terms[term.slug] = term
        return terms

    return cache.get_or_set(key, load, timeout=3600)


def read_known_values(filters, params, known):
    """Set each filter of ``known`` (name -> its known values) that ``params`` give a known
    value; an unknown value is dropped with a message in ``filters.errors``."""
    for name, values in known.items():
        value = (params.get(name) or "").strip()[:100]
        if not value:
            continue
        if value in values:
            setattr(filters, name, value)
        else:
            filters.errors.append(
                _("“%(value)s” is not a known value; that filter was left out.") % {"value": value}
            )


def parse_filters(params, locale, sorts):
    """Read filters from a query dict; unknown values are dropped with a message."""
    filters = Filters(free=params.get("free") in {"1", "on", "true"})
    known = {
        "topic": vocabulary(Topic, locale),
        "target_group": vocabulary(TargetGroup, locale),
        "place": vocabulary(Place, locale),
        "language": dict(LANGUAGE_CHOICES),
        "kind": dict(Actor.Kind.choices),
    }
    read_known_values(filters, params, known)
    sort = params.get("sort") or ""
    filters.sort = sort if sort in sorts else ""
    return filters


def topic_condition(slug):
    """Topic rows whose topic is ``slug`` or one of its subtopics."""
    return Q(topic__slug=slug) | Q(topic__parent__slug=slug)


def offer_conditions(filters, skip=None):
    """The filter conditions on offers, without the facet named ``skip``.

    Conditions on related rows are subqueries, so an offer is never repeated.
    """
    conditions = Q()
    if filters.topic and skip != "topic":
        conditions &= Exists(
            OfferTopic.objects.filter(offer=OuterRef("pk")).filter(topic_condition(filters.topic))
        )
    if filters.target_group and skip != "target_group":
        conditions &= Exists(
            OfferTargetGroup.objects.filter(
                offer=OuterRef("pk"), target_group__slug=filters.target_group
            )
        )
    if filters.place and skip != "place":
        conditions &= Q(place__slug=filters.place)
    if filters.language and skip != "language":
        conditions &= Exists(
            OfferLanguage.objects.filter(offer=OuterRef("pk"), language=filters.language)
        )
    if filters.kind and skip != "kind":
        conditions &= Q(provider__kind=filters.kind)
    if filters.free and skip != "free":
        conditions &= Q(is_free=True)
    return conditions


def public_offers(locale):
    return Offer.objects.public().in_language(locale)


def filter_offers(locale, filters):
    """The public offers of a language that match the filters, in the chosen order."""
    matching = public_offers(locale).filter(offer_conditions(filters))
    return matching.order_by(*OFFER_SORTS.get(filters.sort, OFFER_SORTS["title"]))


def counts(queryset, group_by, entry="pk"):
    """Number of distinct entries per value of ``group_by``."""
    rows = queryset.values(group_by).annotate(n=Count(entry, distinct=True)).order_by()
    return {row[group_by]: row["n"] for row in rows if row[group_by] is not None}


def cached_facets(facets, locale, filters):
    """What ``facets`` counts, kept in the cache until the content changes or the day ends."""
    key = ":".join(
        [
            f"directory:{facets.__name__}",
            content_version(),
            str(timezone.localdate()),
            str(locale.pk),
            urlencode(filters.as_query(sort="")),
        ]
    )
    return cache.get_or_set(key, lambda: facets(locale, filters), timeout=3600)


def offer_facets(locale, filters):
    """For each filter, its values with the number of offers each would show.

    Each facet counts the offers that match all the other filters. Counts over
    related rows start from the related table, restricted to the matching offer
    ids, which keeps them fast on large directories.
    """

    def others(skip):
        return public_offers(locale).filter(offer_conditions(filters, skip=skip)).values("pk")

    topic_rows = OfferTopic.objects.filter(offer_id__in=others("topic"))
    topic_counts = counts(topic_rows, "topic__slug", "offer_id")
    root_counts = counts(
        topic_rows.annotate(root=Coalesce("topic__parent__slug", "topic__slug")), "root", "offer_id"
    )
    topics = vocabulary(Topic, locale)
    parent_slugs = {term.pk: term.slug for term in Topic.objects.filter(parent__isnull=True)}
    topic_values = []
    for root in sorted((t for t in topics.values() if t.parent_id is None), key=lambda t: t.name):
        topic_values.append(
            FacetValue(
                root.slug, root.name, root_counts.get(root.slug, 0), filters.topic == root.slug
            )
        )
        children = [t for t in topics.values() if parent_slugs.get(t.parent_id) == root.slug]
        for child in sorted(children, key=lambda t: t.name):
            topic_values.append(
                FacetValue(
                    child.slug,
                    child.name,
                    topic_counts.get(child.slug, 0),
                    filters.topic == child.slug,
                    depth=1,
                )
            )

    def facet(terms, name, found):
        return [
            FacetValue(slug, label, found.get(slug, 0), getattr(filters, name) == slug)
            for slug, label in sorted(terms.items(), key=lambda item: str(item[1]))
        ]

    language_names = dict(LANGUAGE_CHOICES)
    spoken = counts(
        OfferLanguage.objects.filter(offer_id__in=others("language")), "language", "offer_id"
    )
    target_groups = counts(
        OfferTargetGroup.objects.filter(offer_id__in=others("target_group")),
        "target_group__slug",
        "offer_id",
    )
    return {
        "topic": topic_values,
        "target_group": facet(
            {slug: term.name for slug, term in vocabulary(TargetGroup, locale).items()},
            "target_group",
            target_groups,
        ),
        "place": facet(
            {slug: term.name for slug, term in vocabulary(Place, locale).items()},
            "place",
            counts(Offer.objects.filter(pk__in=others("place")), "place__slug"),
        ),
        "language": [
            FacetValue(code, str(language_names[code]), n, filters.language == code)
            for code, n in sorted(spoken.items(), key=lambda item: -item[1])
        ],
        "kind": facet(
            {code: str(label) for code, label in Actor.Kind.choices},
            "kind",
            counts(Offer.objects.filter(pk__in=others("kind")), "provider__kind"),
        ),
        "free": Offer.objects.filter(pk__in=others("free"), is_free=True).count(),
    }


def actor_conditions(filters, skip=None):
    """The filter conditions on actors, without the facet named ``skip``."""
    conditions = Q()
    if filters.topic and skip != "topic":
        conditions &= Exists(
            ActorTopic.objects.filter(actor=OuterRef("pk")).filter(topic_condition(filters.topic))
        )
    if filters.place and skip != "place":
        conditions &= Q(place__slug=filters.place)
    if filters.language and skip != "language":
        conditions &= Exists(
            ActorLanguage.objects.filter(actor=OuterRef("pk"), language=filters.language)
        )
    if filters.kind and skip != "kind":
        conditions &= Q(kind=filters.kind)
    return conditions


def public_actors(locale):
    return Actor.objects.public().in_language(locale)


def actor_facets(locale, filters):
    """Kinds and places of actors with the number each would show."""

    def facet(terms, group_by, name):
        matching = public_actors(locale).filter(actor_conditions(filters, skip=name)).values("pk")
        found = counts(Actor.objects.filter(pk__in=matching), group_by)
        return [
            FacetValue(slug, label, found.get(slug, 0), getattr(filters, name) == slug)
            for slug, label in sorted(terms.items(), key=lambda item: str(item[1]))
        ]

    return {
        "kind": facet({code: str(label) for code, label in Actor.Kind.choices}, "kind", "kind"),
        "place": facet(
            {slug: term.name for slug, term in vocabulary(Place, locale).items()},
            "place__slug",
            "place",
        ),
    }


def filter_actors(locale, filters):
    """The public actors of a language that match the filters, in the chosen order."""
    matching = public_actors(locale).filter(actor_conditions(filters))
    return matching.order_by(*ACTOR_SORTS.get(filters.sort, ACTOR_SORTS["name"]))


def matching_ids(entries):
    """The ids of ``entries`` in their order, kept in the cache until the content changes.

    The key is the query itself (offers' queries carry today's date), so every
    combination of language, filters and sorting has its own list.
    """
    ids = entries.values_list("pk", flat=True)
    sql, params = ids.query.sql_with_params()
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
    key = f"directory:ids:{content_version()}:{digest}"
    return cache.get_or_set(key, lambda: list(ids), timeout=3600)


def page_of_ids(entries, number, per_page):
    """One page of the ids of ``entries`` (``matching_ids``)."""
    return Paginator(matching_ids(entries), per_page).get_page(number)


def displayed(model, ids):
    """The entries ``ids`` of ``model`` with everything they show, by id."""
    return model.objects.filter(pk__in=ids).for_display().in_bulk()


def page_of(entries, number, per_page):
    """One page of ``entries``, ready to render.

    Only the ids are sorted (and cached); the page's own rows are then loaded
    with everything they show, which keeps long lists fast.
    """
    page = page_of_ids(entries, number, per_page)
    rows = displayed(entries.model, page.object_list)
    page.object_list = [rows[pk] for pk in page.object_list]
    return page
