"""Readers see posts in their language with authors, reading time, languages and feeds."""

import json
import re
from datetime import timedelta
from html import unescape

import feedparser
import pytest
from django.core.management import call_command
from django.utils import timezone

from blog.models import BlogPage

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return response.content.decode()


CARD_TITLE = re.compile(r'<h3[^>]*><a href="([^"]+)">([^<]+)</a></h3>')


def cards(text):
    """The (address, title) of each post card in a piece of a page."""
    return [(unescape(url), unescape(title)) for url, title in CARD_TITLE.findall(text)]


def listed_part(response):
    """The part of a blog page that lists its posts, below the featured post."""
    return html(response).split('id="posts-heading"')[1].split('class="blog-topics"')[0]


def titles(response):
    return [title for _url, title in cards(listed_part(response))]


def featured(response):
    """The (address, title) of the featured post above the list, if there is one."""
    text = html(response)
    if 'id="featured-heading"' not in text:
        return None
    [shown] = cards(text.split('id="featured-heading"')[1].split("</section>")[0])
    return shown


def test_index_lists_the_posts_of_its_language_newest_first(client, blog, make_post):
    make_post("Ganz neu", date=timezone.localdate() + timedelta(days=1))
    response = client.get(blog["de"].url)
    listed = titles(response)
    assert listed[0] == "Ganz neu"
    dates = re.findall(r'<time datetime="([^"]+)"', listed_part(response))
    assert len(dates) == len(listed) and dates == sorted(dates, reverse=True)
    assert "post-card__language" not in listed_part(response)  # all in German
    # not yet translated: the English blog lists it in German, under /en/
    english = client.get(blog["en"].url)
    [(url, title), *_others] = cards(listed_part(english))
    assert title == "Ganz neu" and url.startswith("/en/")
    assert '<h3 lang="de" dir="ltr">' in english.content.decode()


def test_featured_post_leads_the_first_page_in_every_language(client, blog):
    chosen = BlogPage.objects.get(slug="neue-ag-wohnen-gegruendet", locale__language_code="de")
    blog["de"].featured_post = chosen
    blog["de"].save_revision().publish()
    blog["en"].featured_post = chosen  # synchronised from the source by wagtail-localize
    blog["en"].save_revision().publish()
    english = client.get(blog["en"].url)
    translated = chosen.get_translation(blog["en"].locale)
    assert featured(english) == (translated.url, translated.title)
    assert translated.title not in titles(english)  # not shown twice
    assert featured(client.get(blog["en"].url, {"page": 2})) is None
    assert featured(client.get(blog["de"].url, {"type": "news"})) is None


def test_post_says_who_wrote_it_in_which_language_and_how_long_it_takes(client, blog):
    post = BlogPage.objects.get(slug="neue-ag-wohnen-gegruendet", locale__language_code="de")
    arabic = post.get_translation(blog["ar"].locale)
    text = html(client.get(arabic.url))
    assert '<html lang="ar" dir="rtl">' in text
    assert "Elif Kaya" in text
    assert f"{arabic.reading_time}" in text
    languages = text.split('class="post-languages"')[1].split("</p>")[0]
    assert "الألمانية" in languages  # original language: German, named in Arabic
    assert 'hreflang="de"' in languages and 'hreflang="en"' in languages
    assert 'hreflang="ar"' not in languages  # the version being read is not offered again
    assert "This text was translated automatically" not in text


def other_languages(text):
    """The languages a post's page offers under "Also available in"."""
    languages = text.split('class="post-languages"')[1].split("</p>")[0]
    return re.findall(r'hreflang="([a-z]+)"', languages)


def test_a_new_post_is_available_only_in_the_languages_it_is_translated_into(client, make_post):
    post = make_post("Neu im Netzwerk")
    aliases = BlogPage.objects.filter(translation_key=post.translation_key, alias_of=post)
    assert aliases.count() == 6  # it follows into every other language's blog
    assert other_languages(html(client.get(post.url))) == []
    persian = aliases.get(locale__language_code="fa")
    assert other_languages(html(client.get(persian.url))) == ["de"]


def test_post_written_in_english_names_english_as_its_original(client, blog):
    post = BlogPage.objects.get(
        slug="mentoring-programme-migrant-women-work", locale__language_code="en"
    )
    german = post.get_translation(blog["de"].locale)
    text = html(client.get(german.url))
    assert "Originalsprache: Englisch" in text


def test_machine_translated_post_says_so_in_the_readers_language(client, blog):
    from wagtail_localize.models import StringTranslation

    post = BlogPage.objects.get(slug="neue-ag-wohnen-gegruendet", locale__language_code="de")
    ukrainian = post.get_translation(blog["uk"].locale)
    StringTranslation.objects.filter(
        locale=ukrainian.locale, translation_of__segments__source__object_id=post.translation_key
    ).update(translation_type="machine")
    text = html(client.get(ukrainian.url))
    assert "Цей текст перекладено автоматично." in text


def test_archives_narrow_by_author_topic_tag_and_type(client, blog, make_post):
    make_post("Über Wohnungen", topics=("housing",), post_type="article")
    make_post("Über Arbeit", topics=("job-search",), post_type="news")
    index = blog["de"]
    housing = titles(client.get(index.url + "topics/housing/"))
    assert "Über Wohnungen" in housing and "Über Arbeit" not in housing
    assert "Über Arbeit" in titles(client.get(index.url + "topics/work/"))  # parent topic
    by_author = titles(client.get(index.url + "authors/johanna-seifert/"))
    assert {"Über Wohnungen", "Über Arbeit"} <= set(by_author)
    news = client.get(index.url, {"type": "news"})
    kinds = re.findall(r'<span class="badge">([^<]+)</span>', listed_part(news))
    assert len(kinds) == len(titles(news)) and set(kinds) == {"Nachricht"}
    assert "Über Wohnungen" not in titles(news)
    tagged = BlogPage.objects.filter(tags__slug="wohnen", locale=index.locale)
    assert tagged.exists()
    assert set(titles(client.get(index.url + "tags/wohnen/"))) == {post.title for post in tagged}


def test_unknown_slugs_are_404_and_odd_parameters_answer_a_page(client, blog):
    index = blog["de"]
    for path in ("authors/niemand/", "topics/nichts/", "tags/nirgends/", "feed/xml/"):
        assert client.get(index.url + path).status_code == 404
    last = client.get(index.url, {"page": "9999", "type": "<script>"})
    assert last.status_code == 200
    assert last.context["posts"].number == last.context["posts"].paginator.num_pages


def test_empty_archive_says_so_and_bare_posts_render(client, blog, make_post):
    text = html(client.get(blog["de"].url + "topics/sports/"))
    assert "Hier gibt es noch keine Beiträge." in text
    bare = make_post("Nur ein Titel", body=[], topics=())
    text = html(client.get(bare.url))
    assert "<h1>Nur ein Titel</h1>" in text


def test_post_links_to_related_offers_and_shares_without_scripts(client, blog):
    post = BlogPage.objects.get(slug="neue-ag-wohnen-gegruendet", locale__language_code="de")
    text = html(client.get(post.url))
    offers = text.split('id="related-entries-heading"')[1].split("</section>")[0]
    assert "/de/angebote/offers/" in offers
    share = text.split('id="share-heading"')[1].split("</section>")[0]
    assert "mailto:?subject=" in share and "https://mastodon.social/share?text=" in share
    # No share widget's script: the only scripts are the site's own, the "helpful" button's
    # and the one that writes full addresses after links when printing.
    scripts = re.findall(r"<script[^>]*>", text.replace('<script type="application/ld+json">', ""))
    assert sorted(scripts) == [
        '<script src="/static/js/helpful.js" defer>',
        '<script src="/static/js/print-links.js" defer>',
    ]
    assert '<meta property="og:type" content="article">' in text


def test_structured_data_describes_the_post_and_cannot_be_broken_out_of(client, make_post):
    post = make_post("Vorsicht </script><script>alert(1)</script>")
    text = html(client.get(post.url))
    assert "<script>alert(1)" not in text
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', text, re.S).group(1))
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == post.title
    assert data["author"][0]["name"] == "Johanna Seifert"
    assert data["inLanguage"] == "de"


def test_feeds_are_valid_with_absolute_links_authors_and_dates(client, blog):
    index = blog["de"]
    head = html(client.get(index.url))
    assert 'type="application/rss+xml"' in head and 'type="application/atom+xml"' in head
    for kind in ("rss", "atom"):
        response = client.get(f"{index.url}feed/{kind}/")
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.feed.language == "de" or kind == "atom"
        assert len(feed.entries) == BlogPage.objects.live().filter(locale=index.locale).count()
        entry = feed.entries[0]
        assert entry.link.startswith("http://testserver/de/aktuelles/")
        assert entry.author and entry.summary and entry.published_parsed
    topic_feed = feedparser.parse(client.get(index.url + "topics/housing/feed/rss/").content)
    assert not topic_feed.bozo
    assert topic_feed.entries and len(topic_feed.entries) < len(feed.entries)
    assert client.get(index.url + "topics/nichts/feed/rss/").status_code == 404


def test_home_page_shows_the_latest_posts_of_the_visitors_language(client, blog, demo):
    text = html(client.get("/uk/"))
    latest = text.split('id="latest-posts-heading"')[1].split("</section>")[0]
    newest = BlogPage.objects.live().filter(locale=blog["uk"].locale).order_by("-date").first()
    assert newest.title in latest
    assert 'href="/uk/news/' in latest


def test_scheduled_post_stays_hidden_until_it_is_published(client, blog, author):
    from blog.models import BlogPageAuthor

    post = BlogPage(title="Geplanter Beitrag", slug="geplant", teaser="Bald.")
    post.post_authors = [BlogPageAuthor(author=author)]
    blog["de"].add_child(instance=post)
    post.go_live_at = timezone.now() + timedelta(hours=1)
    revision = post.save_revision()
    revision.publish()
    assert client.get("/de/aktuelles/geplant/").status_code == 404
    assert "Geplanter Beitrag" not in titles(client.get(blog["de"].url))

    revision.refresh_from_db()  # the hour passes
    an_hour_later = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = an_hour_later
    revision.content["go_live_at"] = an_hour_later.isoformat()
    revision.save()
    call_command("publish_scheduled")
    assert client.get("/de/aktuelles/geplant/").status_code == 200
    assert "Geplanter Beitrag" in titles(client.get(blog["de"].url))
