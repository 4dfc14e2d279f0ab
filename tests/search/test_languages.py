"""A visitor searches in any of the seven languages and every result keeps them in it.

In each language the search finds what that language's directory and pages show:
its own versions, and the originals of what is not translated into it. The
visitor's words are matched in their language and in the original's, and every
link (results, results in other languages, suggestions) leads to the visitor's
language version, under the visitor's prefix.
"""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from directory.models import Actor, Offer, OfferTopic, Topic
from home.models import ContentPage
from search.models import SearchDocument

pytestmark = pytest.mark.django_db

RESULT_LINK = re.compile(r'<h3[^>]*><a href="([^"]+)">([^<]+)</a></h3>')
LANGUAGES = ["de", "en", "ar", "uk", "fa", "ru", "tr"]


def search(client, language, query, **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def links(text):
    """Title -> address of every result shown in a piece of the page."""
    return {html.unescape(title): html.unescape(url) for url, title in RESULT_LINK.findall(text)}


def result_links(response):
    """Title -> address of every result on the page."""
    return links(response.content.decode())


def shows(client, url, text):
    response = client.get(url)
    assert response.status_code == 200, url
    assert text in response.content.decode(), url


def test_persian_words_find_what_the_persian_directory_lists(client, demo):
    listed = client.get("/fa/angebote/", {"topic": "german-courses"})
    titles = list(result_links(listed))
    assert titles  # German originals: nothing is translated into Persian

    found = result_links(search(client, "fa", "زبان", topic="german-courses", type="offer"))
    assert sorted(found) == sorted(titles)
    for title in titles:
        assert found[title].startswith("/fa/angebote/offers/"), found[title]
    shows(client, found[titles[0]], html.escape(titles[0]))


def test_german_words_on_the_persian_site_find_german_originals_under_fa(client, demo):
    response = search(client, "fa", "Deutschkurs Kirchdorf")
    found = result_links(response)
    offer = "Deutschkurs für Frauen in Kirchdorf (A1–A2)"
    assert found[offer] == "/fa/angebote/offers/deutschkurs-fuer-frauen-in-kirchdorf-a1-a2/"
    shows(client, found[offer], offer)
    # The German words run left to right inside the right-to-left page; the rest is Persian.
    text = response.content.decode()
    title = f'<h3 lang="de" dir="ltr"><a href="{found[offer]}">{html.escape(offer)}</a></h3>'
    assert title in text
    assert '<p lang="de" dir="ltr">' in text  # its summary

    found = result_links(search(client, "fa", "Koordinierungsstelle"))
    assert found["Koordinierungsstelle"] == "/fa/ueber-das-netzwerk/koordinierungsstelle/"
    shows(client, found["Koordinierungsstelle"], "Koordinierungsstelle")


def test_words_of_another_language_find_the_visitors_version(client, demo):
    response = search(client, "ar", "Moscheegemeinde")
    assert all(result.locale.language_code == "ar" for result in response.context["results"])
    found = result_links(response)
    assert not any(url.startswith("/de/") for url in found.values())
    offer = Offer.objects.get(
        locale__language_code="ar", slug="deutschkurs-fuer-frauen-in-der-moscheegemeinde"
    )
    assert found[offer.title] == f"/ar/offers/offers/{offer.slug}/"
    shows(client, found[offer.title], offer.title)

    about_ar = demo["about"].get_translation(Locale.objects.get(language_code="ar"))
    assert result_links(search(client, "ar", "Netzwerk"))[about_ar.title] == about_ar.url


def test_an_entry_without_a_version_in_the_visitors_language_is_found_as_its_original(
    client, small
):
    found = result_links(search(client, "de", "житло"))
    ukrainian = small["offers"]["t-housing", "uk"]
    assert found["Допомога з житлом"] == f"/de/angebote/offers/{ukrainian.slug}/"
    listed = result_links(client.get("/de/angebote/", {"topic": "housing"}))
    assert listed["Допомога з житлом"] == found["Допомога з житлом"]  # as the directory lists it

    german = small["offers"]["t-evening", "de"]
    found = result_links(search(client, "ar", "Abendtestkurs"))
    assert found["Abendtestkurs"] == f"/ar/offers/offers/{german.slug}/"

    # Once translated into Arabic, the Arabic version takes the original's place.
    arabic = german.copy_for_translation(Locale.objects.get(language_code="ar"))
    arabic.title = "دورة الاختبار المسائية"
    arabic.save()
    arabic.save_revision().publish()
    # The German words still find it, through its German version, in Arabic.
    found = result_links(search(client, "ar", "Abendtestkurs"))
    assert "Abendtestkurs" not in found
    assert found["دورة الاختبار المسائية"] == f"/ar/offers/offers/{german.slug}/"
    found = result_links(search(client, "ar", "دورة الاختبار المسائية"))
    assert found["دورة الاختبار المسائية"] == f"/ar/offers/offers/{german.slug}/"
    shows(client, found["دورة الاختبار المسائية"], "دورة الاختبار المسائية")


def test_a_new_page_is_found_in_every_language_through_its_aliases(client, demo):
    page = ContentPage(title="Kolibri Beratungstag", slug="kolibri-beratungstag", intro="Kolibri.")
    demo["home"].add_child(instance=page)
    page.save_revision().publish()
    assert SearchDocument.objects.filter(translation_key=page.translation_key).count() == 1

    for language in LANGUAGES:
        found = result_links(search(client, language, "Kolibri"))
        assert found["Kolibri Beratungstag"] == f"/{language}/kolibri-beratungstag/", language
        shows(client, found["Kolibri Beratungstag"], "Kolibri Beratungstag")


def test_an_actor_is_found_by_its_kind_in_its_own_language(client, demo):
    with translation.override("ar"):
        employer = str(Actor.Kind.EMPLOYER.label)
    employers = Actor.objects.public().filter(locale__language_code="ar", kind="employer")
    found = result_links(search(client, "ar", employer, type="actor"))
    # Every word of the kind's name matches them; others share a word at most, and follow.
    assert sorted(list(found)[: len(employers)]) == sorted(actor.name for actor in employers)


PREFIXES = {
    "de": ["Woh", "Deu", "Ber", "Spr"],
    "en": ["Hou", "Ger", "Cou"],
    "ar": ["دور", "است", "سك"],
    "uk": ["Доп", "Кур", "Жит"],
    "fa": ["زب", "کلا", "Deu", "مشا"],
    "ru": ["Кур", "Deu"],
    "tr": ["Alm", "Deu"],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_suggestion_finds_what_it_suggests(client, demo, language):
    from search.query import clean_query, ranked_matches

    locale = Locale.objects.get(language_code=language)
    suggested = 0
    for prefix in PREFIXES[language]:
        response = client.get(f"/{language}/search/suggest/", {"q": prefix})
        for suggestion in response.json()["suggestions"]:
            suggested += 1
            assert suggestion["url"].startswith(f"/{language}/"), suggestion
            search(client, language, suggestion["title"])
            matched = ranked_matches(locale, clean_query(suggestion["title"])).ids
            assert matched, suggestion
            if "?topic=" not in suggestion["url"]:  # an offer or actor, not a topic
                titles = SearchDocument.objects.filter(pk__in=matched).values_list(
                    "title", flat=True
                )
                assert suggestion["title"] in titles, suggestion
            assert client.get(suggestion["url"]).status_code == 200, suggestion
    assert suggested


def test_a_topic_is_suggested_only_when_something_has_it(client, demo):
    german = Locale.objects.get(language_code="de")
    Topic.objects.create(locale=german, name="Wohnzimmerkonzerte", slug="living-room-concerts")
    suggestions = client.get("/de/search/suggest/", {"q": "Wohnzimmer"}).json()["suggestions"]
    assert "Wohnzimmerkonzerte" not in [item["title"] for item in suggestions]

    offer = Offer.objects.filter(locale=german, live=True).first()
    offer.topics.add(OfferTopic(topic=Topic.objects.get(slug="living-room-concerts")))
    offer.save_revision().publish()
    suggestions = client.get("/de/search/suggest/", {"q": "Wohnzimmer"}).json()["suggestions"]
    assert "Wohnzimmerkonzerte" in [item["title"] for item in suggestions]


def count_queries(client, url, params):
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("language", ["fa", "ar", "uk"])
def test_query_count_does_not_depend_on_the_number_of_results_in_any_language(
    client, demo, language
):
    few = count_queries(client, f"/{language}/search/", {"q": "Moscheegemeinde"})
    assert count_queries(client, f"/{language}/search/", {"q": "Beratung"}) <= few
    assert count_queries(client, f"/{language}/search/", {"q": "زبان Deutschkurs"}) <= few
    suggest = f"/{language}/search/suggest/"
    assert len(client.get(suggest, {"q": "BAMF"}).json()["suggestions"]) == 1
    assert len(client.get(suggest, {"q": "B"}).json()["suggestions"]) > 1
    one = count_queries(client, suggest, {"q": "BAMF"})
    assert count_queries(client, suggest, {"q": "B"}) <= one
