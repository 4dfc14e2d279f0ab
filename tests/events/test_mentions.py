"""Events outside their own pages: the sitemap, the feeds of the blog's topics, and the
reports that name them (linked both ways)."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from blog.models import BlogIndexPage, BlogPage
from events.models import EventPage

from .conftest import at

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def demo_event(slug, language="de"):
    source = EventPage.objects.get(slug=slug, locale__language_code="de")
    return EventPage.objects.get(
        translation_key=source.translation_key, locale__language_code=language
    )


def test_the_sitemap_lists_events_and_their_index_with_real_translations_only(
    client, indexes, make_event
):
    only_german = make_event("Nur auf Deutsch")
    aliases = Page.objects.filter(alias_of=only_german)
    assert aliases.exists()  # the other trees show it in German
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    entries = {
        url.find("s:loc", NS).text.removeprefix("http://testserver"): {
            link.get("hreflang") for link in url.findall("x:link", NS)
        }
        for url in ET.fromstring(response.content).findall("s:url", NS)
    }
    every_language = {"de", "en", "ar", "uk", "fa", "ru", "tr", "x-default"}
    for index in indexes.values():
        assert entries[index.url] == every_language
    plenum = demo_event("plenum")
    assert entries[plenum.url] == every_language
    assert entries[demo_event("plenum", "fa").url] == every_language
    assert entries[only_german.url] == set()  # no alternates: it has no translation
    assert not {alias.url for alias in aliases} & set(entries)


def rss(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return {entry.title: entry for entry in feed.entries}


def written(start, language):
    with override(language):
        return date_format(timezone.localtime(start), "DATE_FORMAT")


def test_a_topics_feed_carries_its_coming_events_with_their_date(client, blog, make_event):
    index = blog["de"]
    start = at(timezone.localdate() + timedelta(days=5), "18:30")
    evening = make_event("Mietrecht-Abend", start=start, topics=("housing",))
    cancelled = make_event("Abgesagter Wohnungstreff", topics=("housing",), status="cancelled")
    make_event("Bewerbungstraining", topics=("work",))
    entries = rss(client, index.url + "topics/housing/feed/rss/")
    entry = entries["Mietrecht-Abend"]
    assert entry.link == f"http://testserver{evening.url}"
    assert entry.summary.startswith(f"{written(start, 'de')}, 18:30 · ")
    assert entry.published_parsed and "Wohnen" in [tag.term for tag in entry.tags]
    assert entries[cancelled.title].summary.startswith("Abgesagt · ")
    assert "Bewerbungstraining" not in entries
    past = demo_event("infoabend-wohnungssuche")  # on housing, but over
    assert past.title not in entries
    assert any(BlogPage.objects.filter(title=title).exists() for title in entries)  # and posts

    plain = rss(client, index.url + "feed/rss/")  # the blog's own feed: posts only
    assert not set(plain) & {"Mietrecht-Abend", cancelled.title, "Bewerbungstraining"}

    conference = demo_event("fachtag-integration", "ar")  # translated, on work
    arabic = rss(client, blog["ar"].url + "topics/work/feed/rss/")
    assert written(conference.start, "ar") in arabic[conference.title].summary
    assert "Bewerbungstraining" not in arabic  # an alias: the feed speaks Arabic only


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_topics_feed_costs_the_same_queries_for_many_events(client, blog, make_event):
    url = blog["de"].url + "topics/housing/feed/rss/"
    make_event("Wohnen 0", topics=("housing",))
    before = count_queries(client, url)
    for number in range(1, 10):
        make_event(
            f"Wohnen {number}",
            topics=("housing",),
            repeat="weekly",
            repeat_until=timezone.localdate() + timedelta(days=60),
        )
    assert len(rss(client, url)) > 10
    assert count_queries(client, url) == before


def name_event(report, event, django_capture_on_commit_callbacks):
    """Name ``event`` in ``report`` (a source post) and bring its translations up to date as
    wagtail-localize does."""
    report.event = event
    report.save_revision().publish()
    source, _created = TranslationSource.update_or_create_from_instance(report)
    for translation in Translation.objects.filter(source=source):
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(publish=True)


def test_an_event_links_to_its_reports_and_they_link_back(
    client, blog, django_capture_on_commit_callbacks
):
    event = demo_event("fachtag-gut-ankommen")
    report = BlogPage.objects.get(
        slug="fachtag-integration-2026-lindenau", locale__language_code="de"
    )
    assert report.event_id == event.pk  # the demo's report names its event
    name_event(report, None, django_capture_on_commit_callbacks)
    assert "Bericht über diesen Termin" not in html(client.get(event.url))
    name_event(report, event, django_capture_on_commit_callbacks)  # shown at once
    arabic_report = BlogPage.objects.get(
        translation_key=report.translation_key, locale__language_code="ar"
    )
    assert arabic_report.alias_of_id is None and arabic_report.event_id == event.pk

    page = html(client.get(event.url))
    assert "Bericht über diesen Termin" in page and f'href="{report.url}"' in page
    arabic_page = html(client.get(demo_event("fachtag-gut-ankommen", "ar").url))
    assert f'href="{arabic_report.url}"' in arabic_page  # the Arabic report, in Arabic
    turkish_report = BlogPage.objects.get(  # not translated: the Turkish tree's alias
        translation_key=report.translation_key, locale__language_code="tr"
    )
    assert turkish_report.alias_of_id == report.pk
    turkish_page = html(client.get(demo_event("fachtag-gut-ankommen", "tr").url))
    assert f'<a href="{turkish_report.url}" lang="de" dir="ltr">' in turkish_page

    back = html(client.get(report.url))
    assert "Bericht über den Termin:" in back and f'href="{event.url}"' in back
    arabic_back = html(client.get(arabic_report.url))
    assert f'href="{demo_event("fachtag-gut-ankommen", "ar").url}"' in arabic_back
    other = html(client.get(demo_event("fachtag-integration").url))
    assert report.url not in other


def test_only_an_event_report_names_an_event(blog):
    post = BlogPage.objects.filter(locale__language_code="de").exclude(post_type="event_report")[0]
    post.event = demo_event("plenum")
    with pytest.raises(ValidationError) as error:
        post.full_clean()
    assert "event" in error.value.message_dict


def test_an_event_page_costs_the_same_queries_with_many_reports(client, blog, make_post):
    event = demo_event("plenum")
    make_post("Bericht 0", post_type="event_report", event=event)
    before = count_queries(client, event.url)
    for number in range(1, 6):
        make_post(f"Bericht {number}", post_type="event_report", event=event)
    page = html(client.get(event.url))
    assert page.count("Bericht ") >= 6
    assert count_queries(client, event.url) == before
    assert BlogIndexPage.objects.exists()


def test_the_events_import_nothing_of_the_blog():
    """The blog names events (a report's event, a topic's feed); the events reach their
    reports through the related name only, so the two apps do not import each other."""
    import ast
    from pathlib import Path

    import events

    imported = set()
    for path in Path(events.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                imported |= {(path.name, alias.name) for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add((path.name, node.module))
    assert ("views.py", "directory.filters") in imported  # the walk sees the imports
    assert not [(name, module) for name, module in imported if module.split(".")[0] == "blog"]
