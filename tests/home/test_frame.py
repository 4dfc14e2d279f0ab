"""The frame of a page (the header with the language switcher and the menu, the links in the
head, the breadcrumbs) is rendered once per page, language and content version: a publish
shows in it at once, and nothing of one visitor's request reaches another visitor."""

import re
from unittest import mock

import pytest
from wagtail.models import Locale

from home.templatetags import navigation

pytestmark = pytest.mark.django_db


def header(response):
    assert response.status_code == 200
    return re.search(r'<header class="site-header">.*</header>', response.content.decode(), re.S)[0]


def switcher_links(response):
    return re.findall(r'<a href="([^"]+)" lang="\w+" hreflang', header(response))


def version_in(page, language_code):
    return page.get_translation(Locale.objects.get(language_code=language_code))


@pytest.fixture
def signed_in(client, django_user_model):
    """A client signed in as a user without any permissions: its pages are never cached whole."""
    client.force_login(django_user_model.objects.create_user("frame-visitor"))
    return client


def test_the_frame_is_rendered_once_per_page_and_language(signed_in, demo):
    coordination = demo["coordination"]
    with mock.patch.object(navigation, "page_versions", wraps=navigation.page_versions) as built:
        first = signed_in.get(coordination.url)
        rendered = built.call_count
        again = signed_in.get(coordination.url)
        assert rendered > 0 and built.call_count == rendered
        assert header(again) == header(first)
        arabic = signed_in.get(version_in(coordination, "ar").url)
        assert built.call_count == 2 * rendered
    assert 'aria-current="true" lang="ar"' in header(arabic)


def test_a_publish_shows_in_the_frame_at_once(signed_in, demo):
    """Fails when the frame is kept without the content version, or when a save no longer
    starts a new one."""
    about, coordination = demo["about"], demo["coordination"]
    english = version_in(coordination, "en")
    before = signed_in.get(coordination.url)
    assert english.url in switcher_links(before)
    assert "Netzwerk im Überblick" not in before.content.decode()

    about.title = "Netzwerk im Überblick"
    about.save_revision().publish()
    english.slug = "coordination"
    english.save_revision().publish()

    after = signed_in.get(coordination.url)
    assert '<a href="/de/ueber-das-netzwerk/" aria-current="true">Netzwerk im Überblick</a>' in (
        header(after)
    )
    breadcrumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', after.content.decode(), re.S)[0]
    assert "Netzwerk im Überblick" in breadcrumbs
    assert "/en/about-the-network/coordination/" in switcher_links(after)
    assert 'hreflang="en" href="http://testserver/en/about-the-network/coordination/"' in (
        after.content.decode()
    )


def test_each_visitor_gets_the_frame_of_their_own_address(client, demo):
    """The menu marks the page shown; the language switcher keeps the query the view
    understood, this visitor's and no other's."""
    about = header(client.get(demo["about"].url))
    home = header(client.get(demo["home"].url))
    assert '<a href="/de/ueber-das-netzwerk/" aria-current="page">' in about
    assert '<a href="/de/ueber-das-netzwerk/">' in home

    assert "/en/search/?q=Wohnung" in switcher_links(client.get("/de/search/?q=Wohnung"))
    links = switcher_links(client.get("/de/search/?q=Arbeit"))
    assert "/en/search/?q=Arbeit" in links
    assert not [link for link in links if "Wohnung" in link]

    first = switcher_links(client.get("/de/angebote/?topic=german-courses"))
    second = switcher_links(client.get("/de/angebote/?topic=counselling"))
    assert "/en/offers/?topic=german-courses" in first
    assert "/en/offers/?topic=counselling" in second and not set(first) & set(second)


def test_a_new_query_fills_in_the_kept_frame_instead_of_rendering_it_again(client, demo):
    """The switcher keeps each search's own query, escaped as the page would render it,
    while the frame is rendered once for every query of the page."""
    with mock.patch.object(navigation, "translate_url", wraps=navigation.translate_url) as built:
        client.get("/de/search/?q=Wohnung")
        rendered = built.call_count
        response = client.get("/de/search/?q=Kurs+für+Frauen&type=offer")
        assert rendered > 0 and built.call_count == rendered
    query = "q=Kurs+f%C3%BCr+Frauen&amp;type=offer"
    assert f'<a href="/en/search/?{query}" lang="en"' in header(response)
    assert f'hreflang="en" href="http://testserver/en/search/?{query}"' in (
        response.content.decode()
    )
    assert "Wohnung" not in header(response) and navigation.QUERY_MARK not in (
        response.content.decode()
    )


def test_the_frame_of_a_missing_page_is_not_kept(client):
    """Anyone can make up addresses; they must not fill the cache."""
    with mock.patch.object(navigation, "translate_url", wraps=navigation.translate_url) as built:
        assert client.get("/de/gibt-es-nicht/").status_code == 404
        rendered = built.call_count
        assert client.get("/de/gibt-es-nicht/").status_code == 404
        assert rendered > 0 and built.call_count == 2 * rendered
