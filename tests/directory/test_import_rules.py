"""An import refuses what the admin refuses: each rule of the models, named by row and column."""

import csv

import pytest
from wagtail.models import ModelLogEntry, Revision

from directory.exchange import ImportFailed, import_directory
from directory.models import Actor, Offer, Place, TargetGroup, Topic

pytestmark = pytest.mark.django_db


def set_cell(folder, file_name, row_number, column, value):
    """Write ``value`` into a cell of a CSV file (row numbers as a spreadsheet shows them),
    adding the column if the file has none."""
    path = folder / file_name
    with open(path, encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        columns, rows = list(reader.fieldnames), list(reader)
    if column not in columns:
        columns.append(column)
    rows[row_number - 2][column] = value
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)


def database():
    """What an import could change."""
    return [
        sorted(Actor.objects.values_list("pk", "name", "summary")),
        sorted(Offer.objects.values_list("pk", "title", "summary", "cost_note")),
        [model.objects.count() for model in (Topic, TargetGroup, Place)],
        Revision.objects.count(),
        ModelLogEntry.objects.count(),
    ]


def rule(file_name, row, column, value, id, named=None):
    """A cell to spoil and the column the problem names (the cell's own unless ``named``)."""
    return pytest.param(file_name, row, column, value, named or column, id=id)


@pytest.mark.parametrize(
    "file_name, row, column, value, named",
    [
        # Offer.clean()
        rule("services.csv", 4, "cost_note", "", "paid offer without cost note"),
        rule("services.csv", 5, "online_url", "", "online offer without address"),
        rule("services.csv", 2, "location", "other", "other place without street", "street"),
        rule("services.csv", 6, "valid_from", "2020-09-01", "ends before it starts", "valid_until"),
        # The admin form's required inline rows
        rule("services.csv", 2, "topics", "", "offer without topic"),
        rule("services.csv", 2, "target_groups", "", "offer without target group"),
        rule("services.csv", 2, "languages", "", "offer without language"),
        rule("organizations.csv", 4, "topics", "", "actor without topic"),
        # Field validators and choices
        rule("services.csv", 2, "summary", "x" * 301, "summary over 300 characters"),
        rule("services.csv", 2, "description", "", "no summary and no description", "summary"),
        rule("services.csv", 2, "status", "maybe", "unknown status"),
        rule("services.csv", 5, "slug", "kurs für frauen", "slug not a slug"),
        rule("organizations.csv", 2, "name", "", "actor without name"),
        rule("organizations.csv", 2, "kind", "club", "unknown kind"),
        rule("organizations.csv", 2, "website", "vhs.example", "website not a URL"),
        rule("organizations.csv", 2, "email", "info-at-vhs", "not an e-mail address"),
        rule("organizations.csv", 2, "latitude", "51.000001", "too precise"),
        rule("organizations.csv", 2, "languages", "de;xx", "unknown language"),
        rule("taxonomies.csv", 2, "icon", "rocket", "unknown icon"),
        rule("taxonomies.csv", 2, "name", "", "term without name"),
        # Child rows' own rules
        rule("organizations.csv", 2, "opening_hours", "mo 12:00-09:00", "closes before opening"),
        rule(
            "organizations.csv",
            2,
            "contacts",
            "Anna Becker|Leitung|+49 9999 101|anna-at-vhs|yes",
            "contact's e-mail address",
        ),
        rule("organizations.csv", 2, "contacts", "|Leitung||", "contact without name"),
    ],
)
def test_a_row_breaking_a_rule_of_the_admin_is_named_and_nothing_is_written(
    data_copy, file_name, row, column, value, named
):
    set_cell(data_copy, file_name, row, column, value)
    before = database()
    with pytest.raises(ImportFailed) as failure:
        import_directory(data_copy)
    where = [(problem.file, problem.row, problem.column) for problem in failure.value.problems]
    assert where == [(file_name, row, named)], failure.value
    assert database() == before
