"""Ranked full-text matching on the search documents, in the form the database provides.

An object (offer, actor, page, post) is one thing in several languages: its
versions share a translation key. A query is matched against the documents of
every language, each with the stems of its own language and of the visitor's
(so a Persian word finds a German document by the Persian names of its topics,
the document's ``labels``), and each object counts once, with its best-matching
version: a match in the visitor's language counts fully, a match only in
another language ``OTHER_LANGUAGE_WEIGHT`` of it. The visitor is shown the
object's version in their language, else its original (``one_per_object``):
"German course" typed on the German site finds the German courses through
their English versions.

Every word of a query is optional: the database finds the documents where any
form of any word begins a word (a *candidate*), with one flag per word, way and
field (title, rest of the text) saying where it matched, and scores them with
one SQL formula on every database (``scoring``): each way a word matched counts
with the word's rarity among the candidates (the inverse document frequency of
BM25) and three times in a title, the ways add up, and the sum is multiplied by
the share of the query's words that matched (the coordination factor). Only the
best version of each object leaves the database; PostgreSQL even ranks, lifts and
shows a search's objects as ``one_per_object`` says (``shown_objects``), so that
thousands of matches cost Python no work. A word also matches
through the synonyms editors gave it (0.8 of a hit) and through the vocabulary's
terms it names (``concepts.py``: half a hit). In German, a word also matches the
compounds it is a part of (0.3 of a hit: a part in a title counts less than the word
itself in the text), and a compound the texts with two neighbouring parts of it (0.2;
``compounds.py``). A word unknown in a language also
matches in the form of the closest known word (typo correction); such a hit
counts a tenth, and documents found only through corrected words come after all
the others. Documents scoring below a fraction of the best of their group are
left out, so that a common word does not pull in everything, and function words
("wo", "ich", "the", "في") are not searched at all (``stopwords.py``) unless the
query has nothing else.

PostgreSQL matches with a generated ``tsvector`` (``vector @@ tsquery``) and
corrects typos with trigram similarity (pg_trgm); SQLite matches with FTS5 and
corrects typos with ``difflib``. With ``ELASTICSEARCH_URL`` set, Elasticsearch
answers first (``elasticsearch.py``) and the database engine stands in when it
fails.
"""

import bisect
import difflib
import functools
import hashlib
import json
import logging
import math
import sys
import threading
import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass, replace
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count

from .compounds import query_parts
from .concepts import concepts, name_forms
from .models import SearchDocument, SearchTerm, index_version
from .stopwords import meaningful
from .synonyms import expansions, phrased
from .text import stems, words

logger = logging.getLogger(__name__)

FACET_COLUMNS = (
    "d.id, d.kind, d.place, d.topics, d.target_groups, d.languages, "
    "CAST(d.translation_key AS TEXT), d.locale_id, d.is_original, CAST(d.provider_key AS TEXT)"
)
DATE_CONDITION = (
    "(d.valid_from IS NULL OR d.valid_from <= %s) "
    "AND (d.valid_until IS NULL OR d.valid_until >= %s)"
)
MIN_SIMILARITY = 0.4  # of a typo correction's trigrams (PostgreSQL)
SIMILAR_SPELLING = 0.75  # difflib's ratio for a typo correction (SQLite)
MIN_BEGINNING = 5  # letters of an unknown word's beginning that may stand for it
MIN_BEGINNING_SHARE = 0.4  # of the word's letters (see ``beginnings``)
MIN_PREFIX = 3  # shorter stems match whole words only (see ``begins``)
TITLE_WEIGHT = 3.0
OTHER_LANGUAGE_WEIGHT = 0.7
PROVIDER_WEIGHT = 0.9  # an actor whose offer matches ranks just below that offer
ONE_OFFER_WEIGHT = 0.6  # of that, for an actor with only one matching offer
SYNONYM_WEIGHT = 0.8
CONCEPT_WEIGHT = 0.5
PART_WEIGHT = 0.3  # a part of a compound in a title counts less than the word in the text
READING_WEIGHT = 0.2
CORRECTED_WEIGHT = 0.1
MIN_SHARE_OF_BEST = 0.05
FIELDS = ("title", "any")  # a word matched in the title, or anywhere (the title too)


@dataclass(frozen=True)
class Language:
    """A locale of the site: its id and its language code."""

    id: int
    code: str


@dataclass(frozen=True)
class Scope:
    """What a visitor in ``language`` searches: the documents of that language and of the
    ``other_languages``."""

    language: Language
    other_languages: tuple = ()


@dataclass(frozen=True)
class Word:
    """One word of a query in one language: the stems it may take, the stems of its
    synonyms, the tokens of the vocabulary's terms it names (``concepts.py``) and the
    stems of those terms' names in the language, its part token (it is part of a
    compound, ``compounds.py``), its readings as a compound (pairs of its parts, each a
    tuple of alternatives), and the closest known stems where its own are unknown (typo
    corrections)."""

    forms: tuple
    synonyms: tuple = ()
    concepts: tuple = ()
    names: tuple = ()
    corrected: tuple = ()
    parts: tuple = ()
    readings: tuple = ()


@dataclass(frozen=True)
class Way:
    """A way a word can match: its attribute of ``Word``, the share of a hit's weight it
    keeps, whether a hit counts as matching exactly, whether its forms match whole
    words only, and the way it refines, if any."""

    forms: str
    weight: float
    exact: bool
    whole: bool = False
    within: str = ""  # another way: hits count only where it hit too, and find no documents


WAYS = (
    Way("forms", 1.0, exact=True),
    Way("synonyms", SYNONYM_WEIGHT, exact=True),
    Way("concepts", CONCEPT_WEIGHT, exact=True, whole=True),
    # The names of a word's concepts tell apart the documents that have them: an offer with
    # "Wohnung" in its title is more about housing than one that only has the topic.
    Way("names", CONCEPT_WEIGHT, exact=True, within="concepts"),
    Way("parts", PART_WEIGHT, exact=True),
    Way("readings", READING_WEIGHT, exact=True),
    Way("corrected", CORRECTED_WEIGHT, exact=False),
)


# (index of a way in WAYS, index of the way it refines)
REFINING = tuple(
    (index, [other.forms for other in WAYS].index(way.within))
    for index, way in enumerate(WAYS)
    if way.within
)


@dataclass(frozen=True)
class Branch:
    """The documents of one locale, and the query's words as they match there."""

    locale_id: int
    words: tuple


class Match(NamedTuple):
    """A document an engine found, with its facet values and its score (``rank``)."""

    id: int
    kind: str
    place: str
    topics: tuple
    target_groups: tuple
    languages: tuple
    translation_key: str
    rank: float
    locale_id: int = 0
    is_original: bool = False
    exact: bool = True  # False: found only through corrected words, shown after the others
    provider_key: str | None = None  # an offer's provider


def match_of(row, rank, exact=True):
    """The Match of a row of ``FACET_COLUMNS``."""
    return Match(  # by position, in the order of Match's fields: quicker than by name
        row[0],
        row[1],
        row[2],
        listed(row[3]),
        listed(row[4]),
        listed(row[5]),
        key_text(row[6]),
        rank,
        row[7],
        bool(row[8]),
        exact,
        key_text(row[9]) if row[9] else None,
    )


@functools.lru_cache(maxsize=10_000)
def listed(text):
    """The values of a facet column (slugs or codes separated by spaces) as a tuple, the same
    tuple for the same text: a search's matches share a few hundred distinct ones."""
    return tuple(map(sys.intern, text.split()))


def key_text(key):
    """A translation key from the database as text with dashes (SQLite stores it without)."""
    text = str(key)
    if len(text) == 32:
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
    return text


def scope_branches(scope, query):
    """The branches of a scope: the visitor's documents with the visitor's stems, and the
    documents of each other language with its stems or the visitor's."""
    visitor = scope.language.code
    query = meaningful(query, visitor)
    visitor_stems = stems(query, visitor)
    if not visitor_stems:
        return []
    folded = words(query)
    named = concepts(folded)
    codes = [language.code for language in (scope.language, *scope.other_languages)]
    names = name_forms(named, codes)
    # Each language's synonyms read once per query: every word of every branch needs them.
    synonyms = {code: expansions(code) for code in codes}
    visitor_parts = query_parts(folded, visitor_stems, visitor)
    visitor_phrased = phrased(visitor_stems, visitor)
    visitor_words = zip(
        named, names[visitor], visitor_stems, visitor_parts, visitor_phrased, strict=True
    )
    branches = [
        Branch(
            scope.language.id,
            tuple(
                word(terms, term_names, synonyms, (stem, visitor), parts=parts, phrases=phrase)
                for terms, term_names, stem, parts, phrase in visitor_words
            ),
        )
    ]
    for other in scope.other_languages:
        own_stems = stems(query, other.code)
        # the same words, stemmed twice; compounds split in the branch's language
        own_parts = query_parts(folded, own_stems, other.code)
        # runs of words that read as a phrase of a set: in the branch's language, in the
        # visitor's as the visitor's language stems them, or of the visitor's own sets
        branch_phrased = [
            own | translated | visitor_phrase
            for own, translated, visitor_phrase in zip(
                phrased(own_stems, other.code),
                phrased(visitor_stems, other.code, written_in=visitor),
                visitor_phrased,
                strict=True,
            )
        ]
        branch_words = tuple(
            word(
                terms,
                term_names,
                synonyms,
                (own, other.code),
                (stem, visitor),
                parts=parts,
                phrases=phrase,
            )
            for terms, term_names, own, stem, parts, phrase in zip(
                named,
                names[other.code],
                own_stems,
                visitor_stems,
                own_parts,
                branch_phrased,
                strict=True,
            )
        )
        branches.append(Branch(other.id, branch_words))
    return branches


def word(terms, names, synonyms, *stemmed, parts=((), ()), phrases=frozenset()):
    """The Word of (stem, language code) pairs, one word of a query stemmed in one or two
    languages, with the synonyms editors gave each stem in its language (``synonyms``:
    language code -> its expansions), those the sets give the second stem, in the first
    one's language, through their versions in the second one's, and those of the phrases
    of sets it is part of in the query (``phrases``, see ``synonyms.phrased``), the tokens
    of the vocabulary's ``terms`` it names, the stems of their ``names``, and what it
    matches through compounds (``parts``: its part tokens and readings)."""
    forms = tuple(dict.fromkeys(stem for stem, _code in stemmed))
    branch_code = stemmed[0][1]
    found = set(phrases).union(
        *(synonyms[code].get(stem, ()) for stem, code in stemmed),
        *(synonyms[branch_code].get((code, stem), ()) for stem, code in stemmed[1:]),
    )
    own = set(forms) | found
    tokens, readings = parts
    return Word(
        forms,
        tuple(sorted(found - set(forms))),
        terms,
        tuple(stem for stem in names if stem not in own),
        parts=tokens,
        readings=readings,
    )


class Hit(NamedTuple):
    """The best-matching version of an object as the database scored it (see ``scoring``):
    its ``rank`` is the score, ``exact`` whether a word matched exactly."""

    id: int
    translation_key: object
    locale_id: int
    is_original: bool
    provider_key: object
    exact: bool
    rank: float


def real(number):
    """A floating-point constant in SQL (a bare ``0.5`` is a decimal on PostgreSQL)."""
    return f"CAST({number!r} AS DOUBLE PRECISION)"


def scoring(candidates, words, greatest, documents, limit=None, shown=None):
    """The SQL that scores ``candidates`` (a SELECT of the key columns of ``Hit`` and one
    flag column ``f<n>`` per way, word and field, in the order of ``flag_columns``) and
    keeps the best version of each object, as rows of ``Hit``; with a ``limit``, only
    those that can be among the best ``limit`` objects (see ``one_per_object``). After
    the parameters of ``candidates`` come two: whether every word must match (1 or 0),
    and the visitor's locale id (for ``OTHER_LANGUAGE_WEIGHT``).

    A document's score is the sum over the words and the ways they matched of way
    weight × rarity × field weight (``TITLE_WEIGHT`` in a title), times the share of
    the words that matched (the coordination factor): the evidence adds up, so a
    document that has the word and the topic it names ranks above one with either. A
    word's rarity is BM25's inverse document frequency: the number of candidates where
    it matched exactly (or, for corrections, not exactly) among ``documents``, so a
    word and its synonyms share one rarity and a synonym never outweighs the word in
    the same field. A way that refines another
    (``Way.within``) counts only where that one hit. Documents found only through
    corrected words form a group of their own, shown after the others, and a document
    scoring below ``MIN_SHARE_OF_BEST`` of the best of its group is left out. Of an
    object's versions, the best counts: one in another language than the visitor's at
    ``OTHER_LANGUAGE_WEIGHT`` of its score.

    ``shown``: the SQL of ``shown_objects``, which then gives the rows, and whose
    parameters come last."""
    column = {name: f"f{number}" for number, name in enumerate(flag_columns(words))}
    refines = dict(REFINING)

    def hit(way, word, field):
        """Whether word ``word`` matched in ``field`` through way ``way`` (1 or 0)."""
        flag = column[way, word, field]
        if way not in refines:
            return flag
        return f"{flag} * {greatest([column[refines[way], word, other] for other in FIELDS])}"

    def found(word, exact):
        ways = [number for number, way in enumerate(WAYS) if way.exact == exact]
        return greatest([hit(way, word, "any") for way in ways])

    counts = [(word, exact) for word in range(words) for exact in (True, False)]
    name = {(word, exact): f"{'e' if exact else 'c'}{word}" for word, exact in counts}

    def rarity(word, exact):
        found = f"CAST(n{name[word, exact]} AS DOUBLE PRECISION)"
        total = greatest([real(float(documents)), found])
        return f"LN({real(1.0)} + ({total} - {found} + {real(0.5)}) / ({found} + {real(0.5)}))"

    def field_weight(way, word):
        return (
            f"CASE WHEN {hit(way, word, 'title')} = 1 THEN {real(TITLE_WEIGHT)} "
            f"WHEN {hit(way, word, 'any')} = 1 THEN {real(1.0)} ELSE {real(0.0)} END"
        )

    evidence = [
        f"{real(way.weight)} * r{name[word, way.exact]} * {field_weight(number, word)}"
        for word in range(words)
        for number, way in enumerate(WAYS)
    ]
    matched = [
        greatest([hit(way, word, field) for way in range(len(WAYS)) for field in FIELDS])
        for word in range(words)
    ]
    key_columns = "id, translation_key, locale_id, is_original, provider_key"
    if shown:
        final = shown
    else:
        objects = "versions WHERE place = 1"
        if limit is not None:  # an object behind ``limit`` others cannot be among the best
            objects = f"""(
                SELECT v.*, RANK() OVER (ORDER BY exact DESC, weighted DESC) AS position
                FROM versions v WHERE place = 1
            ) AS objects WHERE position <= {int(limit)}"""
        final = f"""
        SELECT id, CAST(translation_key AS TEXT), locale_id, is_original,
            CAST(provider_key AS TEXT), exact, score FROM {objects}"""
    return f"""
        WITH candidates AS {materialized()}({candidates}), flagged AS (
            SELECT c.*, {", ".join(f"{found(*pair)} AS {name[pair]}" for pair in counts)},
                {" + ".join(matched)} AS words
            FROM candidates c
        ), counted AS (
            SELECT f.*, {", ".join(f"SUM({name[n]}) OVER () AS n{name[n]}" for n in counts)}
            FROM flagged f WHERE %s = 0 OR words = {words}
        ), rated AS (
            SELECT c.*, {", ".join(f"{rarity(*pair)} AS r{name[pair]}" for pair in counts)}
            FROM counted c
        ), scored AS (
            SELECT {key_columns}, {greatest([name[word, True] for word in range(words)])} AS exact,
                ({" + ".join(evidence)}) * words / {words} AS score
            FROM rated
        ), kept AS (
            SELECT s.*, MAX(score) OVER (PARTITION BY exact) AS best,
                score * CASE WHEN locale_id = %s THEN {real(1.0)}
                    ELSE {real(OTHER_LANGUAGE_WEIGHT)} END AS weighted
            FROM scored s
        ), versions AS (
            SELECT k.*, ROW_NUMBER() OVER (
                PARTITION BY translation_key ORDER BY exact DESC, weighted DESC, id
            ) AS place
            FROM kept k WHERE score >= best * {real(MIN_SHARE_OF_BEST)}
        ){final}
    """


def shown_objects(limit, language_id, today):
    """The end of ``scoring`` that ranks and shows objects as ``one_per_object`` does with
    providers, in the database: one pass there, where Python took milliseconds per
    thousand matches. Gives rows of ``FACET_COLUMNS`` (of the version shown), exact and
    score, best first, at most ``limit``; and its parameters."""
    lifted_weight = real(PROVIDER_WEIGHT * ONE_OFFER_WEIGHT)
    sql = f""", best AS {materialized()}(
            SELECT translation_key, id, locale_id, provider_key, exact, weighted
            FROM versions WHERE place = 1
        ), lifted AS (
            SELECT provider_key AS translation_key, exact,
                weighted * CASE WHEN COUNT(*) OVER (PARTITION BY provider_key) = 1
                    THEN {lifted_weight} ELSE {real(PROVIDER_WEIGHT)} END AS weighted,
                ROW_NUMBER() OVER (
                    PARTITION BY provider_key ORDER BY exact DESC, weighted DESC, id
                ) AS place
            FROM best WHERE provider_key IS NOT NULL
        ), entries AS {materialized()}(
            SELECT b.translation_key, b.exact, b.weighted, CASE WHEN b.locale_id = %s
                THEN b.id ELSE COALESCE({shown_version("b")}, b.id) END AS shown_id
            FROM best b
            UNION ALL
            SELECT l.translation_key, l.exact, l.weighted, {shown_version("l")}
            FROM lifted l WHERE l.place = 1
        ), objects AS (
            SELECT e.*, ROW_NUMBER() OVER (
                PARTITION BY translation_key ORDER BY exact DESC, weighted DESC
            ) AS choice
            FROM entries e WHERE shown_id IS NOT NULL
        ), shown AS (
            SELECT shown_id, exact, weighted FROM objects WHERE choice = 1
            ORDER BY exact DESC, weighted DESC, shown_id
            {"" if limit is None else f"LIMIT {int(limit)}"}
        )
        SELECT {FACET_COLUMNS}, o.exact, o.weighted
        FROM shown o JOIN search_searchdocument d ON d.id = o.shown_id
        ORDER BY o.exact DESC, o.weighted DESC, o.shown_id"""
    looked_up = [today, today, language_id, today, today]  # the parameters of shown_version
    return sql, [language_id, *looked_up, *looked_up]


def shown_version(entry):
    """The SQL of the id of the version that the search shows of the object of ``entry`` (a
    table with its ``translation_key``): the one in the visitor's language, else the
    original, where the search may show them; NULL where there is none. Two lookups in the
    index of translations, nothing sorted. Its parameters: today twice and the visitor's
    locale id, then today twice."""
    version = (
        "SELECT d.id FROM search_searchdocument d "
        f"WHERE d.translation_key = {entry}.translation_key AND {DATE_CONDITION}"
    )
    return f"COALESCE(({version} AND d.locale_id = %s), ({version} AND d.is_original))"


def materialized():
    """``MATERIALIZED`` where the database takes it (SQLite since 3.35, every PostgreSQL
    Django supports): the candidates and their flags are then found once, not again in
    each table expression that reads them (the scoring query took a quarter less time
    on both databases)."""
    if connection.vendor == "sqlite" and connection.Database.sqlite_version_info < (3, 35):
        return ""
    return "MATERIALIZED "


def flag_columns(words):
    """The flags of a candidate, in order: (way index, word index, "title" or "any")."""
    return [
        (way, word, field) for way in range(len(WAYS)) for word in range(words) for field in FIELDS
    ]


def among(column, values, kind):
    """A condition that ``column`` (of PostgreSQL type ``kind``) is one of ``values``, with
    one query parameter whatever their number (a list is quick to pass as one string),
    and that parameter."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(string_to_array(%s, ',')::{kind}[])", ",".join(map(str, values))
    return f"{column} IN (SELECT value FROM json_each(%s))", json.dumps(list(values))


def stored_keys(keys):
    """The text a translation key is stored as (with dashes on PostgreSQL, 32 hex digits on
    SQLite) -> each of ``keys`` (which may be either, or a UUID)."""
    if connection.vendor == "postgresql":
        return {
            (text if len(text := str(key)) == 36 else str(uuid.UUID(text))): key for key in keys
        }
    return {str(key).replace("-", ""): key for key in keys}


def one_per_object(matches, language_id, today, with_providers=False, limit=None):
    """The best ``limit`` of the matches with one per object, best first: its best version's
    score (a version in another language than ``language_id`` counts
    ``OTHER_LANGUAGE_WEIGHT`` of its score; an exact match beats one through corrected
    words), shown as its version in that language, else its original, else the version
    that matched. ``with_providers``: the actor of a matching offer ranks at
    ``PROVIDER_WEIGHT`` of its best one, if not higher, and at ``ONE_OFFER_WEIGHT`` of
    that where only one of its offers matches (an organisation with one course of a
    kind is a weaker answer than one with several). ``matches``: Matches or Hits of
    documents shown on ``today``. On PostgreSQL, ``find`` does the same in SQL
    (``shown_objects``); a test holds the two together."""
    best = {}  # translation key -> ((not exact, -rank, id), the version)
    for match in matches:
        weight = 1.0 if match.locale_id == language_id else OTHER_LANGUAGE_WEIGHT
        order = (not match.exact, -(match.rank * weight), match.id)
        known = best.get(match.translation_key)
        if known is None or order < known[0]:
            best[match.translation_key] = (order, match)
    lifted = {}
    if with_providers:
        offers = Counter(match.provider_key for _order, match in best.values())
        for (inexact, negative_rank, _id), match in best.values():
            if match.provider_key:
                weight = PROVIDER_WEIGHT
                if offers[match.provider_key] == 1:
                    weight *= ONE_OFFER_WEIGHT
                order = (inexact, -(-negative_rank * weight), match.id)
                known = lifted.get(match.provider_key)
                if known is None or order < known[0]:
                    lifted[match.provider_key] = (order, match)
    # a match in the visitor's language is the version shown; the others are looked up
    shown = {key: hit.id for key, (_order, hit) in best.items() if hit.locale_id == language_id}
    others = [key for key in [*best, *lifted] if key not in shown]
    shown |= shown_versions(others, language_id, today)
    for key, offer in lifted.items():
        if key in shown and (key not in best or offer[0] < best[key][0]):
            best[key] = offer
    ordered = sorted(
        (inexact, negative_rank, shown.get(key, match.id))
        for key, ((inexact, negative_rank, _id), match) in best.items()
    )[:limit]
    rows = facet_rows([pk for _inexact, _rank, pk in ordered])
    return [
        match_of(rows[pk], -negative_rank, not inexact) for inexact, negative_rank, pk in ordered
    ]


def facet_rows(ids):
    """Document id -> its row of ``FACET_COLUMNS``."""
    if not ids:
        return {}
    condition, param = among("d.id", ids, "bigint")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {FACET_COLUMNS} FROM search_searchdocument d WHERE {condition}", [param]
        )
        return {row[0]: row for row in cursor.fetchall()}


def shown_versions(keys, language_id, today):
    """Translation key -> the id of the version that the search shows of that object: the
    one in ``language_id``, else the original, where the search may show them. One
    query, whatever the number of keys."""
    if not keys:
        return {}
    known = stored_keys(keys)
    condition, param = among("translation_key", known, "uuid")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT CAST(translation_key AS TEXT), id, locale_id FROM search_searchdocument d "
            f"WHERE {condition} AND (locale_id = %s OR is_original) AND {DATE_CONDITION}",
            [param, language_id, today, today],
        )
        rows = cursor.fetchall()
    shown = {}
    for key, pk, _locale_id in sorted(rows, key=lambda row: row[2] == language_id):
        shown[known[key]] = pk
    return shown


class DatabaseEngine:
    """What both database engines share: candidates, corrections and ranking."""

    # Whether the database ranks and shows the objects of a search (``shown_matches``), or
    # Python does with the best versions it reads (``one_per_object``).
    ranks_objects = False

    def find(self, scope, query, today, limit):
        """One document per object matching some words of the query, best first, and
        whether only corrected words matched."""
        branches = self.with_corrections(scope_branches(scope, query))
        if self.ranks_objects:
            found = self.shown_matches(branches, today, limit)
        else:
            matches = self.match_branches(branches, today)
            found = one_per_object(
                matches, scope.language.id, today, with_providers=True, limit=limit
            )
        return found, bool(found) and not found[0].exact

    def match_scope(self, scope, query, today, limit, kinds=None, titles_only=False):
        """One document per object matching every word of ``query`` (in their titles)."""
        matches = self.match_branches(
            scope_branches(scope, query), today, kinds, titles_only, all_words=True, limit=limit
        )
        return one_per_object(matches, scope.language.id, today, limit=limit)

    def probe(self, locale_id, today):
        """Run one full-text query of the index (the health check), touching nothing but the
        database; raises when the index cannot answer."""
        branch = Branch(locale_id, (Word(("health",)),))
        sql, params = self.branch_select(branch, today, None, False)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    def with_corrections(self, branches):
        """The branches with each stem that begins no known word of its locale given the
        closest known one as its correction, for the query's words that no branch knows: a
        word that one language has is no typo in another."""
        vocabularies = VOCABULARIES.get({branch.locale_id for branch in branches})

        def known(branch, word):
            vocabulary = vocabularies[branch.locale_id]
            return any(vocabulary.begins_known(stem) for stem in word.forms)

        typos = [
            not any(known(branch, word) for branch, word in zip(branches, same, strict=True))
            for same in zip(*(branch.words for branch in branches), strict=True)
        ]
        pairs = {
            (branch.locale_id, stem)
            for branch in branches
            for word, typo in zip(branch.words, typos, strict=True)
            if typo
            for stem in word.forms
        }
        closest = self.remembered_corrections(pairs)
        corrected = []
        for branch in branches:
            words = []
            for word in branch.words:
                found = [closest.get((branch.locale_id, stem)) for stem in word.forms]
                fixes = tuple(dict.fromkeys(f for f in found if f and f not in word.forms))
                words.append(replace(word, corrected=fixes))
            corrected.append(replace(branch, words=tuple(words)))
        return corrected

    def remembered_corrections(self, pairs):
        """``closest_terms`` of the (locale id, stem) pairs, else their ``known_beginnings``,
        each remembered until the index changes: most words of a new query have been
        searched before."""
        version = index_version()
        keys = {pair: f"search:closest:{version}:{pair[0]}:{digest(pair[1])}" for pair in pairs}
        known = cache.get_many(list(keys.values()))
        missing = [pair for pair, key in keys.items() if key not in known]
        if missing:
            computed = self.closest_terms(missing)
            computed |= self.known_beginnings([pair for pair in missing if not computed.get(pair)])
            fresh = {keys[pair]: computed.get(pair) or "" for pair in missing}
            cache.set_many(fresh, timeout=3600)
            known |= fresh
        return {pair: known[key] or None for pair, key in keys.items()}

    def closest_terms(self, pairs):
        """(locale id, stem) -> the vocabulary's most similar stem of that locale, or None;
        a stem that begins a known one stays (looked up in the process's ``Vocabulary``)."""
        vocabularies = VOCABULARIES.get({locale_id for locale_id, _stem in pairs})
        closest = {pair: pair[1] for pair in pairs if vocabularies[pair[0]].begins_known(pair[1])}
        unknown = [pair for pair in pairs if pair not in closest]
        return closest | (self.similar_terms(unknown, vocabularies) if unknown else {})

    def known_beginnings(self, pairs):
        """(locale id, stem) -> the longest of its ``beginnings`` that begins a known stem of
        that locale, where one does."""
        vocabularies = VOCABULARIES.get({locale_id for locale_id, _stem in pairs})
        candidates = [(pair, beginning) for pair in pairs for beginning in beginnings(pair[1])]
        known = {
            (pair, beginning)
            for pair, beginning in candidates
            if vocabularies[pair[0]].begins_known(beginning)
        }
        return longest_known(candidates, known)

    def match_branches(
        self, branches, today, kinds=None, titles_only=False, all_words=False, limit=None
    ):
        """The best-matching version of each object that the branches find, as ``Hit``s
        (see ``scoring``); with a ``limit``, those that can be among the best ``limit``."""
        rows = self.scored_rows(branches, today, kinds, titles_only, all_words, limit)
        return [
            Hit(pk, key, locale_id, bool(original), provider, bool(exact), score)
            for pk, key, locale_id, original, provider, exact, score in rows
        ]

    def shown_matches(self, branches, today, limit):
        """The best ``limit`` objects that the branches find, ranked and shown as
        ``one_per_object`` ranks and shows them with providers, as ``Match``es; ranked in
        the database (``shown_objects``)."""
        shown = shown_objects(limit, branches[0].locale_id, today) if branches else None
        rows = self.scored_rows(branches, today, limit=limit, shown=shown)
        return [match_of(row, score, bool(exact)) for *row, exact, score in rows]

    def scored_rows(
        self,
        branches,
        today,
        kinds=None,
        titles_only=False,
        all_words=False,
        limit=None,
        shown=None,
    ):
        """The rows of ``scoring`` for the branches' candidates (its ``shown`` end: the SQL
        and parameters of ``shown_objects``)."""
        if not branches:
            return []
        selects, params = [], []
        for branch in branches:
            select, select_params = self.branch_select(branch, today, kinds, titles_only)
            selects.append(select)
            params += select_params
        sizes = locale_sizes()
        shown_sql, shown_params = shown or ("", [])
        sql = scoring(
            " UNION ALL ".join(selects),
            len(branches[0].words),
            self.greatest,
            sum(sizes.get(branch.locale_id, 0) for branch in branches),
            limit,
            shown_sql,
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, int(all_words), branches[0].locale_id, *shown_params])
            return cursor.fetchall()

    def branch_select(self, branch, today, kinds, titles_only):
        """The SELECT of one branch's candidates: the key columns of ``Hit`` and, for each
        of ``flag_columns``, whether the word matched that way in that field (1 or 0)."""
        conditions = [f"d.locale_id = %s AND {DATE_CONDITION}"]
        condition_params = [branch.locale_id, today, today]
        if kinds:
            conditions.append(f"d.kind IN ({', '.join('%s' for _ in kinds)})")
            condition_params += list(kinds)
        flags, flag_params = [], []
        for way, word, field in flag_columns(len(branch.words)):
            forms = getattr(branch.words[word], WAYS[way].forms)
            if forms:
                whole = forms if WAYS[way].whole else ()
                prefixes = () if WAYS[way].whole else forms
                predicate, predicate_params = self.matches(
                    prefixes, field == "title" or titles_only, titles_only, whole
                )
                flags.append(f"CASE WHEN {predicate} THEN 1 ELSE 0 END AS f{len(flags)}")
                flag_params += predicate_params
            else:
                flags.append(f"0 AS f{len(flags)}")
        every_form = [
            (stem, way.whole)
            for term in branch.words
            for way in WAYS
            if not way.within
            for stem in getattr(term, way.forms)
        ]
        expression = self.expression(
            [stem for stem, whole in every_form if not whole],
            titles_only,
            titles_only,
            [stem for stem, whole in every_form if whole],
        )
        source, predicate = self.candidates(titles_only)
        sql = (
            f"SELECT d.id, d.translation_key, d.locale_id, d.is_original, d.provider_key, "
            f"{', '.join(flags)} FROM {source} WHERE {predicate} AND {' AND '.join(conditions)}"
        )
        return sql, [*flag_params, expression, *condition_params]


def digest(text):
    """A short fixed-length key part for ``text``, whatever its length and characters."""
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def rendered(form, term, both, either):
    """A form as full-text query syntax: a stem through ``term``, or a compound's pair of
    parts (each a tuple of alternatives) as both parts, each as any of its alternatives."""
    if isinstance(form, str):
        return term(form)
    return "(" + both.join("(" + either.join(map(term, part)) + ")" for part in form) + ")"


def begins(stem, typing):
    """Whether a stem matches the beginnings of words, or only whole words: a stem shorter
    than ``MIN_PREFIX`` ("is", "at") would begin too many, unless the visitor is still
    ``typing`` it (the suggestions)."""
    return typing or len(stem) >= MIN_PREFIX


def beginnings(stem):
    """The beginnings of an unknown stem that may stand for it, longest first: at least
    ``MIN_BEGINNING`` letters and ``MIN_BEGINNING_SHARE`` of the stem. A compound whose
    last part the site does not know ("Kleiderkammer") is found by its first part
    ("Kleiderstube"), a word with an ending the stemmer does not know by its stem."""
    shortest = max(MIN_BEGINNING, math.ceil(len(stem) * MIN_BEGINNING_SHARE))
    return [stem[:end] for end in range(len(stem) - 1, shortest - 1, -1)]


def locale_sizes():
    """Locale id -> its number of search documents; cached until the index changes."""
    return cache.get_or_set(
        f"search:locale-sizes:{index_version()}",
        lambda: dict(
            SearchDocument.objects.values_list("locale_id").annotate(Count("id")).order_by()
        ),
        timeout=3600,
    )


def vector(in_title):
    """The ``tsvector`` column of a document's words (PostgreSQL), or of its title's."""
    return "d.title_vector" if in_title else "d.vector"


class PostgresEngine(DatabaseEngine):
    # A broad query on a large site matches thousands of objects, which cost Python about
    # 18 ms to rank and show. SQLite, which runs in the process, gains nothing: preparing
    # the longer statement costs what Python saves.
    ranks_objects = True

    def expression(self, forms, in_title, typing, whole=()):
        """A tsquery: any of the stems as a word's beginning (see ``begins``), or any of the
        ``whole`` words; a title is matched through its own column (``vector``)."""

        def term(stem, prefix):
            return f"'{stem}':*" if prefix else f"'{stem}'"

        terms = [
            *(
                rendered(form, lambda stem: term(stem, begins(stem, typing)), " & ", " | ")
                for form in forms
            ),
            *(term(w, False) for w in whole),
        ]
        return " | ".join(terms)

    def matches(self, forms, in_title, typing, whole=()):
        """Whether any of the stems begins a word of the document, or any of the ``whole``
        words is one (in its title)."""
        return f"{vector(in_title)} @@ to_tsquery('simple', %s)", [
            self.expression(forms, in_title, typing, whole)
        ]

    def candidates(self, titles_only):
        """Where the candidates come from, and the condition that takes them (its one
        parameter is the full-text expression)."""
        return "search_searchdocument d", f"{vector(titles_only)} @@ to_tsquery('simple', %s)"

    @staticmethod
    def greatest(expressions):
        """The largest of the SQL ``expressions``."""
        return f"GREATEST({', '.join(expressions)})" if len(expressions) > 1 else expressions[0]

    def similar_terms(self, pairs, vocabularies):
        """(locale id, stem) -> the vocabulary's most similar stem of that locale by
        trigrams (at least ``MIN_SIMILARITY``), or None. Each stem is looked up on its own
        through the trigram index; of equally similar stems the last in alphabetical order
        wins, as with SQLite's ``difflib``."""
        pairs = sorted(pairs)
        values = ", ".join("(%s::int, %s::int, %s::text)" for _ in pairs)
        sql = f"""
            SELECT w.n, c.term, c.score FROM (VALUES {values}) AS w(n, locale_id, stem)
            CROSS JOIN LATERAL (
                SELECT t.term, similarity(t.term, w.stem) AS score FROM search_searchterm t
                WHERE t.locale_id = w.locale_id AND t.term %% w.stem
                ORDER BY score DESC, t.term DESC LIMIT 1
            ) AS c
        """
        params = [value for n, pair in enumerate(pairs) for value in (n, *pair)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return {pairs[n]: term for n, term, score in rows if score >= MIN_SIMILARITY}


class SqliteEngine(DatabaseEngine):
    def expression(self, forms, in_title, typing, whole=()):
        """An FTS5 query: any of the stems as a word's beginning (see ``begins``), or any of
        the ``whole`` words (in the title)."""
        terms = [
            rendered(
                form, lambda stem: f'"{stem}"{"*" if begins(stem, typing) else ""}', " AND ", " OR "
            )
            for form in forms
        ]
        expression = " OR ".join([*terms, *(f'"{w}"' for w in whole)])
        return f"title_terms : ({expression})" if in_title else expression

    def matches(self, forms, in_title, typing, whole=()):
        """Whether any of the stems begins a word of the document, or any of the ``whole``
        words is one (in its title)."""
        return (
            "d.id IN (SELECT rowid FROM search_document_fts WHERE search_document_fts MATCH %s)",
            [self.expression(forms, in_title, typing, whole)],
        )

    def candidates(self, titles_only):
        """Where the candidates come from, and the condition that takes them (its one
        parameter is the full-text expression, which names the titles' column itself)."""
        return (
            "search_document_fts CROSS JOIN search_searchdocument d "
            "ON d.id = search_document_fts.rowid",
            "search_document_fts MATCH %s",
        )

    @staticmethod
    def greatest(expressions):
        """The largest of the SQL ``expressions``."""
        return f"MAX({', '.join(expressions)})" if len(expressions) > 1 else expressions[0]

    def similar_terms(self, pairs, vocabularies):
        """(locale id, stem) -> the vocabulary's most similar stem of that locale, or None.
        ``difflib`` compares only the known stems written in the same script, of a length
        that can be similar enough (its own first test, ``real_quick_ratio``)."""
        closest = {}
        for locale_id, stem in pairs:
            comparable = [
                term
                for length, terms in vocabularies[locale_id]
                .by_script_and_length.get(script(stem), {})
                .items()
                if 2.0 * min(length, len(stem)) / (length + len(stem)) >= SIMILAR_SPELLING
                for term in terms
            ]
            found = difflib.get_close_matches(stem, comparable, n=1, cutoff=SIMILAR_SPELLING)
            closest[locale_id, stem] = found[0] if found else None
        return closest


def script(word):
    """The script a folded word is written in, by its first character ("LATIN", "ARABIC",
    "CYRILLIC", "DIGIT"): a typo is corrected only into words of the same script."""
    return unicodedata.name(word[:1], "").split(" ")[0]


class Vocabulary:
    """The known stems of a locale, sorted, and by script and length."""

    def __init__(self, terms):
        self.known = sorted(terms)

    @functools.cached_property
    def by_script_and_length(self):
        """Script -> length -> the known stems (for SQLite's ``difflib``)."""
        found = {}
        for term in self.known:
            found.setdefault(script(term), {}).setdefault(len(term), []).append(term)
        return found

    def begins_known(self, stem):
        """Whether the stem begins a known stem (or is one)."""
        at = bisect.bisect_left(self.known, stem)
        return at < len(self.known) and self.known[at].startswith(stem)


class Vocabularies:
    """The ``Vocabulary`` of each locale, read once per process and index version."""

    def __init__(self):
        self.lock = threading.Lock()
        self.current = {}  # locale id -> (index version, Vocabulary)

    def get(self, locale_ids):
        """Locale id -> its Vocabulary, for each of ``locale_ids``."""
        version = index_version()
        found = {}
        for locale_id in locale_ids:
            made, vocabulary = self.current.get(locale_id, (None, None))
            if made != version:
                terms = SearchTerm.objects.filter(locale_id=locale_id).values_list(
                    "term", flat=True
                )
                vocabulary = Vocabulary(terms)
                with self.lock:
                    self.current[locale_id] = (version, vocabulary)
            found[locale_id] = vocabulary
        return found


VOCABULARIES = Vocabularies()


def longest_known(candidates, known):
    """(locale id, stem) -> the first of its (pair, beginning) ``candidates`` (longest
    first) that is ``known``."""
    found = {}
    for pair, beginning in candidates:
        if (pair, beginning) in known:
            found.setdefault(pair, beginning)
    return found


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


def engine():
    """The engine that answers searches: Elasticsearch if configured, else the database."""
    if settings.ELASTICSEARCH_URL:
        from .elasticsearch import ElasticsearchEngine

        return FallbackEngine(ElasticsearchEngine(), database_engine())
    return database_engine()
