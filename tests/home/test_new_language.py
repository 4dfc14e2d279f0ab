"""A network adds a content language with one setting and its catalogue: Kurdish (Kurmanji).

The language is in the registry (``home/language_registry.py``) but not among the
content languages; the test adds it as a site would: ``CONTENT_LANGUAGES`` names
it (here through the settings it determines), its ``.po`` file is translated and
compiled, and ``sync_language_trees --repair`` sets it up. Everything else, from
the URL prefix to the search, follows without another change.
"""

import re
import xml.etree.ElementTree as ET
from io import StringIO

import polib
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale

from blog.models import BlogIndexPage, BlogPage
from home import language_registry
from home.demo.translate import translate
from home.models import ContentPage, LanguageTeam

pytestmark = pytest.mark.django_db

KURMANJI = {"Skip to content": "Here naverokê"}
READING_TIME = (
    "Reading time about %(minutes)s minute",
    "Reading time about %(minutes)s minutes",
    "Dema xwendinê nêzîkî %(minutes)s deqîqe",
)
SOURCE = {"title": "Stadtbibliothek", "slug": "stadtbibliothek", "intro": "Bücher für alle."}
KURDISH = {
    "title": "Pirtûkxaneya bajêr",
    "slug": "pirtukxaneya-bajer",
    "intro": "Pirtûk ji bo hemûyan.",
}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def compiled_catalogue(folder, code, messages, plural):
    """A translated ``django.po`` of ``code``, compiled, as ``makemessages`` and
    ``compilemessages`` leave it in ``locale/``; returns the locale folder."""
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for msgid, msgstr in messages.items():
        catalogue.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    singular, plural_id, translated = plural
    catalogue.append(
        polib.POEntry(
            msgid=singular, msgid_plural=plural_id, msgstr_plural={0: translated, 1: translated}
        )
    )
    messages_folder = folder / code / "LC_MESSAGES"
    messages_folder.mkdir(parents=True)
    catalogue.save(str(messages_folder / "django.po"))
    catalogue.save_as_mofile(str(messages_folder / "django.mo"))
    return folder


@pytest.fixture
def kurdish(settings, tmp_path, demo):
    """Kurdish added to the content languages and set up by ``sync_language_trees --repair``."""
    codes = [code for code, _name in settings.LANGUAGES]
    settings.LANGUAGES = settings.WAGTAIL_CONTENT_LANGUAGES = language_registry.content_languages(
        [*codes, "ku"]
    )
    settings.LOCALE_PATHS = [
        compiled_catalogue(tmp_path / "locale", "ku", KURMANJI, READING_TIME),
        *settings.LOCALE_PATHS,
    ]
    report = StringIO()
    call_command("sync_language_trees", stdout=report)
    assert "ku: not set up yet" in report.getvalue()
    call_command("sync_language_trees", "--repair", stdout=StringIO())
    return Locale.objects.get(language_code="ku")


@pytest.fixture
def library(kurdish, demo, django_capture_on_commit_callbacks):
    """A German page translated into Kurdish."""
    page = demo["about"].add_child(instance=ContentPage(**SOURCE))
    page.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        translated = translate(page, kurdish, SOURCE, KURDISH, "library")
    return page, translated


def test_the_new_language_has_its_prefix_direction_interface_and_switcher_entry(client, library):
    page, translated = library
    response = client.get(translated.url)
    assert translated.url.startswith("/ku/")
    assert response.status_code == 200
    text = response.content.decode()
    assert '<html lang="ku" dir="ltr">' in text
    assert "Here naverokê" in text  # the interface speaks the new catalogue
    assert "<h1>Pirtûkxaneya bajêr</h1>" in text

    german = client.get(page.url).content.decode()
    assert re.search(
        rf'<a href="{translated.url}" lang="ku" hreflang="ku" dir="ltr">Kurdî</a>', german
    )
    assert f'<link rel="alternate" hreflang="ku" href="http://testserver{translated.url}">' in (
        german
    )
    home = client.get("/ku/")
    assert home.status_code == 200
    assert '<html lang="ku" dir="ltr">' in home.content.decode()


def test_the_sitemap_lists_the_new_language_as_an_alternate(client, library):
    page, translated = library
    urls = ET.fromstring(client.get("/sitemap.xml").content).findall("s:url", SITEMAP)
    entry = next(url for url in urls if url.find("s:loc", SITEMAP).text.endswith(page.url))
    alternates = {
        link.get("hreflang"): link.get("href") for link in entry.findall("x:link", SITEMAP)
    }
    assert alternates["ku"] == f"http://testserver{translated.url}"


def test_the_new_language_gets_its_team(kurdish):
    team = LanguageTeam.objects.get(locale=kurdish)
    assert team.translators == Group.objects.get(name="Translators (ku)")
    assert team.reviewers == Group.objects.get(name="Reviewers (ku)")


def test_words_without_a_stemmer_are_found_by_their_beginnings(client, library):
    _page, translated = library
    response = client.get("/ku/search/", {"q": "pirtuk"})
    assert response.status_code == 200
    assert f'<a href="{translated.url}">Pirtûkxaneya bajêr</a>' in response.content.decode()


def test_a_post_in_the_new_language_takes_the_default_reading_speed(client, kurdish):
    index = BlogIndexPage.objects.get(locale=kurdish)
    post = BlogPage(
        title="Rojên pirtûkan",
        slug="rojen-pirtukan",
        teaser="Nivîsek.",
        body=[("paragraph", "<p>" + "peyv " * 1799 + "</p>")],
    )
    index.add_child(instance=post)
    post.save_revision().publish()
    post.refresh_from_db()
    assert post.reading_time == 10  # 1,800 words at 180 words a minute
    text = client.get(post.url).content.decode()
    assert "Dema xwendinê nêzîkî 10 deqîqe" in text


def test_the_translation_overview_shows_the_new_language(english_admin_client, library):
    page, _translated = library
    response = english_admin_client.get(
        reverse("translation_overview"), {"locale": "ku", "state": "up_to_date"}
    )
    text = response.content.decode()
    assert '<option value="ku" selected>Kurdî</option>' in text
    row = text.split(f"<td>{page.title}</td>")[1].split("</tr>")[0]
    assert "<td>Kurdî</td>" in row and 'data-state="up_to_date"' in row


def test_a_languages_direction_follows_its_script():
    """Pashto, written in Arabic script, reads right to left; Kurmanji, in Latin, does not."""
    assert language_registry.text_direction("ps") == "rtl"
    assert language_registry.text_direction("fa-af") == "rtl"
    assert language_registry.text_direction("ku") == "ltr"
    assert language_registry.right_to_left_codes() == ["ar", "fa", "ps"]
