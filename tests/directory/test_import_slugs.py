"""The directory import makes missing slugs by the site's rule and keeps those it made before."""

import csv

import pytest

from directory.exchange import import_directory
from directory.models import Offer
from tests.conftest import SMALL

pytestmark = pytest.mark.django_db

COLUMNS = [
    "id",
    "locale",
    "organization_id",
    "name",
    "description",
    "topics",
    "target_groups",
    "languages",
    "cost",
    "place",
]


def write_services(folder, rows):
    """A services.csv of offers of the small data's school, without a slug column."""
    folder.mkdir()
    with open(folder / "services.csv", "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for external_id, locale, name in rows:
            writer.writerow(
                [external_id, locale, "t-school", name, name, "german-courses", "all", locale]
                + ["free", "lindenau"]
            )
    return folder


def slugs(external_id):
    offers = Offer.objects.filter(external_id=external_id)
    return {offer.locale.language_code: offer.slug for offer in offers}


def test_slugs_are_made_from_the_names_by_the_rule_of_their_language(small, tmp_path):
    folder = write_services(
        tmp_path / "offers",
        [
            ("s-tenants", "de", "Beratung für Mieterinnen und Mieter"),
            ("s-tenants", "en", "Advice for tenants"),
            ("s-street", "de", "Treffpunkt Große Straße"),
            ("s-legal", "ar", "استشارة قانونية للاجئين"),
            ("s-housing", "uk", "Консультація з питань житла"),
            ("s-papers", "ru", "Помощь с документами"),
            ("s-refugees", "fa", "مشاوره حقوقی برای پناهندگان"),
        ],
    )
    import_directory(folder)
    assert slugs("s-tenants") == {
        "de": "beratung-fuer-mieterinnen-und-mieter",
        "en": "beratung-fuer-mieterinnen-und-mieter",
    }
    assert slugs("s-street") == {"de": "treffpunkt-grosse-strasse"}
    assert slugs("s-legal") == {"ar": "stshrh-qnwnyh-lljiyn"}
    assert slugs("s-housing") == {"uk": "konsultatsiya-z-pitan-zhitla"}
    assert slugs("s-papers") == {"ru": "pomoshch-s-dokumentami"}
    assert slugs("s-refugees") == {"fa": "mshwrh-hqwqy-bry-pnhndgn"}


def test_importing_again_keeps_the_slugs_of_entries(small):
    Offer.objects.filter(external_id="t-course").update(slug="frauenkurs")
    import_directory(SMALL)
    assert slugs("t-course") == {"de": "frauenkurs", "en": "frauenkurs"}
