"""The site search on Elasticsearch: the index with analysers per language, and its queries.

The index mirrors the search documents of the database (which stays complete,
so that the database engine can answer when Elasticsearch cannot). Each
language has its own fields, analysed with the analyser that
``home/language_registry.py`` names: one defined here that follows the rules of
``text.py`` as far as Elasticsearch's filters allow, or Elasticsearch's german,
english and arabic analysers rebuilt from their filters (as its documentation
shows) with diacritics and invisible characters removed as well (``CHAINS``); a
language without one, such as Ukrainian, gets lower-cased, folded words. A
document's title and text are in the fields of its language, the names of its
topics, target groups and place in the ``labels_`` field of each language, the
tokens of those terms (``concepts.py``) in ``concepts``.

A query is searched the way the database engine searches it (``engine.py``):
in every language's documents of the visitor's scope, a match in another
language at ``OTHER_LANGUAGE_WEIGHT`` (Elasticsearch keeps each object's best
version, ``collapse``), then one result per object (``one_per_object``). A word
that names a term of the vocabulary also finds the documents that have it, at
``CONCEPT_WEIGHT`` of a text hit of the same rarity; typos are forgiven with
fuzzy matching at ``CORRECTED_WEIGHT``, word beginnings with a prefix query.
The editors' synonyms (``synonyms.py``) are a search-time ``synonym_graph``
filter per language reading a synonyms set of the cluster, which ``recreate``
and every change of a set write: no reindex. That filter knows the entries of
a set's versions in other languages only as written, so the words of the
language's sets that a visitor's word names through them in any form
(``translated_synonyms``) are searched as well, at ``SYNONYM_WEIGHT``. ``manage.py rebuild_search``
creates the index with these settings. One client serves the whole process.
"""

import functools
import logging
from dataclasses import dataclass

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import bulk
from wagtail.models import Locale

from home.language_registry import FOLDED_ANALYZER, analyzer

from .concepts import concepts, is_token
from .engine import (
    CONCEPT_WEIGHT,
    CORRECTED_WEIGHT,
    OTHER_LANGUAGE_WEIGHT,
    SYNONYM_WEIGHT,
    Match,
    one_per_object,
)
from .stopwords import meaningful
from .synonyms import entry_words, expansions, phrased, synonym_lines
from .text import stems, words

logger = logging.getLogger(__name__)

FACET_FIELDS = ["kind", "place", "topics", "target_groups", "languages", "translation_key"]
RETURNED_FIELDS = ["document_id", "locale", "is_original", "provider_key", *FACET_FIELDS]
REQUEST_TIMEOUT = 2
ARABIC_LETTERS = "[\\u0620-\\u064a\\u066e-\\u06d5]"
WORD_CHARACTER = "[\\p{L}\\p{N}_]"

# Character filters and token filters that follow ``text.py``'s rules: invisible characters
# (the Persian zero-width non-joiner among them) and the middle dot of Leichte Sprache's
# compounds removed, the Persian prefixes and plural
# endings written apart joined to their word, "ё" read as "е", Turkish lower-cased with its
# own rules and matched with or without its letters.
CHAR_FILTERS = {
    "invisible": {"type": "pattern_replace", "pattern": "[\\p{Cf}\\u00b7]", "replacement": ""},
    "persian_detached_prefix": {
        "type": "pattern_replace",
        "pattern": f"(?<!{WORD_CHARACTER})(ن?م[یي])\\s+(?={ARABIC_LETTERS})",
        "replacement": "$1",
    },
    "persian_detached_plural": {
        "type": "pattern_replace",
        "pattern": f"(?<={ARABIC_LETTERS})\\s+(ها[یي]{{0,2}})(?!{WORD_CHARACTER})",
        "replacement": "$1",
    },
    "russian_yo": {"type": "mapping", "mappings": ["ё => е", "Ё => Е"]},
}
TOKEN_FILTERS = {
    "german_stop": {"type": "stop", "stopwords": "_german_"},
    "german_stemmer": {"type": "stemmer", "language": "light_german"},
    "english_possessive_stemmer": {"type": "stemmer", "language": "possessive_english"},
    "english_stop": {"type": "stop", "stopwords": "_english_"},
    "english_stemmer": {"type": "stemmer", "language": "english"},
    "arabic_stop": {"type": "stop", "stopwords": "_arabic_"},
    "arabic_stemmer": {"type": "stemmer", "language": "arabic"},
    "persian_stop": {"type": "stop", "stopwords": "_persian_"},
    "russian_stop": {"type": "stop", "stopwords": "_russian_"},
    "russian_stemmer": {"type": "stemmer", "language": "russian"},
    "turkish_lowercase": {"type": "lowercase", "language": "turkish"},
    "turkish_stop": {"type": "stop", "stopwords": "_turkish_"},
    "turkish_stemmer": {"type": "stemmer", "language": "turkish"},
    # Stems of the word as written and of the word folded to plain letters, so that a query
    # typed without Turkish letters finds the same form written with them.
    "turkish_stems_folded": {
        "type": "multiplexer",
        "filters": ["turkish_stemmer, asciifolding", "asciifolding, turkish_stemmer"],
        "preserve_original": False,
    },
}


@dataclass(frozen=True)
class Chain:
    """An analyser's filters: ``folding`` brings the tokens to the folded words of
    ``text.words`` (lower case, without diacritics) and drops function words, ``stemming``
    stems them. A language's search analyser has its synonym filter between the two, where
    the synonyms' folded words meet the tokens; ``query_folding`` folds a query's words
    there where the index keeps them unfolded until it stems them."""

    folding: tuple
    stemming: tuple = ()
    char_filter: tuple = ("invisible",)
    query_folding: tuple = ()


CHAINS = {
    FOLDED_ANALYZER: Chain(("lowercase", "asciifolding")),
    # Elasticsearch's german, english and arabic analysers, rebuilt without their keyword
    # marker (no word is kept from stemming), with invisible characters removed and, in the
    # Latin ones, every diacritic folded as ``text.py`` folds it.
    "rebuilt_german": Chain(
        ("lowercase", "german_stop", "german_normalization", "asciifolding"),
        ("german_stemmer",),
    ),
    "rebuilt_english": Chain(
        ("english_possessive_stemmer", "lowercase", "english_stop", "asciifolding"),
        ("english_stemmer",),
    ),
    "rebuilt_arabic": Chain(
        ("lowercase", "decimal_digit", "arabic_stop", "arabic_normalization"),
        ("arabic_stemmer",),
    ),
    "persian_folded": Chain(
        (
            "lowercase",
            "decimal_digit",
            "arabic_normalization",
            "persian_normalization",
            "persian_stop",
        ),
        ("persian_stem",),
        char_filter=("invisible", "persian_detached_prefix", "persian_detached_plural"),
    ),
    "russian_folded": Chain(
        ("lowercase", "russian_stop"),
        ("russian_stemmer",),
        char_filter=("invisible", "russian_yo"),
    ),
    "turkish_folded": Chain(
        ("apostrophe", "turkish_lowercase", "turkish_stop"),
        ("turkish_stems_folded", "asciifolding", "remove_duplicates"),
        query_folding=("asciifolding",),  # the index has the stems of the folded words too
    ),
}


def custom_analyzer(chain, synonyms=None):
    """The analyser of ``chain``; with the name of a synonym filter, its search analyser."""
    middle = [*chain.query_folding, synonyms] if synonyms else []
    return {
        "type": "custom",
        "tokenizer": "standard",
        "char_filter": list(chain.char_filter),
        "filter": [*chain.folding, *middle, *chain.stemming],
    }


def index_name():
    return f"{settings.ELASTICSEARCH_INDEX}-site-search"


def index_analyzer(code):
    """The analyser of a language's fields: the registry's, as rebuilt here if it is one of
    Elasticsearch's own."""
    name = analyzer(code)
    return f"rebuilt_{name}" if f"rebuilt_{name}" in CHAINS else name


def synonym_languages():
    """The content languages whose analyser is defined here, so that its search analyser
    can take the language's synonyms (an analyser of Elasticsearch's own cannot)."""
    return [
        code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if index_analyzer(code) in CHAINS
    ]


def synonyms_set_name(code):
    """The cluster's synonyms set of a language, named after the index."""
    return f"{index_name()}-synonyms-{code}"


def search_analyzer(code):
    return f"search_{code}"


def index_settings():
    """Settings and mappings of the index: keyword facts, and text fields per language,
    searched with the language's synonyms where its analyser is defined here."""
    keyword = {"type": "keyword"}
    properties = {
        "document_id": {"type": "long"},
        "locale": {"type": "integer"},
        "is_original": {"type": "boolean"},
        "valid_from": {"type": "date"},
        "valid_until": {"type": "date"},
        "provider_key": keyword,
        "concepts": keyword,
        **{name: keyword for name in FACET_FIELDS},
    }
    token_filters = dict(TOKEN_FILTERS)
    analyzers = {name: custom_analyzer(chain) for name, chain in CHAINS.items()}
    synonym_codes = synonym_languages()
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        text = {"type": "text", "analyzer": index_analyzer(code)}
        if code in synonym_codes:
            synonyms = f"synonyms_{code}"
            token_filters[synonyms] = {
                "type": "synonym_graph",
                "synonyms_set": synonyms_set_name(code),
                "updateable": True,
                "lenient": True,  # a rule that the filters before it empty is left out
            }
            analyzers[search_analyzer(code)] = custom_analyzer(
                CHAINS[index_analyzer(code)], synonyms
            )
            text["search_analyzer"] = search_analyzer(code)
        prefix = {"type": "search_as_you_type", "analyzer": index_analyzer(code)}
        properties[f"title_{code}"] = text | {"fields": {"prefix": prefix}}
        properties[f"text_{code}"] = text
        properties[f"labels_{code}"] = text
    return {
        "settings": {
            "analysis": {
                "char_filter": CHAR_FILTERS,
                "filter": token_filters,
                "analyzer": analyzers,
            }
        },
        "mappings": {"properties": properties},
    }


def source(document, language_codes):
    """The indexed form of a search document; ``language_codes`` maps locale ids to codes."""
    code = language_codes[document.locale_id]
    return {
        "document_id": document.pk,
        "locale": document.locale_id,
        "is_original": document.is_original,
        "provider_key": str(document.provider_key) if document.provider_key else None,
        "valid_from": document.valid_from,
        "valid_until": document.valid_until,
        "kind": document.kind,
        "place": document.place,
        "topics": document.topics.split(),
        "target_groups": document.target_groups.split(),
        "languages": document.languages.split(),
        "translation_key": str(document.translation_key),
        "concepts": [term for term in document.terms.split() if is_token(term)],
        f"title_{code}": document.title,
        f"text_{code}": f"{document.summary}\n{document.text}",
        **{
            f"labels_{language}": names
            for language, names in document.labels.items()
            if language in language_codes.values()
        },
    }


def document_key(content_type_id, object_id):
    return f"{content_type_id}.{object_id}"


def filters(today, kinds=None):
    """Validity on ``today`` and, if given, kinds of documents."""
    conditions = [
        {
            "bool": {
                "should": [
                    {"bool": {"must_not": {"exists": {"field": "valid_from"}}}},
                    {"range": {"valid_from": {"lte": today.isoformat()}}},
                ]
            }
        },
        {
            "bool": {
                "should": [
                    {"bool": {"must_not": {"exists": {"field": "valid_until"}}}},
                    {"range": {"valid_until": {"gte": today.isoformat()}}},
                ]
            }
        },
    ]
    if kinds:
        conditions.append({"terms": {"kind": list(kinds)}})
    return conditions


def text_query(query, language_code, label_languages=(), corrected=False):
    """Any word of ``query`` in the language's fields and in the labels of
    ``label_languages`` too; ``corrected``: forgiving typos, at a tenth of the weight, as
    the database engines count a corrected word."""
    labels = [f"labels_{code}" for code in dict.fromkeys([language_code, *label_languages])]
    match = {
        "query": meaningful(query, language_code),
        "fields": [f"title_{language_code}^3", f"text_{language_code}", *labels],
    }
    if corrected:
        match |= {"fuzziness": "AUTO", "prefix_length": 1, "boost": CORRECTED_WEIGHT}
    return {"multi_match": match}


def concept_query(tokens):
    """Documents that have one of the terms a query word names (``concepts.py``), at
    ``CONCEPT_WEIGHT`` of a text hit: a term query scores by the term's rarity, as a word
    does; None if the word names none."""
    if not tokens:
        return None
    queries = [{"term": {"concepts": token}} for token in tokens]
    return {"dis_max": {"queries": queries, "boost": CONCEPT_WEIGHT}}


def translated_synonyms(query, visitor_code, language_code):
    """For each meaningful word of ``query``, typed on the pages of ``visitor_code``, the
    words of the sets of ``language_code`` that it names through their versions in the
    visitor's language, in any form of that language, alone or in a phrase of a set, as
    the database engine finds them (``synonyms.expansions`` and ``phrased``): the synonym
    filter knows the other versions' entries only as they are written ("kiralık
    daireler" finds the German "Wohnung" through the Turkish "kiralık daire")."""
    visitor_stems = stems(meaningful(query, visitor_code), visitor_code)
    named = expansions(language_code)
    words_of = entry_words(language_code)
    in_phrases = phrased(visitor_stems, language_code, written_in=visitor_code)
    return [
        sorted(
            {
                word
                for found in named.get((visitor_code, visitor_stem), set()) | phrase
                for word in words_of.get(found, ())
            }
        )
        for visitor_stem, phrase in zip(visitor_stems, in_phrases, strict=True)
    ]


def synonyms_query(found_words, language_code):
    """The language's fields matching any of ``found_words`` at ``SYNONYM_WEIGHT``; None if
    there are none."""
    if not found_words:
        return None
    match = text_query(" ".join(found_words), language_code)["multi_match"]
    return {"multi_match": match | {"boost": SYNONYM_WEIGHT}}


def query_words(query, language_code):
    """The meaningful words of ``query``, typed on the pages of ``language_code``, with the
    tokens of the terms each names."""
    found = words(meaningful(query, language_code))
    return list(zip(found, concepts(found), strict=True))


def prefix_query(query, language_code):
    """Titles whose words begin like the words of ``query``."""
    field = f"title_{language_code}.prefix"
    return {
        "multi_match": {
            "query": query,
            "type": "bool_prefix",
            "operator": "and",
            "fields": [field, f"{field}._2gram", f"{field}._3gram"],
        }
    }


def language_weight(scope, locale_id):
    """What a match in the documents of ``locale_id`` counts for a visitor of ``scope``."""
    return 1.0 if locale_id == scope.language.id else OTHER_LANGUAGE_WEIGHT


def scope_branches(scope, clause):
    """One branch per language of ``scope``, with every document of the language; the other
    languages' at ``OTHER_LANGUAGE_WEIGHT``, so that Elasticsearch keeps the version of an
    object that ``one_per_object`` counts. ``clause(language_code, label_languages)`` makes
    the query of one language's fields."""
    visitor = scope.language
    return [
        {
            "bool": {
                "filter": [{"term": {"locale": language.id}}],
                "must": [clause(language.code, () if language == visitor else (visitor.code,))],
                "boost": language_weight(scope, language.id),
            }
        }
        for language in (visitor, *scope.other_languages)
    ]


def search_body(branches, today, limit, kinds=None):
    """The best version of each of the ``limit`` best objects."""
    return {
        "size": limit,
        "_source": RETURNED_FIELDS,
        "query": {
            "bool": {
                "should": branches,
                "minimum_should_match": 1,
                "filter": filters(today, kinds),
            }
        },
        "collapse": {"field": "translation_key"},
        "sort": ["_score", {"document_id": "asc"}],
    }


@functools.cache
def connection(url):
    return Elasticsearch(
        url, request_timeout=REQUEST_TIMEOUT, max_retries=0, retry_on_timeout=False
    )


def client():
    """The process's client of the configured cluster (elasticsearch-py's client is
    thread-safe and keeps its connections)."""
    return connection(settings.ELASTICSEARCH_URL)


class ElasticsearchEngine:
    @property
    def client(self):
        return client()

    def run(self, body, scope):
        """The matches of a search, each with its score in its own language (undoing the
        branch's weight, which ``one_per_object`` applies)."""
        return [
            Match(
                id=hit["_source"]["document_id"],
                kind=hit["_source"]["kind"],
                place=hit["_source"]["place"],
                topics=tuple(hit["_source"]["topics"]),
                target_groups=tuple(hit["_source"]["target_groups"]),
                languages=tuple(hit["_source"]["languages"]),
                translation_key=hit["_source"]["translation_key"],
                rank=(hit["_score"] or 0.0) / language_weight(scope, hit["_source"]["locale"]),
                locale_id=hit["_source"]["locale"],
                is_original=hit["_source"]["is_original"],
                provider_key=hit["_source"].get("provider_key"),
            )
            for hit in self.client.search(index=index_name(), **body)["hits"]["hits"]
        ]

    def find(self, scope, query, today, limit):
        """One document per object matching any word, ranked by Elasticsearch's BM25 (a word
        with typos forgiven counts a tenth, a term it names half), an actor lifted by its
        offers; never "corrected"."""
        visitor = scope.language.code
        named = [concept_query(tokens) for _word, tokens in query_words(query, visitor)]

        def clause(code, label_languages):
            translated = [] if code == visitor else translated_synonyms(query, visitor, code)
            should = [
                text_query(query, code, label_languages),
                text_query(query, code, label_languages, corrected=True),
                prefix_query(query, code),
                *(terms for terms in named if terms),
                synonyms_query(sorted(set().union(*translated)), code),
            ]
            return {"bool": {"should": [way for way in should if way]}}

        body = search_body(scope_branches(scope, clause), today, limit)
        matches = self.run(body, scope)
        found = one_per_object(matches, scope.language.id, today, with_providers=True)
        return found[:limit], False

    def match_scope(self, scope, query, today, limit, kinds=None, titles_only=False):
        """One document per object matching every word (in its text, or through a term it
        names); with ``titles_only``, titles whose words begin like them."""
        visitor = scope.language.code
        named = [(word, concept_query(tokens)) for word, tokens in query_words(query, visitor)]

        def clause(code, label_languages):
            if titles_only:
                return prefix_query(query, code)
            translated = (
                [[] for _word in named]
                if code == visitor
                else translated_synonyms(query, visitor, code)
            )
            every = []
            for (word, terms), found in zip(named, translated, strict=True):
                ways = [text_query(word, code, label_languages), terms]
                ways = [way for way in [*ways, synonyms_query(found, code)] if way]
                every.append(ways[0] if len(ways) == 1 else {"bool": {"should": ways}})
            return {"bool": {"must": every}}

        body = search_body(scope_branches(scope, clause), today, limit, kinds)
        return one_per_object(self.run(body, scope), scope.language.id, today)[:limit]

    def sync(self, removed_keys, documents):
        """Drop the documents under ``removed_keys`` and index ``documents``."""
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        actions = [
            {"_op_type": "delete", "_index": index_name(), "_id": key} for key in removed_keys
        ] + [
            {
                "_op_type": "index",
                "_index": index_name(),
                "_id": document_key(document.content_type_id, document.object_id),
                "_source": source(document, codes),
            }
            for document in documents
        ]
        bulk(self.client, actions, raise_on_error=False, refresh="wait_for")

    def write_synonyms(self, codes):
        """Replace the cluster's synonyms sets of these languages with the editors' sets;
        the search analysers that read them are reloaded."""
        for code in codes:
            self.client.synonyms.put_synonym(
                id=synonyms_set_name(code),
                synonyms_set=[{"synonyms": line} for line in synonym_lines(code)],
            )

    def recreate(self):
        """The index anew, empty; its synonyms sets first, which it must find."""
        self.client.options(ignore_status=404).indices.delete(index=index_name())
        self.write_synonyms(synonym_languages())
        self.client.indices.create(index=index_name(), **index_settings())


def mirror(removed_keys, documents):
    """Bring Elasticsearch in step with the database, if it is configured; log if it fails."""
    if not settings.ELASTICSEARCH_URL:
        return
    try:
        ElasticsearchEngine().sync(removed_keys, documents)
    except (ApiError, TransportError) as error:
        logger.warning("Elasticsearch could not be updated (%s); run rebuild_search later.", error)


def update_synonyms():
    """Give Elasticsearch the synonyms of every language it searches with them, if it is
    configured; log if it fails."""
    if not settings.ELASTICSEARCH_URL:
        return
    try:
        ElasticsearchEngine().write_synonyms(synonym_languages())
    except (ApiError, TransportError) as error:
        logger.warning(
            "Elasticsearch's synonyms could not be updated (%s); run rebuild_search later.", error
        )
