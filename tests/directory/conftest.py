"""Directory fixtures: a writable copy of the small data folder and the directory page."""

import shutil

import pytest

from tests.conftest import SMALL


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
