"""Importing and exporting the directory: translations, updates, and every kind of bad input."""

import filecmp
import json

import pytest
from django.core.management import CommandError, call_command

from directory.exchange import ImportFailed, export_directory, import_directory
from directory.models import Actor, Offer, Topic
from tests.conftest import SMALL

pytestmark = pytest.mark.django_db


def snapshot():
    return (Actor.objects.count(), Offer.objects.count(), Topic.objects.count())


def test_rows_with_one_id_become_translations_of_one_entry(small):
    course_de, course_en = small["offers"][("t-course", "de")], small["offers"][("t-course", "en")]
    assert course_de.translation_key == course_en.translation_key
    assert course_en.title == "Test course for women"
    assert course_en.provider == small["actors"][("t-school", "en")]
    assert course_en.topics.get().topic.name == "German courses"
    assert course_de.slug == course_en.slug == "testkurs-fuer-frauen"
    school = small["actors"][("t-school", "de")]
    assert school.description == "<p>Kurse für alle.</p><p>Auch am Abend.</p>"
    english_contacts = small["actors"][("t-school", "en")].contacts.all()
    assert [(c.role, c.is_public) for c in english_contacts] == [("Head", True), ("Office", False)]
    assert [h.as_code() for h in school.opening_hours.all()] == ["mo 09:00-12:00", "we appointment"]


def test_an_entry_may_exist_only_in_another_language(small):
    housing = small["offers"][("t-housing", "uk")]
    assert housing.locale.language_code == "uk"
    assert housing.slug == "dopomoga-z-zhitlom"
    assert not Offer.objects.filter(external_id="t-housing").exclude(pk=housing.pk).exists()


def test_importing_again_updates_instead_of_duplicating(small, data_copy):
    before = snapshot()
    services = data_copy / "services.csv"
    services.write_text(
        services.read_text(encoding="utf-8").replace("Testkurs für Frauen", "Frauenkurs"),
        encoding="utf-8",
    )
    import_directory(data_copy)
    assert snapshot() == before
    assert (
        Offer.objects.get(external_id="t-course", locale__language_code="de").title == "Frauenkurs"
    )


def test_dry_run_writes_nothing(db):
    before = snapshot()
    counts = import_directory(SMALL, dry_run=True).counts
    assert counts["services"] == 5
    assert snapshot() == before


def spoil(folder, file_name, old, new):
    path = folder / file_name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "file_name, old, new, expected",
    [
        (
            "services.csv",
            "german-courses,women",
            "deutschkurs,women",
            "services.csv, row 2, column “topics”: unknown topic “deutschkurs”",
        ),
        (
            "services.csv",
            ",t-school,Abendtestkurs",
            ",t-nobody,Abendtestkurs",
            "services.csv, row 4, column “organization_id”: no organisation with id “t-nobody”",
        ),
        (
            "services.csv",
            "id,locale",
            "id,colour,locale",
            "services.csv, row 1, column “colour”: unknown column",
        ),
        (
            "organizations.csv",
            "Lernwerkstatt Teststadt,",
            ",",
            "organizations.csv, row 2, column “name”: ",
        ),
        (
            "organizations.csv",
            "t-school,en,",
            "t-school,de,",
            "organizations.csv, row 3, column “id”: “t-school” appears twice in locale “de”",
        ),
        (
            "organizations.csv",
            "info@vhs.example",
            "info-at-vhs",
            "organizations.csv, row 2, column “email”: ",
        ),
        (
            "organizations.csv",
            "mo 09:00-12:00",
            "monday 9-12",
            "organizations.csv, row 2, column “opening_hours”",
        ),
        (
            "organizations.csv",
            "a.becker@vhs.example|yes",
            "a.becker@vhs.example|maybe",
            "organizations.csv, row 2, column “contacts”: “Anna Becker|Leitung|+49 9999 101|"
            "a.becker@vhs.example|maybe”: write yes or no",
        ),
        ("services.csv", ",de,free,", ",de,gratis,", "column “cost”: write free or fee"),
        (
            "services.csv",
            "2020-08-31",
            "31.08.2020",
            "services.csv, row 6, column “valid_until”: not a date like 2027-03-31",
        ),
        (
            "taxonomies.csv",
            "topic,housing,,de",
            "colour,housing,,de",
            "taxonomies.csv, row 6, column “type”",
        ),
        (
            "services.csv",
            "t-housing,uk,",
            "t-housing,xx,",
            "services.csv, row 5, column “locale”: unknown locale “xx”",
        ),
    ],
)
def test_bad_input_names_file_row_and_column_and_writes_nothing(
    data_copy, db, file_name, old, new, expected
):
    spoil(data_copy, file_name, old, new)
    before = snapshot()
    with pytest.raises(ImportFailed) as failure:
        import_directory(data_copy)
    assert any(expected in str(problem) for problem in failure.value.problems), failure.value
    assert snapshot() == before


def test_broken_encoding_is_reported_with_its_row(data_copy, db):
    path = data_copy / "organizations.csv"
    path.write_bytes(
        path.read_bytes().replace(b"Lernwerkstatt", "Lernwerkst\xe4tt".encode("latin-1"))
    )
    with pytest.raises(ImportFailed) as failure:
        import_directory(data_copy)
    assert str(failure.value.problems[0]).startswith("organizations.csv, row 2: is not UTF-8")


def test_command_lists_problems_and_fails(data_copy, db, capsys):
    spoil(data_copy, "services.csv", "german-courses,women", "deutschkurs,women")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_directory", str(data_copy))
    assert "services.csv, row 2, column “topics”" in capsys.readouterr().err


def test_export_and_import_round_trip_is_lossless(small, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    export_directory(first)
    Offer.objects.all().delete()
    Actor.objects.all().delete()
    import_directory(first)
    export_directory(second)
    for name in ["taxonomies.csv", "organizations.csv", "services.csv"]:
        assert filecmp.cmp(first / name, second / name, shallow=False), name
    package = json.loads((second / "datapackage.json").read_text(encoding="utf-8"))
    assert [resource["path"] for resource in package["resources"]] == [
        "taxonomies.csv",
        "organizations.csv",
        "services.csv",
    ]


def test_datapackage_with_inline_rows_imports(db, tmp_path):
    package = {
        "resources": [
            {"name": "organizations", "data": [{
                "id": "t-inline", "locale": "de", "name": "Inline-Verein",
                "description": "Ein Verein für alle.",
                "kind": "association", "email": "", "phone": "", "website": "", "street": "",
                "postcode": "", "place": "", "latitude": "", "longitude": "",
                "languages": ["de", "ar"], "topics": ["language-courses"],
            }]},
        ]
    }  # fmt: skip
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    import_directory(path)
    actor = Actor.objects.get(external_id="t-inline")
    assert [row.language for row in actor.languages.all()] == ["de", "ar"]


def test_the_admin_knows_where_imported_entries_use_a_topic(small, data_copy):
    """Wagtail's reference index (the usage shown before a topic is deleted) holds the
    imported entries' topics, and follows a topic replaced by importing again."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    offers = ContentType.objects.get_for_model(Offer)

    def users(slug):
        topic = Topic.objects.get(slug=slug, locale__language_code="de")
        return {
            reference.object_id
            for reference in ReferenceIndex.get_references_to(topic)
            if reference.content_type_id == offers.id
        }

    course = small["offers"][("t-course", "de")]
    assert str(course.pk) in users("german-courses")
    services = data_copy / "services.csv"
    services.write_text(
        services.read_text(encoding="utf-8").replace(
            "t-course,de,t-school,Testkurs für Frauen,Mit Kinderbetreuung.,german-courses",
            "t-course,de,t-school,Testkurs für Frauen,Mit Kinderbetreuung.,housing",
        ),
        encoding="utf-8",
    )
    import_directory(data_copy)
    assert str(course.pk) not in users("german-courses")
    assert str(course.pk) in users("housing")
