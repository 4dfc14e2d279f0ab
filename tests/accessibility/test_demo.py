"""The demo's statement: in German, translated into every other language through
wagtail-localize, linked in the footer, and left as it is when loaded again."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail_localize.models import Translation

from accessibility.models import AccessibilityStatementPage, Compliance
from home.models import NetworkSettings

from .conftest import LANGUAGES

pytestmark = pytest.mark.django_db


def test_the_demo_statement_is_translated_into_every_language(statements):
    assert set(statements) == set(LANGUAGES)
    source = statements["de"]
    assert source.locale.language_code == "de" and source.get_parent().depth == 2
    for code in LANGUAGES[1:]:
        page = statements[code]
        assert page.alias_of_id is None  # a translation, not the German text
        assert page.translation_key == source.translation_key
        assert page.title != source.title
        assert (page.compliance, page.prepared_on) == (Compliance.PARTIAL, source.prepared_on)
        assert [item.value["reason"] for item in page.non_accessible_content] == [
            "outside_scope",
            "not_yet_fixed",
            "not_yet_fixed",
        ]
        translation = Translation.objects.get(
            source__object_id=source.translation_key, target_locale=page.locale
        )
        progress, total = translation.get_progress()
        assert total > 0 and progress == total
    assert NetworkSettings.objects.get().accessibility_page_id == source.pk


def test_loading_again_changes_nothing(statements):
    pages_before = Page.objects.count()
    revisions_before = statements["de"].revisions.count()
    out = io.StringIO()
    call_command("load_accessibility_demo", stdout=out)
    assert "exists" in out.getvalue()
    assert Page.objects.count() == pages_before
    assert statements["de"].revisions.count() == revisions_before
    assert AccessibilityStatementPage.objects.count() == len(LANGUAGES)
