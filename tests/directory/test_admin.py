"""Editors write offers in the admin and submit them; moderators approve; visitors see them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from directory.models import Actor, Offer, TargetGroup, Topic

pytestmark = pytest.mark.django_db


def user_in(django_user_model, group_name):
    user = django_user_model.objects.create_user(username=group_name, password="x" * 20)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def women():
    return TargetGroup.objects.get(slug="women", locale__language_code="de")


def offer_form(provider, topic, **changes):
    data = {
        "title": "Nähcafé für Frauen",
        "slug": "naehcafe-fuer-frauen",
        "provider": provider.pk,
        "summary": "Gemeinsam nähen und Deutsch sprechen.",
        "description": rich_text("<p>Jeden Mittwoch im Gemeindehaus.</p>"),
        "topics": inline_formset([{"topic": topic.pk}]),
        "target_groups": inline_formset([{"target_group": women().pk}]),
        "languages": inline_formset([{"language": "de"}, {"language": "ar"}]),
        "location": "provider",
        "street": "",
        "postcode": "",
        "place": "",
        "online_url": "",
        "schedule": "mittwochs 15–17 Uhr",
        "opening_hours": inline_formset([]),
        "is_free": "on",
        "cost_note": "",
        "registration_how": "",
        "eligibility": "",
        "valid_from": "",
        "valid_until": "",
        "status": "active",
    }
    data.update(changes)
    return nested_form_data(data)


def test_editor_submits_an_offer_and_a_moderator_publishes_it(
    client, django_user_model, small, directory_page
):
    provider = small["actors"][("t-school", "de")]
    topic = Topic.objects.get(slug="german-courses", locale__language_code="de")
    client.force_login(user_in(django_user_model, "Editors"))
    add_url = reverse("wagtailsnippets_directory_offer:add") + "?locale=de"
    data = offer_form(provider, topic)
    data["action-submit"] = "submit"
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""

    offer = Offer.objects.get(slug="naehcafe-fuer-frauen")
    assert not offer.live
    assert [row.language for row in offer.languages.all()] == ["de", "ar"]
    assert client.get(directory_page.url + "offers/naehcafe-fuer-frauen/").status_code == 404

    workflow_state = offer.current_workflow_state
    assert workflow_state is not None
    client.force_login(user_in(django_user_model, "Moderators"))
    approve = reverse(
        "wagtailsnippets_directory_offer:workflow_action",
        args=[offer.pk, "approve", workflow_state.current_task_state.pk],
    )
    assert client.post(approve).status_code in (200, 302)
    offer.refresh_from_db()
    assert offer.live
    page = client.get(directory_page.url + "offers/naehcafe-fuer-frauen/")
    assert page.status_code == 200
    assert "Nähcafé für Frauen" in page.content.decode()


def test_admin_rejects_an_online_offer_without_its_address(client, admin_user, small):
    client.force_login(admin_user)
    provider = small["actors"][("t-school", "de")]
    topic = Topic.objects.get(slug="german-courses", locale__language_code="de")
    response = client.post(
        reverse("wagtailsnippets_directory_offer:add") + "?locale=de",
        offer_form(provider, topic, location="online"),
    )
    assert response.status_code == 200
    assert "online_url" in response.context["form"].errors
    assert not Offer.objects.filter(slug="naehcafe-fuer-frauen").exists()


def test_editor_finds_outdated_offers_of_an_actor(client, admin_user, small):
    client.force_login(admin_user)
    provider = small["actors"][("t-school", "de")]
    response = client.get(
        reverse("wagtailsnippets_directory_offer:list"),
        {"provider": provider.pk, "outdated": "true"},
    )
    assert response.status_code == 200
    listed = {offer.title for offer in response.context["object_list"]}
    assert listed == {"Testsommer 2020"}
    assert Actor.objects.filter(pk=provider.pk).exists()


def test_translator_translates_an_offer_with_wagtail_localize(
    client, django_user_model, small, directory_page, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale
    from wagtail_localize.models import StringTranslation, Translation

    arabic = Locale.objects.get(language_code="ar")
    offer = small["offers"][("t-evening", "de")]
    translator = user_in(django_user_model, "Translators")
    translator.groups.add(Group.objects.get(name="Translators (ar)"))
    client.force_login(translator)
    for entry in [offer.topics.get().topic, offer.provider, offer]:
        if entry.has_translation(arabic):
            continue
        url = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[entry._meta.app_label, entry._meta.model_name, entry.pk],
        )
        response = client.post(url, {"locales": [arabic.pk]})
        assert response.status_code == 302, entry
    offer_ar = offer.get_translation(arabic)
    assert offer_ar.provider == offer.provider.get_translation(arabic)

    translation = Translation.objects.get(
        source__object_id=offer.translation_key, target_locale=arabic
    )
    for segment in translation.source.stringsegment_set.select_related("string", "context"):
        if segment.context.path == "title":
            StringTranslation.objects.update_or_create(
                translation_of=segment.string, locale=arabic, context=segment.context,
                defaults={"data": "دورة مسائية تجريبية"},
            )  # fmt: skip
    provider = Translation.objects.get(
        source__object_id=offer.provider.translation_key, target_locale=arabic
    )
    with django_capture_on_commit_callbacks(execute=True):  # a reviewer publishes both
        provider.save_target(publish=True)
        translation.save_target(publish=True)
    page_ar = directory_page.get_translation(arabic)
    response = client.get(page_ar.url + "offers/abendtestkurs/")
    assert response.status_code == 200
    assert "دورة مسائية تجريبية" in response.content.decode()


def test_preview_shows_the_offer_as_visitors_will_see_it(admin_client, small):
    offer = small["offers"][("t-course", "de")]
    url = reverse("wagtailsnippets_directory_offer:preview_on_edit", args=[offer.pk])
    topic = offer.topics.get().topic
    data = offer_form(offer.provider, topic, title="Vorschau des Frauenkurses")
    assert admin_client.post(url, data).json()["is_valid"]
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Vorschau des Frauenkurses" in response.content.decode()


def listed(client, url_name, query):
    response = client.get(reverse(url_name), {"q": query, "locale": "de"})
    assert response.status_code == 200
    return {str(entry) for entry in response.context["object_list"]}


def test_editors_search_actors_and_offers_in_the_database(client, admin_user, small):
    """The admin finds entries by name and provider, unpublished ones included, though they
    are in no search index but the site search's."""
    from wagtail.search.models import IndexEntry

    client.force_login(admin_user)
    provider = small["actors"][("t-school", "de")]
    small["offers"][("t-evening", "de")].unpublish()
    assert listed(client, "wagtailsnippets_directory_offer:list", "testkurs") == {
        "Testkurs für Frauen",
        "Abendtestkurs",
    }
    assert listed(client, "wagtailsnippets_directory_offer:list", "Lernwerkstatt") == {
        str(offer) for offer in Offer.objects.filter(provider=provider)
    }
    assert listed(client, "wagtailsnippets_directory_actor:list", "lernwerk") == {provider.name}
    assert not IndexEntry.objects.filter(
        content_type__app_label="directory", content_type__model__in=["actor", "offer"]
    ).exists()


def test_the_offer_chooser_finds_offers_by_title(client, admin_user, small):
    client.force_login(admin_user)
    url = reverse("wagtailsnippetchoosers_directory_offer:choose_results")
    response = client.get(url, {"locale": "de", "q": "abendtest"})
    assert response.status_code == 200
    assert [str(offer) for offer in response.context["results"]] == ["Abendtestkurs"]
