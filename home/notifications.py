"""Telling translators by e-mail when a source they translated was published again."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from .models import LanguageTeam


def translated_locales(instance):
    """Locales with a version of ``instance``, if ``instance`` is the source of its translations."""
    if not TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).exists():
        return []
    model = Page if isinstance(instance, Page) else type(instance)
    versions = model._default_manager.filter(translation_key=instance.translation_key)
    return list(versions.exclude(locale_id=instance.locale_id).values_list("locale_id", flat=True))


def admin_language(user):
    """The language a user reads the admin in: their choice, else the source language."""
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.preferred_language) or settings.LANGUAGE_CODE


def source_published(sender, instance, **kwargs):
    """E-mail the translators of every language the republished source is translated into,
    each in the language they read the admin in."""
    locales = translated_locales(instance)
    if not locales:
        return
    url = settings.WAGTAILADMIN_BASE_URL + reverse("translation_overview")
    messages = []
    for team in LanguageTeam.objects.filter(locale_id__in=locales).select_related("locale"):
        by_language = {}
        translators = team.translators.user_set.filter(is_active=True).exclude(email="")
        for user in translators.select_related("wagtail_userprofile"):
            by_language.setdefault(admin_language(user), []).append(user.email)
        for language, recipients in by_language.items():
            with override(language):
                subject = _("“%(title)s” changed: please update its translation") % {
                    "title": str(instance)
                }
                body = _(
                    "“%(title)s” was published again. Its %(language)s translation may be "
                    "outdated; the translation overview lists what needs updating:\n%(url)s"
                ) % {
                    "title": str(instance),
                    "language": team.locale.get_display_name(),
                    "url": f"{url}?locale={team.locale.language_code}&state=outdated",
                }
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, recipients))
    send_mass_mail(messages, fail_silently=True)
