"""An editor who leaves the admin's language to the site works in German, translates into
Arabic from right to left, and chooses among the Arabic topics for an Arabic offer."""

import pytest
from playwright.sync_api import expect


@pytest.fixture
def editor(make_user, signed_in):
    """A signed-in editor who chose no language for the admin."""
    return signed_in(make_user("editor", "Editors", language=""))


def test_the_translation_editor_writes_arabic_right_to_left(editor, django_db_blocker):
    from wagtail.models import Locale, Page

    with django_db_blocker.unblock():
        about = Page.objects.get(locale__language_code="de", slug="ueber-das-netzwerk")
        arabic = about.get_translation(Locale.objects.get(language_code="ar"))
    editor.goto(f"/admin/pages/{arabic.pk}/edit/")
    expect(editor.locator("html")).to_have_attribute("lang", "de")
    expect(editor.locator("html")).to_have_attribute("dir", "ltr")
    expect(editor.get_by_role("heading", name="Übersetzung aus Deutsch in العربية")).to_be_visible()

    heading = editor.get_by_role("heading", level=3, name="Titel", exact=True)
    title = editor.locator("li").filter(has=heading)
    title.get_by_role("button", name="Bearbeiten").click()
    translation = title.locator("textarea")
    expect(translation).to_have_value(arabic.title)
    expect(translation).to_have_attribute("lang", "ar")
    assert translation.evaluate("element => getComputedStyle(element).direction") == "rtl"
    source = title.get_by_text(about.title, exact=True)
    assert source.evaluate("element => getComputedStyle(element).direction") == "ltr"


def test_the_topic_chooser_of_an_arabic_offer_lists_the_arabic_topics(editor, django_db_blocker):
    from directory.models import Topic

    with django_db_blocker.unblock():
        arabic_topics = sorted(
            Topic.objects.filter(locale__language_code="ar").values_list("name", flat=True)
        )
    editor.goto("/admin/snippets/directory/offer/add/?locale=ar")
    editor.get_by_role("button", name="Thema auswählen").first.click()
    choices = editor.locator(".modal [data-chooser-modal-choice]")
    expect(choices).to_have_count(len(arabic_topics))
    assert sorted(name.strip() for name in choices.all_inner_texts()) == arabic_topics
