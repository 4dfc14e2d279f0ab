"""What wagtail-localize knows about a page's or snippet's languages, for the public site."""

from typing import NamedTuple

from django.core.cache import cache
from django.utils.translation import get_language_info
from wagtail.models import Page, Site
from wagtail_localize.models import StringTranslation, TranslationSource

from .cache import kept_per_version, per_content_version, translations_version
from .routing import restricting_page_ids


class PageVersion(NamedTuple):
    """A live version of a page: its URL, whether it is a translation (not an alias that
    follows the original), and whether anyone may see it (no view restriction)."""

    url: str
    translated: bool
    public: bool


@per_content_version
def live_versions(translation_key, site):
    """Language code -> ``PageVersion`` (URL as seen from ``site``) of each live version of
    the page with ``translation_key``; one query, kept until the content changes."""
    versions = {}
    pages = Page.objects.filter(translation_key=translation_key).live().select_related("locale")
    for version in pages:
        url = version.get_url(current_site=site)
        if url is not None:
            versions[version.locale.language_code] = PageVersion(
                url, not version.alias_of_id, not restricting_page_ids(version.path)
            )
    return versions


def translations_of(page, request):
    """Language code -> URL of each other live translation of ``page`` that anyone may see,
    for "also available in" (aliases are no translations)."""
    site = Site.find_for_request(request)
    return {
        code: version.url
        for code, version in live_versions(page.translation_key, site).items()
        if version.translated and version.public and code != page.locale.language_code
    }


def original_language(instance):
    """The language ``instance`` was first written in: its first translation source's locale."""
    code = first_source_language(instance.translation_key) or instance.locale.language_code
    return get_language_info(code)


@kept_per_version(translations_version)
def first_source_language(translation_key):
    """The language code of the first translation source of the object ``translation_key``,
    or None where it has none; kept until the content or a translation changes."""
    sources = TranslationSource.objects.filter(object_id=translation_key).order_by("created_at")
    return sources.values_list("locale__language_code", flat=True).first()


def original_page_locales(translation_keys):
    """Translation key -> id of the locale each page was first written in.

    That is the locale of its first translation source (as ``original_language``
    says), if a version in it still exists, else the locale of its oldest version.
    Aliases only show a page, so they are never its original.
    """
    sources = {}
    rows = TranslationSource.objects.filter(object_id__in=translation_keys).order_by("-created_at")
    for key, locale_id in rows.values_list("object_id", "locale_id"):
        sources[key] = locale_id
    versions = {}
    rows = Page.objects.filter(translation_key__in=translation_keys, alias_of__isnull=True)
    for key, locale_id in rows.order_by("pk").values_list("translation_key", "locale_id"):
        versions.setdefault(key, []).append(locale_id)
    return {
        key: sources[key] if sources.get(key) in locale_ids else locale_ids[0]
        for key, locale_ids in versions.items()
    }


def machine_translated_versions():
    """(translation key, locale id) of every page and snippet version with text from a machine
    translator; one query, cached until content or a translation changes."""

    def load():
        rows = StringTranslation.objects.filter(
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
        ).values_list("translation_of__segments__source__object_id", "locale_id")
        return set(rows.distinct())

    return cache.get_or_set(f"machine-translated:{translations_version()}", load, timeout=3600)


def is_machine_translated(instance):
    """Whether any text of this translation came from a machine translator."""
    return (instance.translation_key, instance.locale_id) in machine_translated_versions()
