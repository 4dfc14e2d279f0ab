"""Template tags for menus, breadcrumbs, the language switcher and the footer."""

import json

from django import template
from django.conf import settings
from django.db.models import Q
from django.template import Variable
from django.urls import translate_url
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.templatetags.wagtail_cache import WagtailCacheNode
from wagtail.templatetags.wagtailcore_tags import pageurl

from home import language_registry
from home.accounts import may_use_admin
from home.cache import TIMEOUT, content_version, per_content_version
from home.localization import is_machine_translated, live_versions
from home.models import NetworkSettings, live_site_texts
from home.routing import public

register = template.Library()


@per_content_version
def home_page_in(site_id, language_code):
    """The home page of the site ``site_id`` (None: the default site) in a language, or the
    source language's when there is none; kept until the content changes."""
    sites = Site.objects.select_related("root_page")
    site = sites.get(pk=site_id) if site_id else sites.get(is_default_site=True)
    with translation.override(language_code):
        return site.root_page.localized


@register.simple_tag(takes_context=True)
def localized_url(context, page):
    """The address of ``page``'s live version in the active language, else of ``page``, as
    Wagtail's ``{% pageurl page.localized %}`` gives it, from the kept ``live_versions``."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    version = live_versions(page.translation_key, site).get(get_language())
    return version.url if version else pageurl(context, page)


@register.simple_tag(takes_context=True)
def home_page(context):
    """The home page of the request's site in the active language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return home_page_in(site.pk if site else None, get_language())


@register.simple_tag(takes_context=True)
def main_menu(context, current_page=None):
    """Live pages below the home page that are marked to show in menus.

    Each entry says whether it is the current page ("page") or one of its
    ancestors ("true"), for ``aria-current``.
    """
    entries = []
    items = public(home_page(context).get_children().live().in_menu())
    for item in items.select_related("locale", "alias_of__locale"):
        current = None
        if isinstance(current_page, Page) and current_page.path.startswith(item.path):
            current = "page" if current_page.pk == item.pk else "true"
        entries.append({"page": item, "current": current})
    return entries


@register.simple_tag
def breadcrumbs(page):
    """The pages from the home page down to, but not including, this page."""
    return page.get_ancestors().filter(depth__gte=2).select_related("locale", "alias_of__locale")


@register.simple_tag
def child_pages(page):
    return (
        public(page.get_children().live())
        .specific()
        .select_related("locale", "alias_of__locale", for_specific_subqueries=True)
    )


def language_entry(code, url, current_code, translated):
    info = get_language_info(code)
    return {
        "code": code,
        "name": info["name_local"],
        "url": url,
        "translated": translated,
        "is_current": code == current_code,
        "is_default": code == settings.LANGUAGE_CODE,
    }


def page_versions(page, request):
    """Language code -> (URL, whether it is a translation) for each live version of a page
    (``live_versions``). On a routable page the URL is that of the route being served,
    with the same arguments (an author's or a directory entry's slug).
    """
    site = Site.find_for_request(request) if request else None
    versions = {
        code: (version.url, version.translated)
        for code, version in live_versions(page.translation_key, site).items()
    }
    match = getattr(request, "routable_resolver_match", None)
    if isinstance(page, RoutablePageMixin) and match is not None:
        route = page.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
        versions = {code: (url + route, translated) for code, (url, translated) in versions.items()}
    return versions


def local_path(url, fallback):
    """``url`` when it is a path on this site, else ``fallback``."""
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    return fallback


@register.simple_tag(takes_context=True)
def language_versions(context):
    """One entry per content language: the URL of this page in it (None if there is none),
    and whether that version is a translation rather than an alias of the original.

    On a Wagtail page the URLs are those of its live versions, aliases included.
    Views that know better which versions are translations pass ``alternate_urls``
    (language code -> URL), such as the directory's detail routes. On other views
    (search, errors) the same path is offered under each language prefix. The
    query a view understood (``switcher_query``) goes along; only paths on this site
    come out.
    """
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page):
        versions = page_versions(page, request)
        translated = context.get("alternate_urls")
        if translated is not None:
            versions = {
                code: (translated.get(code) or url, code in translated)
                for code, (url, _is_translation) in versions.items()
            } | {code: (url, True) for code, url in translated.items() if code not in versions}
    else:
        path = request.path if request else "/"
        versions = {
            code: (local_path(translate_url(path, code), f"/{code}/"), True)
            for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        }
    query = switcher_query(context)
    entries = []
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        url, translated = versions.get(code, (None, False))
        if url and query:
            url = f"{url}?{query}"
        entries.append(language_entry(code, url, get_language(), translated))
    return entries


def switcher_query(context):
    """The query a view understood (the filters' ``filter_query``, the search's
    ``search_querystring``), which the links to the other languages keep."""
    return context.get("filter_query") or context.get("search_querystring") or ""


QUERY_MARK = "frame-switcher-query"  # where a kept frame's links take the switcher's query


class FrameCacheNode(WagtailCacheNode):
    """A part of the frame that depends on the page shown (the header with the language
    switcher and the menu, the links in the head, the breadcrumbs), kept in the cache per
    content version, language and address: the scheme, host and path. So it is rendered
    once for each and changes with a publish. The query the language switcher keeps
    (``switcher_query``) is filled in afresh: the frame is kept with ``QUERY_MARK`` in its
    place, so a search or a choice of filters not seen before does not render it again.

    What it holds must follow from these alone, never from the visitor (their user, a
    CSRF token). Wagtail's node renders previews afresh; error pages are rendered afresh
    too, because anyone can make up their addresses."""

    KEY_VAR = "frame_cache_key"

    def __init__(self, nodelist, fragment_name):
        timeout, vary_on = Variable(str(TIMEOUT)), [Variable(self.KEY_VAR)]
        super().__init__(nodelist, timeout, fragment_name, vary_on, cache_name=None)

    def render(self, context):
        request = context.get("request")
        if request is None or "exception" in context:  # Django's error pages pass one
            return self.nodelist.render(context)
        query = switcher_query(context)
        address = f"{request.scheme}://{request.get_host()}{request.path}{'?' if query else ''}"
        key = f"{content_version()} {get_language()} {address}"
        with context.push({self.KEY_VAR: key, "filter_query": QUERY_MARK if query else ""}):
            rendered = super().render(context)
        return rendered.replace(QUERY_MARK, escape(query)) if query else rendered


@register.tag
def framecache(parser, token):
    """``{% framecache name %}…{% endframecache %}``: a part of the frame, kept per page
    (``FrameCacheNode``)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("'framecache' takes the name of the part")
    nodelist = parser.parse(("endframecache",))
    parser.delete_first_token()
    return FrameCacheNode(nodelist, bits[1])


@register.simple_tag(takes_context=True)
def userbar(context):
    """Wagtail's user bar for a user who may use the admin (``may_use_admin``); for anyone
    else nothing, without a question to the database."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not may_use_admin(user):
        return ""
    return wagtailuserbar(context)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """The URL with scheme and host of the current request."""
    return context["request"].build_absolute_uri(url)


@register.simple_tag
def canonical_url(page):
    """The address of a page for search engines: an alias points at the page it follows."""
    return page.alias_of.url if page.alias_of_id else page.url


def text_language_code(source):
    """The language of the words of ``source``: a language code, a page, or a translatable
    object. An alias is written in the language of the page it follows."""
    if isinstance(source, str):
        return source
    if isinstance(source, Page) and source.alias_of_id:
        return source.alias_of.locale.language_code
    return source.locale.language_code


@register.filter
def text_direction(language_code):
    """The direction of a language's script: "rtl" (right to left) or "ltr"."""
    return language_registry.text_direction(language_code)


@register.simple_tag
def language_attrs(source):
    """``lang`` and ``dir`` attributes for the words of ``source`` (see ``text_language_code``)
    when they are not in the interface's language, else nothing."""
    code = text_language_code(source)
    if code == get_language():
        return ""
    return format_html(' lang="{}" dir="{}"', code, text_direction(code))


@register.filter
def isolate(text):
    """Text set apart from the text around it, whatever its direction: a name in a sentence."""
    return format_html("<bdi>{}</bdi>", text)


@register.simple_tag
def page_language(page):
    """The language a page is written in, with its name and text direction."""
    return get_language_info(text_language_code(page))


@register.simple_tag(takes_context=True)
def site_texts(context):
    """The network's name and footer in the active language, else in the source language.

    A preview of these texts passes its own as ``site_texts``.
    """
    return context.get("site_texts") or live_site_texts(get_language())


@register.simple_tag(name="content_version")
def content_version_tag():
    """The content's version, for the key of the footer, which every page shows alike,
    cached until the content changes."""
    return content_version()


@register.simple_tag(takes_context=True)
def legal_pages(context):
    """The imprint, the privacy page and the accessibility statement in the active language,
    else in the source language.

    Returns ``{"imprint": page, "privacy": page, "accessibility": page}`` (missing ones left
    out) from one query.
    """
    network = NetworkSettings.for_request(context["request"])
    wanted = {
        "imprint": network.imprint_page_id,
        "privacy": network.privacy_page_id,
        "accessibility": network.accessibility_page_id,
    }
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
