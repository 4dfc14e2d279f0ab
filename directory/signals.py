"""The directory's signals: the end of an import, and purging a CDN of changed entries.

Saving or deleting an actor, offer or term starts a new content version (``home.cache``),
which every cache of the directory's content is keyed by. Bulk writes send no save
signals, so an import calls ``content_changed`` itself.
"""

from django.conf import settings
from django.dispatch import Signal
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from home.searchable import objects_changed

# Sent after an import has been written, with the ids of the actors and offers it wrote
# (bulk writes send no save signals): ``directory_imported.send(sender, actors=[...],
# offers=[...])``.
directory_imported = Signal()


def announce_imported_entries(sender, actors, offers, **kwargs):
    """Tell those who keep something of searchable objects (the site search) which actors
    and offers an import wrote."""
    from .models import Actor, Offer

    objects_changed.send(sender=sender, changes=[(Actor, actors), (Offer, offers)])


def purge_frontend_cache(sender, instance, **kwargs):
    """Purge a published or unpublished entry's pages and every directory list from a CDN."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    from .models import DirectoryPage

    urls = []
    for page in DirectoryPage.objects.live().filter(
        locale__in=[translation.locale_id for translation in instance.get_translations(True)]
    ):
        base = page.get_full_url()
        urls += [
            base,
            base + page.reverse_subpage("actor_list"),
            page.entry_url(instance, full=True),
        ]
    purge_urls_from_cache(urls)
