"""The public directory: lists with filters and counts, detail pages, fallbacks and the API."""

import json
import re
import uuid
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Actor, Offer

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def result_titles(response):
    """The titles (or names) of the entries a list shows, in order."""
    return [
        unescape(title)
        for title in re.findall(r'<h3[^>]*><a href="[^"]+">([^<]+)</a>', html(response))
    ]


def test_list_shows_current_offers_of_the_language_with_counts(client, small, directory_page):
    response = client.get(directory_page.url, {"topic": "german-courses"})
    titles = result_titles(response)
    assert "Testkurs für Frauen" in titles and "Abendtestkurs" in titles
    assert "Testsommer 2020" not in titles  # ended in 2020
    assert "Test course for women" not in titles  # English version
    topic_counts = {value.value: value.count for value in response.context["facets"]["topic"]}
    assert topic_counts["german-courses"] == response.context["results"].paginator.count


def test_parent_topic_includes_subtopics_and_free_filter(client, small, directory_page):
    titles = result_titles(client.get(directory_page.url, {"topic": "language-courses"}))
    assert {"Testkurs für Frauen", "Abendtestkurs"} <= set(titles)
    free = result_titles(client.get(directory_page.url, {"topic": "language-courses", "free": "1"}))
    assert "Testkurs für Frauen" in free and "Abendtestkurs" not in free


def test_entry_only_in_another_language_is_listed_with_a_note(client, small, directory_page):
    response = client.get(directory_page.url, {"place": "bergfeld", "language": "ru"})
    assert "Допомога з житлом" in result_titles(response)
    assert 'lang="uk"' in html(response)


def test_filters_are_kept_in_the_url_and_unknown_values_explained(client, small, directory_page):
    response = client.get(directory_page.url, {"topic": "no-such-topic", "page": "999"})
    text = html(response)
    assert "no-such-topic" in text  # named in the notice
    assert response.context["filters"].topic == ""
    assert response.context["results"].number == response.context["results"].paginator.num_pages


def test_empty_result_says_so(client, small, directory_page):
    response = client.get(directory_page.url, {"topic": "german-courses", "language": "zh"})
    assert response.context["results"].paginator.count == 0
    assert 'href="' + directory_page.url + '"' in html(response)


def test_offer_detail_has_what_a_newcomer_needs(client, small, directory_page):
    response = client.get(directory_page.url + "offers/testkurs-fuer-frauen/")
    text = html(response)
    assert 'href="tel:+499999100"' in text
    assert 'href="mailto:info@vhs.example"' in text
    assert "https://www.openstreetmap.org/search?query=" in text
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)[1]
    )
    assert data["@type"] == "Service"
    assert data["provider"]["name"] == "Lernwerkstatt Teststadt"
    assert data["availableLanguage"] == ["de"]
    alternates = set(re.findall(r'hreflang="([a-z-]+)"', text))
    assert {"de", "en"} <= alternates


def test_missing_translation_falls_back_to_the_original_with_a_notice(client, small, demo):
    from directory.models import DirectoryPage

    page_de = DirectoryPage.objects.get(locale__language_code="de")
    response = client.get(page_de.url + "offers/dopomoga-z-zhitlom/")
    text = html(response)
    assert "Допомога з житлом" in text
    assert 'lang="uk"' in text
    assert "nicht in Ihre Sprache übersetzt" in text or "not been translated" in text


def test_unknown_slug_is_404(client, directory_page):
    assert client.get(directory_page.url + "offers/gibt-es-nicht/").status_code == 404
    assert client.get(directory_page.url + "actors/gibt-es-nicht/").status_code == 404


def test_actor_page_lists_its_current_offers(client, small, directory_page):
    text = html(client.get(directory_page.url + "actors/lernwerkstatt-teststadt/"))
    assert "Testkurs für Frauen" in text and "Testsommer 2020" not in text
    assert "Anna Becker" in text and '"@type": "Organization"' in text


def test_related_offers_include_those_not_yet_translated_in_the_visitors_language(client, small):
    from directory.models import DirectoryPage

    english = DirectoryPage.objects.get(locale__language_code="en")
    course, evening = (small["offers"][(key, "de")] for key in ("t-course", "t-evening"))
    actor = html(client.get(english.url + f"actors/{course.provider.slug}/"))
    offers = actor.split('id="offers-heading"')[1].split("</section>")[0]
    assert f'<a href="/en/offers/offers/{course.slug}/">Test course for women</a>' in offers
    # only in German so far: listed all the same, marked as German, and linked in English
    german = f'<a href="/en/offers/offers/{evening.slug}/" lang="de" dir="ltr">Abendtestkurs'
    assert german in offers
    offer = html(client.get(english.url + f"offers/{course.slug}/"))
    others = offer.split('id="other-offers-heading"')[1].split("</section>")[0]
    assert f'href="/en/offers/offers/{evening.slug}/"' in others
    assert course.slug not in others


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_number_of_offers(client, small, directory_page):
    template = Offer.objects.get(external_id="t-evening", locale__language_code="de")
    list_before = count_queries(client, directory_page.url)
    detail_before = count_queries(client, directory_page.url + "offers/abendtestkurs/")
    for number in range(25):
        copy = Offer.objects.get(pk=template.pk)
        copy.pk = copy.id = None
        copy.translation_key = uuid.uuid4()
        copy.slug, copy.title, copy.external_id = f"kopie-{number}", f"Kopie {number}", ""
        copy.save()
        for relation in ("topics", "target_groups", "languages"):
            for child in getattr(template, relation).all():
                child.pk = child.id = None
                if hasattr(child, "translation_key"):
                    child.translation_key = uuid.uuid4()
                child.offer = copy
                child.save()
    assert count_queries(client, directory_page.url) == list_before
    assert count_queries(client, directory_page.url + "offers/abendtestkurs/") == detail_before


def test_api_lists_offers_with_the_same_filters(client, small):
    response = client.get("/api/directory/offers/", {"locale": "en", "topic": "german-courses"})
    assert response.status_code == 200
    data = response.json()
    names = [item["name"] for item in data["results"]]
    assert "Test course for women" in names
    assert "Testkurs für Frauen" not in names  # its English version stands in its place
    assert "Abendtestkurs" in names  # not translated into English: the original stands in
    assert data["count"] == len(data["results"])
    assert client.get("/api/directory/offers/", {"locale": "xx"}).status_code == 400
    actors = client.get("/api/directory/actors/", {"locale": "de", "kind": "education"}).json()
    assert "Lernwerkstatt Teststadt" in [item["name"] for item in actors["results"]]


def test_cached_counts_follow_a_change_at_once(client, small, directory_page):
    def german_courses():
        response = client.get(directory_page.url)
        facet = {value.value: value.count for value in response.context["facets"]["topic"]}
        return facet["german-courses"], response.context["results"].paginator.count

    def actor_names():
        response = client.get(directory_page.url + "actors/")
        kinds = {value.value: value.count for value in response.context["facets"]["kind"]}
        return kinds["education"], result_titles(response)

    topic_before, total_before = german_courses()
    offer = Offer.objects.get(external_id="t-evening", locale__language_code="de")
    offer.status = Offer.Status.PAUSED
    offer.save()
    assert german_courses() == (topic_before - 1, total_before - 1)
    assert "Abendtestkurs" not in client.get(directory_page.url).content.decode()

    education_before, names_before = actor_names()
    actor = Actor.objects.get(name="Lernwerkstatt Teststadt")
    actor.active = False
    actor.save()
    education_after, names_after = actor_names()
    assert education_after == education_before - 1
    assert (
        "Lernwerkstatt Teststadt" in names_before and "Lernwerkstatt Teststadt" not in names_after
    )


def test_sitemap_lists_entries_with_their_translations(client, small):
    text = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/de/angebote/offers/testkurs-fuer-frauen/</loc>" in text
    entry = text.split("<loc>http://testserver/de/angebote/offers/testkurs-fuer-frauen/</loc>")[1]
    entry = entry.split("</url>")[0]
    assert 'hreflang="en" href="http://testserver/en/offers/offers/testkurs-fuer-frauen/"' in entry
    assert "testsommer-2020" not in text  # ended offers are not listed


def test_sitemap_leaves_out_aliases_but_lists_entries_translated_into_their_language(client, small):
    from wagtail.models import Locale

    persian = Locale.objects.get(language_code="fa")
    course = small["offers"][("t-course", "de")]
    translation = course.copy_for_translation(persian)
    translation.title = "دوره آزمایشی برای زنان"
    translation.save()
    translation.save_revision().publish()
    text = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/fa/angebote/</loc>" not in text  # an alias of the German page
    persian = f"http://testserver/fa/angebote/offers/{course.slug}/"
    assert f"<loc>{persian}</loc>" in text
    german = text.split(f"<loc>http://testserver/de/angebote/offers/{course.slug}/</loc>")[1]
    assert f'hreflang="fa" href="{persian}"' in german.split("</url>")[0]


@pytest.mark.parametrize("language", ["de", "ar"])
def test_directory_pages_have_one_heading_and_the_visitors_language(client, small, language):
    from directory.models import DirectoryPage

    page = DirectoryPage.objects.get(locale__language_code=language)
    paths = ["", "actors/", "offers/testkurs-fuer-frauen/", "actors/lernwerkstatt-teststadt/"]
    for path in paths:
        text = html(client.get(page.url + path))
        assert text.count("<h1") == 1, path
        direction = "rtl" if language == "ar" else "ltr"
        assert f'<html lang="{language}" dir="{direction}">' in text, path


def test_only_contact_persons_marked_public_are_shown(client, small, directory_page):
    school = small["actors"][("t-school", "de")]
    text = html(client.get(directory_page.url + f"actors/{school.slug}/"))
    assert "Anna Becker" in text and "a.becker@vhs.example" in text and "+49 9999 101" in text
    assert "Bernd Kühn" not in text
    assert "b.kuehn@vhs.example" not in text and "+49 9999 102" not in text
