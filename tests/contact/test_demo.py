"""The demo's join and contact forms, in every language."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from contact.models import ContactFormPage, JoinFormPage

pytestmark = pytest.mark.django_db
LANGUAGES = {"de", "en", "ar", "uk", "fa", "ru", "tr"}


def test_the_demo_has_both_forms_translated_into_every_language():
    for model in (JoinFormPage, ContactFormPage):
        pages = model.objects.filter(alias_of__isnull=True)
        assert set(pages.values_list("locale__language_code", flat=True)) == LANGUAGES
    join = JoinFormPage.objects.get(locale__language_code="de")
    assert join.title == "Mitglied werden" and join.get_parent().slug == "mitmachen"
    arabic = ContactFormPage.objects.get(locale__language_code="ar")
    assert [field.label for field in arabic.form_fields.all()][0] == "اسمكم"
    assert "Beitrittserklärung" not in str(join.get_parent().specific.body)


def test_loading_the_forms_again_changes_nothing():
    pages = Page.objects.count()
    call_command("load_contact_demo", verbosity=0)
    assert Page.objects.count() == pages
