"""Editors find events in the admin and write a series with a change to one date."""

from datetime import date

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.models import EventPage

pytestmark = pytest.mark.django_db


def test_admin_listing_finds_events_by_kind_and_status(admin_client, make_event):
    make_event("Abgesagter Kursbeginn", kind="course_start", status="cancelled")
    listing = reverse("event_pages:index")

    def listed(**params):
        response = admin_client.get(listing, params)
        assert response.status_code == 200
        return {page.title for page in response.context["pages"]}

    assert "Plenum des Integrationsnetzwerks" in listed()
    assert listed(kind="course_start") == {"Abgesagter Kursbeginn"}
    assert listed(event_status="cancelled") == {"Abgesagter Kursbeginn"}


def event_form(**changes):
    """The admin's form for a new monthly series with one cancelled date."""
    fields = {
        "title": "AG Pflege",
        "slug": "ag-pflege",
        "teaser": "Die Arbeitsgruppe trifft sich monatlich.",
        "kind": "working_group",
        "status": "scheduled",
        "start": "2027-03-09 17:00",
        "end": "2027-03-09 18:30",
        "repeat": "monthly",
        "repeat_interval": "1",
        "repeat_week_of_month": "2",
        "repeat_until": "2027-12-31",
        "attendance": "in_person",
        "online_link_lead_minutes": "30",
        "is_free": "on",
        "registration": "none",
        "body": streamfield([]),
        "date_changes": inline_formset(
            [{"date": "2027-04-13", "cancelled": "on", "note": "Ferien"}]
        ),
        "organisers": inline_formset([]),
        "topics": inline_formset([]),
        "target_groups": inline_formset([]),
        "languages": inline_formset([{"language": "de"}]),
        "comments": inline_formset([]),
        "action-publish": "publish",
    }
    return nested_form_data(fields | changes)


def test_an_editor_writes_a_series_once_and_cancels_one_date(admin_client, indexes):
    add = reverse("wagtailadmin_pages:add", args=("events", "eventpage", indexes["de"].pk))
    response = admin_client.post(add, event_form())
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="ag-pflege", locale__language_code="de")
    assert event.live and event.rule == "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20271231T225959Z"
    dates = event.dates()
    assert len(dates) == 10
    assert [d.start.date() for d in dates if d.is_cancelled] == [date(2027, 4, 13)]


def test_a_change_to_a_day_the_series_does_not_have_is_refused(admin_client, indexes):
    add = reverse("wagtailadmin_pages:add", args=("events", "eventpage", indexes["de"].pk))
    wrong_day = inline_formset([{"date": "2027-04-14", "cancelled": "on", "note": ""}])
    response = admin_client.post(add, event_form(date_changes=wrong_day))
    assert response.status_code == 200
    assert not EventPage.objects.filter(slug="ag-pflege").exists()
    assert "14. April 2027 ist kein Termin dieser Veranstaltung." in response.content.decode()


def test_publishing_in_the_admin_raises_the_calendar_sequence_for_when_and_where_only(
    admin_client, indexes
):
    add = reverse("wagtailadmin_pages:add", args=("events", "eventpage", indexes["de"].pk))
    assert admin_client.post(add, event_form()).status_code == 302
    event = EventPage.objects.get(slug="ag-pflege", locale__language_code="de")
    edit = reverse("wagtailadmin_pages:edit", args=(event.pk,))
    fields = {}

    def post(publish=True, **changes):
        fields.update(changes)
        form = event_form(**fields)
        if not publish:
            del form["action-publish"]
        response = admin_client.post(edit, form)
        assert response.status_code == 302, response.context["form"].errors
        return EventPage.objects.get(pk=event.pk).sequence

    assert event.sequence == 0
    assert post(teaser="Jeden zweiten Dienstag im Monat.", title="AG Pflege und Gesundheit") == 0
    assert post(start="2027-03-09 17:30", end="2027-03-09 19:00") == 1
    assert post(publish=False, venue="Rathaus, Raum 2") == 1  # a draft
    assert post() == 2  # the draft published
    moved = inline_formset(
        [{"date": "2027-04-13", "cancelled": "", "new_start": "2027-04-14 17:30", "note": ""}]
    )
    assert post(date_changes=moved) == 3
