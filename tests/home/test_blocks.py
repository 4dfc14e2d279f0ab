"""Content blocks validate what editors enter and render accessible HTML."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Locale

from home.blocks import CallToActionBlock, ContactCardBlock, ImageBlock
from home.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    buffer = BytesIO()
    PILImage.new("RGB", (1600, 900), "teal").save(buffer, "PNG")
    return Image.objects.create(
        title="Plenum 2026", file=SimpleUploadedFile("plenum.png", buffer.getvalue())
    )


@pytest.fixture
def document():
    return Document.objects.create(
        title="Geschäftsordnung", file=SimpleUploadedFile("ordnung.pdf", b"%PDF-1.4 test")
    )


def test_image_needs_alternative_text(image):
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))


def test_call_to_action_needs_exactly_one_target(demo):
    block = CallToActionBlock()
    base = {"title": "Mitmachen", "text": "", "button_label": "Los"}
    with pytest.raises(ValidationError):
        block.clean(block.to_python({**base, "page": None, "url": ""}))
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python({**base, "page": demo["about"].pk, "url": "https://example.org/"})
        )
    assert block.clean(block.to_python({**base, "page": demo["about"].pk, "url": ""}))


def test_contact_card_rejects_a_malformed_phone_number():
    block = ContactCardBlock()
    value = {"name": "Anna", "role": "", "organisation": "", "phone": "call me", "email": ""}
    with pytest.raises(ValidationError):
        block.clean(block.to_python({**value, "address": ""}))


def test_every_block_renders(client, demo, image, document):
    page = demo["about"].add_child(
        instance=ContentPage(
            title="Alle Bausteine",
            slug="alle-bausteine",
            body=[
                {"type": "heading", "value": {"text": "Zwischentitel", "level": "h3"}},
                {"type": "paragraph", "value": "<p>Ein <b>wichtiger</b> Absatz.</p>"},
                {
                    "type": "image",
                    "value": {
                        "image": image.pk,
                        "alt_text": "Menschen im Plenum",
                        "caption": "Foto",
                    },
                },
                {"type": "quote", "value": {"text": "Gemeinsam.", "attribution": "Anna"}},
                {
                    "type": "call_to_action",
                    "value": {
                        "title": "Mitmachen",
                        "text": "",
                        "page": demo["about"].pk,
                        "url": "",
                        "button_label": "Los",
                    },
                },
                {
                    "type": "contact",
                    "value": {
                        "name": "Anna Becker",
                        "role": "Koordination",
                        "organisation": "Landratsamt",
                        "phone": "+49 9999 4410-214",
                        "email": "anna@lindental.example",
                        "address": "Schlossplatz 3\n99991 Lindenau",
                    },
                },
                {"type": "document", "value": {"document": document.pk, "label": ""}},
                {
                    "type": "table",
                    "value": {"caption": "Termine", "rows": [["Tag", "Ort"], ["Montag", "Saal"]]},
                },
            ],
        )
    )
    html = client.get(page.url).content.decode()
    assert '<h3 class="block-heading">Zwischentitel</h3>' in html
    assert "<b>wichtiger</b>" in html
    assert 'alt="Menschen im Plenum"' in html and 'loading="lazy"' in html and ".webp" in html
    assert "<figcaption>Foto</figcaption>" in html
    assert "<blockquote><p>Gemeinsam.</p></blockquote>" in html
    assert f'href="{demo["about"].url}">Los</a>' in html
    assert 'href="tel:+4999994410-214"' in html and 'href="mailto:anna@lindental.example"' in html
    assert ">Geschäftsordnung</a>" in html and "PDF" in html
    assert '<th scope="col">Tag</th>' in html and "<td>Montag</td>" in html
    assert "<caption>Termine</caption>" in html
    assert '<div class="table-wrapper" tabindex="0" role="region" aria-label="Termine">' in html
    # an address of any direction keeps its lines in order within right-to-left text
    assert "<bdi>Schlossplatz 3<br>99991 Lindenau</bdi>" in html


def test_a_table_without_caption_is_a_named_scroll_region(client, demo):
    page = demo["about"].add_child(
        instance=ContentPage(
            title="Tabelle ohne Titel",
            slug="tabelle-ohne-titel",
            body=[{"type": "table", "value": {"caption": "", "rows": [["Tag"], ["Montag"]]}}],
        )
    )
    with translation.override("de"):
        name = translation.gettext("Table")
    html = client.get(page.url).content.decode()
    assert f'<div class="table-wrapper" tabindex="0" role="region" aria-label="{name}">' in html


def test_a_call_to_action_leads_to_the_chosen_page_in_the_readers_language(client, demo):
    """An editor chooses a German page; the English page with the block links to its
    English version, and to the German one where the language has none."""
    english_about = demo["about"].get_translation(Locale.objects.get(language_code="en"))
    only_german = demo["about"].add_child(instance=ContentPage(title="Nur Deutsch", slug="nur"))
    home = english_about.get_parent()
    action = {"title": "Join", "text": "", "url": "", "button_label": "Go"}
    page = home.add_child(
        instance=ContentPage(
            title="Calls",
            slug="calls",
            locale=home.locale,
            body=[
                {"type": "call_to_action", "value": {**action, "page": demo["about"].pk}},
                {"type": "call_to_action", "value": {**action, "page": only_german.pk}},
            ],
        )
    )
    html = client.get(page.url).content.decode()
    assert f'class="button" href="{english_about.url}"' in html
    assert f'class="button" href="{only_german.url}"' in html
