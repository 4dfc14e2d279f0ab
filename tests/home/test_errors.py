"""Errors answer in the visitor's language."""

import pytest

from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_server_error_page_speaks_the_visitors_language(client, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(HomePage, "serve", broken)
    client.raise_request_exception = False
    response = client.get("/uk/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="uk" dir="ltr">' in html
    assert "Помилка сервера" in html
    assert "database on fire" not in html
