"""Keeping the site search of the sign-language pages in step with their videos."""

from django.db import transaction

from home.searchable import objects_changed


def pages_showing(video):
    """The ids of the sign-language pages that show ``video``."""
    from .models import SignLanguagePage

    return list(SignLanguagePage.objects.filter(videos__video=video).values_list("pk", flat=True))


def announce(sender, page_ids):
    from .models import SignLanguagePage

    if page_ids:
        objects_changed.send(sender=sender, changes=[(SignLanguagePage, page_ids)])


def video_changed(sender, instance, **kwargs):
    """A video's title or summary changed: the documents of the pages that show it follow."""
    announce(sender, pages_showing(instance))


def video_deleted(sender, instance, **kwargs):
    """A video is being deleted (and with it its place on the pages): the pages that showed
    it, read before it goes, are described anew once the deletion is committed."""
    page_ids = pages_showing(instance)
    transaction.on_commit(lambda: announce(sender, page_ids))
