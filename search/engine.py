"""Full-text matching on the search documents, in the form the database provides.

A visitor searches a *scope*: the documents of their language, and the originals
(written in other languages) of what has no version in theirs, the same rule as
the directory's lists. Each part is matched with the stems of its own language;
an original is matched with the stems of the visitor's language as well, so
that each word of the query may match in either form: a German word typed on the
Persian site finds a German original by its text, a Persian word finds it by
the Persian names of its topics (the document's ``labels``).

The database engines match each stem as a word prefix and return the matching
documents best first, with the fields the facets need. PostgreSQL ranks with
``ts_rank`` over a generated ``tsvector`` (titles weigh most; long texts are
not favoured) and corrects typos with trigram similarity (pg_trgm); SQLite
ranks with FTS5's bm25 and corrects typos with ``difflib``. With
``ELASTICSEARCH_URL`` set, Elasticsearch answers first (``elasticsearch.py``)
and the database engine stands in when it fails.
"""

import difflib
import logging
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count

from .models import SearchTerm
from .text import stems

logger = logging.getLogger(__name__)

FACET_COLUMNS = "d.id, d.kind, d.place, d.topics, d.target_groups, d.languages, d.translation_key"
DATE_CONDITION = (
    "(d.valid_from IS NULL OR d.valid_from <= %s) "
    "AND (d.valid_until IS NULL OR d.valid_until >= %s)"
)
UNTRANSLATED_ORIGINAL = (
    "d.is_original AND NOT EXISTS (SELECT 1 FROM search_searchdocument t "
    "WHERE t.translation_key = d.translation_key AND t.locale_id = %s)"
)
MIN_SIMILARITY = 0.4


@dataclass(frozen=True)
class Language:
    """A locale of the site: its id and its language code."""

    id: int
    code: str


@dataclass(frozen=True)
class Scope:
    """What a visitor in ``language`` searches: the documents of that language, and the
    originals in ``original_languages`` that have no version in it."""

    language: Language
    original_languages: tuple = ()


@dataclass(frozen=True)
class Branch:
    """The documents of one locale, and for each word of the query the stems it may take.

    With ``originals_for``, only originals that have no version in that locale.
    """

    locale_id: int
    words: tuple
    originals_for: int | None = None


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


def scope_branches(scope, query):
    """The branches of a scope: the visitor's documents with the visitor's stems, and the
    originals of each other language with its stems or the visitor's."""
    visitor_stems = stems(query, scope.language.code)
    if not visitor_stems:
        return []
    branches = [Branch(scope.language.id, tuple((stem,) for stem in visitor_stems))]
    for other in scope.original_languages:
        own_stems = stems(query, other.code)
        pairs = zip(own_stems, visitor_stems, strict=True)  # the same words, stemmed twice
        words = tuple(tuple(dict.fromkeys(pair)) for pair in pairs)
        branches.append(Branch(other.id, words, originals_for=scope.language.id))
    return branches


def language_branches(languages, query):
    """One branch for all documents of each language, with that language's stems."""
    branches = []
    for language in languages:
        language_stems = stems(query, language.code)
        if language_stems:
            branches.append(Branch(language.id, tuple((stem,) for stem in language_stems)))
    return branches


class DatabaseEngine:
    """What both database engines share: the order of attempts, and the branches' SQL."""

    def find(self, scope, query, today, limit):
        """Documents matching every word; else with typos corrected; else any word.

        Returns the matches and whether the typos were corrected.
        """
        branches = scope_branches(scope, query)
        if not branches:
            return [], False
        matches = self.match_branches(branches, today, limit)
        if matches:
            return matches, False
        corrected = self.corrected(branches)
        if corrected and corrected != branches:
            matches = self.match_branches(corrected, today, limit)
            if matches:
                return matches, True
        return self.match_branches(branches, today, limit, any_term=True), False

    def match_scope(self, scope, query, today, limit, kinds=None, titles_only=False):
        """Documents of the scope matching every word of ``query``."""
        return self.match_branches(
            scope_branches(scope, query), today, limit, kinds=kinds, titles_only=titles_only
        )

    def match(self, languages, query, today, limit):
        """Documents of ``languages`` matching every word, each language with its stems."""
        return self.match_branches(language_branches(languages, query), today, limit)

    def corrected(self, branches):
        """The branches with each stem replaced by the closest known one of its locale;
        words without any are left out, and so are branches without words."""
        pairs = {
            (branch.locale_id, stem)
            for branch in branches
            for word in branch.words
            for stem in word
        }
        closest = self.closest_terms(pairs)
        corrected = []
        for branch in branches:
            words = []
            for word in branch.words:
                found = [closest.get((branch.locale_id, stem)) for stem in word]
                if any(found):
                    words.append(tuple(dict.fromkeys(stem for stem in found if stem)))
            if words:
                corrected.append(replace(branch, words=tuple(words)))
        return corrected

    def match_branches(self, branches, today, limit, any_term=False, kinds=None, titles_only=False):
        """Documents where every word (or any) begins a word in one of its forms, best first."""
        if not branches:
            return []
        selects, params = [], []
        for branch in branches:
            conditions = [f"d.locale_id = %s AND {DATE_CONDITION}"]
            branch_params = [branch.locale_id, today, today]
            if kinds:
                conditions.append(f"d.kind IN ({', '.join('%s' for _ in kinds)})")
                branch_params += list(kinds)
            if branch.originals_for is not None:
                conditions.append(UNTRANSLATED_ORIGINAL)
                branch_params.append(branch.originals_for)
            expression = self.expression(branch.words, any_term, titles_only)
            select, select_params = self.branch_select(
                expression, " AND ".join(conditions), branch_params
            )
            selects.append(select)
            params += select_params
        sql = (
            f"SELECT * FROM ({' UNION ALL '.join(selects)}) AS found "
            "ORDER BY rank DESC, id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return match_rows(cursor.fetchall())


class PostgresEngine(DatabaseEngine):
    def expression(self, words, any_term, titles_only):
        """A tsquery: each word as a prefix in any of its forms."""
        weights = "A" if titles_only else ""
        forms = ["(" + " | ".join(f"'{stem}':*{weights}" for stem in word) + ")" for word in words]
        return (" | " if any_term else " & ").join(forms)

    def branch_select(self, expression, conditions, condition_params):
        """The SELECT of one branch's documents that match ``expression``, and its parameters."""
        sql = f"""
            SELECT {FACET_COLUMNS},
                ts_rank('{{0.1, 0.1, 0.2, 1.0}}', d.vector, to_tsquery('simple', %s), 1) AS rank
            FROM search_searchdocument d
            WHERE {conditions} AND d.vector @@ to_tsquery('simple', %s)
        """
        return sql, [expression, *condition_params, expression]

    def closest_terms(self, pairs):
        """(locale id, stem) -> the vocabulary's most similar stem of that locale, or None;
        a stem that begins a known one stays."""
        pairs = sorted(pairs)
        if not pairs:
            return {}
        values = ", ".join("(%s::int, %s::int, %s::text)" for _ in pairs)
        sql = f"""
            SELECT DISTINCT ON (w.n) w.n, t.term, t.term LIKE w.stem || '%%' AS begins,
                similarity(t.term, w.stem) AS score
            FROM (VALUES {values}) AS w(n, locale_id, stem)
            JOIN search_searchterm t ON t.locale_id = w.locale_id
                AND (t.term LIKE w.stem || '%%' OR t.term %% w.stem)
            ORDER BY w.n, begins DESC, score DESC
        """
        params = [value for n, pair in enumerate(pairs) for value in (n, *pair)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        closest = {}
        for n, term, begins, score in rows:
            if begins:
                closest[pairs[n]] = pairs[n][1]
            elif score >= MIN_SIMILARITY:
                closest[pairs[n]] = term
        return closest


class SqliteEngine(DatabaseEngine):
    def expression(self, words, any_term, titles_only):
        """An FTS5 query: each word as a prefix in any of its forms."""
        forms = ["(" + " OR ".join(f'"{stem}"*' for stem in word) + ")" for word in words]
        expression = (" OR " if any_term else " AND ").join(forms)
        return f"title_terms : ({expression})" if titles_only else expression

    def branch_select(self, expression, conditions, condition_params):
        """The SELECT of one branch's documents that match ``expression``, and its parameters."""
        sql = f"""
            SELECT {FACET_COLUMNS}, -bm25(search_document_fts, 4.0, 1.0) AS rank
            FROM search_document_fts
            JOIN search_searchdocument d ON d.id = search_document_fts.rowid
            WHERE search_document_fts MATCH %s AND {conditions}
        """
        return sql, [expression, *condition_params]

    def closest_terms(self, pairs):
        """(locale id, stem) -> the vocabulary's most similar stem of that locale, or None;
        a stem that begins a known one stays."""
        vocabularies = self.vocabularies({locale_id for locale_id, _stem in pairs})
        closest = {}
        for locale_id, stem in pairs:
            vocabulary = vocabularies[locale_id]
            if any(known.startswith(stem) for known in vocabulary):
                closest[locale_id, stem] = stem
            else:
                found = difflib.get_close_matches(stem, vocabulary, n=1, cutoff=0.75)
                closest[locale_id, stem] = found[0] if found else None
        return closest

    def vocabularies(self, locale_ids):
        """Locale id -> its known stems; cached while their number stays the same."""
        sizes = dict(
            SearchTerm.objects.filter(locale_id__in=locale_ids)
            .values_list("locale_id")
            .annotate(Count("id"))
        )
        return {
            locale_id: cache.get_or_set(
                f"search:vocabulary:{locale_id}:{sizes.get(locale_id, 0)}",
                lambda locale_id=locale_id: list(
                    SearchTerm.objects.filter(locale_id=locale_id).values_list("term", flat=True)
                ),
                timeout=3600,
            )
            for locale_id in locale_ids
        }


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

    def match_scope(self, *args, **kwargs):
        return self.attempt("match_scope", *args, **kwargs)

    def match(self, *args, **kwargs):
        return self.attempt("match", *args, **kwargs)


def engine():
    """The engine that answers searches: Elasticsearch if configured, else the database."""
    if settings.ELASTICSEARCH_URL:
        from .elasticsearch import ElasticsearchEngine

        return FallbackEngine(ElasticsearchEngine(), database_engine())
    return database_engine()
