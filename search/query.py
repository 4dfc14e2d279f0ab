"""Query limits and the search over the site's pages."""

from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """Return the query as the backend should see it: trimmed, no control characters, bounded."""
    printable = "".join(char if char.isprintable() else " " for char in raw or "")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def search_pages(query, language_code):
    """Live pages in the visitor's language that match the query, best first."""
    if not query:
        return Page.objects.none()
    locale = Locale.objects.filter(language_code=language_code).first()
    pages = Page.objects.live().public().specific()
    if locale:
        pages = pages.filter(locale=locale)
    return pages.search(query)
