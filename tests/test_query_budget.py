"""Every public page costs at most ten SQL queries past the page cache, however much content
there is (issue 16).

Each page is requested twice by an anonymous visitor with a query parameter that no view
answers, so the page cache stores nothing; the second request is counted, with the lookups
that are kept per content version warm, as the second visitor after a publish (or any
signed-in visitor) meets them.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.feeds import FEED_LENGTH
from tests.pages import uncached

pytestmark = pytest.mark.django_db

BUDGET = 10
LANGUAGES = ["de", "ar"]
PAGES = [
    "home",
    "content_page",
    "offer_list",
    "offer_list_filtered",
    "actor_list",
    "offer",
    "actor",
    "blog_index",
    "blog_author",
    "blog_topic",
    "blog_tag",
    "blog_post",
    "events_index",
    "events_index_filtered",
    "event_single",
    "event_series",
    "working_groups_index",
    "working_group",
    "search",
    "contact_form",
    "join_form",
    "accessibility_statement",
]
# The German offerings exist in the German tree only; every page links to them.
GERMAN_PAGES = ["easy_language_index", "easy_language_page", "sign_language_page"]


def public_urls(code):
    """The address of each kind of public page in the language tree ``code`` of the demo."""
    from accessibility.models import (
        AccessibilityStatementPage,
        EasyLanguageIndexPage,
        EasyLanguagePage,
        SignLanguagePage,
    )
    from blog.models import Author, BlogIndexPage, BlogPage, BlogPageTag, BlogPageTopic
    from contact.models import ContactFormPage, JoinFormPage
    from directory.models import DirectoryPage, Offer
    from events.models import EventIndexPage, EventPage, EventTopic
    from home.models import ContentPage, HomePage
    from network.models import WorkingGroupIndexPage, WorkingGroupPage

    def live(model):
        return model.objects.live().filter(locale__language_code=code).order_by("path")

    def first_url(model):
        """The address of the first live page of ``model`` in this tree, if it has one."""
        page = live(model).first()
        return page and page.url

    directory = live(DirectoryPage).get().url
    offer = Offer.objects.filter(locale__language_code=code, live=True).order_by("pk").first()
    blog = live(BlogIndexPage).get().url
    topic = BlogPageTopic.objects.filter(page__locale__language_code=code).first().topic
    tag = BlogPageTag.objects.filter(content_object__locale__language_code=code).first().tag
    author = Author.objects.filter(locale__language_code=code).order_by("pk").first()
    events = live(EventIndexPage).get().url
    event_topic = EventTopic.objects.filter(page__locale__language_code=code).first().topic
    return {
        "home": live(HomePage).get().url,
        "content_page": live(ContentPage).exclude(depth=2).first().url,
        "offer_list": directory,
        "offer_list_filtered": f"{directory}?topic=counselling&language=ar",
        "actor_list": f"{directory}actors/",
        "offer": f"{directory}offers/{offer.slug}/",
        "actor": f"{directory}actors/{offer.provider.slug}/",
        "blog_index": blog,
        "blog_author": f"{blog}authors/{author.slug}/",
        "blog_topic": f"{blog}topics/{topic.slug}/",
        "blog_tag": f"{blog}tags/{tag.slug}/",
        "blog_post": live(BlogPage).first().url,
        "events_index": events,
        "events_index_filtered": f"{events}?topic={event_topic.slug}",
        "event_single": live(EventPage).filter(repeat="").first().url,
        "event_series": live(EventPage).exclude(repeat="").first().url,
        "working_groups_index": live(WorkingGroupIndexPage).get().url,
        "working_group": live(WorkingGroupPage).first().url,
        "search": f"/{code}/search/",
        "contact_form": live(ContactFormPage).get().url,
        "join_form": live(JoinFormPage).get().url,
        "accessibility_statement": live(AccessibilityStatementPage).get().url,
        "easy_language_index": first_url(EasyLanguageIndexPage),
        "easy_language_page": first_url(EasyLanguagePage),
        "sign_language_page": first_url(SignLanguagePage),
    }


def queries_of(client, url):
    """The queries of an uncached request to ``url`` after a first one."""
    assert client.get(uncached(url)).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(uncached(url))
    assert response.status_code == 200, url
    return len(queries)


CASES = [(name, code) for name in PAGES for code in LANGUAGES] + [
    (name, "de") for name in GERMAN_PAGES
]


@pytest.mark.parametrize(("name", "code"), CASES)
def test_a_public_page_costs_at_most_ten_queries(client, code, name, django_assert_max_num_queries):
    url = public_urls(code)[name]
    assert client.get(uncached(url)).status_code == 200
    with django_assert_max_num_queries(BUDGET):
        response = client.get(uncached(url))
    assert response.status_code == 200
    assert f'lang="{code}"' in response.content.decode()[:300]


def make_posts(number):
    """Publish ``number`` posts below the German blog, each with an author, a topic and a
    picture, as the demo's posts have."""
    from blog.models import Author, BlogIndexPage, BlogPage, BlogPageAuthor, BlogPageTopic
    from directory.models import Topic

    index = BlogIndexPage.objects.get(locale__language_code="de")
    author = Author.objects.filter(locale=index.locale).first()
    topic = Topic.objects.get(slug="housing", locale=index.locale)
    picture = BlogPage.objects.filter(hero_image__isnull=False).first().hero_image
    for position in range(number):
        post = BlogPage(
            title=f"Weiterer Beitrag {position}",
            slug=f"weiterer-beitrag-{position}",
            teaser="Ein kurzer Anriss.",
            hero_image=picture,
            hero_alt="Illustration",
            body=[("paragraph", "<p>Ein Absatz.</p>")],
        )
        post.post_authors = [BlogPageAuthor(author=author)]
        post.post_topics = [BlogPageTopic(topic=topic)]
        index.add_child(instance=post)
        post.save_revision().publish()


def test_more_posts_cost_no_more_queries_on_the_pages_that_list_them(client):
    names = ["home", "blog_index", "blog_author", "blog_topic", "blog_post", "content_page"]
    urls = {name: public_urls("de")[name] for name in names}
    urls["blog_feed"] = urls["blog_index"] + "feed/rss/"
    before = {name: queries_of(client, url) for name, url in urls.items()}
    make_posts(FEED_LENGTH + 1)  # a full feed, more than a page of the blog
    after = {name: queries_of(client, url) for name, url in urls.items()}
    assert after == before
    assert "Weiterer Beitrag 11" in client.get(uncached(urls["blog_index"])).content.decode()


def test_a_page_is_found_at_its_address_as_soon_as_it_is_published_and_not_after(client, demo):
    from home.models import ContentPage

    about = demo["about"]
    assert client.get(uncached(about.url)).status_code == 200  # the addresses are kept
    page = ContentPage(title="Neue Seite", slug="neue-seite", intro="Text")
    about.add_child(instance=page)
    page.save_revision().publish()
    assert "Neue Seite" in client.get(uncached(page.url)).content.decode()
    page.slug = "andere-seite"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.url == "/de/ueber-das-netzwerk/andere-seite/"
    assert client.get(uncached("/de/ueber-das-netzwerk/neue-seite/")).status_code == 404
    assert client.get(uncached(page.url)).status_code == 200
    page.unpublish()
    assert client.get(uncached(page.url)).status_code == 404
