"""The default SQLite database serves concurrent requests: publishing never finds it locked."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.home.publish_concurrently import PAGES_PER_PUBLISHER, PUBLISHERS

PROJECT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("publish_concurrently.py")


pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def sqlite_file(tmp_path_factory, django_db_setup, django_db_blocker):
    """A SQLite file holding a copy of the test database (migrated, with the demo content).

    Copied before the test's own transaction begins, which would lock the database.
    """
    if connection.vendor != "sqlite":
        pytest.skip("checks the SQLite settings; the test database to copy is not SQLite")
    path = tmp_path_factory.mktemp("concurrency") / "db.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
    return path


def test_publishing_while_other_requests_write_and_read(sqlite_file):
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{sqlite_file}"}
    result = subprocess.run(
        [sys.executable, str(SCRIPT)],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])

    assert report["errors"] == []
    every_language = sorted(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
    assert len(report["languages"]) == PUBLISHERS * PAGES_PER_PUBLISHER
    assert all(codes == every_language for codes in report["languages"].values())
