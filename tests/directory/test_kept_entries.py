"""The detail pages of offers and actors are kept rendered, and show every change at once."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.models import DirectoryPage, Offer
from tests.pages import shown, uncached

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(demo):
    return DirectoryPage.objects.get(locale=demo["home"].locale)


@pytest.fixture
def offer(directory):
    """A German offer whose provider has other offers, with a topic."""
    offers = Offer.objects.public().filter(locale=directory.locale, topics__isnull=False)
    return next(
        offer
        for offer in offers.order_by("pk")
        if offers.filter(provider=offer.provider).exclude(pk=offer.pk).exists()
    )


def test_a_kept_entry_page_reads_only_its_id(client, directory, offer):
    for url in (directory.entry_url(offer), directory.entry_url(offer.provider)):
        shown(client, url)
        with CaptureQueriesContext(connection) as queries:
            text = shown(client, url)
        assert len(queries) <= 2, [query["sql"] for query in queries]
        read = " ".join(query["sql"] for query in queries)
        assert "directory_offertopic" not in read and "directory_actorlanguage" not in read
        assert "application/ld+json" in text


def test_the_offer_page_shows_a_change_of_the_offer_its_provider_and_its_topic_at_once(
    client, directory, offer
):
    url = directory.entry_url(offer)
    other = Offer.objects.public().filter(provider=offer.provider).exclude(pk=offer.pk).first()
    assert offer.title in shown(client, url)
    assert other.title in shown(client, url)
    offer.title = "Sprachcafé am Abend, neu"
    offer.save_revision().publish()
    assert "Sprachcafé am Abend, neu" in shown(client, url)
    provider = offer.provider
    provider.name = "Neuer Träger des Sprachcafés"
    provider.save_revision().publish()
    assert "Neuer Träger des Sprachcafés" in shown(client, url)
    topic = offer.topics.first().topic
    topic.name = "Ganz neues Thema"
    topic.save()
    assert "Ganz neues Thema" in shown(client, url)
    other.title = "Ein anderes Angebot, umbenannt"
    other.save_revision().publish()
    assert "Ein anderes Angebot, umbenannt" in shown(client, url)
    offer.unpublish()  # the page now shows another version of the offer, or none
    assert "Sprachcafé am Abend, neu" not in client.get(uncached(url)).content.decode()


def test_the_actor_page_shows_a_change_of_its_offers_at_once(client, directory, offer):
    url = directory.entry_url(offer.provider)
    assert offer.title in shown(client, url)
    offer.title = "Beratung, jetzt mit neuem Titel"
    offer.save_revision().publish()
    assert "Beratung, jetzt mit neuem Titel" in shown(client, url)
    offer.unpublish()
    assert "Beratung, jetzt mit neuem Titel" not in shown(client, url)


def test_an_offer_that_ends_today_says_so_the_next_day(client, directory, offer, monkeypatch):
    today = timezone.localdate()
    offer.valid_until = today
    offer.save_revision().publish()
    url = directory.entry_url(offer)
    assert "Dieses Angebot ist beendet." not in shown(client, url)
    monkeypatch.setattr(timezone, "localdate", lambda: today + datetime.timedelta(days=1))
    assert "Dieses Angebot ist beendet." in shown(client, url)
