"""Visitors find events in the site search, each with the date that matters on the day they
search: the next one, or the last one of an event that is over."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import EventPage
from search.models import SearchDocument
from tests.events.conftest import at

pytestmark = pytest.mark.django_db


def search(client, language, query, **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response


def result_of(response, title):
    results = [result for result in response.context["results"] if result.title == title]
    assert results, f"{title} not found"
    return results[0]


def shown_start(response, date):
    """Whether the page shows ``date``'s start as a machine-readable time."""
    return f'datetime="{timezone.localtime(date.start).isoformat()}"' in response.content.decode()


def test_an_event_is_found_with_its_kind_and_next_date(client):
    response = search(client, "de", "Arbeitsgruppe Sprache")
    event = EventPage.objects.get(slug="ag-sprache", locale__language_code="de")
    result = result_of(response, event.title)
    assert result.kind == "event" and result.link == event.url
    today = timezone.localdate()
    next_held = next(
        date
        for date in event.dates()
        if timezone.localdate(date.end) >= today and not date.is_cancelled
    )
    assert result.date.date == next_held and not result.date.is_past
    text = response.content.decode()
    assert '<span class="badge">Termin</span>' in text
    assert "Nächster Termin:" in text  # a series says which of its dates it shows
    assert shown_start(response, next_held)
    kinds = {option.value: option for option in response.context["facets"]["type"]}
    assert kinds["event"].label == "Termin" and kinds["event"].count >= 1
    only_events = search(client, "de", "Arbeitsgruppe Sprache", type="event")
    assert {result.kind for result in only_events.context["results"]} == {"event"}


def test_the_date_is_read_when_the_results_are_shown_not_when_indexed(client, make_event):
    """A weekly series indexed weeks ago shows the date of this week, not its first one."""
    first = at(timezone.localdate() - timedelta(days=13))
    event = make_event(
        "Wochentreff Zählwerk",
        start=first,
        repeat="weekly",
        repeat_until=first.date() + timedelta(days=60),
    )
    response = search(client, "de", "Wochentreff Zählwerk")
    shown = result_of(response, event.title).date.date
    assert shown.start.date() == first.date() + timedelta(days=14)
    assert shown_start(response, shown) and not shown_start(response, event.dates()[0])
    # Moved without a new document (no signal): the results follow the event, not the index.
    indexed = SearchDocument.objects.get(object_id=event.pk, kind="event")
    EventPage.objects.filter(pk=event.pk).update(start=first + timedelta(days=1))
    cache.clear()
    later = result_of(search(client, "de", "Wochentreff Zählwerk"), event.title).date.date
    assert later.start.date() == first.date() + timedelta(days=15)
    assert SearchDocument.objects.get(pk=indexed.pk).summary == indexed.summary


def test_a_past_event_shows_its_last_date_and_a_cancelled_one_is_marked(client, make_event):
    past = EventPage.objects.get(slug="fachtag-gut-ankommen", locale__language_code="de")
    response = search(client, "de", past.title)
    result = result_of(response, past.title)
    assert result.date.is_past and result.date.date == past.dates()[-1]
    text = response.content.decode()
    assert '<span class="badge">Vergangener Termin</span>' in text
    assert f'datetime="{timezone.localdate(past.start).isoformat()}"' in text  # all day

    cancelled = make_event("Sommerfest Zählwerk", status="cancelled")
    response = search(client, "de", "Sommerfest Zählwerk")
    assert result_of(response, cancelled.title).date.is_cancelled
    assert "badge--cancelled" in response.content.decode()


def test_an_arabic_visitor_finds_the_event_in_arabic_in_their_tree(client):
    event = EventPage.objects.get(slug="infoabend-ausbildung-arabisch", locale__language_code="de")
    arabic = EventPage.objects.get(
        translation_key=event.translation_key, locale__language_code="ar"
    )
    response = search(client, "ar", arabic.title)
    result = result_of(response, arabic.title)
    assert result.link == arabic.url and result.link.startswith("/ar/")
    assert "موعد" in response.content.decode()  # the kind's badge, in Arabic


def first_search_queries(client, query):
    """The queries of a search whose results are not yet rendered and cached."""
    cache.clear()
    client.get("/de/search/", {"q": "Aufwärmen"})  # fills the caches of the page's frame
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/de/search/", {"q": query, "type": "event"}).status_code == 200
    return len(queries)


def test_the_dates_of_many_events_cost_no_more_queries_than_of_one(client, make_event):
    make_event(
        "Lesecafé Zählwerk 0",
        repeat="weekly",
        repeat_until=timezone.localdate() + timedelta(days=90),
    )
    one = first_search_queries(client, "Lesecafé")
    for number in range(1, 12):
        make_event(
            f"Lesecafé Zählwerk {number}",
            repeat="weekly",
            repeat_until=timezone.localdate() + timedelta(days=90),
            changes=[],
        )
    response = search(client, "de", "Lesecafé", type="event")
    assert response.context["results"].paginator.count == 12
    assert all(result.date for result in response.context["results"])
    assert first_search_queries(client, "Lesecafé") <= one
