"""While the database is down, visitors get a 503 page in their language or a cached page."""

import pytest

from tests.home.outage import database_down

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path, language, direction, text",
    [
        ("/de/ueber-das-netzwerk/", "de", "ltr", "Vorübergehend nicht erreichbar"),
        ("/ar/", "ar", "rtl", "غير متاح مؤقتًا"),
        ("/angebote/", "de", "ltr", "Vorübergehend nicht erreichbar"),
    ],
)
def test_pages_not_in_the_cache_answer_503_in_the_visitors_language(
    client, demo, path, language, direction, text
):
    client.raise_request_exception = False
    with database_down():
        response = client.get(path)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert "no-store" in response.headers["Cache-Control"]
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert text in html
    assert f'href="/{language}/"' in html
    assert "5432" not in html


def test_signed_in_users_get_the_503_page_too(client, demo):
    """Their session is read from the database before any view runs."""
    client.raise_request_exception = False
    client.cookies["sessionid"] = "a-session-of-an-editor"
    with database_down():
        response = client.get("/admin/")
    assert response.status_code == 503
    assert "Vorübergehend nicht erreichbar" in response.content.decode()


def test_cached_pages_are_still_served_and_the_site_recovers(client, demo):
    cached = client.get("/de/")
    assert cached.status_code == 200
    client.raise_request_exception = False
    with database_down():
        during = client.get("/de/")
        uncached = client.get("/de/ueber-das-netzwerk/")
    assert during.status_code == 200
    assert during.content == cached.content
    assert uncached.status_code == 503
    assert client.get("/de/ueber-das-netzwerk/").status_code == 200


def test_other_errors_still_get_the_500_page(client, demo, monkeypatch):
    from home.models import HomePage

    def broken(self, request, *args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(HomePage, "serve", broken)
    client.raise_request_exception = False
    response = client.get("/ar/")
    assert response.status_code == 500
    assert "Retry-After" not in response.headers
    assert "خطأ في الخادم" in response.content.decode()
