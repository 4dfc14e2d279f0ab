"""The search page finds pages in the visitor's language and copes with odd input."""

import pytest

pytestmark = pytest.mark.django_db


def test_search_finds_pages_of_the_active_language(client, demo):
    response = client.get("/de/search/", {"q": "Plenum"})
    assert response.status_code == 200
    results = response.context["results"]
    assert results.paginator.count >= 1
    assert all(result.locale.language_code == "de" for result in results)
    assert 'value="Plenum"' in response.content.decode()


def test_empty_search_shows_the_form_only(client):
    response = client.get("/ar/search/")
    assert response.status_code == 200
    assert response.context["search_query"] == ""
    assert 'id="results-heading"' not in response.content.decode()
    assert 'type="search"' in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "x" * 5000,
        "\x00\x1f<script>",
        "' OR 1=1 --",
        '"unbalanced',
        'a"b"c"',
        "AND OR NOT",
        "()",
        "*",
        "NEAR(a b)",
        "col:val",
        "\\",
        "😀",
    ],
)
def test_odd_queries_answer_with_a_page(client, query):
    response = client.get("/de/search/", {"q": query, "page": "999"})
    assert response.status_code == 200
    assert len(response.context["search_query"]) <= 200
