"""Who may use Wagtail's admin, known without asking the database on every request.

Wagtail's user bar, on every public page, first asks Django whether the signed-in user has
the permission to use the admin: two queries (the user's and their groups' permissions)
that come to nothing for a member. The users who have it are kept in each process's memory
per permissions version (``kept_per_version``), which every change of a user's groups or
permissions, of a group's permissions, or the deletion of a group or permission starts
anew, so the user bar asks Django only for them.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete

from home.cache import kept_per_version, start_version, version

PERMISSIONS_KEY = "permissions:version"


def permissions_version():
    """A token that changes whenever the permissions of a user may have changed."""
    return version(PERMISSIONS_KEY)


def permissions_changed(**kwargs):
    start_version(PERMISSIONS_KEY)


@kept_per_version(permissions_version)
def admin_user_ids():
    """The ids of the users with the permission to use the admin, their own or a group's."""
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    users = get_user_model()._default_manager.filter(
        Q(user_permissions__in=access) | Q(groups__permissions__in=access)
    )
    return frozenset(users.values_list("pk", flat=True))


def may_use_admin(user):
    """Whether ``user`` may have the permission to use the admin: an active superuser, or an
    active user of ``admin_user_ids``. Django's ``has_perm`` still decides."""
    return user.is_active and (user.is_superuser or user.pk in admin_user_ids())


def connect():
    user_model = get_user_model()
    for relation in (user_model.groups, user_model.user_permissions, Group.permissions):
        m2m_changed.connect(
            permissions_changed, sender=relation.through, dispatch_uid="home-permissions"
        )
    for model in (Group, Permission):
        post_delete.connect(permissions_changed, sender=model, dispatch_uid="home-permissions")
