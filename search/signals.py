"""Keeping the search documents in step with what is published, unpublished and deleted."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, published, unpublished

from directory.models import Actor, DirectoryPage, Offer
from directory.signals import directory_imported

from . import documents


def page_changed(sender, instance, **kwargs):
    """A page was published or unpublished: its document, and for a directory page its entries'."""
    page = instance.specific
    documents.index_pages([page])
    if isinstance(page, DirectoryPage):
        reindex_directory(locale_id=page.locale_id)


def page_deleted(sender, instance, **kwargs):
    """A page was deleted; the signal comes once for each of its classes, one matches.

    If it was the original, another version may be the original now.
    """
    if isinstance(instance, Page):
        documents.remove(instance)
        documents.index_pages(
            Page.objects.live().filter(translation_key=instance.translation_key).specific()
        )


def entry_changed(sender, instance, **kwargs):
    """An actor or offer was published or unpublished; an actor's offers follow it."""
    documents.index_entries(type(instance), [instance.pk])
    if isinstance(instance, Actor):
        offers = Offer.objects.filter(provider=instance).values_list("pk", flat=True)
        documents.index_entries(Offer, offers)


def entry_deleted(sender, instance, **kwargs):
    documents.remove(instance)


def directory_written(sender, actors, offers, **kwargs):
    documents.index_entries(Actor, actors)
    documents.index_entries(Offer, offers)


def reindex_directory(locale_id):
    """Reindex the entries of a language, whose addresses hang on its directory page."""
    for model in (Actor, Offer):
        ids = model.objects.filter(locale_id=locale_id, live=True).values_list("pk", flat=True)
        documents.index_entries(model, ids)


def connect():
    page_published.connect(page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="search-page-unpublished")
    post_delete.connect(page_deleted, dispatch_uid="search-page-deleted")
    for model in (Actor, Offer):
        published.connect(
            entry_changed, sender=model, dispatch_uid=f"search-{model.__name__}-published"
        )
        unpublished.connect(
            entry_changed, sender=model, dispatch_uid=f"search-{model.__name__}-unpublished"
        )
        post_delete.connect(
            entry_deleted, sender=model, dispatch_uid=f"search-{model.__name__}-deleted"
        )
    directory_imported.connect(directory_written, dispatch_uid="search-directory-imported")
