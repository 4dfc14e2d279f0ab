"""A model becomes searchable by implementing ``home.searchable.Searchable``, nothing more:
the search indexes it, follows its publishing and deletion, and indexes in batches at a
cost that does not grow with their size."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from blog.models import Author
from directory.models import Actor, Offer
from home.searchable import Searchable, SearchDescription, objects_changed
from search import documents
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


class SearchableAuthor(Searchable, Author):
    """An author the search finds: a model of its own that implements the interface (a
    proxy, so it needs no table), known to ``search`` only through it."""

    class Meta:
        proxy = True
        app_label = "blog"

    @classmethod
    def searchable_objects(cls):
        return cls.objects.filter(live=True, slug__startswith="searchable-")

    @classmethod
    def search_descriptions(cls, authors):
        return [
            SearchDescription(
                source=author,
                kind=SearchDocument.Kind.PAGE,
                title=author.name,
                summary=author.role,
                text=author.bio,
                url=f"/de/authors/{author.slug}/",
                is_original=True,
                topics=("housing",),
            )
            for author in authors
        ]


@pytest.fixture(autouse=True)
def forget_content_types():
    """The proxy's content type is made inside a test and rolled back with it: Django's
    cache of content types must not keep it."""
    yield
    ContentType.objects.clear_cache()


def found(client, query):
    response = client.get("/de/search/", {"q": query})
    assert response.status_code == 200
    return [result.title for result in response.context["results"]]


@pytest.fixture
def author():
    return SearchableAuthor.objects.create(
        name="Quirina Zaubermann",
        slug="searchable-quirina",
        role="Beraterin",
        bio="Sie berät zu Wohngeld und Mietverträgen.",
        locale=Locale.objects.get(language_code="de"),
        live=False,
    )


def test_a_model_that_implements_searchable_is_indexed_when_published(client, author):
    assert documents.searchable_models().count(SearchableAuthor) == 1
    assert "Quirina Zaubermann" not in found(client, "Zaubermann")

    author.save_revision().publish()

    assert "Quirina Zaubermann" in found(client, "Zaubermann")
    assert "Quirina Zaubermann" in found(client, "Mietverträge")  # its text, stemmed
    document = SearchDocument.objects.get(object_id=author.pk, title="Quirina Zaubermann")
    assert document.url == "/de/authors/searchable-quirina/"
    assert document.topics == "housing" and "Wohnen" in document.labels["de"]


def test_its_document_follows_publishing_unpublishing_and_deletion(client, author):
    author.save_revision().publish()
    author.bio = "Sie begleitet Familien bei Behördengängen."
    author.save_revision().publish()
    assert "Quirina Zaubermann" not in found(client, "Mietverträge")
    assert "Quirina Zaubermann" in found(client, "Behördengänge")

    author.refresh_from_db()  # live, as publishing made it
    author.unpublish()
    assert "Quirina Zaubermann" not in found(client, "Zaubermann")

    author.save_revision().publish()
    assert "Quirina Zaubermann" in found(client, "Zaubermann")
    author.delete()
    assert not SearchDocument.objects.filter(title="Quirina Zaubermann").exists()


def test_objects_written_without_signals_are_indexed_when_announced(client, author):
    SearchableAuthor.objects.filter(pk=author.pk).update(live=True)
    assert "Quirina Zaubermann" not in found(client, "Zaubermann")
    objects_changed.send(sender=None, changes=[(SearchableAuthor, [author.pk])])
    assert "Quirina Zaubermann" in found(client, "Zaubermann")


def reads_to_index(model, ids):
    """The queries that read what indexing these objects needs (the writes go in chunks as
    large as the database takes)."""
    with CaptureQueriesContext(connection) as queries:
        documents.index(model, ids)
    return [query["sql"] for query in queries.captured_queries if query["sql"].startswith("SELECT")]


@pytest.mark.parametrize("model", [Offer, Actor])
def test_indexing_entries_reads_as_much_for_few_as_for_many(small, model):
    rows = list(model.searchable_objects().values_list("pk", "locale_id")[: documents.BATCH])
    many = [pk for pk, _locale_id in rows]
    few = list({locale_id: pk for pk, locale_id in rows}.values())  # one in each language
    assert len(many) > 5 * len(few)
    reads_to_index(model, many)  # what is cached across batches is cached now
    assert len(reads_to_index(model, few)) == len(reads_to_index(model, many))


def test_an_imported_actor_brings_its_offers_documents_up_to_date(small):
    offer = Offer.searchable_objects().filter(external_id__startswith="t-").first()
    actor = offer.provider
    Actor.objects.filter(pk=actor.pk).update(name="Neuer Trägername")
    objects_changed.send(sender=None, changes=[(Actor, [actor.pk])])
    assert SearchDocument.objects.get(object_id=offer.pk, kind="offer").provider == (
        "Neuer Trägername"
    )
