"""Every page renders in its languages, with the right language, direction and alternates."""

import re
from html.parser import HTMLParser

import pytest
from wagtail.models import Locale, Page

pytestmark = pytest.mark.django_db


class LinkCollector(HTMLParser):
    """Collects the start tags of a document with their attributes."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag, **attrs):
        return [
            found
            for name, found in self.tags
            if name == tag and all(found.get(key) == value for key, value in attrs.items())
        ]


def parse(response):
    collector = LinkCollector()
    collector.feed(response.content.decode())
    return collector


def html_element(response):
    return parse(response).find("html")[0]


def test_every_live_page_renders_once_with_one_h1(client):
    pages = (
        Page.objects.live().public().filter(depth__gte=2).specific()
    )  # members' area: tests/network
    assert pages.count() >= 32
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert len(parse(response).find("h1")) == 1, page.url
        assert html_element(response)["lang"] == page.locale.language_code


@pytest.mark.parametrize(
    "path, lang, direction",
    [("/de/", "de", "ltr"), ("/ar/", "ar", "rtl"), ("/uk/", "uk", "ltr"), ("/fa/", "fa", "rtl")],
)
def test_html_carries_language_and_direction(client, path, lang, direction):
    response = client.get(path)
    assert response.status_code == 200
    assert html_element(response) == {"lang": lang, "dir": direction}


def test_arabic_page_is_in_arabic(client, demo):
    about_ar = demo["about"].get_translation(Locale.objects.get(language_code="ar"))
    response = client.get(about_ar.url)
    text = response.content.decode()
    assert re.search(r"[\u0600-\u06ff]{3,}", about_ar.title)
    assert about_ar.title in text
    assert demo["about"].title not in text


def test_untranslated_language_shows_source_with_notice_in_the_visitors_interface(client):
    from directory.models import DirectoryPage

    response = client.get(DirectoryPage.objects.get(locale__language_code="fa").url)
    page = parse(response)
    assert "lang" not in page.find("main")[0]  # the interface stays Persian and right-to-left
    assert page.find("h1", lang="de", dir="ltr")  # the German text is marked as such
    notice = re.search(r'<p class="notice">(.*?)</p>', response.content.decode()).group(1)
    assert re.search(r"[\u0600-\u06ff]{3,}", notice)


def alternates_of(response):
    return {
        link["hreflang"]: link["href"] for link in parse(response).find("link", rel="alternate")
    }


def test_hreflang_alternates_point_at_real_translations(client, demo):
    alternates = alternates_of(client.get(demo["about"].url))
    assert set(alternates) == {"de", "en", "ar", "uk", "x-default"}  # aliases are left out
    assert alternates["x-default"] == alternates["de"]
    for language in ["en", "ar", "uk"]:
        translation = demo["about"].get_translation(Locale.objects.get(language_code=language))
        assert alternates[language] == f"http://testserver{translation.url}"
        assert client.get(translation.url).status_code == 200


def test_an_alias_sends_search_engines_to_the_page_it_follows(client, demo):
    alias = demo["about"].get_translation(Locale.objects.get(language_code="fa"))
    assert alias.alias_of_id == demo["about"].pk
    response = client.get(alias.url)
    assert parse(response).find("link", rel="canonical")[0]["href"] == (
        f"http://testserver{demo['about'].url}"
    )
    assert set(alternates_of(response)) == {"de", "en", "ar", "uk", "x-default"}


def test_menu_breadcrumbs_and_footer_follow_the_language(client, demo):
    coordination_en = demo["coordination"].get_translation(Locale.objects.get(language_code="en"))
    response = client.get(coordination_en.url)
    page = parse(response)
    about_en = demo["about"].get_translation(Locale.objects.get(language_code="en"))
    menu_links = [link for link in page.find("a") if link.get("href") == about_en.url]
    assert menu_links and menu_links[0].get("aria-current") == "true"
    imprint_en = demo["imprint"].get_translation(Locale.objects.get(language_code="en"))
    assert page.find("a", href=imprint_en.url)
    assert page.find("nav", **{"class": "breadcrumbs", "aria-label": "Breadcrumbs"})


@pytest.mark.parametrize(
    "accept_language, target",
    [("ar", "/ar/"), ("uk-UA,uk;q=0.9,en;q=0.5", "/uk/"), ("xx", "/de/"), ("", "/de/")],
)
def test_root_redirects_by_accept_language(client, accept_language, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == target


def test_not_found_page_speaks_the_visitors_language(client):
    response = client.get("/ar/gibt-es-nicht/")
    assert response.status_code == 404
    assert html_element(response) == {"lang": "ar", "dir": "rtl"}
    assert "الصفحة غير موجودة" in response.content.decode()


EXTERNAL_REFERENCE_TAGS = {
    "script": "src",
    "link": "href",
    "img": "src",
    "source": "srcset",
    "iframe": "src",
    "video": "src",
    "audio": "src",
    "object": "data",
    "embed": "src",
}


def test_public_pages_reference_no_other_host(client):
    paths = [page.url for page in Page.objects.live().filter(depth__gte=2)]
    paths += ["/de/search/?q=Netzwerk", "/ar/gibt-es-nicht/"]
    for path in paths:
        response = client.get(path)
        for tag, attrs in parse(response).tags:
            attribute = EXTERNAL_REFERENCE_TAGS.get(tag)
            value = attrs.get(attribute) or ""
            if tag == "link" and attrs.get("rel") in {"alternate", "canonical"}:
                assert value.startswith("http://testserver/"), (path, value)
            elif value:
                assert value.startswith("/") and not value.startswith("//"), (path, tag, value)
        assert "@import" not in response.content.decode()


def test_stylesheet_loads_nothing_from_elsewhere():
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/site.css"), encoding="utf-8").read()
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_subpages_or_menu_items(client, demo):
    from home.models import ContentPage

    about = demo["about"]
    before = count_queries(client, about.url)
    for number in range(12):
        about.add_child(
            instance=ContentPage(title=f"Arbeitskreis {number}", slug=f"ak-{number}", intro="Text")
        )
        demo["home"].add_child(
            instance=ContentPage(
                title=f"Thema {number}", slug=f"thema-{number}", show_in_menus=True
            )
        )
    html = client.get(about.url).content.decode()
    assert "Arbeitskreis 11" in html and "Thema 11" in html
    assert count_queries(client, about.url) == before
