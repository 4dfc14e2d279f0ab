"""The site search on Elasticsearch: the index with one analyser per language, and its queries.

The index mirrors the search documents of the database (which stays complete,
so that the database engine can answer when Elasticsearch cannot). Each
language has its own fields, analysed with the analyser that
``home/language_registry.py`` names: one Elasticsearch ships, or one defined
here that follows the rules of ``text.py`` as far as Elasticsearch's filters
allow (``ANALYZERS``); a language without one, such as Ukrainian, gets
lower-cased, folded words. A document's title and text are
in the fields of its language, the names of its topics, target groups and
place in the ``labels_`` field of each language.
Typos are forgiven with fuzzy matching, word beginnings with a prefix query.
A visitor's scope (see ``engine.py``) is one branch per language; originals
that do have a version in the visitor's language are left out afterwards,
with the database's help. ``manage.py rebuild_search`` creates the index with
these settings.
"""

import logging

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import bulk
from wagtail.models import Locale

from home.language_registry import FOLDED_ANALYZER, analyzer

from .engine import CORRECTED_WEIGHT, Match
from .models import SearchDocument
from .stopwords import meaningful

logger = logging.getLogger(__name__)

FACET_FIELDS = ["kind", "place", "topics", "target_groups", "languages", "translation_key"]
REQUEST_TIMEOUT = 2
ARABIC_LETTERS = "[\\u0620-\\u064a\\u066e-\\u06d5]"
WORD_CHARACTER = "[\\p{L}\\p{N}_]"

# Character filters, token filters and analysers that follow ``text.py``'s rules: invisible
# characters (the Persian zero-width non-joiner among them) removed, the Persian prefixes and
# plural endings written apart joined to their word, "ё" read as "е", Turkish lower-cased
# with its own rules and matched with or without its letters.
CHAR_FILTERS = {
    "invisible": {"type": "pattern_replace", "pattern": "\\p{Cf}", "replacement": ""},
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
ANALYZERS = {
    FOLDED_ANALYZER: {
        "type": "custom",
        "tokenizer": "standard",
        "char_filter": ["invisible"],
        "filter": ["lowercase", "asciifolding"],
    },
    "persian_folded": {
        "type": "custom",
        "tokenizer": "standard",
        "char_filter": ["invisible", "persian_detached_prefix", "persian_detached_plural"],
        "filter": [
            "lowercase",
            "decimal_digit",
            "arabic_normalization",
            "persian_normalization",
            "persian_stop",
            "persian_stem",
        ],
    },
    "russian_folded": {
        "type": "custom",
        "tokenizer": "standard",
        "char_filter": ["invisible", "russian_yo"],
        "filter": ["lowercase", "russian_stop", "russian_stemmer"],
    },
    "turkish_folded": {
        "type": "custom",
        "tokenizer": "standard",
        "char_filter": ["invisible"],
        "filter": [
            "apostrophe",
            "turkish_lowercase",
            "turkish_stop",
            "turkish_stems_folded",
            "asciifolding",
            "remove_duplicates",
        ],
    },
}


def index_name():
    return f"{settings.ELASTICSEARCH_INDEX}-site-search"


def index_settings():
    """Settings and mappings of the index: keyword facts, and text fields per language."""
    keyword = {"type": "keyword"}
    properties = {
        "document_id": {"type": "long"},
        "locale": {"type": "integer"},
        "is_original": {"type": "boolean"},
        "valid_from": {"type": "date"},
        "valid_until": {"type": "date"},
        **{name: keyword for name in FACET_FIELDS},
    }
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        properties[f"title_{code}"] = {
            "type": "text",
            "analyzer": analyzer(code),
            "fields": {"prefix": {"type": "search_as_you_type", "analyzer": analyzer(code)}},
        }
        properties[f"text_{code}"] = {"type": "text", "analyzer": analyzer(code)}
        properties[f"labels_{code}"] = {"type": "text", "analyzer": analyzer(code)}
    return {
        "settings": {
            "analysis": {
                "char_filter": CHAR_FILTERS,
                "filter": TOKEN_FILTERS,
                "analyzer": ANALYZERS,
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
        "valid_from": document.valid_from,
        "valid_until": document.valid_until,
        "kind": document.kind,
        "place": document.place,
        "topics": document.topics.split(),
        "target_groups": document.target_groups.split(),
        "languages": document.languages.split(),
        "translation_key": str(document.translation_key),
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


def text_query(query, language_code, label_languages=(), all_words=False, corrected=False):
    """Any word (or every word) of ``query`` in the language's fields and in the labels of
    ``label_languages`` too; ``corrected``: forgiving typos, at a tenth of the weight, as
    the database engines count a corrected word."""
    labels = [f"labels_{code}" for code in dict.fromkeys([language_code, *label_languages])]
    words = {
        "query": meaningful(query),
        "fields": [f"title_{language_code}^3", f"text_{language_code}", *labels],
        "operator": "and" if all_words else "or",
    }
    if corrected:
        words |= {"fuzziness": "AUTO", "prefix_length": 1, "boost": CORRECTED_WEIGHT}
    return {"multi_match": words}


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


def branch(language, clause, originals_only=False):
    """The documents of one language that ``clause`` matches; perhaps only originals."""
    conditions = [{"term": {"locale": language.id}}]
    if originals_only:
        conditions.append({"term": {"is_original": True}})
    return {"bool": {"filter": conditions, "must": [clause]}}


def scope_branches(scope, clause):
    """The visitor's documents and the originals of the other languages of ``scope``;
    ``clause(language_code, label_languages)`` makes the query of one language's fields."""
    visitor = scope.language
    return [branch(visitor, clause(visitor.code, ()))] + [
        branch(other, clause(other.code, (visitor.code,)), originals_only=True)
        for other in scope.other_languages
    ]


def search_body(branches, today, limit, kinds=None):
    return {
        "size": limit,
        "_source": ["document_id", "locale", *FACET_FIELDS],
        "query": {
            "bool": {
                "should": branches,
                "minimum_should_match": 1,
                "filter": filters(today, kinds),
            }
        },
        "sort": ["_score", {"document_id": "asc"}],
    }


class ElasticsearchEngine:
    def __init__(self):
        self.client = Elasticsearch(
            settings.ELASTICSEARCH_URL,
            request_timeout=REQUEST_TIMEOUT,
            max_retries=0,
            retry_on_timeout=False,
        )

    def run(self, body, scope=None):
        """The matches of a search; with ``scope``, without the originals that have a
        version in the scope's language."""
        hits = [hit["_source"] | {"rank": hit["_score"] or 0.0} for hit in self.search(body)]
        if scope is not None:
            language = scope.language.id
            keys = {hit["translation_key"] for hit in hits if hit["locale"] != language}
            translated = {
                str(key)
                for key in SearchDocument.objects.filter(
                    locale_id=language, translation_key__in=keys
                ).values_list("translation_key", flat=True)
            }
            hits = [
                hit
                for hit in hits
                if hit["locale"] == language or hit["translation_key"] not in translated
            ]
        return [
            Match(
                id=hit["document_id"],
                kind=hit["kind"],
                place=hit["place"],
                topics=hit["topics"],
                target_groups=hit["target_groups"],
                languages=hit["languages"],
                translation_key=hit["translation_key"],
                rank=hit["rank"],
                locale_id=hit["locale"],
            )
            for hit in hits
        ]

    def search(self, body):
        return self.client.search(index=index_name(), **body)["hits"]["hits"]

    def find(self, scope, query, today, limit):
        """Documents matching any word, ranked by Elasticsearch's BM25 (a word with typos
        forgiven counts a tenth); never "corrected"."""

        def clause(code, label_languages):
            exact = text_query(query, code, label_languages)
            corrected = text_query(query, code, label_languages, corrected=True)
            return {"bool": {"should": [exact, corrected, prefix_query(query, code)]}}

        return self.run(search_body(scope_branches(scope, clause), today, limit), scope), False

    def match_scope(self, scope, query, today, limit, kinds=None, titles_only=False):
        """Documents of the scope matching every word; with ``titles_only``, titles whose
        words begin like them."""

        def clause(code, label_languages):
            if titles_only:
                return prefix_query(query, code)
            return text_query(query, code, label_languages, all_words=True)

        return self.run(search_body(scope_branches(scope, clause), today, limit, kinds), scope)

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

    def recreate(self):
        self.client.options(ignore_status=404).indices.delete(index=index_name())
        self.client.indices.create(index=index_name(), **index_settings())


def mirror(removed_keys, documents):
    """Bring Elasticsearch in step with the database, if it is configured; log if it fails."""
    if not settings.ELASTICSEARCH_URL:
        return
    try:
        ElasticsearchEngine().sync(removed_keys, documents)
    except (ApiError, TransportError) as error:
        logger.warning("Elasticsearch could not be updated (%s); run rebuild_search later.", error)
