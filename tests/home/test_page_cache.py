"""Anonymous visitors get cached pages, and every published change is visible at once."""

import gzip

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from blog.models import BlogIndexPage
from directory.exchange import import_directory
from directory.models import DirectoryPage, Offer
from home.cache import VERSION_KEY, may_store
from search.models import QueryStatistic
from tests.conftest import SMALL

pytestmark = pytest.mark.django_db


def queries_for(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_cached_page_costs_no_queries_and_is_the_same(client, demo):
    first_queries, first = queries_for(client, demo["about"].url)
    again_queries, again = queries_for(client, demo["about"].url)
    assert first_queries > 0
    assert again_queries == 0
    assert again == first
    assert client.get(demo["about"].url).headers["Content-Security-Policy"]


def test_compressed_and_plain_copies_are_kept_apart(client, demo):
    url = demo["about"].url
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
            plain = client.get(url)
        assert packed.headers["Content-Encoding"] == "gzip"
        assert "Content-Encoding" not in plain.headers
        assert gzip.decompress(packed.content) == plain.content
    assert len(queries) == 0  # the second time, both came from the cache


def test_signed_in_users_always_get_a_fresh_page(admin_client, demo):
    queries_for(admin_client, demo["about"].url)
    again_queries, _text = queries_for(admin_client, demo["about"].url)
    assert again_queries > 0


def test_publishing_and_unpublishing_a_page_shows_at_once(client, demo):
    about = demo["about"]
    assert "Neuer Titel des Netzwerks" not in client.get(about.url).content.decode()
    about.title = "Neuer Titel des Netzwerks"
    about.save_revision().publish()
    assert "Neuer Titel des Netzwerks" in client.get(about.url).content.decode()
    assert "Neuer Titel des Netzwerks" in client.get(demo["home"].url).content.decode()  # menu

    imprint_url = demo["imprint"].url
    assert client.get(imprint_url).status_code == 200
    demo["imprint"].unpublish()
    assert client.get(imprint_url).status_code == 404


def test_drafts_and_locks_leave_what_visitors_see_in_the_cache(client, admin_user, demo, small):
    """Wagtail's autosave writes a draft whenever an editor pauses typing: neither that nor
    a lock starts a new content version, so cached pages stay cached, and a publish does."""
    about, offer = demo["about"], small["offers"][("t-evening", "de")]
    urls = [about.url, demo["home"].url, detail_url(offer)]
    for url in urls:
        client.get(url)
    version = cache.get(VERSION_KEY)

    about.title = "Nur ein Entwurf"
    about.save_revision(user=admin_user)
    about.save_revision(user=admin_user)  # an autosave after the next pause
    offer.title = "Entwurf eines Angebots"
    offer.save_revision(user=admin_user)
    about.locked, about.locked_by = True, admin_user
    about.save(update_fields=["locked", "locked_by"])

    assert cache.get(VERSION_KEY) == version
    for url in urls:
        queries, text = queries_for(client, url)
        assert queries == 0, url
        assert "Entwurf" not in text
    about.get_latest_revision().publish()
    assert cache.get(VERSION_KEY) != version
    assert "Nur ein Entwurf" in client.get(about.url).content.decode()


def detail_url(offer):
    page = DirectoryPage.for_locale(offer.locale_id)
    return page.url + page.reverse_subpage("offer", args=[offer.slug])


def listing(client, language="de"):
    page = DirectoryPage.objects.get(locale__language_code=language)
    return client.get(page.url, {"topic": "german-courses"}).content.decode()


def test_offer_edits_show_at_once_in_list_and_detail(client, small):
    offer = small["offers"][("t-evening", "de")]
    assert "Abendtestkurs" in client.get(detail_url(offer)).content.decode()
    assert "Abendtestkurs" in listing(client)

    offer.title = "Abendtestkurs mit neuem Namen"
    offer.save_revision().publish()
    assert "Abendtestkurs mit neuem Namen" in client.get(detail_url(offer)).content.decode()
    assert "Abendtestkurs mit neuem Namen" in listing(client)

    offer.unpublish()
    assert "Abendtestkurs mit neuem Namen" not in listing(client)
    assert client.get(detail_url(offer)).status_code == 404


def test_a_new_translation_shows_at_once(client, small):
    offer = small["offers"][("t-evening", "de")]
    ukrainian = Locale.objects.get(language_code="uk")
    Offer.objects.filter(translation_key=offer.translation_key, locale=ukrainian).delete()
    assert "Вечірній тестовий курс" not in listing(client, "uk")
    translated = offer.copy_for_translation(ukrainian)
    translated.title = "Вечірній тестовий курс"
    translated.save()
    translated.save_revision().publish()
    assert "Вечірній тестовий курс" in listing(client, "uk")


def test_directory_imports_show_at_once(client, demo):
    assert "Abendtestkurs" not in listing(client)
    import_directory(SMALL)
    assert "Abendtestkurs" in listing(client)


def test_search_is_never_answered_from_the_cache(client):
    for _ in range(2):
        assert client.get("/de/search/", {"q": "Wohnung"}).status_code == 200
    assert QueryStatistic.objects.get(locale__language_code="de", query="wohnung").searches == 2


def test_only_public_answers_for_everyone_are_kept():
    assert may_store(HttpResponse("page"))
    assert may_store(HttpResponse("page", headers={"Vary": "Cookie, Accept-Encoding"}))
    with_cookie = HttpResponse("form")
    with_cookie.set_cookie("csrftoken", "secret")
    assert not may_store(with_cookie)
    assert not may_store(HttpResponse("private", headers={"Cache-Control": "private"}))
    assert not may_store(HttpResponse("by language", headers={"Vary": "Accept-Language"}))
    assert not may_store(HttpResponse("missing", status=404))


def stored_pages():
    """How many pages the (local-memory) cache keeps."""
    return sum(1 for key in cache._cache if ":pages:" in key and not key.endswith(VERSION_KEY))


def test_parameters_a_page_does_not_understand_are_answered_but_never_stored(client, small):
    directory = DirectoryPage.objects.get(locale__language_code="de").url
    blog = BlogIndexPage.objects.get(locale__language_code="de").url
    for url in ["/de/", directory, blog]:
        assert client.get(url).status_code == 200
    client.get(directory, {"topic": "german-courses"})
    stored = stored_pages()
    assert stored == 4

    for number in range(10):
        asked = [
            ("/de/", {"utm_source": f"crawler-{number}"}),
            (directory, {"topic": "german-courses", "fbclid": f"x{number}"}),
            (directory, {"topic": f"nonsense-{number}"}),
            (directory, {"topic": "german-courses", "page": f"0{number}"}),
            (directory, {"free": f"yes-{number}"}),
            (blog, {"type": f"nonsense-{number}"}),
        ]
        for url, params in asked:
            response = client.get(url, params)
            assert response.status_code == 200
        listing = client.get(directory, {"topic": "german-courses", "x": number})
        assert "Abendtestkurs" in listing.content.decode()
    assert stored_pages() == stored


def test_one_question_asked_in_different_spellings_is_stored_once(client, small):
    directory = DirectoryPage.objects.get(locale__language_code="de").url
    queries_for(client, f"{directory}?topic=german-courses&free=1")
    stored = stored_pages()
    for spelling in [
        "free=1&topic=german-courses",
        "topic=german-courses&free=1&place=&language=&kind=&sort=",  # the filter form
        "target_group=&free=1&topic=german-courses&page=",
    ]:
        assert queries_for(client, f"{directory}?{spelling}")[0] == 0
    assert stored_pages() == stored
    queries_for(client, f"{directory}?topic=german-courses&free=1&page=1")
    assert stored_pages() == stored + 1  # the first page, as the "previous" link asks for it
