"""Autosave keeps a new page the editor leaves as a draft; the next try still gets the address."""

import pytest
from django.urls import reverse
from wagtail.admin.models import EditingSession
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import ContentPage

pytestmark = pytest.mark.django_db

TAKEN = "is already in use within the parent page"


def page_form(title, slug, intro):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": intro,
            "body": streamfield([]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        }
    )


def autosave(client, url, intro, title="Sprachcafé", slug="sprachcafe"):
    """What the editor's browser sends after a change: the form, asking for JSON."""
    return client.post(url, page_form(title, slug, intro), HTTP_ACCEPT="application/json")


def start_page(client, parent, intro, title="Sprachcafé", slug="sprachcafe"):
    """An editor opens "Add page", types, and autosave turns the form into the draft's editor.

    Returns the draft and the editing session that the editor's browser holds.
    """
    add_url = reverse("wagtailadmin_pages:add", args=["home", "contentpage", parent.pk])
    saved = autosave(client, add_url, intro, title, slug).json()
    assert saved["success"], saved
    assert client.get(saved["hydrate_url"]).status_code == 200
    draft = ContentPage.objects.get(pk=saved["pk"])
    return draft, EditingSession.objects.filter(object_id=str(draft.pk)).latest("last_seen_at")


def leave(client, session):
    """What the editor's browser sends when they close the tab or go elsewhere."""
    client.post(reverse("wagtailadmin_editing_sessions:release", args=[session.pk]))


def test_autosave_saves_a_new_page_as_a_draft_that_stays_when_the_editor_leaves(
    english_admin_client, admin_user, demo
):
    add_url = reverse("wagtailadmin_pages:add", args=["home", "contentpage", demo["home"].pk])

    saved = autosave(english_admin_client, add_url, "Jeden Dienstag").json()

    assert saved["success"]
    assert saved["url"] == reverse("wagtailadmin_pages:edit", args=[saved["pk"]])
    draft = ContentPage.objects.get(pk=saved["pk"])
    assert (draft.slug, draft.intro, draft.live, draft.owner) == (
        "sprachcafe",
        "Jeden Dienstag",
        False,
        admin_user,
    )

    english_admin_client.get(saved["hydrate_url"])
    leave(english_admin_client, EditingSession.objects.get(object_id=str(draft.pk)))
    draft.refresh_from_db()
    assert draft.intro == "Jeden Dienstag" and not draft.live


def test_the_next_try_gets_the_address_and_the_left_draft_keeps_what_was_written(
    client, english_admin_client, demo
):
    left, session = start_page(english_admin_client, demo["home"], "Jeden Dienstag")
    leave(english_admin_client, session)

    retry, _session = start_page(english_admin_client, demo["home"], "Jeden Dienstag um 17 Uhr")
    data = page_form("Sprachcafé", "sprachcafe", "Jeden Dienstag um 17 Uhr")
    data["action-publish"] = "publish"
    response = english_admin_client.post(reverse("wagtailadmin_pages:edit", args=[retry.pk]), data)

    assert response.status_code == 302
    retry.refresh_from_db()
    assert retry.live and retry.slug == "sprachcafe"
    assert "Jeden Dienstag um 17 Uhr" in client.get("/de/sprachcafe/").content.decode()
    left.refresh_from_db()
    assert left.slug == "sprachcafe-1" and not left.live
    kept = left.get_latest_revision_as_object()
    assert (kept.slug, kept.intro) == ("sprachcafe-1", "Jeden Dienstag")
    told = english_admin_client.get(response.url).content.decode()
    assert "Your earlier draft “Sprachcafé”, which you had left, moved to" in told
    assert reverse("wagtailadmin_pages:edit", args=[left.pk]) in told


def test_the_address_is_given_up_also_when_the_new_page_reaches_it_while_typing(
    english_admin_client, demo
):
    left, session = start_page(english_admin_client, demo["home"], "Jeden Dienstag")
    leave(english_admin_client, session)
    typing, _session = start_page(english_admin_client, demo["home"], "", "Sprach", "sprach")

    edit_url = reverse("wagtailadmin_pages:edit", args=[typing.pk])
    saved = autosave(english_admin_client, edit_url, "Jeden Dienstag um 17 Uhr").json()

    assert saved["success"], saved
    typing.refresh_from_db()
    left.refresh_from_db()
    assert (typing.slug, left.slug) == ("sprachcafe", "sprachcafe-1")
    assert left.get_latest_revision_as_object().intro == "Jeden Dienstag"


def test_a_draft_still_open_or_started_by_someone_else_keeps_its_address(
    english_admin_client, demo, django_user_model
):
    add_url = reverse("wagtailadmin_pages:add", args=["home", "contentpage", demo["home"].pk])
    data = page_form("Sprachcafé", "sprachcafe", "Noch einmal")
    data["action-publish"] = "publish"

    open_draft, _session = start_page(english_admin_client, demo["home"], "Jeden Dienstag")
    response = english_admin_client.post(add_url, data)
    assert response.status_code == 200 and TAKEN in response.content.decode()

    open_draft.delete()
    colleague = django_user_model.objects.create_user(username="kollegin", password="x" * 20)
    demo["home"].add_child(
        instance=ContentPage(title="Sprachcafé", slug="sprachcafe", owner=colleague, live=False)
    )
    response = english_admin_client.post(add_url, data)
    assert response.status_code == 200 and TAKEN in response.content.decode()
    assert ContentPage.objects.get(slug="sprachcafe").owner == colleague
