"""Translators see each object's state in each language, computed from real edits."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from directory.models import Offer
from home.demo.translate import translate
from home.models import ContentPage
from home.translation_status import overview

pytestmark = pytest.mark.django_db

SOURCE = {"title": "Sprechstunde", "slug": "sprechstunde", "intro": "Jeden Dienstag."}
ENGLISH = {"title": "Office hours", "slug": "office-hours", "intro": "Every Tuesday."}


def state(page, code):
    locale = Locale.objects.get(language_code=code)
    [row] = [
        row
        for row in overview(locales=[locale], models=[ContentPage])
        if row.translation_key == page.translation_key
    ]
    return row.state


@pytest.fixture
def new_page(demo):
    page = demo["about"].add_child(instance=ContentPage(**SOURCE))
    page.save_revision().publish()
    return page


def test_states_follow_the_translation_through_real_edits(
    new_page, django_capture_on_commit_callbacks
):
    page = new_page
    english = Locale.objects.get(language_code="en")
    assert state(page, "en") == "missing"

    source, _created = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.create(source=source, target_locale=english)
    assert state(page, "en") == "in_progress"  # started, nothing translated yet

    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
        translate(page, english, SOURCE, ENGLISH, "test page")
    assert state(page, "en") == "up_to_date"
    assert state(page, "ar") == "missing"

    page.refresh_from_db()
    page.intro = "Jeden Dienstag und Donnerstag."
    page.save_revision().publish()
    assert state(page, "en") == "outdated"  # the source changed after the last sync

    source.refresh_from_db()
    source.update_from_db()  # "Sync translated content"
    assert state(page, "en") == "in_progress"  # the new sentence awaits its translation
    with django_capture_on_commit_callbacks(execute=True):
        translate(
            page,
            english,
            {**SOURCE, "intro": page.intro},
            {**ENGLISH, "intro": "Every Tuesday and Thursday."},
            "test page",
        )
    assert state(page, "en") == "up_to_date"

    StringTranslation.objects.filter(locale=english, translation_of__data="Sprechstunde").update(
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    assert state(page, "en") == "machine"


def test_overview_filters_and_links_to_the_work(admin_client, new_page):
    url = reverse("translation_overview")
    response = admin_client.get(
        url, {"locale": "ar", "type": "home.contentpage", "state": "missing"}
    )
    assert response.status_code == 200
    rows = list(response.context["rows"])
    assert rows and all(row.state == "missing" and row.locale.language_code == "ar" for row in rows)
    mine = next(row for row in rows if row.translation_key == new_page.translation_key)
    assert mine.work_url == reverse("wagtail_localize:submit_page_translation", args=[new_page.pk])
    waiting = [row.since for row in rows]
    assert waiting == sorted(waiting)  # waiting longest first
    assert (
        admin_client.get(url, {"type": "no.such", "state": "odd", "locale": "xx"}).status_code
        == 200
    )


def test_dashboard_counts_the_work_per_language(admin_client, new_page):
    text = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="translations-panel-heading"' in text
    assert "/admin/translations/?locale=ar&amp;state=needs_work" in text


def test_machine_translated_text_says_so_on_pages_and_entries(client, demo):
    english = Locale.objects.get(language_code="en")
    about = demo["about"].get_translation(english)
    assert "This text was translated automatically." not in client.get(about.url).content.decode()
    StringTranslation.objects.filter(
        locale=english, translation_of__segments__source__object_id=about.translation_key
    ).update(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE)
    about.save_revision().publish()  # as wagtail-localize's editor does after translating
    assert "This text was translated automatically." in client.get(about.url).content.decode()

    offer = Offer.objects.filter(locale__language_code="de", live=True).first()
    translated = offer.get_translation(english)
    source, _created = TranslationSource.get_or_create_from_instance(offer)
    segment = StringSegment.objects.filter(source=source).select_related("string").first()
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=english,
        context=segment.context,
        defaults={
            "data": translated.title,
            "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
        },
    )
    response = client.get(f"/en/offers/offers/{translated.slug}/")
    assert "This text was translated automatically." in response.content.decode()


def localize_queries(queries):
    return [query["sql"] for query in queries if "wagtail_localize_" in query["sql"]]


def test_pages_ask_the_translation_memory_again_only_after_a_translation_changed(
    client, admin_user, demo
):
    english = Locale.objects.get(language_code="en")
    about = demo["about"].get_translation(english)
    client.force_login(admin_user)  # signed in: no page comes from the cache
    client.get(about.url)
    with CaptureQueriesContext(connection) as queries:
        text = client.get(about.url).content.decode()
    assert "This text was translated automatically." not in text
    assert localize_queries(queries) == []

    machine = StringTranslation.objects.filter(
        locale=english, translation_of__segments__source__object_id=about.translation_key
    ).first()
    machine.translation_type = StringTranslation.TRANSLATION_TYPE_MACHINE
    machine.save()
    assert "This text was translated automatically." in client.get(about.url).content.decode()


def needs_work(text, code):
    return int(re.search(rf'locale={code}&amp;state=needs_work">(\d+) item', text)[1])


def test_dashboard_counts_again_only_after_content_or_a_translation_changed(
    english_admin_client, new_page
):
    dashboard = reverse("wagtailadmin_home")
    before = needs_work(english_admin_client.get(dashboard).content.decode(), "ar")
    with CaptureQueriesContext(connection) as queries:
        text = english_admin_client.get(dashboard).content.decode()
    assert needs_work(text, "ar") == before
    assert localize_queries(queries) == []

    new_page.add_child(instance=ContentPage(title="Neu", slug="neu")).save_revision().publish()
    assert needs_work(english_admin_client.get(dashboard).content.decode(), "ar") == before + 1


def test_po_files_go_out_and_come_back_and_wrong_ones_change_nothing(admin_client, demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    english = Locale.objects.get(language_code="en")
    arabic = Locale.objects.get(language_code="ar")
    source = TranslationSource.objects.get(object_id=demo["about"].translation_key)
    translation = Translation.objects.get(source=source, target_locale=english)
    other = Translation.objects.get(source=source, target_locale=arabic)

    exported = admin_client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.pk])
    ).content.decode()
    assert 'msgid "Über das Netzwerk"' in exported
    title = StringTranslation.objects.get(locale=english, translation_of__data="Über das Netzwerk")
    edited = exported.replace(f'msgstr "{title.data}"', 'msgstr "About our network"', 1)

    said = []

    def upload(translation, content):
        response = admin_client.post(
            reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
            {"file": SimpleUploadedFile("about.po", content.encode())},
            follow=True,
        )
        said.append([message.level_tag for message in response.context["messages"]])
        title.refresh_from_db()
        return title.data

    before = title.data
    assert upload(other, edited) == before  # made for the English translation, not the Arabic
    assert said[-1] == ["error"]
    assert upload(translation, "msgid garbage \x00") == before  # not a PO file
    assert said[-1] == ["error"]
    assert upload(translation, "/etc/passwd") == before  # text naming a file is no PO file
    assert upload(translation, edited) == "About our network"
    assert said[-1] == ["success"]


def test_the_dummy_machine_translator_fills_a_translation_that_then_says_so(
    admin_client, new_page, settings, django_capture_on_commit_callbacks
):
    from django.utils import translation as django_translation

    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
    }
    turkish = Locale.objects.get(language_code="tr")
    submit = reverse("wagtail_localize:submit_page_translation", args=[new_page.pk])
    assert admin_client.post(submit, {"locales": [turkish.pk]}).status_code == 302
    translation = Translation.objects.get(
        source__object_id=new_page.translation_key, target_locale=turkish
    )
    response = admin_client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk])
    )
    assert response.status_code == 302
    assert StringTranslation.objects.filter(
        locale=turkish, translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert state(new_page, "tr") == "machine"

    target = new_page.get_translation(turkish)
    with django_translation.override("tr"):
        notice = django_translation.gettext("This text was translated automatically.")
    assert notice in admin_client.get(target.url).content.decode()
