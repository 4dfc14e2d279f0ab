"""Translators cannot publish source-language pages; moderators can."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Workflow
from wagtail.test.utils.form_data import nested_form_data, streamfield

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_user(django_user_model):
    def make(group_name):
        user = django_user_model.objects.create_user(
            username=group_name.lower(), password="not-a-real-password"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def publish_with_title(client, page, title):
    """Post the page editor's form with the Publish button and return the response."""
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "intro": page.intro,
            "body": streamfield([]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        }
    )
    data["action-publish"] = "publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_translator_cannot_publish_a_german_page(client, make_user, demo):
    translator = make_user("Translators")
    page = demo["coordination"]
    assert not page.permissions_for_user(translator).can_publish()
    client.force_login(translator)

    response = publish_with_title(client, page, "Übernommen vom Übersetzer")

    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.title != "Übernommen vom Übersetzer"
    assert page.live
    assert client.get(page.url).content.decode().count("Übernommen vom Übersetzer") == 0


def test_moderator_can_publish_a_german_page(client, make_user, demo):
    moderator = make_user("Moderators")
    page = demo["coordination"]
    assert page.permissions_for_user(moderator).can_publish()
    client.force_login(moderator)

    response = publish_with_title(client, page, "Koordinierungsstelle des Netzwerks")

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Koordinierungsstelle des Netzwerks"
    assert "Koordinierungsstelle des Netzwerks" in client.get(page.url).content.decode()


def test_translator_may_edit_translations_of_their_language_and_submit_them(make_user, demo):
    translator = make_user("Translators")
    translator.groups.add(Group.objects.get(name="Translators (uk)"))
    about_uk = demo["about"].get_translation(Locale.objects.get(language_code="uk"))
    permissions = about_uk.permissions_for_user(translator)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert translator.has_perm("wagtail_localize.submit_translation")
    about_ar = demo["about"].get_translation(Locale.objects.get(language_code="ar"))
    assert not about_ar.permissions_for_user(translator).can_edit()
    assert not demo["about"].permissions_for_user(translator).can_edit()


def test_source_tree_is_moderated_and_each_translated_tree_reviewed_in_its_language(demo):
    assert demo["home"].get_workflow() == Workflow.objects.get(name="Moderators approval")
    for code in ["en", "ar", "uk"]:
        home = demo["home"].get_translation(Locale.objects.get(language_code=code))
        workflow = home.get_workflow()
        assert workflow.name == f"Translation review ({code})"
        [task] = workflow.tasks.all()
        assert [group.name for group in task.specific.groups.all()] == [f"Reviewers ({code})"]
