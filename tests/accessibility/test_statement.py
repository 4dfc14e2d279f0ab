"""The accessibility statement: its fields, its rendering in German and Arabic, its facts
kept alike in every translation, and its link in every language's footer."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Site
from wagtail_localize.models import Translation, TranslationSource

from accessibility.models import AccessibilityStatementPage, Compliance
from home.languages import complete_language_trees

from .conftest import LANGUAGES

pytestmark = pytest.mark.django_db


def statement(**fields):
    """An unsaved statement with every required field."""
    return AccessibilityStatementPage(
        title="Erklärung zur Barrierefreiheit",
        slug="erklaerung",
        compliance=Compliance.FULL,
        prepared_on=date(2026, 11, 2),
        assessment_method="self",
        feedback_email="barrieren@lindental.example",
        enforcement_text="Wenden Sie sich an die Schlichtungsstelle.",
        enforcement_body="Schlichtungsstelle BGG",
        **fields,
    )


def barrier(reason="not_yet_fixed"):
    return ("item", {"content": "Videos ohne Untertitel", "reason": reason, "alternative": ""})


def test_a_statement_is_created_once_below_the_home_page(statements):
    home = Site.objects.get(is_default_site=True).root_page
    statements["de"].delete()  # one statement per home page
    page = home.add_child(instance=statement())
    page.save_revision().publish()
    assert AccessibilityStatementPage.objects.live().filter(pk=page.pk).exists()
    assert AccessibilityStatementPage.can_create_at(home) is False


@pytest.mark.parametrize(
    "fields, field",
    [
        (
            {"compliance": Compliance.FULL, "non_accessible_content": [barrier()]},
            "non_accessible_content",
        ),
        ({"compliance": Compliance.PARTIAL}, "non_accessible_content"),
        ({"compliance": Compliance.NONE}, "non_accessible_content"),
        ({"reviewed_on": date(2026, 1, 1)}, "reviewed_on"),
    ],
)
def test_a_contradictory_statement_is_refused(fields, field):
    page = statement()
    for name, value in fields.items():
        setattr(page, name, value)
    with pytest.raises(ValidationError) as refused:
        page.clean()
    assert field in refused.value.message_dict


def test_editors_open_the_statement_in_the_admin(admin_client, statements):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[statements["de"].pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="compliance"' in html and 'name="prepared_on"' in html
    assert 'name="enforcement_body"' in html


def test_the_statement_renders_in_german(client, statements):
    response = client.get(statements["de"].url)
    html = response.content.decode()
    assert '<html lang="de" dir="ltr">' in html
    assert "<h1>Erklärung zur Barrierefreiheit</h1>" in html
    assert "nur teilweise mit den Anforderungen an die Barrierefreiheit" in html
    assert "nicht im Anwendungsbereich der Verordnung" in html  # a reason, in words
    assert html.count('class="barrier"') == 3
    assert '<time datetime="2026-11-02">2. November 2026</time>' in html
    assert "Die Bewertung beruht auf einer Selbstbewertung." in html
    assert 'href="mailto:integration@lindental.example"' in html
    assert "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz" in html
    assert 'href="https://www.schlichtungsstelle-bgg.de/"' in html
    assert 'action="/de/barrierefreiheit/#feedback"' in html
    assert '<label for="id_description">Beschreibung der Barriere:</label>' in html


def test_the_statement_renders_in_arabic_right_to_left(client, statements):
    html = client.get(statements["ar"].url).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "<h1>بيان إمكانية الوصول</h1>" in html
    assert "متوافق جزئيًا" in html  # the state of compliance, in Arabic
    assert "خارج نطاق تطبيق اللائحة" in html  # the reason of the first item
    assert "المحاضر والوثائق المنشورة قبل 23 سبتمبر 2018" in html  # the item's own words
    assert '<time datetime="2026-12-01">' in html
    assert "هيئة التحكيم" in html
    assert '<label for="id_page_address">الصفحة أو الوثيقة التي فيها العائق:</label>' in html
    assert "This page is not yet available" not in html and "ليست متاحة" not in html


def test_the_facts_follow_the_source_into_every_translation(statements):
    source = statements["de"]
    source.compliance = Compliance.NONE
    source.reviewed_on = date(2026, 12, 4)
    source.feedback_phone = "+49 9999 4410-999"
    source.save_revision().publish()
    TranslationSource.update_or_create_from_instance(source)
    for translation in Translation.objects.filter(source__object_id=source.translation_key):
        translation.save_target(publish=True)
    for code in LANGUAGES:
        page = AccessibilityStatementPage.objects.get(pk=statements[code].pk)
        assert (page.compliance, page.reviewed_on) == (Compliance.NONE, date(2026, 12, 4))
        assert page.feedback_phone == "+49 9999 4410-999"
        assert page.prepared_on == date(2026, 11, 2)
    # the words stay translated
    assert AccessibilityStatementPage.objects.get(pk=statements["ar"].pk).title == (
        "بيان إمكانية الوصول"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_footer_links_the_statement_in_its_language(client, statements, language):
    html = client.get(f"/{language}/").content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    assert f'<a href="{statements[language].url}">' in footer
    assert statements[language].url.startswith(f"/{language}/")


def test_a_missing_translation_links_the_original_with_the_notice(client, statements):
    statements["fa"].delete()
    complete_language_trees()  # the Persian tree shows the German statement, as any page
    alias = AccessibilityStatementPage.objects.get(locale__language_code="fa")
    assert alias.alias_of_id == statements["de"].pk
    footer = client.get("/fa/").content.decode().split('<footer class="site-footer">')[1]
    assert f'<a href="{alias.url}">' in footer
    html = client.get(alias.url).content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "<h1>Erklärung zur Barrierefreiheit</h1>" in html
    assert 'class="notice"' in html  # this page is not yet available in your language
    assert "گزارش یک مانع" in html  # the form's heading in Persian, the visitor's interface


def test_the_setting_names_the_statement_among_the_legal_pages(statements):
    from home.models import NetworkSettings

    network = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    assert network.accessibility_page_id == statements["de"].pk
