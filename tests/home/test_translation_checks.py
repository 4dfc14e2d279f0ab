"""What translators bring in is checked: overrides of links and addresses, and PO uploads."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home.models import ContentPage

pytestmark = pytest.mark.django_db

SOURCE_LINK = "https://beratung.example.org/"
HARMFUL_LINKS = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(document.cookie)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "//evil.example/",
    "/\\evil.example/",
    "beratung.html",
]
GOOD_LINKS = [
    "https://beratung.example.org/ar/",
    "http://beratung.example.org/",
    "mailto:beratung@example.org",
    "tel:+49 30 1234567",
    "/ar/ueber-das-netzwerk/",
    "#kontakt",
]


@pytest.fixture
def arabic_translation(demo, django_capture_on_commit_callbacks):
    """A page with a link, a button to an address and an e-mail, translated into Arabic."""
    page = demo["about"].add_child(
        instance=ContentPage(
            title="Beratung",
            slug="beratung",
            body=[
                (
                    "paragraph",
                    RichText(f'<p>Fragen Sie <a href="{SOURCE_LINK}">die Beratung</a>.</p>'),
                ),
                (
                    "call_to_action",
                    {
                        "title": "Termin",
                        "text": "",
                        "page": None,
                        "url": SOURCE_LINK,
                        "button_label": "Termin buchen",
                    },
                ),
                (
                    "contact",
                    {
                        "name": "Beratungsstelle",
                        "role": "",
                        "organisation": "",
                        "phone": "",
                        "email": "beratung@example.org",
                        "address": "",
                    },
                ),
            ],
        )
    )
    page.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="ar")
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    return translation


def segment(translation, ending):
    """The translation's overridable segment whose path ends with ``ending``."""
    [found] = [
        candidate
        for candidate in OverridableSegment.objects.filter(
            source=translation.source
        ).select_related("context")
        if candidate.context.path.endswith(ending)
    ]
    return found


def put_override(client, translation, overridable, value):
    url = reverse("wagtail_localize:edit_override", args=[translation.pk, overridable.pk])
    return client.put(url, encode_multipart(BOUNDARY, {"value": value}), MULTIPART_CONTENT)


def stored(overridable):
    override = SegmentOverride.objects.filter(context=overridable.context).first()
    return override and override.data


def arabic_page(translation):
    return translation.source.get_source_instance().get_translation(translation.target_locale)


def test_the_editor_refuses_overrides_a_link_cannot_take(admin_client, arabic_translation):
    link = segment(arabic_translation, f"'{SOURCE_LINK}'")
    button = segment(arabic_translation, ".url")
    for overridable in (link, button):
        for value in HARMFUL_LINKS:
            response = put_override(admin_client, arabic_translation, overridable, value)
            assert response.status_code == 400, value
            assert "Link darf nur zu" in response.json()["error"]  # the admin speaks German
            assert stored(overridable) is None, value
        for value in GOOD_LINKS:
            response = put_override(admin_client, arabic_translation, overridable, value)
            assert response.status_code in (200, 201), value
            assert stored(overridable) == value


def test_the_editor_checks_an_e_mail_override_as_an_address(admin_client, arabic_translation):
    email = segment(arabic_translation, ".email")
    for value in ["javascript:alert(1)", "beratung at example.org", "<b>@example.org"]:
        response = put_override(admin_client, arabic_translation, email, value)
        assert response.status_code == 400, value
        assert response.json()["error"]
        assert stored(email) is None
    response = put_override(admin_client, arabic_translation, email, "ar@example.org")
    assert response.status_code == 201
    assert stored(email) == "ar@example.org"


def test_a_stored_harmful_override_is_not_written_into_the_page(
    admin_client, client, arabic_translation, django_capture_on_commit_callbacks
):
    """Overrides stored before the check (or by other tools) are left out when the translation
    is previewed, published or submitted for review; a good one is used."""
    arabic = arabic_translation.target_locale
    for ending, value in [
        (f"'{SOURCE_LINK}'", "javascript:alert(document.cookie)"),
        (".url", "JaVaScRiPt:alert(1)"),
        (".email", "ar@example.org"),
    ]:
        SegmentOverride.objects.create(
            locale=arabic,
            context=segment(arabic_translation, ending).context,
            data_json=json.dumps(value),
        )

    preview = admin_client.get(
        reverse("wagtail_localize:preview_translation", args=[arabic_translation.pk])
    ).content.decode()
    draft = arabic_translation.source.get_ephemeral_translated_instance(arabic, fallback=True)
    with django_capture_on_commit_callbacks(execute=True):
        arabic_translation.save_target(publish=True)
    published = client.get(arabic_page(arabic_translation).url).content.decode()

    for html in (preview, str(draft.body), published):
        assert "javascript" not in html.lower()
        assert SOURCE_LINK in html
        assert "ar@example.org" in html


def test_a_po_upload_keeps_good_translations_of_strings_it_gets_wrong(
    admin_client, client, demo, django_capture_on_commit_callbacks
):
    arabic = Locale.objects.get(language_code="ar")
    about = demo["about"]
    translation = Translation.objects.get(
        source__object_id=about.translation_key, target_locale=arabic
    )
    title = StringTranslation.objects.get(locale=arabic, translation_of__data=about.title)
    intro = StringTranslation.objects.get(locale=arabic, translation_of__data=about.intro)
    reviewed_title = title.data
    exported = admin_client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.pk])
    ).content.decode()
    spoiled = f'msgstr "<script>alert(1)</script>{reviewed_title}"'
    edited = exported.replace(f'msgstr "{reviewed_title}"', spoiled, 1).replace(
        f'msgstr "{intro.data}"', 'msgstr "مقدمة جديدة"', 1
    )
    lines = edited.splitlines()
    entry_line = lines.index(spoiled) - 1  # the entry begins with its msgctxt, then msgid
    assert lines[entry_line - 1].startswith("msgctxt ")

    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": SimpleUploadedFile("about.po", edited.encode())},
        follow=True,
    )

    [message] = list(response.context["messages"])
    assert message.level_tag == "warning"
    assert f"Zeile {entry_line}:" in str(message)  # the admin speaks German
    assert "<script>" in str(message)
    title.refresh_from_db()
    intro.refresh_from_db()
    assert (title.data, title.has_error) == (reviewed_title, False)
    assert intro.data == "مقدمة جديدة"

    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    page = client.get(about.get_translation(arabic).url).content.decode()
    assert reviewed_title in page and "مقدمة جديدة" in page
    assert about.title not in page.split("<main", 1)[1]  # no German fallback
