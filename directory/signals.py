"""A version number of the directory's content, for caches that must not outlive a change."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from home import cache as page_cache

VERSION_KEY = "directory:version"

# Sent after an import has been written, with the ids of the actors and offers it wrote
# (bulk writes send no save signals): ``directory_imported.send(sender, actors=[...],
# offers=[...])``.
directory_imported = Signal()


def content_version():
    """A token that changes whenever an actor, offer or term is saved or deleted."""
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, timeout=None)


def content_changed(**kwargs):
    """Start a new directory version, and a new version of the cached pages."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    page_cache.content_changed()


def connect(models):
    for model in models:
        post_save.connect(content_changed, sender=model, dispatch_uid=f"directory-{model.__name__}")
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"directory-delete-{model.__name__}"
        )


def purge_frontend_cache(sender, instance, **kwargs):
    """Purge a published or unpublished entry's pages and every directory list from a CDN."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    from .models import Actor, DirectoryPage

    route = "actor" if isinstance(instance, Actor) else "offer"
    urls = []
    for page in DirectoryPage.objects.live().filter(
        locale__in=[translation.locale_id for translation in instance.get_translations(True)]
    ):
        base = page.get_full_url()
        urls += [base, base + "actors/", base + page.reverse_subpage(route, args=[instance.slug])]
    purge_urls_from_cache(urls)
