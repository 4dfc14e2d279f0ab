"""The demo's working groups, meetings, members' area and member login."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from events.models import EventPage
from network.members import MEMBERS_GROUP
from network.models import MinutesPage, WorkingGroupPage

from .conftest import LANGUAGES

pytestmark = pytest.mark.django_db


def test_five_groups_translated_into_every_language_each_with_a_monthly_series(groups):
    assert set(groups) == {"ag-sprache", "ag-arbeit", "ag-wohnen", "ag-gesundheit", "ag-kinder"}
    for group in groups.values():
        translations = group.get_translations(inclusive=True).filter(alias_of__isnull=True)
        assert set(translations.values_list("locale__language_code", flat=True)) == set(LANGUAGES)
        assert group.members.count() >= 3
        series = EventPage.objects.get(working_group=group, locale=group.locale)
        assert series.repeat == "monthly" and series.kind == "working_group"
        assert series.live
    assert WorkingGroupPage.objects.filter(locale__language_code="fa").count() == 5


def test_the_members_area_has_minutes():
    assert MinutesPage.objects.filter(locale__language_code="de").count() == 3


def test_loading_the_demo_again_changes_nothing():
    pages = Page.objects.count()
    call_command("load_network_demo", verbosity=0)
    assert Page.objects.count() == pages


def test_the_member_login_is_printed_once(capsys, django_user_model):
    call_command("ensure_member")
    first = capsys.readouterr().out
    user = django_user_model.objects.get(username="member")
    assert [group.name for group in user.groups.all()] == [MEMBERS_GROUP]
    password = first.split("with the password ")[1].strip().strip("'")
    assert user.check_password(password)
    call_command("ensure_member")
    second = capsys.readouterr().out
    assert password not in second and "exists already" in second
