"""Ranked full-text matching on the search documents, in the form the database provides.

A visitor searches a *scope*: the documents of their language, and the originals
(written in other languages) of what has no version in theirs, the same rule as
the directory's lists. Each part is matched with the stems of its own language;
an original is matched with the stems of the visitor's language as well, so
that each word of the query may match in either form: a German word typed on the
Persian site finds a German original by its text, a Persian word finds it by
the Persian names of its topics (the document's ``labels``).

Every word of a query is optional: the database finds the documents where any
form of any word begins a word (a *candidate*), with one flag per word and field
(title, rest of the text) saying where it matched; ``ranked`` scores them in
Python, the same way on every database (see ``score``): each matched word counts
with its rarity in that language (the inverse document frequency of BM25) and
counts three times in a title, and the sum is multiplied by the share of the
query's words that matched (the coordination factor). A word unknown in a
language also matches in the form of the closest known word (typo correction);
such a hit counts a tenth, and a document found only through corrected words
is shown only when nothing matched exactly. Documents scoring below a fraction
of the best one are left out, so that a common word does not pull in everything,
and function words ("wo", "ich", "the", "في") are not searched at all
(``stopwords.py``) unless the query has nothing else.

PostgreSQL matches with a generated ``tsvector`` (``vector @@ tsquery``) and
corrects typos with trigram similarity (pg_trgm); SQLite matches with FTS5 and
corrects typos with ``difflib``. With ``ELASTICSEARCH_URL`` set, Elasticsearch
answers first (``elasticsearch.py``) and the database engine stands in when it
fails.
"""

import difflib
import logging
import math
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count

from .models import SearchDocument, SearchTerm, index_version
from .stopwords import meaningful
from .synonyms import expansions
from .text import MIN_PREFIX, stems

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
TITLE_WEIGHT = 3.0
SYNONYM_WEIGHT = 0.8
CORRECTED_WEIGHT = 0.1
MIN_SHARE_OF_BEST = 0.15


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
class Word:
    """One word of a query in one language: the stems it may take, the stems of its
    synonyms, and the closest known stems where its own are unknown (typo corrections)."""

    forms: tuple
    synonyms: tuple = ()
    corrected: tuple = ()


@dataclass(frozen=True)
class Way:
    """A way a word can match: its attribute of ``Word``, the share of a hit's weight it
    keeps, and whether a hit counts as matching exactly."""

    forms: str
    weight: float
    exact: bool


WAYS = (
    Way("forms", 1.0, exact=True),
    Way("synonyms", SYNONYM_WEIGHT, exact=True),
    Way("corrected", CORRECTED_WEIGHT, exact=False),
)


@dataclass(frozen=True)
class Branch:
    """The documents of one locale, and the query's words as they match there.

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


def scope_branches(scope, query):
    """The branches of a scope: the visitor's documents with the visitor's stems, and the
    originals of each other language with its stems or the visitor's."""
    query = meaningful(query)
    visitor = scope.language.code
    visitor_stems = stems(query, visitor)
    if not visitor_stems:
        return []
    branches = [Branch(scope.language.id, tuple(word((stem, visitor)) for stem in visitor_stems))]
    for other in scope.original_languages:
        own_stems = stems(query, other.code)
        pairs = zip(own_stems, visitor_stems, strict=True)  # the same words, stemmed twice
        words = tuple(word((own, other.code), (stem, visitor)) for own, stem in pairs)
        branches.append(Branch(other.id, words, originals_for=scope.language.id))
    return branches


def word(*stemmed):
    """The Word of (stem, language code) pairs, one word of a query stemmed in one or two
    languages, with the synonyms editors gave each stem in its language."""
    forms = tuple(dict.fromkeys(stem for stem, _code in stemmed))
    synonyms = set().union(*(expansions(code).get(stem, ()) for stem, code in stemmed))
    return Word(forms, tuple(sorted(synonyms - set(forms))))


def language_branches(languages, query):
    """One branch for all documents of each language, with that language's stems."""
    query = meaningful(query)
    branches = []
    for language in languages:
        language_stems = stems(query, language.code)
        if language_stems:
            words = tuple(word((stem, language.code)) for stem in language_stems)
            branches.append(Branch(language.id, words))
    return branches


def rarity(found, total):
    """BM25's inverse document frequency of a word found in ``found`` of ``total`` documents."""
    return math.log(1 + (total - found + 0.5) / (found + 0.5))


def field_weight(in_title, anywhere):
    return TITLE_WEIGHT if in_title else 1.0 if anywhere else 0.0


@dataclass
class Candidate:
    """A document where some word matched (``row``: its facet columns). ``hits``: for each
    of the ``WAYS``, per word (in title, anywhere); ``tie``: the database's own rank, which
    orders documents of the same score (it knows how often the words occur)."""

    branch: int
    row: tuple
    tie: float
    hits: list

    @property
    def words(self):
        return len(self.hits[0])

    def matched(self, index):
        return any(any(hits[index]) for hits in self.hits)

    def found(self, index, exact):
        """Whether word ``index`` matched in a way that is exact (or not): a word's
        synonyms count as the word itself for its rarity."""
        return any(
            hits[index][1] for way, hits in zip(WAYS, self.hits, strict=True) if way.exact == exact
        )

    @property
    def has_exact(self):
        return any(
            anywhere
            for way, hits in zip(WAYS, self.hits, strict=True)
            if way.exact
            for _title, anywhere in hits
        )


def score(candidate, rarities):
    """Σ over the words of the best of rarity × field weight × the way's weight, times the
    share of the words that matched. A word and its synonyms share one rarity (how many
    documents they find together), so a synonym never outweighs the word in the same
    field."""
    total = 0.0
    for index in range(candidate.words):
        total += max(
            way.weight * rarities[(candidate.branch, index, way.exact)] * field_weight(*hits[index])
            for way, hits in zip(WAYS, candidate.hits, strict=True)
        )
    return (
        total * sum(candidate.matched(index) for index in range(candidate.words)) / candidate.words
    )


def ranked(candidates, sizes, all_words=False):
    """The candidates as Matches, best first (see the module's docstring). ``sizes``: the
    number of documents of each branch's locale, for the words' rarity; ``all_words``
    keeps only documents where every word matched."""
    if all_words:
        candidates = [
            candidate
            for candidate in candidates
            if all(candidate.matched(index) for index in range(candidate.words))
        ]
    if any(candidate.has_exact for candidate in candidates):
        candidates = [candidate for candidate in candidates if candidate.has_exact]
    found = {}
    for candidate in candidates:
        for index in range(candidate.words):
            for exact in (True, False):
                key = (candidate.branch, index, exact)
                found[key] = found.get(key, 0) + candidate.found(index, exact)
    rarities = {key: rarity(count, max(sizes[key[0]], count)) for key, count in found.items()}
    scored = sorted(
        ((score(candidate, rarities), candidate) for candidate in candidates),
        key=lambda pair: (-pair[0], -pair[1].tie, pair[1].row[0]),
    )
    best = scored[0][0] if scored else 0.0
    return [
        Match(
            id=candidate.row[0],
            kind=candidate.row[1],
            place=candidate.row[2],
            topics=candidate.row[3].split(),
            target_groups=candidate.row[4].split(),
            languages=candidate.row[5].split(),
            translation_key=str(candidate.row[6]),
            rank=rank,
        )
        for rank, candidate in scored
        if rank >= best * MIN_SHARE_OF_BEST
    ]


class DatabaseEngine:
    """What both database engines share: candidates, corrections and ranking."""

    def find(self, scope, query, today, limit):
        """Documents matching some words of the query, best first, and whether only
        corrected words matched."""
        branches = self.with_corrections(scope_branches(scope, query))
        matches, exact = self.match_branches(branches, today, limit)
        return matches, bool(matches) and not exact

    def match_scope(self, scope, query, today, limit, kinds=None, titles_only=False):
        """Documents of the scope matching every word of ``query`` (in their titles)."""
        matches, _exact = self.match_branches(
            scope_branches(scope, query), today, limit, kinds, titles_only, all_words=True
        )
        return matches

    def match(self, languages, query, today, limit):
        """Documents of ``languages`` matching words of the query, each language with its
        stems, best first."""
        matches, _exact = self.match_branches(language_branches(languages, query), today, limit)
        return matches

    def with_corrections(self, branches):
        """The branches with each stem that begins no known word of its locale given the
        closest known one as its correction."""
        pairs = {
            (branch.locale_id, stem)
            for branch in branches
            for word in branch.words
            for stem in word.forms
        }
        closest = self.closest_terms(pairs) if pairs else {}
        corrected = []
        for branch in branches:
            words = []
            for word in branch.words:
                found = [closest.get((branch.locale_id, stem)) for stem in word.forms]
                fixes = tuple(dict.fromkeys(f for f in found if f and f not in word.forms))
                words.append(replace(word, corrected=fixes))
            corrected.append(replace(branch, words=tuple(words)))
        return corrected

    def match_branches(
        self, branches, today, limit, kinds=None, titles_only=False, all_words=False
    ):
        """The ranked matches of the branches (at most ``limit``), and whether any matched
        exactly."""
        if not branches:
            return [], False
        selects, params = [], []
        for number, branch in enumerate(branches):
            select, select_params = self.branch_select(number, branch, today, kinds, titles_only)
            selects.append(select)
            params += select_params
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            rows = cursor.fetchall()
        columns = len(FACET_COLUMNS.split(","))
        candidates = []
        for row in rows:
            flags = [bool(flag) for flag in row[columns + 2 :]]
            pairs = [tuple(flags[start : start + 2]) for start in range(0, len(flags), 2)]
            words = len(branches[row[0]].words)
            hits = [pairs[start : start + words] for start in range(0, len(pairs), words)]
            candidates.append(
                Candidate(row[0], row[1 : columns + 1], float(row[columns + 1]), hits)
            )
        sizes = locale_sizes()
        matches = ranked(
            candidates,
            {number: sizes.get(branch.locale_id, 0) for number, branch in enumerate(branches)},
            all_words=all_words,
        )
        return matches[:limit], any(candidate.has_exact for candidate in candidates)

    def branch_select(self, number, branch, today, kinds, titles_only):
        """The SELECT of one branch's candidates: its number, the facet columns, and per
        word (in title, anywhere) exactly, then per word the same through corrections."""
        conditions = [f"d.locale_id = %s AND {DATE_CONDITION}"]
        condition_params = [branch.locale_id, today, today]
        if kinds:
            conditions.append(f"d.kind IN ({', '.join('%s' for _ in kinds)})")
            condition_params += list(kinds)
        if branch.originals_for is not None:
            conditions.append(UNTRANSLATED_ORIGINAL)
            condition_params.append(branch.originals_for)
        flags, flag_params = [], []
        for forms in [getattr(word, way.forms) for way in WAYS for word in branch.words]:
            for in_title in (True, titles_only):
                if forms:
                    predicate, predicate_params = self.matches(forms, in_title, titles_only)
                    flags.append(f"CASE WHEN {predicate} THEN 1 ELSE 0 END")
                    flag_params += predicate_params
                else:
                    flags.append("0")
        every_form = [
            stem for word in branch.words for way in WAYS for stem in getattr(word, way.forms)
        ]
        expression = self.expression(every_form, titles_only, titles_only)
        source, predicate, rank, rank_params = self.candidates(expression)
        sql = (
            f"SELECT {number}, {FACET_COLUMNS}, {rank}, {', '.join(flags)} "
            f"FROM {source} WHERE {predicate} AND {' AND '.join(conditions)}"
        )
        return sql, [*rank_params, *flag_params, expression, *condition_params]


def begins(stem, typing):
    """Whether a stem matches the beginnings of words, or only whole words: a stem shorter
    than ``MIN_PREFIX`` ("is", "at") would begin too many, unless the visitor is still
    ``typing`` it (the suggestions)."""
    return typing or len(stem) >= MIN_PREFIX


def locale_sizes():
    """Locale id -> its number of search documents; cached until the index changes."""
    return cache.get_or_set(
        f"search:locale-sizes:{index_version()}",
        lambda: dict(
            SearchDocument.objects.values_list("locale_id").annotate(Count("id")).order_by()
        ),
        timeout=3600,
    )


class PostgresEngine(DatabaseEngine):
    def expression(self, forms, in_title, typing):
        """A tsquery: any of the stems as a word's beginning (in the title); see ``begins``."""
        weight = "A" if in_title else ""
        terms = []
        for stem in forms:
            marker = ("*" if begins(stem, typing) else "") + weight
            terms.append(f"'{stem}':{marker}" if marker else f"'{stem}'")
        return " | ".join(terms)

    def matches(self, forms, in_title, typing):
        """Whether any of the stems begins a word of the document (of its title)."""
        return "d.vector @@ to_tsquery('simple', %s)", [self.expression(forms, in_title, typing)]

    def candidates(self, expression):
        """Where the candidates of ``expression`` come from, the condition that takes them
        (its one parameter is the expression), and their rank for ties of the score."""
        return (
            "search_searchdocument d",
            "d.vector @@ to_tsquery('simple', %s)",
            "ts_rank('{0.1, 0.1, 0.2, 1.0}', d.vector, to_tsquery('simple', %s), 1)",
            [expression],
        )

    def closest_terms(self, pairs):
        """(locale id, stem) -> the vocabulary's most similar stem of that locale, or None;
        a stem that begins a known one stays."""
        pairs = sorted(pairs)
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
        for n, term, begins, similarity in rows:
            if begins:
                closest[pairs[n]] = pairs[n][1]
            elif similarity >= MIN_SIMILARITY:
                closest[pairs[n]] = term
        return closest


class SqliteEngine(DatabaseEngine):
    def expression(self, forms, in_title, typing):
        """An FTS5 query: any of the stems as a word's beginning (in the title); see
        ``begins``."""
        expression = " OR ".join(f'"{stem}"{"*" if begins(stem, typing) else ""}' for stem in forms)
        return f"title_terms : ({expression})" if in_title else expression

    def matches(self, forms, in_title, typing):
        """Whether any of the stems begins a word of the document (of its title)."""
        return (
            "d.id IN (SELECT rowid FROM search_document_fts WHERE search_document_fts MATCH %s)",
            [self.expression(forms, in_title, typing)],
        )

    def candidates(self, expression):
        """Where the candidates of ``expression`` come from, the condition that takes them
        (its one parameter is the expression), and their rank for ties of the score."""
        return (
            "search_document_fts JOIN search_searchdocument d ON d.id = search_document_fts.rowid",
            "search_document_fts MATCH %s",
            "-bm25(search_document_fts, 4.0, 1.0)",
            [],
        )

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
