"""Elasticsearch: the index settings and queries, the fallback to the database, a live cluster."""

import datetime
import os

import pytest
from wagtail.models import Locale

from search import elasticsearch
from search.documents import rebuild
from search.engine import Language, Scope
from search.query import search

pytestmark = pytest.mark.django_db
LIVE_URL = os.environ.get("ELASTICSEARCH_URL", "")


def test_each_language_has_its_analyser_and_ukrainian_a_folded_default():
    settings = elasticsearch.index_settings()
    properties = settings["mappings"]["properties"]
    for code, analyser in [
        ("de", "german"),
        ("ar", "arabic"),
        ("fa", "persian"),
        ("tr", "turkish"),
    ]:
        assert properties[f"title_{code}"]["analyzer"] == analyser
        assert properties[f"text_{code}"]["analyzer"] == analyser
    assert properties["text_uk"]["analyzer"] == "folded"
    folded = settings["settings"]["analysis"]["analyzer"]["folded"]
    assert folded["filter"] == ["lowercase", "asciifolding"]
    assert properties["topics"] == {"type": "keyword"}
    assert properties["title_de"]["fields"]["prefix"]["type"] == "search_as_you_type"


def test_queries_search_the_visitors_scope_forgive_typos_and_filter_dates():
    today = datetime.date(2026, 11, 30)
    scope = Scope(Language(5, "fa"), (Language(1, "de"),))
    branches = elasticsearch.scope_branches(
        scope,
        lambda code, labels: elasticsearch.text_query(
            "Wo gibt es Kinderbetreung", code, labels, corrected=True
        ),
    )
    body = elasticsearch.search_body(branches, today, 20, kinds=["offer"])
    persian, german = body["query"]["bool"]["should"]
    assert persian["bool"]["filter"] == [{"term": {"locale": 5}}]
    assert persian["bool"]["must"][0]["multi_match"]["fields"] == [
        "title_fa^3",
        "text_fa",
        "labels_fa",
    ]
    # German originals: their own fields, and the names of their terms in Persian.
    assert german["bool"]["filter"] == [{"term": {"locale": 1}}, {"term": {"is_original": True}}]
    match = german["bool"]["must"][0]["multi_match"]
    assert match["fields"] == ["title_de^3", "text_de", "labels_de", "labels_fa"]
    # Every word optional, function words left out, a corrected word at a tenth.
    assert match["query"] == "kinderbetreung" and match["operator"] == "or"
    assert match["fuzziness"] == "AUTO" and match["boost"] == 0.1
    exact = elasticsearch.text_query("Kita Wohnung", "de", all_words=True)["multi_match"]
    assert exact["operator"] == "and" and "fuzziness" not in exact
    conditions = body["query"]["bool"]["filter"]
    assert {"terms": {"kind": ["offer"]}} in conditions
    assert {"range": {"valid_until": {"gte": "2026-11-30"}}} in conditions[1]["bool"]["should"]
    prefix = elasticsearch.prefix_query("Woh", "uk")["multi_match"]
    assert prefix["type"] == "bool_prefix" and prefix["fields"][0] == "title_uk.prefix"


def test_documents_are_indexed_in_their_languages_fields(demo):
    from search.models import SearchDocument

    document = SearchDocument.objects.filter(locale__language_code="ar", kind="offer").first()
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    indexed = elasticsearch.source(document, codes)
    assert indexed["title_ar"] == document.title
    assert "title_de" not in indexed
    assert indexed["document_id"] == document.pk
    assert indexed["labels_fa"] == document.labels["fa"]


def test_an_unreachable_cluster_leaves_the_database_to_answer(client, demo, settings, caplog):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    response = client.get("/de/search/", {"q": "Wohnung"})
    assert response.status_code == 200
    assert response.context["results"].paginator.count > 0
    assert client.get("/de/search/suggest/", {"q": "Woh"}).json()["suggestions"]
    assert "Elasticsearch failed" in caplog.text


@pytest.mark.skipif(not LIVE_URL, reason="set ELASTICSEARCH_URL to test against a cluster")
def test_a_live_cluster_finds_offers_in_the_visitors_language(demo, settings):
    settings.ELASTICSEARCH_URL = LIVE_URL
    settings.ELASTICSEARCH_INDEX = "integration_network_test"
    rebuild()
    german = Locale.objects.get(language_code="de")
    found = search("Kinderbetreung", german, {}, 1, 10)
    assert any("Kinderbetreuung" in result.title for result in found.results)
    arabic = search("اللغة الألمانية", Locale.objects.get(language_code="ar"), {}, 1, 10)
    assert arabic.results.paginator.count > 0
