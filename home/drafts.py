"""Drafts of new pages that their editor left: autosave keeps them, but not their address.

Wagtail's autosave saves a new page as a draft as soon as the editor changes the create
form, and the draft stays when the editor leaves (closing the tab ends their editing
session). The draft holds the address made from its title, so a new page of the same
title, the next try, would be refused. A draft the editor left gives the address up to
the editor's new page instead: it moves to the next free address (``-1``, ``-2``…) and
keeps everything it had.
"""

from django.db import transaction
from wagtail.admin.models import EditingSession
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, get_default_page_content_type


def left_draft(parent, slug, user, exclude=None):
    """The page at ``slug`` under ``parent`` if it is a draft ``user`` started and left.

    That is: never published nor scheduled, in no workflow, in no other language, without
    subpages, worked on by no one else, and open in no editor (Wagtail's editing sessions).
    """
    if parent is None or not slug:
        return None
    candidates = parent.get_children().filter(
        slug=slug,
        owner=user,
        live=False,
        first_published_at__isnull=True,
        alias_of__isnull=True,
        numchild=0,
    )
    if exclude is not None and exclude.pk:
        candidates = candidates.exclude(pk=exclude.pk)
    for page in candidates.specific():
        if (
            page.scheduled_revision is None
            and page.current_workflow_state is None
            and not page.revisions.exclude(user=user).exists()
            and not Page.objects.filter(translation_key=page.translation_key)
            .exclude(pk=page.pk)
            .exists()
            and not EditingSession.objects.available()
            .filter(content_type=get_default_page_content_type(), object_id=str(page.pk))
            .exists()
        ):
            return page
    return None


@transaction.atomic
def move_aside(draft, user):
    """Give the draft the next free address under its parent, in a new revision by ``user``."""
    page = draft.get_latest_revision_as_object()
    page.slug = find_available_slug(draft.get_parent(), draft.slug)
    page.save(clean=False)
    page.save_revision(user=user, clean=False, log_action=True)
    return page
