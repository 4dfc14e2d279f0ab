"""The site search on Elasticsearch: the index with one analyser per language, and its queries.

The index mirrors the search documents of the database (which stays complete,
so that the database engine can answer when Elasticsearch cannot). Each
language has its own fields, analysed with the analyser Elasticsearch ships
for it; Ukrainian, which has none, gets lower-cased, folded words. Typos are
forgiven with fuzzy matching, word beginnings with a prefix query.
``manage.py rebuild_search`` creates the index with these settings.
"""

import logging

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import bulk
from wagtail.models import Locale

from .engine import Match

logger = logging.getLogger(__name__)

LANGUAGE_ANALYZERS = {
    "de": "german",
    "en": "english",
    "ar": "arabic",
    "fa": "persian",
    "ru": "russian",
    "tr": "turkish",
}
DEFAULT_ANALYZER = "folded"
FACET_FIELDS = ["kind", "place", "topics", "target_groups", "languages", "translation_key"]
REQUEST_TIMEOUT = 2


def index_name():
    return f"{settings.ELASTICSEARCH_INDEX}-site-search"


def analyzer(language_code):
    return LANGUAGE_ANALYZERS.get(language_code, DEFAULT_ANALYZER)


def index_settings():
    """Settings and mappings of the index: keyword facts, and text fields per language."""
    keyword = {"type": "keyword"}
    properties = {
        "document_id": {"type": "long"},
        "locale": {"type": "integer"},
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
    return {
        "settings": {
            "analysis": {
                "analyzer": {
                    DEFAULT_ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding"],
                    }
                }
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
    }


def document_key(content_type_id, object_id):
    return f"{content_type_id}.{object_id}"


def filters(locale_ids, today, kinds=None):
    """Locale, validity on ``today`` and, if given, kinds of documents."""
    conditions = [
        {"terms": {"locale": list(locale_ids)}},
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


def text_query(query, language_code, any_term=False):
    """Every word (or any) of ``query``, forgiving typos, in the language's fields."""
    return {
        "multi_match": {
            "query": query,
            "fields": [f"title_{language_code}^3", f"text_{language_code}"],
            "operator": "or" if any_term else "and",
            "fuzziness": "AUTO",
            "prefix_length": 1,
        }
    }


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


def search_body(must, locale_ids, today, limit, kinds=None):
    return {
        "size": limit,
        "_source": ["document_id", *FACET_FIELDS],
        "query": {"bool": {"must": must, "filter": filters(locale_ids, today, kinds)}},
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

    def run(self, body):
        response = self.client.search(index=index_name(), **body)
        return [
            Match(
                id=hit["_source"]["document_id"],
                kind=hit["_source"]["kind"],
                place=hit["_source"]["place"],
                topics=hit["_source"]["topics"],
                target_groups=hit["_source"]["target_groups"],
                languages=hit["_source"]["languages"],
                translation_key=hit["_source"]["translation_key"],
                rank=hit["_score"] or 0.0,
            )
            for hit in response["hits"]["hits"]
        ]

    def find(self, locale, query, today, limit):
        """Documents matching every word (typos forgiven), else any word; never "corrected"."""
        code = locale.language_code
        for any_term in (False, True):
            must = {
                "bool": {"should": [text_query(query, code, any_term), prefix_query(query, code)]}
            }
            matches = self.run(search_body(must, [locale.pk], today, limit))
            if matches:
                return matches, False
        return [], False

    def match(self, locale_ids, query, language_code, today, limit, kinds=None, titles_only=False):
        must = (
            prefix_query(query, language_code) if titles_only else text_query(query, language_code)
        )
        return self.run(search_body(must, locale_ids, today, limit, kinds))

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
