"""Finding the site and the page a request asks for from lookups kept per content version.

Wagtail reads the site, the locale and every page on the way down the tree (each once as a
page and once as its specific type) for every request: five queries for a page below the
home page, two more on each level further down. Here the sites and, per site and language,
the address of every page are kept in each process's memory for the current content
version (``per_content_version``), so a request reads only the page it shows. Wagtail's
own ``route`` then answers for that page (a routable page's subpages, a page that is not
live), and Wagtail serves it with its hooks as before.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.http.request import split_domain_port
from django.urls import Resolver404, reverse
from django.utils import translation
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from home.cache import per_content_version


@per_content_version
def site_for_host(hostname, port):
    """The site that answers ``hostname`` and ``port`` (Wagtail's rules), or None."""
    try:
        return get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


def find_site(request):
    """The request's Wagtail site from ``site_for_host``, kept on the request where Wagtail's
    ``Site.find_for_request`` finds it."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = site_for_host(hostname, request.get_port())
    return request._wagtail_site


class SiteMiddleware:
    """Finds each request's site with ``find_site`` before anything else asks for it, so
    that views which are not pages (the search, the admin) and Wagtail's own lookups
    (``Site.find_for_request``: settings, template tags) read no site from the database.
    The health check is left alone: it must answer when the cache fails."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.health_check = reverse("healthz")

    def __call__(self, request):
        if request.path_info != self.health_check:
            find_site(request)
        return self.get_response(request)


@per_content_version
def page_addresses(site_id, language_code):
    """The pages of a site's tree in a language: the slugs below its home page (a tuple) ->
    (page id, URL path, content type id, live, id of the page it is an alias of). The home
    page is that of the language if it is live, else the site's root page, as Wagtail
    routes."""
    root = Site.objects.select_related("root_page").get(pk=site_id).root_page
    with translation.override(language_code):
        home = root.localized
    start = len(home.url_path)
    rows = Page.objects.filter(path__startswith=home.path).values_list(
        "pk", "url_path", "content_type_id", "live", "alias_of_id"
    )
    return {tuple(row[1][start:].split("/")[:-1]): row for row in rows}


def routes_to_child(model, live, components):
    """Whether Wagtail's ``route`` of a page of ``model`` passes ``components`` on to its
    child: always for plain pages; for a live routable page, when none of its own routes
    matches them."""
    if model.route is Page.route:
        return True
    if model.route is not RoutablePageMixin.route:
        return False
    if not live:
        return True
    try:
        model.get_resolver().resolve("/" + "".join(f"{part}/" for part in components))
    except Resolver404:
        return True
    return False


@per_content_version
def view_restricted_paths():
    """Tree path -> id of the page whose view restrictions apply there and below: each
    restricted page, and each alias of one (an alias is restricted as its source is)."""
    restricted = PageViewRestriction.objects.values("page_id")
    pages = Page.objects.filter(Q(pk__in=restricted) | Q(alias_of__in=restricted))
    return {path: source or pk for path, pk, source in pages.values_list("path", "pk", "alias_of")}


class ViewRestrictionsMixin:
    """Finds the view restrictions that apply to a page (Wagtail checks them before serving
    it) from ``view_restricted_paths``: no query for the many pages that have none."""

    def get_view_restrictions(self):
        page_ids = restricting_page_ids(self.path)
        if not page_ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(page_id__in=page_ids)


def restricting_page_ids(path):
    """The ids of the pages whose view restrictions apply to the page at the tree ``path``."""
    applying = view_restricted_paths()
    steps = range(Page.steplen, len(path) + 1, Page.steplen)
    return {applying[path[:end]] for end in steps if path[:end] in applying}


def public(pages):
    """The pages of the queryset ``pages`` that no view restriction covers (Wagtail's
    ``public()``, aliases of restricted pages left out too), from ``view_restricted_paths``."""
    restricted = Q()
    for path in view_restricted_paths():
        restricted |= Q(path__startswith=path)
    return pages.exclude(restricted) if restricted else pages


def route(request, path):
    """The route of ``path`` (below the language prefix) as Wagtail's ``route`` gives it.

    Goes down the tree by slugs as far as each page routes the rest to its children; the
    page reached is read with its locale and routes the rest itself.
    """
    site = find_site(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    addresses = page_addresses(site.pk, get_language())
    depth = 0
    page_id, _url_path, kind, live, alias_of = addresses[()]
    model = ContentType.objects.get_for_id(kind).model_class()
    while depth < len(components) and routes_to_child(model, live, components[depth:]):
        depth += 1
        found = addresses.get(tuple(components[:depth]))
        if found is None:
            raise Http404
        page_id, _url_path, kind, live, alias_of = found
        model = ContentType.objects.get_for_id(kind).model_class()
    # An alias shows the language of the page it follows (``text_language_code``).
    related = ("locale", "alias_of__locale") if alias_of else ("locale",)
    page = model.objects.select_related(*related).get(pk=page_id)
    return page.route(request, components[depth:])
