"""How the database keeps the search index: PostgreSQL's GIN indexes take new entries at
once, so that no search reads through a list of pending ones, and titles have a vector of
their own."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_full_text_and_trigram_indexes_keep_no_pending_list():
    if connection.vendor != "postgresql":
        pytest.skip("GIN indexes are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s) ORDER BY relname",
            [["search_document_title_vector", "search_document_vector", "search_term_trigram"]],
        )
        rows = cursor.fetchall()
    assert rows == [
        ("search_document_title_vector", ["fastupdate=off"]),
        ("search_document_vector", ["fastupdate=off"]),
        ("search_term_trigram", ["fastupdate=off"]),
    ]


def test_a_title_is_matched_by_its_words_and_not_by_the_texts(demo):
    """Titles only (as the suggestions match) means words of the title, as they are now:
    a document whose stored title changes is matched by its new words, and not by a word
    of its text."""
    import datetime

    from wagtail.models import Locale

    from search.engine import database_engine
    from search.models import SearchDocument
    from search.query import search_scope

    german = Locale.objects.get(language_code="de")
    document = SearchDocument.objects.filter(
        kind="offer", locale=german, valid_from=None, valid_until=None
    ).first()
    SearchDocument.objects.filter(pk=document.pk).update(title_terms="zebrakurs", terms="giraff")

    def titles_matching(query):
        found = database_engine().match_scope(
            search_scope(german), query, datetime.date.today(), 8, ["offer"], titles_only=True
        )
        return [match.id for match in found]

    assert titles_matching("Zebra") == [document.pk]
    assert titles_matching("Giraffe") == []
