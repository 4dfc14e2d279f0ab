"""Keeping the search documents in step with what is published, unpublished, deleted and
made private."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, published, unpublished

from directory.models import Actor, DirectoryPage, Offer
from directory.signals import directory_imported
from home.privacy import deleted_directly

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


def restriction_changed(sender, instance, origin=None, **kwargs):
    """A page was made private or public again: its documents and those of the pages below
    it follow at once. A restriction deleted with its page leaves that to ``page_deleted``."""
    if kwargs["signal"] is post_delete and not deleted_directly(origin):
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    pages = Page.objects.live().descendant_of(page, inclusive=True).specific()
    for start in range(0, pages.count(), documents.BATCH):
        documents.index_pages(pages.order_by("path")[start : start + documents.BATCH])
    for directory in DirectoryPage.objects.descendant_of(page, inclusive=True):
        reindex_directory(locale_id=directory.locale_id)


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
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search-restriction-{signal is post_save}",
        )
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
