"""The ceiling's URLconf: one view answering "ok", to measure the stack without the site.

The admin's URLs are there only because the site's middleware looks up the admin's
address on every request (``home/admin_language.py``).
"""

from django.http import HttpResponse
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls


def ok(request):
    return HttpResponse("ok")


urlpatterns = [path("", ok), path("admin/", include(wagtailadmin_urls))]
