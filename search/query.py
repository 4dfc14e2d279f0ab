"""Query limits and the search over the site's pages."""

from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """Return the query as the backend should see it: trimmed, no control characters, bounded.

    An odd number of double quotes would leave a phrase open, which SQLite's
    full-text search rejects, so unbalanced quotes are dropped.
    """
    printable = "".join(char if char.isprintable() else " " for char in raw or "")
    query = " ".join(printable.split())[:MAX_QUERY_LENGTH]
    if query.count('"') % 2:
        query = " ".join(query.replace('"', " ").split())
    return query


def search_pages(query, language_code):
    """Live pages in the visitor's language that match the query, best first."""
    if not query:
        return Page.objects.none()
    locale = Locale.objects.filter(language_code=language_code).first()
    pages = Page.objects.live().public().specific()
    if locale:
        pages = pages.filter(locale=locale)
    return pages.search(query)
