"""How the database keeps the search index: PostgreSQL's GIN indexes take new entries at
once, so that no search reads through a list of pending ones."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_full_text_and_trigram_indexes_keep_no_pending_list():
    if connection.vendor != "postgresql":
        pytest.skip("GIN indexes are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s) ORDER BY relname",
            [["search_document_vector", "search_term_trigram"]],
        )
        rows = cursor.fetchall()
    assert rows == [
        ("search_document_vector", ["fastupdate=off"]),
        ("search_term_trigram", ["fastupdate=off"]),
    ]
