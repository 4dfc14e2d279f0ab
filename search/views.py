"""The public search page."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from .query import MAX_QUERY_LENGTH, clean_query, search_pages

RESULTS_PER_PAGE = 10


def search(request):
    raw_query = request.GET.get("q", "")
    query = clean_query(raw_query)
    results = Paginator(search_pages(query, get_language()), RESULTS_PER_PAGE)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_querystring": urlencode({"q": query}),
            "query_was_shortened": len(raw_query.strip()) > MAX_QUERY_LENGTH,
            "results": results.get_page(request.GET.get("page")),
            "max_query_length": MAX_QUERY_LENGTH,
        },
    )
