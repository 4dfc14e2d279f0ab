"""A new source page follows into the other language trees as an alias; drift is repaired."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from home.models import ContentPage

pytestmark = pytest.mark.django_db


def sync(*args):
    output = StringIO()
    call_command("sync_language_trees", *args, stdout=output)
    return output.getvalue()


def test_a_new_source_page_appears_in_every_language_tree_and_menu(client, demo):
    new = demo["home"].add_child(
        instance=ContentPage(title="Ehrenamtsbörse", slug="ehrenamtsboerse", show_in_menus=True)
    )
    new.save_revision().publish()
    english = Locale.objects.get(language_code="en")
    alias = ContentPage.objects.get(translation_key=new.translation_key, locale=english)
    assert alias.alias_of_id == new.pk
    assert alias.get_parent().specific == demo["home"].get_translation(english)

    menu = client.get("/en/").content.decode().split('class="main-menu"')[1].split("</nav>")[0]
    assert f'href="{alias.url}"' in menu
    page = client.get(alias.url).content.decode()
    assert '<article lang="de" dir="ltr">\n    <h1>Ehrenamtsbörse</h1>' in page
    assert '<main id="main-content" tabindex="-1">' in page  # the interface stays English
    assert "This page is not yet available in your language" in page
    assert "en: 0 page(s) missing" in sync()


def test_trees_that_drifted_are_reported_and_repaired(demo):
    english = Locale.objects.get(language_code="en")
    new = demo["about"].add_child(instance=ContentPage(title="Nachzügler", slug="nachzuegler"))
    new.save_revision().publish()
    ContentPage.objects.get(translation_key=new.translation_key, locale=english).delete()
    report = sync()
    assert "en: 1 page(s) missing" in report and str(new.translation_key) in report

    assert "Repaired; 0 page(s) still missing." in sync("--repair")
    alias = ContentPage.objects.get(translation_key=new.translation_key, locale=english)
    assert alias.alias_of_id == new.pk
    assert "Every language tree has every page." in sync()
