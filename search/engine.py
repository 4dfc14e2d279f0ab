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
form of any word begins a word (a *candidate*), with one flag per word and field
(title, rest of the text) saying where it matched; ``ranked`` scores them in
Python, the same way on every database (see ``score``): each way a word matched
counts with the word's rarity (the inverse document frequency of BM25) and three
times in a title, the ways add up, and the sum is multiplied by the share of the
query's words that matched (the coordination factor). A word also matches
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

import difflib
import hashlib
import logging
import math
import uuid
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q

from .compounds import query_parts
from .concepts import concepts, name_forms
from .models import SearchDocument, SearchTerm, index_version
from .stopwords import meaningful
from .synonyms import expansions
from .text import stems, words

logger = logging.getLogger(__name__)

FACET_COLUMNS = (
    "d.id, d.kind, d.place, d.topics, d.target_groups, d.languages, d.translation_key, "
    "d.locale_id, d.is_original, d.provider_key"
)
DATE_CONDITION = (
    "(d.valid_from IS NULL OR d.valid_from <= %s) "
    "AND (d.valid_until IS NULL OR d.valid_until >= %s)"
)
MIN_SIMILARITY = 0.4
MIN_PREFIX = 3  # shorter stems match whole words only (see ``begins``)
TITLE_WEIGHT = 3.0
OTHER_LANGUAGE_WEIGHT = 0.7
PROVIDER_WEIGHT = 0.9  # an actor whose offer matches ranks just below that offer
SYNONYM_WEIGHT = 0.8
CONCEPT_WEIGHT = 0.5
PART_WEIGHT = 0.3  # a part of a compound in a title counts less than the word in the text
READING_WEIGHT = 0.2
CORRECTED_WEIGHT = 0.1
MIN_SHARE_OF_BEST = 0.05
NO_HIT = (False, False)


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
    locale_id: int = 0
    is_original: bool = False
    exact: bool = True  # False: found only through corrected words, shown after the others
    provider_key: str | None = None  # an offer's provider

    @property
    def order(self):
        return (not self.exact, -self.rank, self.id)


def match_of(row, rank, exact=True):
    """The Match of a row of ``FACET_COLUMNS``."""
    return Match(
        id=row[0],
        kind=row[1],
        place=row[2],
        topics=row[3].split(),
        target_groups=row[4].split(),
        languages=row[5].split(),
        translation_key=str(uuid.UUID(str(row[6]))),  # SQLite gives it without dashes
        rank=rank,
        locale_id=row[7],
        is_original=bool(row[8]),
        exact=exact,
        provider_key=str(uuid.UUID(str(row[9]))) if row[9] else None,
    )


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
    visitor_words = zip(named, names[visitor], visitor_stems, visitor_parts, strict=True)
    branches = [
        Branch(
            scope.language.id,
            tuple(
                word(terms, term_names, synonyms, (stem, visitor), parts=parts)
                for terms, term_names, stem, parts in visitor_words
            ),
        )
    ]
    for other in scope.other_languages:
        own_stems = stems(query, other.code)
        # the same words, stemmed twice; compounds split in the branch's language
        own_parts = query_parts(folded, own_stems, other.code)
        quintuples = zip(named, names[other.code], own_stems, visitor_stems, own_parts, strict=True)
        branch_words = tuple(
            word(terms, term_names, synonyms, (own, other.code), (stem, visitor), parts=parts)
            for terms, term_names, own, stem, parts in quintuples
        )
        branches.append(Branch(other.id, branch_words))
    return branches


def word(terms, names, synonyms, *stemmed, parts=((), ())):
    """The Word of (stem, language code) pairs, one word of a query stemmed in one or two
    languages, with the synonyms editors gave each stem in its language (``synonyms``:
    language code -> its expansions), the tokens of the vocabulary's ``terms`` it names,
    the stems of their ``names``, and what it matches through compounds (``parts``: its
    part tokens and readings)."""
    forms = tuple(dict.fromkeys(stem for stem, _code in stemmed))
    found = set().union(*(synonyms[code].get(stem, ()) for stem, code in stemmed))
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


def within(hits):
    """``hits`` (per way, per word) with the hits of a way that refines another kept only
    for the words where that other way hit (changed in place)."""
    for refining, refined in REFINING:
        if any(any(hit) for hit in hits[refining]):
            hits[refining] = [
                hit if any(hits[refined][index]) else NO_HIT
                for index, hit in enumerate(hits[refining])
            ]
    return hits


def score(candidate, rarities):
    """Σ over the words and the ways they matched of rarity × field weight × the way's
    weight, times the share of the words that matched: the evidence adds up, so a
    document that has the word and the topic it names ranks above one with either. A
    word and its synonyms share one rarity (how many documents they find together), so
    a synonym never outweighs the word in the same field."""
    total = 0.0
    for index in range(candidate.words):
        total += sum(
            way.weight * rarities[(index, way.exact)] * field_weight(*hits[index])
            for way, hits in zip(WAYS, candidate.hits, strict=True)
        )
    return (
        total * sum(candidate.matched(index) for index in range(candidate.words)) / candidate.words
    )


def ranked(candidates, documents, all_words=False):
    """The candidates as Matches, best first (see the module's docstring). ``documents``:
    the number of documents searched, for the words' rarity, which is counted over the
    documents of all languages (a word rare in a small language is not rare); ``all_words``
    keeps only documents where every word matched."""
    if all_words:
        candidates = [
            candidate
            for candidate in candidates
            if all(candidate.matched(index) for index in range(candidate.words))
        ]
    found = {}
    for candidate in candidates:
        for index in range(candidate.words):
            for exact in (True, False):
                key = (index, exact)
                found[key] = found.get(key, 0) + candidate.found(index, exact)
    rarities = {key: rarity(count, max(documents, count)) for key, count in found.items()}
    matches = []
    for exact in (True, False):
        scored = sorted(
            (
                (score(candidate, rarities), candidate)
                for candidate in candidates
                if candidate.has_exact == exact
            ),
            key=lambda pair: (-pair[0], -pair[1].tie, pair[1].row[0]),
        )
        best = scored[0][0] if scored else 0.0
        matches += [
            match_of(candidate.row, rank, exact)
            for rank, candidate in scored
            if rank >= best * MIN_SHARE_OF_BEST
        ]
    return matches


def one_per_object(matches, language_id, today, with_providers=False):
    """The matches with one per object, best first: its best version's score (a version
    in another language than ``language_id`` counts ``OTHER_LANGUAGE_WEIGHT`` of its
    score; an exact match beats one through corrected words), shown as its version in
    that language, else its original, else the version that matched. ``with_providers``:
    the actor of a matching offer ranks at ``PROVIDER_WEIGHT`` of it, if not higher."""
    best = {}
    for match in matches:
        weight = 1.0 if match.locale_id == language_id else OTHER_LANGUAGE_WEIGHT
        scored = replace(match, rank=match.rank * weight)
        if match.translation_key not in best or scored.order < best[match.translation_key].order:
            best[match.translation_key] = scored
    lifted = {}
    if with_providers:
        for match in best.values():
            if match.provider_key:
                rank = replace(match, rank=match.rank * PROVIDER_WEIGHT)
                if (
                    match.provider_key not in lifted
                    or rank.order < lifted[match.provider_key].order
                ):
                    lifted[match.provider_key] = rank
    shown = {}
    for match in matches:
        if match.locale_id == language_id or (
            match.is_original and match.translation_key not in shown
        ):
            shown[match.translation_key] = match
    for version in shown_versions([*best, *lifted], language_id, today):
        current = shown.get(version.translation_key)
        if current is None or current.locale_id != language_id:
            shown[version.translation_key] = version
    for key, offer in lifted.items():
        if key in shown and (key not in best or offer.order < best[key].order):
            best[key] = replace(shown[key], rank=offer.rank, exact=offer.exact)
    found = [
        replace(shown.get(key, match), rank=match.rank, exact=match.exact)
        for key, match in best.items()
    ]
    return sorted(found, key=lambda match: match.order)


def shown_versions(keys, language_id, today):
    """Matches (rank 0) of the versions in ``language_id`` and of the originals of the
    objects with translation ``keys``, where the search may show them; those in
    ``language_id`` last. One query, whatever the number of keys."""
    rows = (
        SearchDocument.objects.filter(translation_key__in=keys)
        .filter(Q(locale_id=language_id) | Q(is_original=True))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .values_list(*(column.strip()[2:] for column in FACET_COLUMNS.split(",")))
    )
    found = [match_of(row, 0.0) for row in rows]
    return sorted(found, key=lambda match: match.locale_id == language_id)


class DatabaseEngine:
    """What both database engines share: candidates, corrections and ranking."""

    def find(self, scope, query, today, limit):
        """One document per object matching some words of the query, best first, and
        whether only corrected words matched."""
        branches = self.with_corrections(scope_branches(scope, query))
        matches = self.match_branches(branches, today)
        found = one_per_object(matches, scope.language.id, today, with_providers=True)[:limit]
        return found, bool(found) and not found[0].exact

    def match_scope(self, scope, query, today, limit, kinds=None, titles_only=False):
        """One document per object matching every word of ``query`` (in their titles)."""
        matches = self.match_branches(
            scope_branches(scope, query), today, kinds, titles_only, all_words=True
        )
        return one_per_object(matches, scope.language.id, today)[:limit]

    def probe(self, locale_id, today):
        """Run one full-text query of the index (the health check), touching nothing but the
        database; raises when the index cannot answer."""
        branch = Branch(locale_id, (Word(("health",)),))
        sql, params = self.branch_select(0, branch, today, None, False)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    def with_corrections(self, branches):
        """The branches with each stem that begins no known word of its locale given the
        closest known one as its correction."""
        pairs = {
            (branch.locale_id, stem)
            for branch in branches
            for word in branch.words
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
        """``closest_terms`` of the (locale id, stem) pairs, each remembered until the index
        changes: most words of a new query have been searched before."""
        version = index_version()
        keys = {pair: f"search:closest:{version}:{pair[0]}:{digest(pair[1])}" for pair in pairs}
        known = cache.get_many(list(keys.values()))
        missing = [pair for pair, key in keys.items() if key not in known]
        if missing:
            computed = self.closest_terms(missing)
            fresh = {keys[pair]: computed.get(pair) or "" for pair in missing}
            cache.set_many(fresh, timeout=3600)
            known |= fresh
        return {pair: known[key] or None for pair, key in keys.items()}

    def match_branches(self, branches, today, kinds=None, titles_only=False, all_words=False):
        """The ranked matches of the branches."""
        if not branches:
            return []
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
                Candidate(row[0], row[1 : columns + 1], float(row[columns + 1]), within(hits))
            )
        sizes = locale_sizes()
        matches = ranked(
            candidates,
            sum(sizes.get(branch.locale_id, 0) for branch in branches),
            all_words=all_words,
        )
        return matches

    def branch_select(self, number, branch, today, kinds, titles_only):
        """The SELECT of one branch's candidates: its number, the facet columns, and per
        word (in title, anywhere) exactly, then per word the same through corrections."""
        conditions = [f"d.locale_id = %s AND {DATE_CONDITION}"]
        condition_params = [branch.locale_id, today, today]
        if kinds:
            conditions.append(f"d.kind IN ({', '.join('%s' for _ in kinds)})")
            condition_params += list(kinds)
        flags, flag_params = [], []
        for way, forms in [
            (way, getattr(term, way.forms)) for way in WAYS for term in branch.words
        ]:
            for in_title in (True, titles_only):
                if forms:
                    whole = forms if way.whole else ()
                    prefixes = () if way.whole else forms
                    predicate, predicate_params = self.matches(
                        prefixes, in_title, titles_only, whole
                    )
                    flags.append(f"CASE WHEN {predicate} THEN 1 ELSE 0 END")
                    flag_params += predicate_params
                else:
                    flags.append("0")
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
        source, predicate, rank, rank_params = self.candidates(expression)
        sql = (
            f"SELECT {number}, {FACET_COLUMNS}, {rank}, {', '.join(flags)} "
            f"FROM {source} WHERE {predicate} AND {' AND '.join(conditions)}"
        )
        return sql, [*rank_params, *flag_params, expression, *condition_params]


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
    def expression(self, forms, in_title, typing, whole=()):
        """A tsquery: any of the stems as a word's beginning (see ``begins``), or any of the
        ``whole`` words (in the title)."""
        weight = "A" if in_title else ""

        def term(stem, prefix):
            marker = ("*" if prefix else "") + weight
            return f"'{stem}':{marker}" if marker else f"'{stem}'"

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
        return "d.vector @@ to_tsquery('simple', %s)", [
            self.expression(forms, in_title, typing, whole)
        ]

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
        a stem that begins a known one stays. Of equally similar stems the last in
        alphabetical order wins, as with SQLite's ``difflib``."""
        pairs = sorted(pairs)
        values = ", ".join("(%s::int, %s::int, %s::text)" for _ in pairs)
        sql = f"""
            SELECT DISTINCT ON (w.n) w.n, t.term, t.term LIKE w.stem || '%%' AS begins,
                similarity(t.term, w.stem) AS score
            FROM (VALUES {values}) AS w(n, locale_id, stem)
            JOIN search_searchterm t ON t.locale_id = w.locale_id
                AND (t.term LIKE w.stem || '%%' OR t.term %% w.stem)
            ORDER BY w.n, begins DESC, score DESC, t.term DESC
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


def engine():
    """The engine that answers searches: Elasticsearch if configured, else the database."""
    if settings.ELASTICSEARCH_URL:
        from .elasticsearch import ElasticsearchEngine

        return FallbackEngine(ElasticsearchEngine(), database_engine())
    return database_engine()
