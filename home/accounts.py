"""The signed-in user, and whether they may use Wagtail's admin, known without asking the
database on every request.

Django reads the signed-in user from the database on every request, and Wagtail's user
bar, on every public page, first asks Django whether that user has the permission to use
the admin: two more queries (the user's and their groups' permissions) that come to
nothing for a member. Both answers are kept in each process's memory per accounts version
(``kept_per_version``), which every save or deletion of a user, every change of a user's
groups or permissions, of a group's permissions, and the deletion of a group or permission
starts anew: a user who is deactivated, deleted or changes their password is signed out on
their next request, as before. (A bulk ``update()`` of users sends no signal; call
``accounts_changed()`` after one.)
"""

import copy

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save

from home.cache import kept_per_version, start_version, version

ACCOUNTS_KEY = "accounts:version"


def accounts_version():
    """A token that changes whenever a user or the permissions of a user may have changed."""
    return version(ACCOUNTS_KEY)


def accounts_changed(**kwargs):
    start_version(ACCOUNTS_KEY)


@kept_per_version(accounts_version)
def kept_user(user_id):
    """The active user ``user_id`` as Django's model backend reads it, or None."""
    return ModelBackend().get_user(user_id)


class KeptUserBackend(ModelBackend):
    """Django's model backend, with the signed-in user read from ``kept_user``.

    Each request gets its own copy: Django keeps a user's permissions on the instance."""

    def get_user(self, user_id):
        user = kept_user(user_id)
        return copy.copy(user) if user is not None else None


@kept_per_version(accounts_version)
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
        m2m_changed.connect(accounts_changed, sender=relation.through, dispatch_uid="home-accounts")
    post_save.connect(accounts_changed, sender=user_model, dispatch_uid="home-accounts")
    for model in (user_model, Group, Permission):
        post_delete.connect(accounts_changed, sender=model, dispatch_uid="home-accounts")
