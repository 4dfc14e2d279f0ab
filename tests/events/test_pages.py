"""Visitors find the network's events: upcoming dates with filters, the archive, event pages."""

import json
import re
from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventPage

from .conftest import at

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def listed(response):
    return [(card["event"].title, card["date"]) for card in response.context["results"]]


def json_ld(text):
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    return json.loads(found.group(1))


def test_index_lists_upcoming_dates_soonest_first_with_cancelled_dates_marked(client, indexes):
    response = client.get(indexes["de"].url)
    dates = [date for _title, date in listed(response)]
    assert dates == sorted(dates, key=lambda date: date.start)
    today = timezone.localdate()
    assert all((date.end or date.start).date() >= today for date in dates)
    titles = [title for title, _date in listed(response)]
    assert "Arbeitsgruppe Sprache" in titles and "Plenum des Integrationsnetzwerks" in titles
    assert "Informationsabend: Wohnungssuche im Landkreis" not in titles  # in the past
    cancelled = [date for date in dates if date.is_cancelled]
    assert len(cancelled) == 1  # the demo's working group skips one date, which stays listed
    text = html(response)
    assert "event-card--cancelled" in text and "Fällt wegen der Schulferien aus." in text


def test_filters_narrow_the_dates_and_count_events(client, indexes, make_event):
    make_event("Sprachcafé-Treffen", topics=("german-courses",), languages=("uk",), place="auental")
    response = client.get(indexes["de"].url, {"topic": "language-courses"})
    titles = {title for title, _date in listed(response)}
    # the subtopic German courses counts as language
    assert titles == {"Arbeitsgruppe Sprache", "Sprachcafé-Treffen"}
    facets = response.context["facets"]
    language = {value.value: value.count for value in facets["language"]}
    assert language["uk"] == 1 and language["de"] == 1  # events, not dates
    places = {value.value: value.count for value in facets["place"]}
    assert places["auental"] == 1 and places["lindenau"] == 1
    kinds = {value.value: value.count for value in facets["kind"]}
    assert kinds == {**kinds, "working_group": 1, "other": 1, "conference": 0}
    both = client.get(indexes["de"].url, {"topic": "language-courses", "language": "uk"})
    assert {title for title, _date in listed(both)} == {"Sprachcafé-Treffen"}
    assert 'value="uk" checked' in html(both)
    kind = client.get(indexes["de"].url, {"kind": "information_evening"})
    assert {title for title, _date in listed(kind)} == {
        "Informationsabend auf Arabisch: Ausbildung in Deutschland"
    }


def test_an_unknown_filter_is_named_and_left_out(client, indexes):
    response = client.get(indexes["de"].url, {"kind": "party"})
    assert response.context["filters"].kind == ""
    assert "„party“" in html(response) or "“party”" in html(response)
    assert len(listed(response)) == len(listed(client.get(indexes["de"].url)))


def test_the_archive_lists_past_dates_by_year_latest_first(client, indexes, make_event):
    past_day = date(timezone.localdate().year - 2, 6, 3)
    make_event("Alter Fachtag", start=at(past_day, "09:00"), kind="conference")
    index = client.get(indexes["de"].url)
    years = index.context["years"]
    assert past_day.year in years and years == sorted(years, reverse=True)
    archive = client.get(indexes["de"].url + f"archive/{past_day.year}/")
    assert [title for title, _date in listed(archive)] == ["Alter Fachtag"]
    assert f"<h1>Vergangene Termine {past_day.year}</h1>" in html(archive)
    this_year = client.get(indexes["de"].url + f"archive/{years[0]}/")
    dates = [date for _title, date in listed(this_year)]
    assert dates == sorted(dates, key=lambda date: date.start, reverse=True)
    assert client.get(indexes["de"].url + "archive/1999/").status_code == 404


def test_upcoming_dates_are_paginated(client, indexes, make_event):
    make_event(
        "Wöchentliche Sprechstunde",
        repeat="weekly",
        repeat_until=timezone.localdate() + timedelta(days=7 * 30),
    )
    first = client.get(indexes["de"].url)
    assert first.context["results"].paginator.num_pages >= 2
    second = client.get(indexes["de"].url, {"page": 2})
    assert listed(second)[0][1].start >= listed(first)[-1][1].start
    assert 'rel="next"' in html(first)


def test_event_page_describes_the_event_for_people_and_machines(client, indexes):
    event = EventPage.objects.get(slug="ag-sprache", locale__language_code="de")
    text = html(client.get(event.url))
    assert "Volkshochschule, Raum 2" in text and "Schulstraße 15" in text
    assert "https://www.openstreetmap.org/search?query=" in text
    assert "Volkshochschule Lindental" in text  # the organiser, linked to the directory
    assert 'class="event-dates__cancelled"' in text
    assert '<meta property="og:title" content="Arbeitsgruppe Sprache">' in text
    assert 'href="/de/termine/ag-sprache/calendar/"' in text
    events = json_ld(text)
    assert all(item["@type"] == "Event" for item in events)
    statuses = {item["eventStatus"] for item in events}
    assert statuses == {"https://schema.org/EventScheduled", "https://schema.org/EventCancelled"}
    first = events[0]
    assert first["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert first["startDate"].endswith(("+01:00", "+02:00")) and "T17:00:00" in first["startDate"]
    assert first["location"][0]["address"]["postalCode"] == "99991"
    assert first["organizer"] == [{"@type": "Organization", "name": "Volkshochschule Lindental"}]


def test_the_online_address_shows_only_shortly_before_the_start(client, make_event):
    soon = make_event(
        "Online-Treffen",
        start=timezone.now() + timedelta(minutes=20),
        attendance="online",
        online_url="https://meet.example.org/treffen",
        online_link_lead_minutes=30,
    )
    later = make_event(
        "Späteres Online-Treffen",
        start=timezone.now() + timedelta(days=2),
        attendance="online",
        online_url="https://meet.example.org/spaeter",
    )
    assert 'href="https://meet.example.org/treffen"' in html(client.get(soon.url))
    later_page = client.get(later.url)
    assert "meet.example.org/spaeter" not in html(later_page)
    assert "erscheint hier am" in html(later_page)


def test_a_page_whose_online_address_appears_today_is_not_kept_in_the_page_cache(
    client, make_event
):
    """Asked at noon (an hour before the start is today at any time the test runs)."""
    noon = at(timezone.localdate(), "12:00")
    event = make_event(
        "Heute online",
        start=noon + timedelta(hours=1),
        end=noon + timedelta(hours=2),
        attendance="online",
        online_url="https://meet.example.org/heute",
        online_link_lead_minutes=10,
    )
    with mock.patch("django.utils.timezone.now", return_value=noon):
        response = client.get(event.url)
    assert "private" in response["Cache-Control"]


def test_the_arabic_event_page_reads_right_to_left(client, indexes):
    source = EventPage.objects.get(slug="infoabend-ausbildung-arabisch", locale__language_code="de")
    arabic = source.get_translation(indexes["ar"].locale)
    text = html(client.get(arabic.url))
    assert '<html lang="ar" dir="rtl">' in text
    assert "أمسية معلومات باللغة العربية" in text
    assert "أضف إلى التقويم" in text  # "Add to calendar"
    assert json_ld(text)[0]["inLanguage"] == "ar"
    listing = html(client.get(indexes["ar"].url))
    assert "أمسية معلومات باللغة العربية" in listing


def test_the_home_page_shows_the_next_three_dates(client, demo):
    response = client.get(demo["home"].url)
    text = html(response)
    section = text.split('id="next-events-heading"')[1].split("</section>")[0]
    assert section.count('class="card event-card') == 3
    assert 'href="/de/termine/"' in section


def test_the_events_index_is_in_the_main_menu(client, demo):
    menu = html(client.get(demo["home"].url)).split('class="main-menu"')[1].split("</nav>")[0]
    assert 'href="/de/termine/"' in menu


def count_queries(client, url):
    """Queries of rendering ``url`` (the page cache stores no answer to an unknown query)."""
    client.get(url, {"n": "1"})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"n": "2"}).status_code == 200
    return len(queries)


# The frame and the routing, then the event's dates and locale; the rest (the events of the
# cards, the place, the topics, the organisers, the reports, the working group, the index, the
# directory page) is read once per content version.
INDEX_QUERIES = 11
EVENT_QUERIES = 14


def test_query_counts_do_not_grow_with_the_number_of_events(client, indexes, make_event):
    event = EventPage.objects.get(slug="ag-sprache", locale__language_code="de")
    urls = [indexes["de"].url, event.url, event.url + "calendar/", "/de/"]
    before = [count_queries(client, url) for url in urls]
    assert before[0] <= INDEX_QUERIES and before[1] <= EVENT_QUERIES
    for number in range(10):  # a hundred dates in ten weeks: five pages of the index
        make_event(
            f"Termin {number}",
            topics=("housing",),
            place="bergfeld",
            repeat="weekly",
            repeat_until=timezone.localdate() + timedelta(days=70),
        )
    assert [count_queries(client, url) for url in urls] == before
