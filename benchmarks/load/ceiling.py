"""The ceiling's URLconf: one view answering "ok", to measure the stack without the site.

The admin's URLs and the health check are there only because the site's middleware
looks up their addresses (``home/admin_language.py``, ``home/routing.py``).
"""

from django.http import HttpResponse
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls

from home import health


def ok(request):
    return HttpResponse("ok")


urlpatterns = [
    path("", ok),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
]
