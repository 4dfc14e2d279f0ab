"""A request reads the content's version once; what is kept per version in memory follows a
publish at once, on pages that are never cached too (the search page)."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.cache import (
    VERSION_KEY,
    RequestVersionsMiddleware,
    content_changed,
    content_version,
    per_content_version,
)
from home.models import FooterText

pytestmark = pytest.mark.django_db


def during_a_request(view):
    """Run ``view`` as the inner part of a request through ``RequestVersionsMiddleware``."""
    return RequestVersionsMiddleware(lambda request: view())(None)


def test_a_request_sees_one_version_and_its_own_changes():
    seen = []

    def view():
        seen.append(content_version())
        cache.set(VERSION_KEY, "changed-by-another-process")
        seen.append(content_version())  # the request goes on with the version it began with
        content_changed()  # a change the request makes itself counts at once
        seen.append(content_version())
        return HttpResponse()

    during_a_request(view)
    assert seen[0] == seen[1] != seen[2]
    assert seen[2] == cache.get(VERSION_KEY)
    cache.set(VERSION_KEY, "changed-again")
    assert content_version() == "changed-again"  # outside a request: read every time


def test_threads_keep_their_versions_apart():
    seen = {}
    started, changed = threading.Event(), threading.Event()

    def first_view():
        seen["first"] = content_version()
        started.set()
        changed.wait(5)
        seen["first again"] = content_version()
        return HttpResponse()

    def second_view():
        started.wait(5)
        content_changed()
        seen["second"] = content_version()
        changed.set()
        return HttpResponse()

    threads = [
        threading.Thread(target=during_a_request, args=[view]) for view in (first_view, second_view)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen["first"] == seen["first again"] != seen["second"]


def test_kept_results_last_until_the_content_changes():
    calls = []

    @per_content_version
    def lookup(language_code):
        calls.append(language_code)
        return f"{language_code}-{len(calls)}"

    assert lookup("de") == lookup("de") == "de-1"
    assert lookup("ar") == "ar-2"
    content_changed()
    assert lookup("de") == "de-3"
    assert calls == ["de", "ar", "de"]


def test_the_search_page_shows_new_site_texts_and_home_page_at_once(client, demo):
    def search_page():
        return client.get("/de/search/", {"q": "Wohnung"}).content.decode()

    assert "Netzwerk mit neuem Namen" not in search_page()
    texts = FooterText.objects.get(locale__language_code="de")
    texts.network_name = "Netzwerk mit neuem Namen"
    texts.save_revision().publish()
    assert "Netzwerk mit neuem Namen" in search_page()

    home = demo["home"]
    home.search_description = "Neue Beschreibung der Startseite"
    home.save_revision().publish()
    assert 'content="Neue Beschreibung der Startseite"' in search_page()  # its description


def test_the_search_page_reads_no_site_and_follows_a_changed_site(client, demo):
    client.get("/de/search/", {"q": "Wohnung"})
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/de/search/", {"q": "Wohnung"}).status_code == 200
    assert not [query for query in queries if "wagtailcore_site" in query["sql"]]

    site = Site.objects.get(is_default_site=True)
    site.site_name = "Integrationsnetz Lindental"
    site.save()
    assert client.get("/de/search/", {"q": "Wohnung"}).wsgi_request._wagtail_site.site_name == (
        "Integrationsnetz Lindental"
    )
