"""The ceiling's URLconf: one view answering "ok", to measure the stack without the site."""

from django.http import HttpResponse
from django.urls import path


def ok(request):
    return HttpResponse("ok")


urlpatterns = [path("", ok)]
