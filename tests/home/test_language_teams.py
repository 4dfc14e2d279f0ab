"""Translators work in their own language only, enforced on the server; reviewers publish."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale
from wagtail.permissions import policy_registry
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from directory.models import Actor, Offer
from home.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabic_translator(django_user_model):
    user = django_user_model.objects.create_user(username="amira", password="x" * 20)
    user.groups.add(
        Group.objects.get(name="Translators"), Group.objects.get(name="Translators (ar)")
    )
    return user


def offer_in(code):
    return (
        Offer.objects.filter(locale__language_code=code, live=True).order_by("external_id").first()
    )


def snippet_url(action, offer):
    return reverse(f"wagtailsnippets_directory_offer:{action}", args=[offer.pk])


def test_snippets_of_other_languages_are_closed_to_a_translator(client, arabic_translator, demo):
    client.force_login(arabic_translator)
    assert client.get(snippet_url("edit", offer_in("ar"))).status_code == 200
    german = offer_in("de")
    assert client.get(snippet_url("edit", german)).status_code == 403
    assert client.get(snippet_url("edit", offer_in("en"))).status_code == 403
    response = client.post(
        snippet_url("edit", german), {"title": "Übernommen", "slug": german.slug}
    )
    assert response.status_code == 403
    german.refresh_from_db()
    assert german.title != "Übernommen"
    add = reverse("wagtailsnippets_directory_offer:add")
    assert client.get(add, {"locale": "de"}).status_code == 403
    assert client.get(add, {"locale": "ar"}).status_code == 200


def test_a_translators_lists_show_their_language_and_the_source_only(
    client, arabic_translator, demo
):
    client.force_login(arabic_translator)
    every_language = {"locale": ""}
    for url_name, model in [
        ("wagtailsnippets_directory_offer:list", Offer),
        ("wagtailsnippets_directory_actor:list", Actor),
    ]:
        listed = client.get(reverse(url_name), every_language).context["paginator"].object_list
        assert {item.locale.language_code for item in listed} == {"de", "ar"}, url_name
        ukrainian = client.get(reverse(url_name), {"locale": "uk"}).context["paginator"]
        assert ukrainian.count == 0, url_name
        assert model.objects.filter(locale__language_code="uk").exists()


def test_the_offers_permission_policy_keeps_a_translator_to_their_language(arabic_translator, demo):
    policy = policy_registry.get_by_type(Offer)
    assert policy.user_has_permission_for_instance(arabic_translator, "change", offer_in("ar"))
    assert not policy.user_has_permission_for_instance(arabic_translator, "change", offer_in("de"))
    changeable = policy.instances_user_has_permission_for(arabic_translator, "change")
    assert set(changeable.values_list("locale__language_code", flat=True)) == {"ar"}


def test_a_translator_may_start_translations_only_into_their_languages(
    client, arabic_translator, small
):
    german = small["offers"][("t-evening", "de")]
    Offer.objects.filter(translation_key=german.translation_key).exclude(pk=german.pk).delete()
    url = reverse(
        "wagtail_localize:submit_snippet_translation",
        args=["directory", "offer", german.pk],
    )
    arabic, russian = (Locale.objects.get(language_code=code) for code in ("ar", "ru"))
    client.force_login(arabic_translator)
    for refused in ([russian.pk], [arabic.pk, russian.pk], ["x"]):
        assert client.post(url, {"locales": refused}).status_code == 403
    assert not Offer.objects.filter(translation_key=german.translation_key, locale=russian)
    assert client.post(url, {"locales": [arabic.pk]}).status_code == 302
    assert Offer.objects.filter(translation_key=german.translation_key, locale=arabic).exists()


def test_translation_editor_endpoints_of_other_languages_answer_403(
    client, arabic_translator, demo
):
    source = TranslationSource.objects.get(object_id=demo["about"].translation_key)
    english = Translation.objects.get(source=source, target_locale__language_code="en")
    arabic = Translation.objects.get(source=source, target_locale__language_code="ar")
    client.force_login(arabic_translator)
    assert (
        client.get(reverse("wagtail_localize:download_pofile", args=[english.pk])).status_code
        == 403
    )
    assert (
        client.get(reverse("wagtail_localize:download_pofile", args=[arabic.pk])).status_code == 200
    )


def test_a_translator_submits_and_a_reviewer_of_the_language_publishes(
    client, django_user_model, arabic_translator, demo
):
    arabic, english = (Locale.objects.get(language_code=code) for code in ("ar", "en"))
    source = TranslationSource.objects.get(object_id=demo["coordination"].translation_key)
    page = demo["coordination"].get_translation(arabic)
    client.force_login(arabic_translator)
    submit = "submit_translation_for_review"
    to_english = Translation.objects.get(source=source, target_locale=english)
    assert client.post(reverse(submit, args=[to_english.pk])).status_code == 403

    # the translator changes the title in the translation editor (saved string by string)
    StringTranslation.objects.filter(
        locale=arabic, translation_of__data=demo["coordination"].title
    ).update(data="مكتب التنسيق في الشبكة")
    to_arabic = Translation.objects.get(source=source, target_locale=arabic)
    assert client.post(reverse(submit, args=[to_arabic.pk])).status_code == 302
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state.workflow.name == "Translation review (ar)"
    assert page.title != "مكتب التنسيق في الشبكة"  # a draft until it is approved

    reviewer = django_user_model.objects.create_user(username="reviewer", password="x" * 20)
    reviewer.groups.add(
        Group.objects.get(name="Translators"), Group.objects.get(name="Reviewers (ar)")
    )
    client.force_login(reviewer)
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    assert client.post(approve).status_code in (200, 302)
    page.refresh_from_db()
    assert page.live and page.title == "مكتب التنسيق في الشبكة"
    assert "مكتب التنسيق في الشبكة" in client.get(page.url).content.decode()


def test_the_dashboard_counts_the_translators_own_languages(client, arabic_translator, demo):
    client.force_login(arabic_translator)
    text = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "?locale=ar&amp;state=needs_work" in text
    assert "?locale=en&amp;state=needs_work" not in text


def test_translators_hear_when_a_source_they_translated_is_published_again(
    django_user_model, arabic_translator, demo, mailoutbox
):
    arabic_translator.email = "amira@example.org"
    arabic_translator.save()
    page = demo["coordination"]
    page.title = "Koordinierungsstelle (neu)"
    page.save_revision().publish()
    [message] = [mail for mail in mailoutbox if "amira@example.org" in mail.to]
    assert "Koordinierungsstelle (neu)" in message.subject
    assert "/admin/translations/?locale=ar&state=outdated" in message.body

    mailoutbox.clear()
    untranslated = demo["home"].add_child(
        instance=ContentPage(title="Nur Deutsch", slug="nur-deutsch")
    )
    untranslated.save_revision().publish()
    assert mailoutbox == []  # nothing to update anywhere


def test_each_translator_hears_in_the_language_they_read_the_admin_in(
    django_user_model, arabic_translator, demo, mailoutbox
):
    from django.utils import translation
    from wagtail.users.models import UserProfile

    arabic_translator.email = "amira@example.org"
    arabic_translator.save()
    profile = UserProfile.get_for_user(arabic_translator)
    profile.preferred_language = "ar"
    profile.save()
    colleague = django_user_model.objects.create_user(
        username="karim", password="x" * 20, email="karim@example.org"
    )
    colleague.groups.add(*arabic_translator.groups.all())
    page = demo["coordination"]
    page.title = "Koordinierungsstelle (neu)"
    page.save_revision().publish()

    subject = "“%(title)s” changed: please update its translation"
    for address, language in (("amira@example.org", "ar"), ("karim@example.org", "de")):
        [message] = [mail for mail in mailoutbox if address in mail.to]
        with translation.override(language):
            expected = translation.gettext(subject) % {"title": page.title}
        assert message.subject == expected
    assert [mail.subject for mail in mailoutbox if "amira@example.org" in mail.to] != [
        mail.subject for mail in mailoutbox if "karim@example.org" in mail.to
    ]


def test_an_arabic_translator_updates_an_outdated_offer_and_a_reviewer_publishes_it(
    client, django_user_model, arabic_translator, demo, django_capture_on_commit_callbacks
):
    from wagtail_localize.models import StringSegment

    arabic = Locale.objects.get(language_code="ar")
    offer = offer_in("de")
    source, _created = TranslationSource.get_or_create_from_instance(offer)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=arabic)
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=arabic,
            context=segment.context,
            defaults={
                "data": f"{segment.string.data} [ar]",
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    offer.refresh_from_db()
    offer.summary = "Neu: jetzt auch samstags."
    offer.save_revision().publish()  # the source changes; the Arabic version is now outdated

    client.force_login(arabic_translator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "?locale=ar&amp;state=needs_work" in dashboard
    overview = client.get(reverse("translation_overview"), {"locale": "ar", "state": "outdated"})
    [row] = [
        row for row in overview.context["rows"] if row.translation_key == offer.translation_key
    ]
    assert row.work_url == reverse("wagtail_localize:update_translations", args=[source.pk])

    assert client.post(row.work_url, {}).status_code == 302  # "Sync translated content"
    source.refresh_from_db()
    new_segment = StringSegment.objects.get(source=source, string__data="Neu: jetzt auch samstags.")
    StringTranslation.objects.create(  # typed in the translation editor
        translation_of=new_segment.string,
        locale=arabic,
        context=new_segment.context,
        data="جديد: الآن أيام السبت أيضًا.",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    submit = reverse("submit_translation_for_review", args=[translation.pk])
    assert client.post(submit).status_code == 302
    target = offer.get_translation(arabic)
    assert target.summary != "جديد: الآن أيام السبت أيضًا."  # still under review
    state = target.current_workflow_state
    assert state.workflow.name == "Translation review (ar)"

    reviewer = django_user_model.objects.create_user(username="samir", password="x" * 20)
    reviewer.groups.add(
        Group.objects.get(name="Translators"), Group.objects.get(name="Reviewers (ar)")
    )
    client.force_login(reviewer)
    approve = reverse(
        "wagtailsnippets_directory_offer:workflow_action",
        args=[target.pk, "approve", state.current_task_state.pk],
    )
    assert client.post(approve).status_code in (200, 302)
    target.refresh_from_db()
    assert target.live and target.summary == "جديد: الآن أيام السبت أيضًا."
