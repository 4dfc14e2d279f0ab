"""Every content language is a home: its own tree, links that keep the visitor in it, a
language switcher that leads to the same page everywhere, and the network's name in it."""

import re
from html import unescape

import pytest
from django.utils import translation
from wagtail.models import Locale, Page

from home.models import FooterText

pytestmark = pytest.mark.django_db


def links(html):
    """The addresses of the links on a page, but the language switcher's and the links to a
    page's other languages ("Also available in"), which name their language (hreflang)."""
    for attributes in re.findall(r"<a\s([^>]*)>", html):
        href = re.search(r'href="([^"]*)"', attributes)
        if href and "hreflang=" not in attributes:
            yield unescape(href.group(1))


def route_kind(path):
    """What a visitor would call the kind of a page: its path without the last part."""
    return path.rstrip("/").rsplit("/", 1)[0]


def test_a_persian_visitor_stays_in_persian_on_every_link(client):
    """Every page of the Persian tree, and one page of each kind it links to (an offer, an
    actor, an author's posts, ...), leads only to Persian addresses."""
    persian = Page.objects.live().public().filter(locale__language_code="fa", depth__gte=2)
    # with the events index and its ten events, the working groups' index and its five
    # groups, the join and contact forms, the accessibility statement (the members' area is
    # private: tests/network)
    assert persian.count() == 42
    to_visit = [page.url for page in persian]
    kinds_seen = {route_kind(path) for path in to_visit}
    visited = set()
    while to_visit:
        path = to_visit.pop()
        visited.add(path)
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert '<html lang="fa" dir="rtl">' in html, path
        for href in links(html):
            if href.startswith(
                ("#", "?", "mailto:", "tel:", "https://", "webcal:", "/static/", "/documents/")
            ):
                continue
            assert href.startswith("/fa/"), (path, href)
            page_path = href.split("?")[0]
            download = "/feed/" in page_path or page_path.endswith("/calendar/")  # not pages
            if route_kind(page_path) not in kinds_seen and not download:
                kinds_seen.add(route_kind(page_path))
                to_visit.append(page_path)
    for kind in ["offers/", "actors/", "authors/", "topics/", "tags/"]:
        assert any(f"/{kind}" in path for path in visited), kind


def switcher_items(response):
    """The language switcher's entries by language code: (link or None, the entry's HTML)."""
    switcher = response.content.decode().split('class="language-switcher"')[1]
    entries = {}
    for item in re.findall(r"<li>(.*?)</li>", switcher.split("</details>")[0], re.S):
        code = re.search(r'lang="([a-z]+)"', item).group(1)
        link = re.search(r'<a href="([^"]+)"', item)
        entries[code] = (unescape(link.group(1)) if link else None, item)
    return entries


def test_language_switcher_links_every_language_and_marks_what_is_not_translated(client, demo):
    with translation.override("de"):
        not_yet = translation.gettext("(not yet translated)")
    coordination = demo["coordination"]
    entries = switcher_items(client.get(coordination.url))
    assert list(entries) == ["de", "en", "ar", "uk", "fa", "ru", "tr"]
    assert entries["de"][0] is None and 'aria-current="true"' in entries["de"][1]
    for code in ["en", "ar", "uk", "fa", "ru", "tr"]:
        version = coordination.get_translation(Locale.objects.get(language_code=code))
        link, item = entries[code]
        assert link == version.url and link.startswith(f"/{code}/")
        assert (not_yet in item) == bool(version.alias_of_id)
    marked = [code for code, (_link, item) in entries.items() if not_yet in item]
    assert marked == ["fa", "ru", "tr"]


def test_language_switcher_names_a_language_without_the_page(client, demo):
    demo["coordination"].get_translation(Locale.objects.get(language_code="tr")).delete()
    link, item = switcher_items(client.get(demo["coordination"].url))["tr"]
    assert link is None
    assert "(diese Seite ist nicht übersetzt)" in item


@pytest.mark.parametrize(
    "path, code, expected",
    [
        ("/de/search/?q=Wohnung&page=2&utm_source=x", "ar", "/ar/search/?q=Wohnung"),
        (
            "/de/search/?q=Wohnung&type=offer&topic=gibts-nicht",
            "fa",
            "/fa/search/?q=Wohnung&type=offer",
        ),
        ("/de/aktuelles/?type=news&page=2&sort=x", "en", "/en/news/?type=news"),
        (
            "/de/aktuelles/topics/housing/?type=article",
            "fa",
            "/fa/aktuelles/topics/housing/?type=article",
        ),
        ("/de/aktuelles/authors/elif-kaya/", "uk", "/uk/news/authors/elif-kaya/"),
        (
            "/de/angebote/?topic=housing&sort=newest&page=3&bogus=1",
            "uk",
            "/uk/offers/?topic=housing&sort=newest",
        ),
        (
            "/de/angebote/actors/?kind=association&place=nirgendwo",
            "tr",
            "/tr/angebote/actors/?kind=association",
        ),
    ],
)
def test_language_switcher_keeps_the_query_that_the_page_understands(client, path, code, expected):
    response = client.get(path)
    assert response.status_code == 200
    link, _item = switcher_items(response)[code]
    assert link == expected
    assert client.get(link).status_code == 200


def test_language_links_of_an_error_page_stay_on_this_site(client):
    response = client.get("/", PATH_INFO="//evil.example/")
    assert response.status_code == 404
    hrefs = list(links(response.content.decode()))
    switcher = {code: link for code, (link, _item) in switcher_items(response).items()}
    assert switcher == {code: f"/{code}/" for code in ["en", "ar", "uk", "fa", "ru", "tr"]} | {
        "de": None
    }
    for href in hrefs + [link for link in switcher.values() if link]:
        assert "evil.example" not in href
        assert not href.startswith("//"), href


@pytest.mark.parametrize("code", ["de", "fa", "ru", "tr"])
def test_the_network_is_named_in_the_visitors_language(client, code):
    texts = FooterText.objects.get(locale__language_code=code)
    html = client.get(f"/{code}/").content.decode()
    title = re.search(r"<title>(.*)</title>", html).group(1)
    assert title.endswith(f" – {texts.network_name}")
    site_name = re.search(r'class="site-name".*?<span>(.*?)</span>', html, re.S).group(1)
    assert site_name == texts.network_name
    footer = html.split('<footer class="site-footer">')[1]
    assert f">{texts.network_name}</strong>" in footer
    assert texts.body in footer


def test_a_preview_of_the_network_name_shows_it_on_the_page(demo):
    texts = FooterText.objects.get(locale__language_code="de")
    texts.network_name = "Netzwerk Integration Lindental-Süd"
    html = texts.make_preview_request().render().content.decode()
    assert "<title>Netzwerk Integration Lindental-Süd – Netzwerk Integration Lindental-Süd" in html
    assert "<span>Netzwerk Integration Lindental-Süd</span>" in html


def test_a_persian_blog_lists_the_posts_not_yet_translated_in_their_language(client):
    from blog.models import BlogIndexPage

    blog = BlogIndexPage.objects.get(locale__language_code="fa")
    html = client.get(blog.url).content.decode()
    cards = html.split('<li class="card post-card">')[1:]
    assert len(cards) >= 10  # a full first page, and the featured post
    for card in cards:
        title = re.search(r'<h3 lang="(de|en)" dir="ltr"><a href="([^"]+)"', card)
        assert title, card[:300]
        assert title.group(2).startswith("/fa/")
        with translation.override("fa"):
            language = translation.get_language_info(title.group(1))["name_translated"]
        assert f'class="badge post-card__language">{language}<' in card
    feed = client.get(f"{blog.url}feed/rss/").content.decode()
    assert "<item>" not in feed  # nothing is translated into Persian yet
