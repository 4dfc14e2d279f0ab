"""An import costs the same number of queries for a few entries as for many: it validates,
writes, leaves its trail and fills the translation memory in bulk."""

import csv
import shutil

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.exchange import import_directory
from directory.models import Offer
from home.bulk import bulk_insert
from tests.conftest import SMALL

pytestmark = pytest.mark.django_db

ORGANIZATION_COLUMNS = [
    "id", "locale", "name", "description", "kind", "email", "phone", "website", "street",
    "postcode", "place", "latitude", "longitude", "languages", "topics", "contacts",
    "opening_hours",
]  # fmt: skip
SERVICE_COLUMNS = [
    "id", "locale", "organization_id", "name", "description", "topics", "target_groups",
    "languages", "cost", "place", "opening_hours",
]  # fmt: skip


def write_directory(folder, prefix, count, wording="Kurs"):
    """``count`` actors with one offer each, in German and English, in the small data's
    vocabulary (imported by the ``vocabulary`` fixture)."""
    folder.mkdir()
    with open(folder / "organizations.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(ORGANIZATION_COLUMNS)
        for number in range(count):
            for locale in ("de", "en"):
                writer.writerow(
                    [f"{prefix}-actor-{number}", locale, f"{prefix} {locale} {number}",
                     f"<p>{wording} <b>{number}</b> in {locale}.</p>", "education",
                     f"info{number}@{prefix}.example", "+49 9999 100", "https://vhs.example/",
                     "Schulstraße 1", "99991", "lindenau", "51.00000", "10.10000", "de;en",
                     "language-courses",
                     "Anna Becker|Leitung|+49 9999 101|a.becker@vhs.example|yes",
                     "mo 09:00-12:00;we appointment"]
                )  # fmt: skip
    with open(folder / "services.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(SERVICE_COLUMNS)
        for number in range(count):
            for locale in ("de", "en"):
                writer.writerow(
                    [f"{prefix}-offer-{number}", locale, f"{prefix}-actor-{number}",
                     f"{wording} {prefix} {locale} {number}", f"{wording} für alle ({locale}).",
                     "german-courses", "women", "de", "free", "lindenau", "tu 10:00-12:00"]
                )  # fmt: skip
    return folder


@pytest.fixture
def vocabulary(tmp_path):
    """The small data's vocabulary, imported with an entry (so that the lookups which the
    site caches after a first import are not counted)."""
    folder = write_directory(tmp_path / "first", "first", 1)
    shutil.copy(SMALL / "taxonomies.csv", folder / "taxonomies.csv")
    import_directory(folder)


def queries_of_import(folder):
    with CaptureQueriesContext(connection) as queries:
        import_directory(folder)
    return len(queries)


def test_importing_more_entries_costs_no_more_queries(vocabulary, tmp_path):
    few = queries_of_import(write_directory(tmp_path / "few", "few", 2))
    many = queries_of_import(write_directory(tmp_path / "many", "many", 7))
    assert Offer.objects.filter(external_id__startswith="many-").count() == 14
    assert many == few


def test_updating_more_entries_costs_no_more_queries(vocabulary, tmp_path):
    import_directory(write_directory(tmp_path / "few", "few", 2))
    import_directory(write_directory(tmp_path / "many", "many", 7))
    few = queries_of_import(write_directory(tmp_path / "few-again", "few", 2, "Gruppe"))
    many = queries_of_import(write_directory(tmp_path / "many-again", "many", 7, "Gruppe"))
    assert Offer.objects.get(external_id="many-offer-6", locale__language_code="en").title == (
        "Gruppe many en 6"
    )
    assert many == few


def test_a_dry_run_of_more_entries_costs_no_more_queries(vocabulary, tmp_path):
    few = tmp_path / "few"
    many = tmp_path / "many"
    write_directory(few, "few", 2)
    write_directory(many, "many", 7)
    with CaptureQueriesContext(connection) as queries:
        import_directory(few, dry_run=True)
    with CaptureQueriesContext(connection) as more_queries:
        import_directory(many, dry_run=True)
    assert not Offer.objects.filter(external_id__startswith="many-").exists()
    assert len(more_queries) == len(queries)


def test_bulk_insert_writes_every_row_and_gives_their_keys(vocabulary, tmp_path):
    import_directory(write_directory(tmp_path / "few", "few", 3))
    offers = list(Offer.objects.filter(external_id__startswith="few-").order_by("pk"))
    revisions = [offer.latest_revision for offer in offers]
    for revision in revisions:
        revision.pk = None
    written = bulk_insert(type(revisions[0]), revisions, batch_size=4)
    assert all(revision.pk for revision in written)
    assert [offer.revisions.count() for offer in offers] == [2] * len(offers)
    assert {revision.content["title"] for revision in written} == {o.title for o in offers}
