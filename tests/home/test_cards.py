"""The lists' cards are kept rendered, and show a change of what they show at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.models import Author, BlogIndexPage
from directory.models import Actor, DirectoryPage, Offer
from events.listing import EventFilters, index_events, upcoming
from events.models import EventIndexPage, EventPage
from tests.pages import shown

pytestmark = pytest.mark.django_db


def tables_read(client, url):
    """The SQL of a request to ``url`` after a first one."""
    shown(client, url)
    with CaptureQueriesContext(connection) as queries:
        shown(client, url)
    return " ".join(query["sql"] for query in queries)


@pytest.fixture
def directory(demo):
    return DirectoryPage.objects.get(locale=demo["home"].locale)


def test_an_offer_card_changes_at_once_with_the_offer_its_provider_and_its_topics(
    client, directory
):
    offers = Offer.objects.public().in_language(directory.locale).order_by("title")
    offer = offers.filter(topics__isnull=False).first()  # the first of its topic's list
    topic = offer.topics.first().topic
    url = f"{directory.url}?topic={topic.slug}"
    assert offer.title in shown(client, url)
    offer.title = "Aaa Sprachcafé am Abend"
    offer.save_revision().publish()
    assert "Aaa Sprachcafé am Abend" in shown(client, url)
    provider = offer.provider
    provider.name = "Aaa Neuer Träger"
    provider.save_revision().publish()
    assert "Aaa Neuer Träger" in shown(client, url)
    topic.name = "Ganz neues Thema"
    topic.save()
    assert "Ganz neues Thema" in shown(client, url)
    offer.unpublish()
    assert "Aaa Sprachcafé am Abend" not in shown(client, url)


def test_an_actor_card_changes_at_once(client, directory):
    url = directory.url + "actors/"
    actor = Actor.objects.public().in_language(directory.locale).order_by("name").first()
    assert actor.name in shown(client, url)
    actor.name = "Aaa Neue Initiative"
    actor.save_revision().publish()
    assert "Aaa Neue Initiative" in shown(client, url)


def test_a_post_card_changes_at_once_with_the_post_and_its_author(client, demo):
    index = BlogIndexPage.objects.get(locale=demo["home"].locale)
    post = index.posts().filter(post_authors__isnull=False).first()
    author = Author.objects.get(pk=post.post_authors.first().author_id)
    urls = (index.url, f"{index.url}authors/{author.slug}/", demo["home"].url)
    for url in urls:
        assert post.title in shown(client, url)
    post.title = "Ein neuer Titel des Beitrags"
    post.save_revision().publish()
    author.name = "Erika Neumann"
    author.save_revision().publish()
    for url in urls:
        text = shown(client, url)
        assert "Ein neuer Titel des Beitrags" in text and "Erika Neumann" in text, url


def test_a_date_card_changes_at_once_with_its_event(client, demo):
    index = EventIndexPage.objects.get(locale=demo["home"].locale)
    first = upcoming(index_events(index), EventFilters())[0]
    event = EventPage.objects.get(pk=first.event_id)
    for url in (index.url, demo["home"].url):
        assert event.title in shown(client, url)
    event.title = "Ein umbenanntes Treffen"
    event.save_revision().publish()
    for url in (index.url, demo["home"].url):
        assert "Ein umbenanntes Treffen" in shown(client, url), url


def test_kept_cards_read_no_entries(client, directory, demo):
    index = BlogIndexPage.objects.get(locale=demo["home"].locale)
    assert "directory_offerlanguage" not in tables_read(client, directory.url)
    assert "directory_actorlanguage" not in tables_read(client, directory.url + "actors/")
    assert "blog_blogpageauthor" not in tables_read(client, index.url)
