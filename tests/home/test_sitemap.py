"""The sitemap lists every language's pages with their hreflang alternates, aliases left out."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale, Page

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_translations_with_alternates(client, demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urls = ET.fromstring(response.content).findall("s:url", NS)
    locations = {url.find("s:loc", NS).text: url for url in urls}
    pages = Page.objects.live().public().filter(depth__gte=2)
    translated = {f"http://testserver{page.url}" for page in pages.filter(alias_of__isnull=True)}
    aliases = {f"http://testserver{page.url}" for page in pages.filter(alias_of__isnull=False)}
    assert aliases and translated <= set(locations)
    assert not aliases & set(locations)

    about = demo["about"]
    about_ar = about.get_translation(Locale.objects.get(language_code="ar"))
    entry = next(url for loc, url in locations.items() if loc.endswith(about_ar.url))
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", NS)}
    assert set(alternates) == {"de", "en", "ar", "uk", "x-default"}
    assert alternates["x-default"].endswith(about.url)
    assert alternates["ar"].endswith(about_ar.url)


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
