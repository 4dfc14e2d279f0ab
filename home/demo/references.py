"""Wagtail's reference index (the admin's "usage" of pages, pictures and snippets) kept up
to date by the demo loaders once per object instead of once per save."""

from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task


@contextmanager
def references_indexed_once():
    """Index the references of each object saved inside the block once, at its end.

    The demo saves a page many times over (its draft, revisions, publication,
    translations, aliases), and Wagtail indexes the page's references again after every
    save: more than a third of the time a demo loader takes. Deletions are taken out of
    the index at once, as Wagtail does."""
    saved = {}  # (app label, model name, pk) -> None, in the order of the first save

    def remember(sender, instance, raw=False, **kwargs):
        if not raw and sender in ReferenceIndex.tracked_models:
            saved[instance._meta.app_label, instance._meta.model_name, str(instance.pk)] = None

    def forget(sender, instance, **kwargs):
        if sender in ReferenceIndex.tracked_models:
            saved.pop((instance._meta.app_label, instance._meta.model_name, str(instance.pk)), None)
            ReferenceIndex.remove_for_object(instance)
            ReferenceIndex.remove_references_to(instance)

    post_save.connect(remember, weak=False)
    post_delete.connect(forget, weak=False)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(remember)
        post_delete.disconnect(forget)
    for app_label, model_name, pk in saved:
        update_reference_index_task.call(app_label, model_name, pk)
