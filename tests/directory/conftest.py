"""A small directory, imported on top of the demo network for each test that asks for it."""

import shutil
from pathlib import Path

import pytest

from directory.exchange import import_directory

SMALL = Path(__file__).parent / "data" / "small"


@pytest.fixture
def small(db):
    """Import tests/directory/data/small and return the imported offers and actors by id."""
    from directory.models import Actor, Offer

    import_directory(SMALL)
    return {
        "offers": {
            (o.external_id, o.locale.language_code): o
            for o in Offer.objects.filter(external_id__startswith="t-")
        },
        "actors": {
            (a.external_id, a.locale.language_code): a
            for a in Actor.objects.filter(external_id__startswith="t-")
        },
    }


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of the small data folder, for tests that spoil it."""
    folder = tmp_path / "data"
    shutil.copytree(SMALL, folder)
    return folder


@pytest.fixture
def directory_page(demo):
    from directory.models import DirectoryPage

    return DirectoryPage.objects.get(locale=demo["home"].locale)
