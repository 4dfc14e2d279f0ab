"""Keeping the search documents of every searchable model (``home.searchable``) in step with
what is published, unpublished, deleted and made private.

The receivers listen to every sender and act for instances of ``Searchable``: pages through
Wagtail's page signals, other models (snippets) through ``published`` and ``unpublished``,
both through ``post_delete``; bulk writes announce themselves with ``objects_changed``.
A saved or deleted editors' pick renews the picks' version (``models.picked_queries``).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, TranslatableMixin
from wagtail.signals import page_published, page_unpublished, published, unpublished

from home.privacy import deleted_directly
from home.searchable import Searchable, objects_changed

from . import documents
from .models import Promotion, picks_changed

PAGE_SIGNALS = (page_published, page_unpublished)


def object_changed(sender, instance, signal, **kwargs):
    """A searchable object was published or unpublished: its document follows, and those
    that show something of it. Pages come through the page signals (``published`` and
    ``unpublished`` are sent for them too)."""
    is_page = isinstance(instance, Page)
    if is_page == (signal in PAGE_SIGNALS) and isinstance(instance, Searchable):
        documents.index_with_dependents([(type(instance), [instance.pk])])


def object_deleted(sender, instance, **kwargs):
    """A searchable object was deleted (for a page, the signal comes once for each of its
    classes; the specific one is searchable). Its other versions are described anew: if it
    was the original, another one is now."""
    if not isinstance(instance, Searchable):
        return
    documents.remove(instance)
    if isinstance(instance, TranslatableMixin):
        model = type(instance)
        versions = model.objects.filter(translation_key=instance.translation_key)
        documents.index(model, versions.values_list("pk", flat=True))


def restriction_changed(sender, instance, origin=None, **kwargs):
    """A page was made private or public again: its documents and those of the pages below
    it follow at once. A restriction deleted with its page leaves that to ``object_deleted``."""
    if kwargs["signal"] is post_delete and not deleted_directly(origin):
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    by_model = {}
    below = Page.objects.live().descendant_of(page, inclusive=True).order_by("path")
    for content_type_id, pk in below.values_list("content_type", "pk"):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and issubclass(model, Searchable):
            by_model.setdefault(model, []).append(pk)
    documents.index_with_dependents(list(by_model.items()))


def objects_written(sender, changes, **kwargs):
    """Objects were written without signals (an import): their documents follow."""
    documents.index_with_dependents(
        [(model, ids) for model, ids in changes if issubclass(model, Searchable)]
    )


def connect():
    for name, signal in [
        ("page-published", page_published),
        ("page-unpublished", page_unpublished),
        ("published", published),
        ("unpublished", unpublished),
    ]:
        signal.connect(object_changed, dispatch_uid=f"search-{name}")
    post_delete.connect(object_deleted, dispatch_uid="search-deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search-restriction-{signal is post_save}",
        )
    objects_changed.connect(objects_written, dispatch_uid="search-objects-changed")
    for signal in (post_save, post_delete):
        signal.connect(
            picks_changed, sender=Promotion, dispatch_uid=f"search-picks-{signal is post_save}"
        )
