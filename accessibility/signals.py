"""Keeping the site search of the sign-language pages in step with their videos."""

from home.searchable import objects_changed


def video_changed(sender, instance, **kwargs):
    """A video's title or summary changed: the documents of the pages that show it follow."""
    from .models import SignLanguagePage

    pages = SignLanguagePage.objects.filter(videos__video=instance).values_list("pk", flat=True)
    objects_changed.send(sender=sender, changes=[(SignLanguagePage, list(pages))])
