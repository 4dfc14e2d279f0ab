"""The public search page and the suggestions that its search box offers while typing."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from wagtail.models import Locale

from directory.filters import vocabulary
from directory.models import LANGUAGE_CHOICES, Place, TargetGroup, Topic
from home.cache import per_content_version

from .addresses import served_tree
from .models import QueryStatistic, SearchDocument
from .query import MAX_QUERY_LENGTH, clean_query, popular_queries, suggestions
from .query import search as run_search
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
    """Facets as the directory's facet template shows them: values with label, count and
    whether selected."""
    options = {}
    for facet, names in labels.items():
        found = counts.get(facet, {})
        values = [
            {
                "value": value,
                "label": names[value],
                "count": n,
                "selected": chosen.get(facet) == value,
            }
            for value, n in found.items()
            if value in names
        ]
        options[facet] = sorted(values, key=lambda option: (-option["count"], str(option["label"])))
    return options


@never_cache  # every search is counted for the editors' report, so none is answered from a cache
def search(request):
    raw_query = request.GET.get("q", "")
    query = clean_query(raw_query)
    locale = visitor_locale(get_language())
    labels = facet_labels(locale)
    chosen = {
        facet: value for facet in labels if (value := request.GET.get(facet, "")) in labels[facet]
    }
    found = run_search(query, locale, chosen, request.GET.get("page"), RESULTS_PER_PAGE)
    directory_url = served_tree(locale).directory_url
    if query and not chosen and "page" not in request.GET:
        QueryStatistic.record(
            locale, query, found.results.paginator.count, visitor=pseudonym(request)
        )
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_querystring": urlencode({"q": query, **chosen}),
            "query_was_shortened": len(raw_query.strip()) > MAX_QUERY_LENGTH,
            "max_query_length": MAX_QUERY_LENGTH,
            "results": found.results,
            "corrected": found.corrected,
            "promoted": found.promoted if found.results.number == 1 else [],
            "facets": facet_options(labels, found.facets, found.chosen),
            "chosen": found.chosen,
            "type_labels": labels["type"],
            "language_labels": labels["language"],
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
