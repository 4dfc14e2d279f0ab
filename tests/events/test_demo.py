"""The demo network's events: series, a cancelled date, past events, in every language."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from events.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db
LANGUAGES = {"de", "en", "ar", "uk", "fa", "ru", "tr"}


def test_the_demo_has_series_single_and_past_events_translated_into_every_language():
    today = timezone.localdate()
    german = {event.slug: event for event in EventPage.objects.filter(locale__language_code="de")}
    assert german["plenum"].repeat == "monthly" and german["plenum"].kind == "plenary"
    working_group = german["ag-sprache"]
    assert [d.is_cancelled for d in working_group.dates()].count(True) == 1
    assert any(d.start.date() < today for d in working_group.dates())
    assert all(d.start.date() < today for d in german["infoabend-wohnungssuche"].dates())
    assert german["fachtag-gut-ankommen"].all_day
    arabic_evening = german["infoabend-ausbildung-arabisch"]
    assert [row.language for row in arabic_evening.languages.all()] == ["ar", "de"]
    for event in german.values():
        translations = event.get_translations(inclusive=True).filter(alias_of__isnull=True)
        assert set(translations.values_list("locale__language_code", flat=True)) == LANGUAGES
    titles = set(EventIndexPage.objects.values_list("title", flat=True))
    assert {"Termine", "Events", "المواعيد", "رویدادها"} <= titles


def test_loading_the_events_again_changes_nothing():
    pages = Page.objects.count()
    call_command("load_events_demo", verbosity=0)
    assert Page.objects.count() == pages
