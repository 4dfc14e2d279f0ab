"""Visitors find offers, actors, pages and posts in their language, and in others when needed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.models import Offer
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def any_text(max_size):
    """Any text a browser can send: every character but lone surrogates."""
    return st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=max_size)


def search(client, language, query, **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def titles(response):
    return [result.title for result in response.context["results"]]


def test_one_ranked_list_across_types_in_the_visitors_language(client, demo):
    response = search(client, "de", "Wohnung")
    results = list(response.context["results"])
    assert {"offer", "actor", "post"} <= {result.kind for result in results}
    assert all(result.locale.language_code == "de" for result in results)
    assert "wohnung" in results[0].title.lower()  # the title counts most
    kinds = response.context["facets"]["type"]
    assert sum(option.count for option in kinds) == response.context["results"].paginator.count
    text = response.content.decode()
    assert 'value="Wohnung"' in text
    assert "<mark>Wohnung" in text


def test_results_show_provider_place_and_languages_of_offers(client, demo):
    response = search(client, "de", "Deutschkurs", type="offer")
    assert all(result.kind == "offer" for result in response.context["results"])
    first = response.context["results"][0]
    assert first.provider and first.place_name and first.language_codes
    text = response.content.decode()
    assert first.provider in text and "<li>Deutsch</li>" in text


def test_facets_narrow_and_count_with_the_other_choices(client, demo):
    everything = search(client, "de", "Beratung")
    places = {option.value: option.count for option in everything.context["facets"]["place"]}
    narrowed = search(client, "de", "Beratung", place="bergfeld")
    assert narrowed.context["results"].paginator.count == places["bergfeld"]
    assert all(
        SearchDocument.objects.get(pk=result.pk).place == "bergfeld"
        for result in narrowed.context["results"]
    )
    parent = search(client, "de", "Kurs", topic="language-courses")
    child = search(client, "de", "Kurs", topic="german-courses")
    assert parent.context["results"].paginator.count >= child.context["results"].paginator.count > 0
    unknown = search(client, "de", "Beratung", topic="no-such-topic", place="<b>")
    assert unknown.content == everything.content  # unknown values are ignored


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("de", "Deutschkurse", "Deutschkurs für Frauen"),  # word forms
        ("de", "Kinderbetreuuung", "Integrationskurs mit Kinderbetreuung"),  # a typo
        ("de", "Gefluchtete", "Psychosoziales Zentrum für Geflüchtete"),  # no umlaut
        ("ar", "اللُّغَة الأَلْمانِيَّة", "دورة اللغة الألمانية المهنية B2"),  # with diacritics
        ("ar", "اللغه الالمانيه", "دورة اللغة الألمانية المهنية B2"),  # folded hamza, teh marbuta
        ("uk", "ЖИТЛА", "Допомога в пошуку житла"),  # Cyrillic, any case
    ],
)
def test_word_forms_typos_and_diacritics(client, demo, language, query, expected):
    found = titles(search(client, language, query))
    assert any(title.startswith(expected) for title in found), found


def test_each_object_is_found_once_in_the_visitors_language(client, demo):
    german = search(client, "de", "мечеть")  # Ukrainian words, German versions
    results = list(german.context["results"])
    assert results and all(result.locale.language_code == "de" for result in results)
    assert "Islamische Gemeinde Bergfeld" in [result.title for result in results]
    keys = [result.translation_key for result in results]
    assert len(set(keys)) == len(keys)


def test_the_index_follows_publishing_and_deleting(client, small):
    offer = Offer.objects.get(external_id="t-evening", locale__language_code="de")
    assert "Abendtestkurs" in titles(search(client, "de", "Abendtestkurs"))
    offer.unpublish()
    assert "Abendtestkurs" not in titles(search(client, "de", "Abendtestkurs"))
    offer.save_revision().publish()
    assert "Abendtestkurs" in titles(search(client, "de", "Abendtestkurs"))
    offer.delete()
    assert not SearchDocument.objects.filter(title="Abendtestkurs").exists()


def test_an_offers_times_costs_and_registration_are_searched(client, small):
    """Visitors ask for what an offer's page says of when it runs, what it costs and how to
    sign up ("abends", "kostenlos", "ohne Anmeldung"), as much as for its description."""
    offer = Offer.objects.get(external_id="t-evening", locale__language_code="de")
    offer.schedule = "Donnerstags am Zwiebelturm"
    offer.cost_note = "Fahrkartenzuschuss möglich"
    offer.registration_how = "Im Hausmeisterbüro"
    offer.save_revision().publish()
    for word in ("Zwiebelturm", "Fahrkartenzuschuss", "Hausmeisterbüro"):
        assert "Abendtestkurs" in titles(search(client, "de", word)), word


def test_a_free_offer_is_found_as_free_in_every_language(small):
    """A free offer's page says "Kostenlos" in its language, and so does its text; the
    shipped vocabulary carries the visitors' words for it there."""
    from wagtail.models import Locale

    from search.query import search as run_search

    for language, word in [("de", "kostenlos"), ("ru", "бесплатно"), ("tr", "ücretsiz")]:
        locale = Locale.objects.get(language_code=language)
        found = [result.title for result in run_search(word, locale, {}, None, 1000).results]
        assert "Testkurs für Frauen" in found and "Abendtestkurs" not in found, language


def test_a_repeated_query_is_answered_from_the_cache_and_still_counted(
    client, demo, monkeypatch, django_assert_num_queries
):
    """The results part of the page is rendered once: a repeated search reads it from the
    cache, and still counts for the editors' report and shows the editors' picks."""
    from search import query
    from search.models import QueryStatistic, SynonymSet

    calls = []
    real_engine = query.engine

    def counting_engine():
        engine = real_engine()
        calls.append(engine)
        return engine

    monkeypatch.setattr(query, "engine", counting_engine)
    first = search(client, "de", "Wohnung")
    # the statistics (the site and its settings are kept per content version, which queries
    # have editors' picks until a pick changes)
    with django_assert_num_queries(1):
        again = search(client, "de", "Wohnung")
    assert again.content == first.content
    assert len(calls) == 1
    assert QueryStatistic.objects.get(query="wohnung").searches == 2
    german = demo["home"].locale
    SynonymSet.objects.create(locale=german, words="Wohnung, Bleibe")  # a new set counts at once
    search(client, "de", "Wohnung")
    assert len(calls) == 2


def test_a_changed_document_shows_at_once_in_a_repeated_search(client, demo):
    from search.models import index_changed

    document = SearchDocument.objects.get(title=titles(search(client, "de", "Wohnung"))[0])
    SearchDocument.objects.filter(pk=document.pk).update(title="Wohnung am Lindenplatz")
    index_changed()
    assert "Wohnung am Lindenplatz" in search(client, "de", "Wohnung").content.decode()


def test_expired_offers_are_not_found(client, small):
    assert "Testsommer 2020" not in titles(search(client, "de", "Testsommer"))


def test_empty_search_offers_topics(client, demo):
    response = search(client, "ar", "")
    text = response.content.decode()
    assert 'id="results-heading"' not in text
    assert 'type="search"' in text
    assert "/ar/offers/?topic=housing" in text


def test_suggestions_offer_titles_and_topics_of_the_visitors_language(client, demo):
    response = client.get("/de/search/suggest/", {"q": "Woh"})
    assert response.status_code == 200
    suggestions = response.json()["suggestions"]
    assert suggestions[0] == {
        "title": "Wohnen",
        "type": "Thema",
        "url": "/de/angebote/?topic=housing",
    }
    assert any(item["url"].startswith("/de/angebote/offers/") for item in suggestions)
    assert client.get("/de/search/suggest/", {"q": "*"}).json()["suggestions"] == []


def count_queries(client, url, params):
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_query_count_does_not_depend_on_the_number_of_results(client, demo):
    few = count_queries(client, "/de/search/", {"q": "Lernwerkstatt Schulstart Hausaufgaben"})
    assert count_queries(client, "/de/search/", {"q": "Beratung"}) <= few
    assert count_queries(client, "/de/search/", {"q": "Kurs", "type": "offer"}) <= few


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10000,
        "\x00\x1f<script>",
        "' OR 1=1 --",
        '"unbalanced',
        'a"b"c"',
        "AND OR NOT",
        "()",
        "*",
        "title:Wohnung",
        "NEAR(a b)",
        '{"query": {"match_all": {}}}',
        "\\",
        "😀 Deutsch عربي",
    ],
)
def test_odd_queries_answer_with_a_page(client, query):
    response = client.get("/de/search/", {"q": query, "page": "999", "type": "x"})
    assert response.status_code == 200
    assert len(response.context["search_query"]) <= 200
    assert client.get("/de/search/suggest/", {"q": query}).status_code == 200


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=any_text(300), page=any_text(5), topic=any_text(20))
def test_random_input_never_breaks_the_search(client, query, page, topic):
    params = {"q": query, "page": page, "topic": topic}
    assert client.get("/uk/search/", params).status_code == 200
    assert client.get("/uk/search/suggest/", {"q": query}).status_code == 200


def test_result_links_follow_a_moved_directory_page_at_once(client, demo):
    from directory.models import DirectoryPage

    def links():
        return [result.link for result in search(client, "de", "Wohnung").context["results"]]

    assert any(link.startswith("/de/angebote/offers/") for link in links())
    directory = DirectoryPage.objects.get(locale__language_code="de")
    directory.slug = "hilfe-finden"
    directory.save_revision().publish()
    moved = links()
    assert any(link.startswith("/de/hilfe-finden/offers/") for link in moved)
    assert not any(link.startswith("/de/angebote/") for link in moved)


def test_a_summary_marks_the_words_that_match_and_escapes_everything_else():
    from search.templatetags.search_tags import highlight

    text = 'Hilfe & Rat <b>: "Wohnungen" und Wohnungssuche, it\'s'
    assert highlight(text, "Wohnung Hilfe", "de") == (
        "<mark>Hilfe</mark> &amp; Rat &lt;b&gt;: &quot;<mark>Wohnungen</mark>&quot; und "
        "<mark>Wohnungssuche</mark>, it&#x27;s"
    )
    assert highlight("Kurs " * 100, "kurs", "de").endswith("<mark>Kurs</mark> …")
