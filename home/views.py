"""Small site-wide views."""

from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.cache import add_never_cache_headers
from wagtail import views as wagtail_views

from . import routing
from .sitemap import TranslatedPagesSitemap


def favicon(request):
    """Browsers ask for /favicon.ico; the icon is an SVG among the static files."""
    return redirect(static("img/favicon.svg"), permanent=True)


def sitemap(request):
    """The sitemap of every language's pages, built for this request's host."""
    return sitemap_view(request, sitemaps={"pages": TranslatedPagesSitemap(request)})


def serve(request, path):
    """Wagtail's page view, with the route found from the lookups of ``routing.route``."""
    try:
        request._wagtail_route_for_request = routing.route(request, path)
    except Http404:
        request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)


def render_uncached_subpage(request, page, template, context, status=200):
    """A routable page's subpage that is never cached (a form with its token, a visitor's own
    registration or comment), in the frame of ``page``."""
    response = TemplateResponse(
        request,
        template,
        {"page": page, "self": page, "current_is_subpage": True, **context},
        status=status,
    )
    add_never_cache_headers(response)
    return response
