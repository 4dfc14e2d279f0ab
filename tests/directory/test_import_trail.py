"""An import leaves a revision and a log entry in each entry's history, and keeps editors'
unpublished changes unless told to overwrite them."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from directory.exchange import import_directory
from directory.models import Offer
from tests.directory.test_import_rules import set_cell

pytestmark = pytest.mark.django_db


def course():
    return Offer.objects.get(external_id="t-course", locale__language_code="de")


def imports_of(entry):
    return ModelLogEntry.objects.for_instance(entry).filter(action="directory.import")


def test_each_imported_entry_has_a_published_revision_and_a_log_entry(small):
    offer = course()
    assert offer.latest_revision == offer.live_revision
    assert offer.latest_revision.content["title"] == "Testkurs für Frauen"
    assert [entry.revision for entry in imports_of(offer)] == [offer.latest_revision]
    school = small["actors"][("t-school", "en")]
    assert [entry.data["file"] for entry in imports_of(school)] == ["organizations.csv"]
    assert [t.language for t in offer.latest_revision.as_object().languages.all()] == ["de"]


def test_the_history_says_which_file_and_who_imported_it(data_copy, client, django_user_model):
    editor = django_user_model.objects.create_user(username="importer", password="x" * 20)
    editor.groups.add(Group.objects.get(name="Editors"))
    call_command("import_directory", str(data_copy), "--user", "importer")
    client.force_login(django_user_model.objects.create_superuser("admin", password="x" * 20))
    history = reverse("wagtailsnippets_directory_offer:history", args=[course().pk])
    response = client.get(history)
    assert "Importiert aus services.csv von importer" in response.content.decode()  # in German


def test_the_command_is_named_when_no_user_is(data_copy):
    call_command("import_directory", str(data_copy))
    assert imports_of(course()).get().data["by"] == "manage.py import_directory"


def test_importing_again_adds_a_revision_only_to_what_changed(small, data_copy):
    set_cell(data_copy, "services.csv", 2, "name", "Frauenkurs")
    import_directory(data_copy)
    assert course().title == "Frauenkurs"
    assert imports_of(course()).count() == 2
    assert course().latest_revision.content["title"] == "Frauenkurs"
    english = Offer.objects.get(external_id="t-course", locale__language_code="en")
    assert imports_of(english).count() == 1


def editor_drafts_a_change(title):
    """An editor saves a draft of the imported course without publishing it."""
    offer = course()
    offer.title = title
    offer.save_revision(log_action=True)
    return offer


def test_an_entry_with_an_editors_draft_is_kept_and_reported(small, data_copy):
    editor_drafts_a_change("Frauenkurs mit Kinderbetreuung")
    set_cell(data_copy, "services.csv", 2, "summary", "Ein neuer Text.")
    report = import_directory(data_copy)
    kept = course()
    assert kept.has_unpublished_changes
    assert kept.latest_revision.as_object().title == "Frauenkurs mit Kinderbetreuung"
    assert kept.summary != "Ein neuer Text."
    assert [(p.file, p.row, p.column) for p in report.kept_drafts] == [("services.csv", 2, "id")]
    english = Offer.objects.get(external_id="t-course", locale__language_code="en")
    assert imports_of(english).count() == 1  # unchanged, so no new revision either


def test_the_command_lists_kept_drafts(small, data_copy, capsys):
    editor_drafts_a_change("Frauenkurs mit Kinderbetreuung")
    call_command("import_directory", str(data_copy))
    assert "services.csv, row 2, column “id”: “t-course” has unpublished changes" in (
        capsys.readouterr().err
    )


def test_overwrite_drafts_replaces_the_editors_draft(small, data_copy):
    editor_drafts_a_change("Frauenkurs mit Kinderbetreuung")
    call_command("import_directory", str(data_copy), "--overwrite-drafts")
    offer = course()
    assert not offer.has_unpublished_changes
    assert offer.title == "Testkurs für Frauen"
    assert offer.latest_revision == offer.live_revision
    assert offer.latest_revision.content["title"] == "Testkurs für Frauen"
