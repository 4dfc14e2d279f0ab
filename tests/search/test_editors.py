"""Editors pick results for queries and see what visitors search for, per language."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale

from directory.models import Offer
from search.models import Promotion, QueryStatistic

pytestmark = pytest.mark.django_db


def user_in(django_user_model, group_name):
    user = django_user_model.objects.create_user(username=group_name, password="x" * 20)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_an_editors_pick_leads_the_results_of_its_query_in_its_language(client, demo):
    german = Locale.objects.get(language_code="de")
    offer = Offer.objects.filter(locale=german, live=True).order_by("title").last()
    Promotion.objects.create(
        query="Wohnung finden", locale=german, offer=offer, note="Erste Anlaufstelle"
    )
    response = client.get("/de/search/", {"q": "  wohnung FINDEN "})
    promoted = response.context["promoted"]
    assert [(document.title, note) for document, note in promoted] == [
        (offer.title, "Erste Anlaufstelle")
    ]
    assert "Erste Anlaufstelle" in response.content.decode()
    assert client.get("/en/search/", {"q": "Wohnung finden"}).context["promoted"] == []
    assert client.get("/de/search/", {"q": "Wohnung"}).context["promoted"] == []


def test_a_pick_counts_from_the_next_search_and_searches_without_one_ask_for_none(client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    german = Locale.objects.get(language_code="de")
    offer = Offer.objects.filter(locale=german, live=True).order_by("title").first()

    def picked():
        with CaptureQueriesContext(connection) as queries:
            found = client.get("/de/search/", {"q": "Wohnung finden"}).context["promoted"]
        asked = [query for query in queries if Promotion._meta.db_table in query["sql"]]
        return [document.title for document, _note in found], len(asked)

    client.get("/de/search/", {"q": "Wohnung finden"})
    assert picked() == ([], 0)
    pick = Promotion.objects.create(query="Wohnung finden", locale=german, offer=offer)
    assert picked()[0] == [offer.title]
    pick.delete()
    assert picked() == ([], 1)  # the queries with picks, read anew once
    assert picked() == ([], 0)


def test_a_pick_names_exactly_one_target(demo):
    german = Locale.objects.get(language_code="de")
    with pytest.raises(ValidationError):
        Promotion(query="Kurs", locale=german).full_clean()
    offer = Offer.objects.filter(locale=german).first()
    with pytest.raises(ValidationError):
        Promotion(query="Kurs", locale=german, offer=offer, page=demo["about"]).full_clean()
    with pytest.raises(ValidationError):
        Promotion(query="  ** ", locale=german, offer=offer).full_clean()


def test_statistics_show_popular_queries_and_those_without_results(client, django_user_model, demo):
    for query in ("Deutschkurs", "deutschkurs", "xqzzy blorf"):
        client.get("/de/search/", {"q": query})
    client.get("/ar/search/", {"q": "سكن"})
    client.get("/de/search/", {"q": "Deutschkurs", "page": "2"})  # paging is not a new search
    german = QueryStatistic.objects.filter(locale__language_code="de")
    assert {row.query: row.searches for row in german} == {"deutschkurs": 2, "xqzzy blorf": 1}
    assert german.get(query="xqzzy blorf").results == 0
    for address in ("192.0.2.1", "192.0.2.2"):  # two more visitors
        client.get("/de/search/", {"q": "deutschkurs"}, REMOTE_ADDR=address)
    popular = client.get("/de/search/").context["popular_queries"]
    assert popular == ["Deutschkurs"]  # as first typed; searches that found nothing are left out
    assert 'href="?q=Deutschkurs"' in client.get("/de/search/").content.decode()

    client.force_login(user_in(django_user_model, "Editors"))
    report = reverse("search_statistics")
    rows = client.get(report).context["object_list"]
    assert [(row["query"], row["total_searches"]) for row in rows][0] == ("deutschkurs", 4)
    missing = client.get(report, {"without_results": "true", "locale": german[0].locale_id})
    assert [row["query"] for row in missing.context["object_list"]] == ["xqzzy blorf"]
    exported = client.get(report, {"export": "csv"})
    assert "deutschkurs" in b"".join(exported.streaming_content).decode()

    client.force_login(user_in(django_user_model, "Translators"))
    assert client.get(report).status_code in (302, 403)
