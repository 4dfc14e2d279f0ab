"""Template tags for menus, breadcrumbs, the language switcher and the footer."""

import json

from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from home.localization import is_machine_translated
from home.models import FooterText, NetworkSettings

register = template.Library()


def localized_root(request):
    """The home page in the active language, or the source language's when there is none."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        site = Site.objects.select_related("root_page").get(is_default_site=True)
    return site.root_page.localized


@register.simple_tag(takes_context=True)
def home_page(context):
    request = context.get("request")
    if "_home_page" not in context.render_context:
        context.render_context["_home_page"] = localized_root(request)
    return context.render_context["_home_page"]


@register.simple_tag(takes_context=True)
def main_menu(context, current_page=None):
    """Live pages below the home page that are marked to show in menus.

    Each entry says whether it is the current page ("page") or one of its
    ancestors ("true"), for ``aria-current``.
    """
    entries = []
    for item in home_page(context).get_children().live().public().in_menu():
        current = None
        if isinstance(current_page, Page) and current_page.path.startswith(item.path):
            current = "page" if current_page.pk == item.pk else "true"
        entries.append({"page": item, "current": current})
    return entries


@register.simple_tag
def breadcrumbs(page):
    """The pages from the home page down to, but not including, this page."""
    return page.get_ancestors().filter(depth__gte=2)


@register.simple_tag
def child_pages(page):
    return page.get_children().live().public().specific()


def language_entry(code, url, current_code):
    info = get_language_info(code)
    return {
        "code": code,
        "name": info["name_local"],
        "bidi": info["bidi"],
        "url": url,
        "is_current": code == current_code,
        "is_default": code == settings.LANGUAGE_CODE,
    }


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per content language with the URL of this page in it, or None if missing.

    Views that know better pass ``alternate_urls`` (language code -> URL), such
    as the directory's detail routes. On a Wagtail page the URLs are those of its
    live translations. On other views (search, errors) the same path is offered
    under each language prefix.
    """
    current = get_language()
    page = context.get("page")
    alternate_urls = context.get("alternate_urls")
    if alternate_urls is not None:
        return [
            language_entry(code, alternate_urls.get(code), current)
            for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        ]
    if isinstance(page, Page):
        translations = {
            translation.locale.language_code: translation
            for translation in page.get_translations(inclusive=True).live().select_related("locale")
        }
        request = context.get("request")
        return [
            language_entry(
                code,
                translations[code].get_url(request) if code in translations else None,
                current,
            )
            for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        ]
    request = context.get("request")
    path = request.path if request else "/"
    return [
        language_entry(code, translate_url(path, code), current)
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """The URL with scheme and host of the current request."""
    return context["request"].build_absolute_uri(url)


@register.simple_tag
def page_language(page):
    """The language a page is written in, with its name and text direction.

    An alias (a page that follows another language's page until it is
    translated) is written in the language of the page it follows.
    """
    locale = page.alias_of.locale if page.alias_of_id else page.locale
    return get_language_info(locale.language_code)


@register.simple_tag
def footer_text():
    """The live footer text of the active language, else the source language's."""
    texts = FooterText.objects.filter(live=True).select_related("locale")
    by_language = {text.locale.language_code: text.body for text in texts}
    return by_language.get(get_language()) or by_language.get(settings.LANGUAGE_CODE, "")


@register.simple_tag(takes_context=True)
def legal_pages(context):
    """The imprint and the privacy page in the active language, else in the source language.

    Returns ``{"imprint": page, "privacy": page}`` (missing ones left out) from one query.
    """
    network = NetworkSettings.for_request(context["request"])
    wanted = {"imprint": network.imprint_page_id, "privacy": network.privacy_page_id}
    ids = [page_id for page_id in wanted.values() if page_id]
    if not ids:
        return {}
    keys = Page.objects.filter(pk__in=ids).values("translation_key")
    candidates = Page.objects.live().filter(
        Q(pk__in=ids) | Q(translation_key__in=keys, locale__language_code=get_language())
    )
    by_key = {}
    for page in candidates.select_related("locale"):
        if page.translation_key not in by_key or page.locale.language_code == get_language():
            by_key[page.translation_key] = page
    sources = {page.pk: page.translation_key for page in candidates if page.pk in ids}
    return {
        name: by_key[sources[page_id]] for name, page_id in wanted.items() if page_id in sources
    }


JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """A schema.org description as a script element; markup in its texts cannot end the script."""
    text = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.simple_tag
def machine_translated(instance):
    """Whether a page's or entry's text came from a machine translator and no person edited it."""
    return instance is not None and is_machine_translated(instance)
