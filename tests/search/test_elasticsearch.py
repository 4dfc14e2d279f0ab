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
        ("fa", "persian_folded"),
        ("ru", "russian_folded"),
        ("tr", "turkish_folded"),
    ]:
        assert properties[f"title_{code}"]["analyzer"] == analyser
        assert properties[f"text_{code}"]["analyzer"] == analyser
        assert properties[f"title_{code}"]["fields"]["prefix"]["analyzer"] == analyser
    assert properties["text_uk"]["analyzer"] == "folded"
    folded = settings["settings"]["analysis"]["analyzer"]["folded"]
    assert folded["filter"] == ["lowercase", "asciifolding"]
    assert properties["topics"] == {"type": "keyword"}
    assert properties["title_de"]["fields"]["prefix"]["type"] == "search_as_you_type"


BUILT_IN_ANALYZERS = {"german", "english", "arabic"}
BUILT_IN_FILTERS = {
    "lowercase",
    "asciifolding",
    "decimal_digit",
    "arabic_normalization",
    "persian_normalization",
    "persian_stem",
    "apostrophe",
    "remove_duplicates",
}


def test_every_analyser_of_the_mapping_is_built_in_or_defined_with_its_filters():
    index = elasticsearch.index_settings()
    analysis = index["settings"]["analysis"]
    properties = index["mappings"]["properties"]
    used = {field["analyzer"] for field in properties.values() if "analyzer" in field}
    assert used - BUILT_IN_ANALYZERS <= set(analysis["analyzer"])
    for definition in analysis["analyzer"].values():
        assert set(definition["char_filter"]) <= set(analysis["char_filter"])
        assert set(definition["filter"]) <= BUILT_IN_FILTERS | set(analysis["filter"])
    for chain in analysis["filter"]["turkish_stems_folded"]["filters"]:
        assert set(chain.split(", ")) <= BUILT_IN_FILTERS | set(analysis["filter"])


def test_persian_russian_and_turkish_analysers_follow_the_sites_rules():
    analysis = elasticsearch.index_settings()["settings"]["analysis"]
    analyzers, filters = analysis["analyzer"], analysis["filter"]
    for analyser in analyzers.values():
        assert analyser["char_filter"][0] == "invisible"  # zero-width non-joiners and the like
    assert analysis["char_filter"]["invisible"]["pattern"] == "\\p{Cf}"
    persian = analyzers["persian_folded"]
    assert persian["char_filter"][1:] == ["persian_detached_prefix", "persian_detached_plural"]
    assert "persian_normalization" in persian["filter"] and "decimal_digit" in persian["filter"]
    assert "ё => е" in analysis["char_filter"]["russian_yo"]["mappings"]
    assert filters["russian_stemmer"] == {"type": "stemmer", "language": "russian"}
    turkish = analyzers["turkish_folded"]["filter"]
    assert filters[turkish[1]] == {"type": "lowercase", "language": "turkish"}
    assert turkish.index("turkish_stems_folded") < turkish.index("asciifolding")


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
def test_a_live_cluster_analyses_the_forms_of_a_word_alike(db, settings):
    settings.ELASTICSEARCH_URL = LIVE_URL
    settings.ELASTICSEARCH_INDEX = "integration_network_test"
    engine = elasticsearch.ElasticsearchEngine()
    engine.recreate()

    def tokens(analyser, text):
        found = engine.client.indices.analyze(
            index=elasticsearch.index_name(), analyzer=analyser, text=text
        )
        return tuple(token["token"] for token in found["tokens"])

    for analyser, forms in [
        ("persian_folded", ["می‌خواهم", "میخواهم", "می خواهم"]),
        ("persian_folded", ["کلاس‌ها", "کلاسها", "کلاس ها"]),
        ("persian_folded", ["۱۴۰۳", "١٤٠٣", "1403"]),
        ("russian_folded", ["ёлка", "елка"]),
        ("turkish_folded", ["İstanbul", "ISTANBUL", "istanbul"]),
        ("turkish_folded", ["danışmanlık", "danismanlik"]),
    ]:
        assert len({tokens(analyser, form) for form in forms}) == 1, forms


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
