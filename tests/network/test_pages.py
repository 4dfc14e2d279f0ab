"""Working groups' pages: purpose, member organisations, contact persons with consent,
documents and their next meetings, in every language; the events filtered by group."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from events.models import EventPage
from network.models import WorkingGroupIndexPage, WorkingGroupPage

from .conftest import LANGUAGES

pytestmark = pytest.mark.django_db


def test_the_index_lists_the_groups_in_every_language(client):
    for index in WorkingGroupIndexPage.objects.live():
        response = client.get(index.get_url())
        assert response.status_code == 200
        text = response.content.decode()
        groups = WorkingGroupPage.objects.live().child_of(index)
        assert groups.count() == 5
        for group in groups:
            assert escape(group.title) in text


def test_a_group_page_shows_purpose_members_contacts_documents_and_next_meetings(
    client, groups, django_assert_max_num_queries
):
    group = groups["ag-sprache"]
    with django_assert_max_num_queries(50):
        response = client.get(group.get_url())
    text = response.content.decode()
    assert response.status_code == 200
    assert group.teaser in text
    assert "Kurse nicht gleichzeitig stattfinden" in text  # the purpose
    assert "Volkshochschule Lindental" in text and "Willkommenskreis Auental" in text
    assert "Jana Petrović" in text and "ag-sprache@lindental.example" in text
    assert "Übersicht der Deutschkurse im Landkreis" in text
    assert "/documents/" in text
    next_dates = response.context["next_dates"]
    assert next_dates and all(card["event"].working_group_id == group.pk for card in next_dates)
    today = timezone.localdate()
    assert all(timezone.localdate(card["date"].end) >= today for card in next_dates)
    assert [item["event"].slug for item in response.context["series"]] == ["ag-sprache"]
    assert "?working_group=ag-sprache" in text
    assert "/de/mitgliederbereich/" in text  # where the minutes are
    arabic = group.get_translation(group.locale.__class__.objects.get(language_code="ar"))
    arabic_text = client.get(arabic.get_url()).content.decode()
    assert "Übersicht der Deutschkurse im Landkreis" in arabic_text


def test_the_query_count_does_not_grow_with_the_members(
    client, groups, django_assert_max_num_queries
):
    from directory.models import Actor
    from network.models import WorkingGroupMember

    group = groups["ag-gesundheit"]
    with CaptureQueriesContext(connection) as few:
        client.get(group.get_url())
    for actor in Actor.objects.filter(locale=group.locale)[:10]:
        WorkingGroupMember.objects.create(page=group, actor=actor, locale=group.locale)
    cache.clear()
    with django_assert_max_num_queries(len(few)):
        response = client.get(group.get_url())
    assert len(response.context["member_organisations"]) >= 10


GROUP_QUERIES = 15  # the frame, the routing, contacts, documents, the next dates
INDEX_QUERIES = 11  # the frame and the routing; the groups are read once per content version


def test_the_index_reads_its_groups_in_few_queries_and_shows_a_new_one_at_once(client):
    index = WorkingGroupIndexPage.objects.get(locale__language_code="de")
    client.get(index.get_url())
    with CaptureQueriesContext(connection) as queries:
        client.get(index.get_url(), {"n": "1"})  # past the page cache
    assert len(queries) <= INDEX_QUERIES
    group = WorkingGroupPage(
        title="AG Sport", slug="ag-sport", teaser="Sportangebote für alle im Landkreis."
    )
    index.add_child(instance=group)
    group.save_revision().publish()
    assert "AG Sport" in client.get(index.get_url()).content.decode()


def test_a_group_page_reads_its_meetings_in_few_queries_and_shows_a_new_series_at_once(
    client, groups
):
    from datetime import datetime, timedelta

    from events.models import EventIndexPage

    group = groups["ag-wohnen"]
    client.get(group.get_url())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(group.get_url(), {"n": "1"})  # past the page cache
    assert len(queries) <= GROUP_QUERIES
    series = [item["event"].slug for item in response.context["series"]]
    assert "treffen-ag-wohnen" not in series

    index = EventIndexPage.objects.get(locale=group.locale)
    start = timezone.make_aware(datetime.combine(timezone.localdate(), datetime.min.time()))
    event = EventPage(
        title="Treffen der AG Wohnen",
        slug="treffen-ag-wohnen",
        teaser="Die AG trifft sich jeden Monat.",
        kind="working_group",
        start=start + timedelta(days=3, hours=17),
        end=start + timedelta(days=3, hours=19),
        repeat="monthly",
        repeat_until=timezone.localdate() + timedelta(days=90),
        working_group=group,
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    response = client.get(group.get_url(), {"n": "2"})
    assert {item["event"].slug for item in response.context["series"]} == {
        *series,
        "treffen-ag-wohnen",
    }
    assert event.pk in {card["event"].pk for card in response.context["next_dates"]}


def test_a_contact_person_without_consent_stays_in_the_admin(client, groups):
    group = groups["ag-wohnen"]
    assert group.contacts.get().name == "Sabine Krüger"
    text = client.get(group.get_url()).content.decode()
    assert "Sabine Krüger" not in text and "ag-wohnen@lindental.example" not in text


def test_translated_groups_name_members_in_their_language(client, groups):
    source = groups["ag-arbeit"]
    for language in LANGUAGES:
        group = source.get_translation(source.locale.__class__.objects.get(language_code=language))
        assert not group.alias_of_id, language
        response = client.get(group.get_url())
        assert response.status_code == 200
        assert group.title in response.content.decode()
        members = response.context["member_organisations"]
        assert len(members) == 5
        translated = {actor.locale.language_code for actor in members}
        assert translated <= {language, "de"}


def test_every_translation_of_a_meeting_names_the_same_group(groups):
    group = groups["ag-wohnen"]
    series = EventPage.objects.filter(working_group=group)
    assert set(series.values_list("locale__language_code", flat=True)) == set(LANGUAGES)
    assert len(set(series.values_list("translation_key", flat=True))) == 1


def test_the_event_page_links_its_group_in_the_visitors_language(client, groups):
    group = groups["ag-kinder"]
    event = EventPage.objects.get(working_group=group, locale__language_code="uk")
    text = client.get(event.get_url()).content.decode()
    ukrainian = group.get_translation(event.locale)
    assert ukrainian.get_url() in text and ukrainian.title in text


def test_the_events_index_filters_by_working_group(client, groups):
    from events.models import EventIndexPage

    index = EventIndexPage.objects.get(locale__language_code="en")
    response = client.get(index.get_url(), {"working_group": "ag-wohnen"})
    cards = response.context["results"].object_list
    assert cards
    assert {card["event"].working_group_id for card in cards} == {groups["ag-wohnen"].pk}
    facet = {value.value: value for value in response.context["facets"]["working_group"]}
    assert facet["ag-wohnen"].selected and facet["ag-wohnen"].label == "Working group on housing"
    assert facet["ag-arbeit"].count == 1
    unknown = client.get(index.get_url(), {"working_group": "nonsense"})
    assert unknown.status_code == 200
    assert unknown.context["filters"].errors
    assert len(unknown.context["results"].object_list) > len(cards)


def test_a_group_page_is_found_by_the_search(client, groups):
    from django.core.management import call_command

    call_command("rebuild_search", verbosity=0)
    text = client.get("/de/search/", {"q": "Arbeitsgruppe Gesundheit"}).content.decode()
    assert groups["ag-gesundheit"].get_url() in text
