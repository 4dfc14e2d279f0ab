"""The public search page and the suggestions that its search box offers while typing."""

import hashlib
from typing import NamedTuple
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from wagtail.models import Locale

from directory.filters import FacetValue, vocabulary
from directory.models import LANGUAGE_CHOICES, Place, TargetGroup, Topic
from home.cache import VERSION_KEY, per_content_version, versions

from .addresses import served_tree
from .models import INDEX_VERSION_KEY, QueryStatistic, SearchDocument
from .query import MAX_QUERY_LENGTH, clean_query, popular_queries, promoted, suggestions
from .query import search as run_search
from .synonyms import VERSION_KEY as SYNONYMS_VERSION_KEY
from .visitors import pseudonym

RESULTS_PER_PAGE = 10


TERM_FACETS = {"topic": Topic, "place": Place, "target_group": TargetGroup}


@per_content_version
def visitor_locale(language_code):
    """The locale of the interface's language, else the default one; kept until the content
    changes."""
    return Locale.objects.filter(language_code=language_code).first() or Locale.get_default()


@per_content_version
def vocabulary_names(locale):
    """For each facet of the vocabulary, its terms' names in ``locale`` by slug; kept until
    the content changes."""
    return {
        facet: {slug: term.name for slug, term in vocabulary(model, locale).items()}
        for facet, model in TERM_FACETS.items()
    }


def facet_labels(locale):
    """For each facet, its known values and their labels in the visitor's language."""
    names = vocabulary_names(locale)
    return {
        "type": dict(SearchDocument.Kind.choices),
        "topic": names["topic"],
        "place": names["place"],
        "language": dict(LANGUAGE_CHOICES),
        "target_group": names["target_group"],
    }


def facet_options(labels, counts, chosen):
    """Facets as the directory's facet template shows them: ``FacetValue``s with label, count
    and whether selected."""
    options = {}
    for facet, names in labels.items():
        found = counts.get(facet, {})
        values = [
            FacetValue(value, names[value], n, chosen.get(facet) == value)
            for value, n in found.items()
            if value in names
        ]
        options[facet] = sorted(values, key=lambda option: (-option.count, str(option.label)))
    return options


class RenderedResults(NamedTuple):
    """The results part of a search page, rendered: the same for everyone who asks for the
    same page of a query with the same facets in the same language."""

    count: int  # of results with the chosen facets
    number: int  # of the page shown
    corrected: bool  # only corrected words matched
    filters: str  # the facets' form (HTML)
    listing: str  # the page of results and the links to the others (HTML)


def rendered_results(request, query, locale, labels, chosen):
    """The results part of the search page for ``query`` with the ``chosen`` facets, kept in
    the cache until the index, the synonyms or the content change, or the day ends, so that
    a repeated search renders only the page around it."""
    page_number = request.GET.get("page")
    token = "\n".join(
        [
            *versions(INDEX_VERSION_KEY, SYNONYMS_VERSION_KEY, VERSION_KEY),
            str(locale.pk),
            get_language(),  # the interface's words
            timezone.localdate().isoformat(),  # offers' validity
            query,
            urlencode(sorted(chosen.items())),
            page_number or "",
        ]
    )
    key = f"search:rendered:{hashlib.sha256(token.encode()).hexdigest()}"
    rendered = cache.get(key)
    if rendered is None:
        found = run_search(query, locale, chosen, page_number, RESULTS_PER_PAGE)
        context = {
            "search_query": query,
            "search_querystring": urlencode({"q": query, **chosen}),
            "results": found.results,
            "facets": facet_options(labels, found.facets, found.chosen),
            "chosen": found.chosen,
        }
        rendered = RenderedResults(
            count=found.results.paginator.count,
            number=found.results.number,
            corrected=found.corrected,
            filters=render_to_string("search/includes/filters.html", context),
            listing=render_to_string("search/includes/listing.html", context),
        )
        cache.set(key, rendered, timeout=3600)
    return rendered


@never_cache  # every search is counted for the editors' report, so none is answered from a cache
def search(request):
    raw_query = request.GET.get("q", "")
    query = clean_query(raw_query)
    locale = visitor_locale(get_language())
    labels = facet_labels(locale)
    chosen = {
        facet: value for facet in labels if (value := request.GET.get(facet, "")) in labels[facet]
    }
    results = rendered_results(request, query, locale, labels, chosen) if query else None
    directory_url = served_tree(locale).directory_url
    if query and not chosen and "page" not in request.GET:
        QueryStatistic.record(locale, query, results.count, visitor=pseudonym(request))
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_querystring": urlencode({"q": query, **chosen}),  # for the language switcher
            "query_was_shortened": len(raw_query.strip()) > MAX_QUERY_LENGTH,
            "max_query_length": MAX_QUERY_LENGTH,
            "rendered": results,
            "promoted": promoted(query, locale) if results and results.number == 1 else [],
            "topics": main_topics(locale) if not query and directory_url else [],
            "popular_queries": popular_queries(locale) if not query else [],
            "directory_url": directory_url,
        },
    )


def main_topics(locale):
    """The main topics in the visitor's language, for the page without a query."""
    return sorted(
        (term for term in vocabulary(Topic, locale).values() if term.parent_id is None),
        key=lambda term: term.name,
    )


def suggest(request):
    """Titles of offers, actors and topics that begin like the words typed, as JSON."""
    query = clean_query(request.GET.get("q", ""))
    locale = visitor_locale(get_language())
    return JsonResponse(
        {"query": query, "suggestions": suggestions(query, locale)},
        json_dumps_params={"ensure_ascii": False},
    )
