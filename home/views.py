"""Small site-wide views."""

from django.shortcuts import redirect
from django.templatetags.static import static


def favicon(request):
    """Browsers ask for /favicon.ico; the icon is an SVG among the static files."""
    return redirect(static("img/favicon.svg"), permanent=True)
