"""Permissions of translatable snippets: Wagtail's model permissions, within the user's languages.

A user restricted by language (a member of language teams only, see ``languages.py``)
acts only on objects in their languages, and sees, besides those, the source
language's objects they translate from. ``LanguagePermissionPolicy`` is the
permission policy of every translatable snippet model (registered by
``admin_views.TranslatedSnippetViewSet``), so Wagtail's views, bulk actions and lists
consult it.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from .languages import translator_locales, works_in


class LanguagePermissionPolicy(ModelPermissionPolicy):
    """Wagtail's model permissions, for objects in the user's languages only."""

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(user, action, instance) and works_in(
            user, instance.locale_id
        )

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        allowed = translator_locales(user)
        return instances if allowed is None else instances.filter(locale_id__in=allowed)

    def listed_instances(self, user):
        """The objects the user's lists and choosers show: those of their languages and
        those of the source language, which they translate from."""
        instances = self.model._default_manager.all()
        allowed = translator_locales(user)
        if allowed is None:
            return instances
        return instances.filter(
            Q(locale_id__in=allowed) | Q(locale__language_code=settings.LANGUAGE_CODE)
        )
