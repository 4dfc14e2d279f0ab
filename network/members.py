"""Who may see the members' area: the "Network members" group, through Wagtail's privacy.

The group is created by a migration. A members' area page is made private for it when
it is created (its translations and aliases follow, see ``home/privacy.py``); internal
documents go into a collection that only the group may open, so that their addresses
do not lead to them either. Documents are served through Django
(``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), which checks the collection's privacy.
"""

from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

MEMBERS_GROUP = "Network members"


def members_group():
    return Group.objects.get_or_create(name=MEMBERS_GROUP)[0]


def restrict_to_members(page):
    """Make ``page`` (and so the pages below it) visible to network members only, unless it
    has a restriction of its own already."""
    if page.view_restrictions.exists():
        return
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([members_group()])


def members_collection(name):
    """The collection ``name`` below the root, created if need be, that only network members
    may open."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
    if not collection.view_restrictions.exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set([members_group()])
    return collection


def members_area_created(sender, instance, created, raw=False, **kwargs):
    """A members' area is private from the moment it is saved first, in the admin or by code
    (an alias gets its page's restriction from Wagtail)."""
    if created and not raw and not instance.alias_of_id:
        restrict_to_members(instance)
