"""Full-text matching on the search documents, in the form the database provides.

The database engines take the stems of the query (see ``text.py``), match each
as a word prefix, and return the matching documents of some locales best
first, with the fields the facets need. PostgreSQL ranks with ``ts_rank`` over
a generated ``tsvector`` (titles weigh most; long texts are not favoured) and
corrects typos with trigram similarity (pg_trgm); SQLite ranks with FTS5's
bm25 and corrects typos with ``difflib``. With ``ELASTICSEARCH_URL`` set,
Elasticsearch answers first (``elasticsearch.py``) and the database engine
stands in when it fails.
"""

import difflib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from .models import SearchTerm
from .text import stems

logger = logging.getLogger(__name__)

FACET_COLUMNS = "d.id, d.kind, d.place, d.topics, d.target_groups, d.languages, d.translation_key"
DATE_CONDITION = (
    "(d.valid_from IS NULL OR d.valid_from <= %s) "
    "AND (d.valid_until IS NULL OR d.valid_until >= %s)"
)
MIN_SIMILARITY = 0.4


@dataclass
class Match:
    id: int
    kind: str
    place: str
    topics: list
    target_groups: list
    languages: list
    translation_key: str
    rank: float


def match_rows(rows):
    return [
        Match(
            id=row[0],
            kind=row[1],
            place=row[2],
            topics=row[3].split(),
            target_groups=row[4].split(),
            languages=row[5].split(),
            translation_key=str(row[6]),
            rank=float(row[7]),
        )
        for row in rows
    ]


class DatabaseEngine:
    """What both database engines share: the order of attempts for a visitor's query."""

    def find(self, locale, query, today, limit):
        """Documents matching every word; else with typos corrected; else any word.

        Returns the matches and whether the typos were corrected.
        """
        terms = stems(query, locale.language_code)
        if not terms:
            return [], False
        matches = self.match_terms([locale.pk], terms, today, limit)
        if matches:
            return matches, False
        corrected = [self.closest_term(locale.pk, term) for term in terms]
        corrected = [term for term in corrected if term]
        if corrected and corrected != terms:
            matches = self.match_terms([locale.pk], corrected, today, limit)
            if matches:
                return matches, True
        return self.match_terms([locale.pk], terms, today, limit, any_term=True), False

    def match(self, locale_ids, query, language_code, today, limit, kinds=None, titles_only=False):
        """Documents of ``locale_ids`` matching every word of ``query`` in that language."""
        terms = stems(query, language_code)
        return self.match_terms(
            locale_ids, terms, today, limit, kinds=kinds, titles_only=titles_only
        )


class PostgresEngine(DatabaseEngine):
    def match_terms(
        self, locale_ids, terms, today, limit, any_term=False, kinds=None, titles_only=False
    ):
        """Documents where every term (or any) begins a word, best first."""
        if not terms:
            return []
        operator = " | " if any_term else " & "
        weights = "A" if titles_only else ""
        tsquery = operator.join(f"'{term}':*{weights}" for term in terms)
        kind_condition = "AND d.kind = ANY(%s)" if kinds else ""
        sql = f"""
            SELECT {FACET_COLUMNS}, ts_rank('{{0.1, 0.1, 0.2, 1.0}}', d.vector, query, 1) AS rank
            FROM search_searchdocument d, to_tsquery('simple', %s) query
            WHERE d.locale_id = ANY(%s) AND d.vector @@ query AND {DATE_CONDITION}
            {kind_condition}
            ORDER BY rank DESC, d.id
            LIMIT %s
        """
        params = [tsquery, list(locale_ids), today, today]
        if kinds:
            params.append(list(kinds))
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return match_rows(cursor.fetchall())

    def closest_term(self, locale_id, term):
        """The vocabulary's most similar stem, or None; a stem that begins a known one stays."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term, similarity(term, %s) AS score FROM search_searchterm "
                "WHERE locale_id = %s AND (term LIKE %s OR term %% %s) "
                "ORDER BY term LIKE %s DESC, score DESC LIMIT 1",
                [term, locale_id, f"{term}%", term, f"{term}%"],
            )
            row = cursor.fetchone()
        if row is None or (not row[0].startswith(term) and row[1] < MIN_SIMILARITY):
            return None
        return term if row[0].startswith(term) else row[0]


class SqliteEngine(DatabaseEngine):
    def match_terms(
        self, locale_ids, terms, today, limit, any_term=False, kinds=None, titles_only=False
    ):
        """Documents where every term (or any) begins a word, best first."""
        if not terms:
            return []
        operator = " OR " if any_term else " AND "
        fts_query = operator.join(f'"{term}"*' for term in terms)
        if titles_only:
            fts_query = f"title_terms : ({fts_query})"
        locales = ", ".join("%s" for _ in locale_ids)
        kind_condition = f"AND d.kind IN ({', '.join('%s' for _ in kinds)})" if kinds else ""
        sql = f"""
            SELECT {FACET_COLUMNS}, -bm25(search_document_fts, 4.0, 1.0) AS rank
            FROM search_document_fts
            JOIN search_searchdocument d ON d.id = search_document_fts.rowid
            WHERE search_document_fts MATCH %s AND d.locale_id IN ({locales}) AND {DATE_CONDITION}
            {kind_condition}
            ORDER BY rank DESC, d.id
            LIMIT %s
        """
        params = [fts_query, *locale_ids, today, today, *(kinds or []), limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return match_rows(cursor.fetchall())

    def closest_term(self, locale_id, term):
        vocabulary = self.vocabulary(locale_id)
        if any(known.startswith(term) for known in vocabulary):
            return term
        found = difflib.get_close_matches(term, vocabulary, n=1, cutoff=0.75)
        return found[0] if found else None

    def vocabulary(self, locale_id):
        size = SearchTerm.objects.filter(locale_id=locale_id).count()
        return cache.get_or_set(
            f"search:vocabulary:{locale_id}:{size}",
            lambda: list(
                SearchTerm.objects.filter(locale_id=locale_id).values_list("term", flat=True)
            ),
            timeout=3600,
        )


def database_engine():
    return PostgresEngine() if connection.vendor == "postgresql" else SqliteEngine()


class FallbackEngine:
    """Elasticsearch first; the database engine when Elasticsearch fails or is too slow."""

    def __init__(self, primary, fallback):
        self.primary, self.fallback = primary, fallback

    def attempt(self, method, *args, **kwargs):
        from elasticsearch import ApiError, TransportError

        try:
            return getattr(self.primary, method)(*args, **kwargs)
        except (ApiError, TransportError) as error:
            logger.warning("Elasticsearch failed (%s); searching the database instead.", error)
            return getattr(self.fallback, method)(*args, **kwargs)

    def find(self, *args, **kwargs):
        return self.attempt("find", *args, **kwargs)

    def match(self, *args, **kwargs):
        return self.attempt("match", *args, **kwargs)


def engine():
    """The engine that answers searches: Elasticsearch if configured, else the database."""
    if settings.ELASTICSEARCH_URL:
        from .elasticsearch import ElasticsearchEngine

        return FallbackEngine(ElasticsearchEngine(), database_engine())
    return database_engine()
