"""The load balancer's health check says which part of the site fails, and nothing more."""

import pytest
from django.db import connection

from tests.home.outage import database_down

pytestmark = pytest.mark.django_db


def states(response):
    first, *checks = response.content.decode().splitlines()
    return first, dict(line.split(": ") for line in checks)


def test_a_healthy_site_answers_ok_without_caching_or_session(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert states(response) == ("ok", {"database": "ok", "cache": "ok", "search": "ok"})
    assert "no-store" in response.headers["Cache-Control"]
    assert not response.cookies


def test_the_database_failing_answers_503_and_says_only_fail(client):
    assert client.get("/healthz").status_code == 200
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    first, checks = states(response)
    assert first == "fail"
    assert checks["database"] == "fail" and checks["cache"] == "ok"
    assert "5432" not in response.content.decode()


def test_the_cache_failing_answers_503(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert states(response) == ("fail", {"database": "ok", "cache": "fail", "search": "ok"})


def test_elasticsearch_failing_answers_503(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert states(response) == ("fail", {"database": "ok", "cache": "ok", "search": "fail"})


def test_the_database_search_failing_answers_503(client):
    """Without Elasticsearch the database's full-text index answers searches."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE search_searchdocument DROP COLUMN vector")
        else:
            cursor.execute("DROP TABLE search_document_fts")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert states(response) == ("fail", {"database": "ok", "cache": "ok", "search": "fail"})
