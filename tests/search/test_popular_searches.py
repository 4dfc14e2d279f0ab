""" "Often searched" is no notice board: nobody can put words on the search page.

A query is shown to visitors only when it found something, was searched by
several distinct visitors (counted without storing anything that identifies
them), contains no web or e-mail address and no long number, and contains no
words that editors hid, in the report or in the list of hidden searches. Each
test checks one rule next to a query that passes all of them.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from search.models import HiddenSearch, QueryStatistic
from search.query import MIN_VISITORS

pytestmark = pytest.mark.django_db


def search_as(client, query, visitors=MIN_VISITORS, language="de", browser="Firefox"):
    """``query`` searched once by each of ``visitors`` visitors (distinct addresses)."""
    for number in range(visitors):
        response = client.get(
            f"/{language}/search/",
            {"q": query},
            REMOTE_ADDR=f"198.51.100.{number + 1}",
            HTTP_USER_AGENT=browser,
        )
        assert response.status_code == 200


def popular(client, language="de"):
    return client.get(f"/{language}/search/").context["popular_queries"]


def test_a_query_is_shown_once_several_distinct_visitors_searched_it(client, demo):
    for _ in range(5):  # one visitor, many times
        search_as(client, "Deutschkurs", visitors=1)
    search_as(client, "Deutschkurs", visitors=MIN_VISITORS - 1)
    assert QueryStatistic.objects.get(query="deutschkurs").searches == 5 + MIN_VISITORS - 1
    assert popular(client) == []

    search_as(client, "Deutschkurs", visitors=1, browser="Safari")  # another visitor
    assert popular(client) == ["Deutschkurs"]
    assert QueryStatistic.objects.get(query="deutschkurs").visitors == MIN_VISITORS


def test_a_query_that_found_nothing_is_not_shown(client, demo):
    search_as(client, "xqzzy blorf")
    search_as(client, "Wohnung")
    assert QueryStatistic.objects.get(query="xqzzy blorf").results == 0
    assert popular(client) == ["Wohnung"]


@pytest.mark.parametrize(
    "query",
    [
        "Deutschkurs www.example.com",
        "Deutschkurs https://example.com/kurs",
        "Deutschkurs beispiel.de",
        "Deutschkurs anna.becker@example.org",
        "Deutschkurs 0176 1234567",
        "Deutschkurs DE89370400440532013000",
    ],
)
def test_addresses_and_long_numbers_are_not_shown(client, demo, query):
    search_as(client, query)
    search_as(client, "Deutschkurs Frauen")
    assert QueryStatistic.objects.exclude(query="deutschkurs frauen").get().results > 0
    assert popular(client) == ["Deutschkurs Frauen"]


def test_words_that_editors_hid_are_not_shown(client, demo):
    HiddenSearch.objects.create(words="FRAUEN")
    for query in ("Deutschkurs Frauen", "frauen", "Wohnung"):
        search_as(client, query)
    assert popular(client) == ["Wohnung"]


def test_editors_hide_a_query_in_the_report(client, django_user_model, demo):
    search_as(client, "Deutschkurs")
    search_as(client, "Wohnung")
    assert sorted(popular(client)) == ["Deutschkurs", "Wohnung"]

    translator = django_user_model.objects.create_user(username="t", password="x" * 20)
    translator.groups.add(Group.objects.get(name="Translators"))
    editor = django_user_model.objects.create_user(username="e", password="x" * 20)
    editor.groups.add(Group.objects.get(name="Editors"))
    hide = reverse("search_statistics_hide")

    client.force_login(translator)
    assert client.post(hide, {"query": "deutschkurs"}).status_code in (302, 403)
    assert not HiddenSearch.objects.exists()

    client.force_login(editor)
    report = client.get(reverse("search_statistics"))
    assert f'action="{hide}"' in report.content.decode()
    rows = {row["query"]: row for row in report.context["object_list"]}
    assert rows["deutschkurs"]["total_visitors"] == MIN_VISITORS
    assert not rows["deutschkurs"]["hidden"]
    response = client.post(hide, {"query": "deutschkurs", "next": "https://elsewhere.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("search_statistics")
    rows = {row["query"]: row for row in client.get(response["Location"]).context["object_list"]}
    assert rows["deutschkurs"]["hidden"] and not rows["wohnung"]["hidden"]

    client.logout()
    assert popular(client) == ["Wohnung"]


def test_nothing_that_identifies_a_visitor_is_stored(client, demo):
    search_as(client, "Wohnung", browser="Kolibri-Browser/1.0")
    rows = QueryStatistic.objects.values()
    stored = " ".join(str(value) for row in rows for value in row.values())
    assert "198.51.100" not in stored and "Kolibri-Browser" not in stored
    assert QueryStatistic.objects.get(query="wohnung").visitors == MIN_VISITORS
