"""A page's privacy is shared by all its versions: its translations and its aliases.

Wagtail keeps a view restriction ("Privacy" in the admin: a password, a login or
groups) on one page, and wagtail-localize copies it to a translation only when
that translation is synchronised. Here a restriction set or changed on any
version of a page is set on every version at once, so a private page is private
in every language. Lifting it on the original (the version the others were
translated from) lifts it everywhere; lifting it on another version alone puts
the original's back, since that version shows the same content.

With a CDN in front (``WAGTAILFRONTENDCACHE``), the versions and the pages below
them are purged there, so that it stops showing them at once.
"""

import threading

from django.conf import settings
from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.models import Page, PageViewRestriction

from .localization import original_page_locales

syncing = threading.local()


def versions(page):
    """The pages that show ``page``'s content, ``page`` included: the versions of the page
    it follows (itself, if it is no alias) and their aliases."""
    followed = page.alias_of if page.alias_of_id else page
    key = followed.translation_key
    return Page.objects.filter(Q(translation_key=key) | Q(alias_of__translation_key=key))


def original(pages):
    """The original among the versions ``pages`` (a non-alias page), or None."""
    candidates = [page for page in pages if not page.alias_of_id]
    if not candidates:
        return None
    locale_id = original_page_locales({candidates[0].translation_key}).get(
        candidates[0].translation_key
    )
    return next((page for page in candidates if page.locale_id == locale_id), None)


def copy_restriction(restriction, pages):
    """Give each of ``pages`` the same restriction as ``restriction``."""
    groups = set(restriction.groups.all())
    for page in pages:
        own = page.view_restrictions.first() or PageViewRestriction(page=page)
        wanted = (restriction.restriction_type, restriction.password)
        if own.pk is None or (own.restriction_type, own.password) != wanted:
            own.restriction_type, own.password = wanted
            own.save()
        if set(own.groups.all()) != groups:
            own.groups.set(groups)


def lift_restrictions(pages):
    for restriction in PageViewRestriction.objects.filter(page__in=pages):
        restriction.delete()


def purge(pages):
    """Purge these pages and the pages below them from a CDN, if there is one."""
    if settings.WAGTAILFRONTENDCACHE:
        below = Q()
        for page in pages:
            below |= Q(path__startswith=page.path)
        purge_pages_from_cache(Page.objects.filter(below).specific())


def awaiting_groups(restriction):
    """Whether ``restriction`` limits the page to groups but names none yet: Wagtail saves a
    restriction before setting its groups, and wagtail-localize copies one to a new
    translation without them."""
    return (
        restriction.restriction_type == PageViewRestriction.GROUPS
        and not restriction.groups.exists()
    )


def share(restriction):
    """Every version of the restriction's page gets the same restriction. One still without
    its groups takes those of the other versions' restriction, so that a new translation
    of a page private to groups is private to the same groups, and the others keep them."""
    pages = list(versions(restriction.page))
    others = [page for page in pages if page.pk != restriction.page_id]
    if awaiting_groups(restriction):
        found = (
            PageViewRestriction.objects.filter(page__in=others, groups__isnull=False)
            .filter(restriction_type=PageViewRestriction.GROUPS)
            .first()
        )
        if found is None:
            return  # its groups follow, and are shared then
        restriction.groups.set(found.groups.all())
    copy_restriction(restriction, others)
    purge(pages)


def lift(restriction):
    """The restriction was lifted: from every version if on the original, else the
    original's restriction is put back."""
    pages = list(versions(Page.objects.get(pk=restriction.page_id)))
    first = original(pages)
    kept = None
    if first is not None and first.pk != restriction.page_id:
        kept = first.view_restrictions.first()
    if kept:
        copy_restriction(kept, [page for page in pages if page.pk == restriction.page_id])
    else:
        lift_restrictions([page for page in pages if page.pk != restriction.page_id])
    purge(pages)


def deleted_directly(origin):
    """Whether a deletion started at view restrictions, not at the pages they belong to."""
    if isinstance(origin, QuerySet):
        return origin.model is PageViewRestriction
    return isinstance(origin, PageViewRestriction)


def editors_only(handler):
    """Run ``handler`` for changes made by editors, not for those made here."""

    def run(sender, instance, **kwargs):
        if getattr(syncing, "active", False):
            return
        syncing.active = True
        try:
            handler(instance, **kwargs)
        finally:
            syncing.active = False

    return run


@editors_only
def restriction_saved(restriction, **kwargs):
    share(restriction)


@editors_only
def groups_changed(restriction, action, reverse, **kwargs):
    if not reverse and action in ("post_add", "post_remove", "post_clear"):
        share(restriction)


@editors_only
def restriction_deleted(restriction, origin=None, **kwargs):
    """A restriction deleted with its page (``origin``) changes nothing on the others."""
    if deleted_directly(origin):
        lift(restriction)


def connect():
    post_save.connect(restriction_saved, sender=PageViewRestriction, dispatch_uid="home-privacy")
    post_delete.connect(
        restriction_deleted, sender=PageViewRestriction, dispatch_uid="home-privacy-lifted"
    )
    m2m_changed.connect(
        groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="home-privacy-groups",
    )
