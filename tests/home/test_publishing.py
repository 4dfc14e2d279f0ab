"""Publishing a page and adding it to every language tree is one step: all of it or nothing."""

import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.models import Q
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import ContentPage

pytestmark = pytest.mark.django_db

FAILED = "The page was not published: it could not be added to the pages in Українська."


@pytest.fixture
def ukrainian_tree_fails(monkeypatch):
    """Adding a page to the Ukrainian tree fails as on a locked database; other languages work.

    Returns the languages the page had reached when it failed (``monkeypatch.undo()`` ends it).
    """
    copy_for_translation = Page.copy_for_translation
    reached = set()

    def copy_unless_ukrainian(page, locale, *args, **kwargs):
        if locale.language_code == "uk":
            reached.update(languages_of_slug(page.slug))
            raise OperationalError("database is locked")
        return copy_for_translation(page, locale, *args, **kwargs)

    monkeypatch.setattr(Page, "copy_for_translation", copy_unless_ukrainian)
    return reached


def publish_form(title, slug, intro):
    """The page editor's form for a content page, sent with the Publish button."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": intro,
            "body": streamfield([]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        }
    )
    data["action-publish"] = "publish"
    return data


def languages_of(page_filter):
    return set(Page.objects.filter(page_filter).values_list("locale__language_code", flat=True))


def languages_of_slug(slug):
    return languages_of(Q(slug=slug))


@pytest.fixture
def languages_with_a_tree(demo):
    """The languages whose tree has a home page (the demo's German, English, Arabic, Ukrainian)."""
    return languages_of(Q(translation_key=demo["home"].translation_key))


def test_a_new_page_that_cannot_reach_one_language_is_not_published_and_the_editor_is_told(
    client, english_admin_client, demo, languages_with_a_tree, ukrainian_tree_fails, monkeypatch
):
    add_url = reverse("wagtailadmin_pages:add", args=["home", "contentpage", demo["home"].pk])
    form = publish_form("Ehrenamtsbörse", "ehrenamtsboerse", "Wer hilft beim Umzug?")

    response = english_admin_client.post(add_url, form)

    assert response.status_code == 200
    page = response.content.decode()
    assert FAILED in page
    assert "Wer hilft beim Umzug?" in page  # what the editor wrote is still in the form
    assert {"de", "en", "ar"} <= ukrainian_tree_fails  # reached before Ukrainian failed,
    assert languages_of_slug("ehrenamtsboerse") == set()  # and none of them was kept
    assert client.get("/de/ehrenamtsboerse/").status_code == 404

    monkeypatch.undo()
    response = english_admin_client.post(add_url, form)

    assert response.status_code == 302
    assert languages_of_slug("ehrenamtsboerse") == languages_with_a_tree
    assert "Wer hilft beim Umzug?" in client.get("/de/ehrenamtsboerse/").content.decode()


def test_a_draft_that_cannot_reach_one_language_stays_the_draft_it_was(
    english_admin_client, demo, languages_with_a_tree, ukrainian_tree_fails, monkeypatch
):
    draft = demo["home"].add_child(
        instance=ContentPage(title="Sprachcafé", slug="sprachcafe", intro="Entwurf", live=False)
    )
    draft.save_revision()
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    form = publish_form("Sprachcafé", "sprachcafe", "Jeden Dienstag um 17 Uhr.")

    response = english_admin_client.post(edit_url, form)

    assert response.status_code == 200
    page = response.content.decode()
    assert FAILED in page
    assert "Jeden Dienstag um 17 Uhr." in page
    draft.refresh_from_db()
    assert not draft.live and draft.first_published_at is None
    assert draft.get_latest_revision_as_object().intro == "Entwurf"
    assert {"de", "en", "ar"} <= ukrainian_tree_fails
    assert languages_of_slug("sprachcafe") == {settings.LANGUAGE_CODE}

    monkeypatch.undo()
    response = english_admin_client.post(edit_url, form)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live and draft.intro == "Jeden Dienstag um 17 Uhr."
    assert languages_of_slug("sprachcafe") == languages_with_a_tree
