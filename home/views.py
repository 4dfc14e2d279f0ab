"""Small site-wide views."""

from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.shortcuts import redirect
from django.templatetags.static import static

from .sitemap import TranslatedPagesSitemap


def favicon(request):
    """Browsers ask for /favicon.ico; the icon is an SVG among the static files."""
    return redirect(static("img/favicon.svg"), permanent=True)


def sitemap(request):
    """The sitemap of every language's pages, built for this request's host."""
    return sitemap_view(request, sitemaps={"pages": TranslatedPagesSitemap(request)})
