"""A backup (database and uploaded files) restores into an empty database and serves the home
page; one that does not is refused."""

import shutil
import sqlite3
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

pytestmark = pytest.mark.django_db

needs_pg_dump = pytest.mark.skipif(
    connection.vendor == "postgresql" and not shutil.which("pg_dump"),
    reason="pg_dump is not installed",
)


def backup(folder):
    call_command("backup", str(folder))
    dump = folder / ("database.dump" if connection.vendor == "postgresql" else "database.sqlite3")
    return dump, folder / "media.tar.gz"


def check(dump, media, capsys):
    call_command("check_backup", str(dump), str(media))
    return capsys.readouterr().out


def leftover_databases():
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE 'restore_check_%%'")
        return cursor.fetchall()


@needs_pg_dump
def test_a_backup_restores_and_serves_the_home_page(demo, tmp_path, capsys):
    dump, media = backup(tmp_path / "backup")
    output = check(dump, media, capsys)
    assert "The backup restores:" in output
    assert f"the home page answers at /de/ (“{demo['home'].title}”)" in output
    # The live site is untouched, and nothing is left behind.
    assert Page.objects.filter(pk=demo["about"].pk).exists()
    assert leftover_databases() == []


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="pg_dump sees only committed rows, and each test runs inside a transaction",
)
def test_a_backup_without_the_uploaded_files_is_refused(demo, tmp_path, capsys):
    get_image_model().objects.create(title="Plenary", file=get_test_image_file("plenary.png"))
    files = get_image_model().objects.count() + get_document_model().objects.count()
    dump, media = backup(tmp_path / "backup")
    assert f"all {files} image and document files" in check(dump, media, capsys)
    empty = tmp_path / "empty.tar.gz"
    tarfile.open(empty, "w:gz").close()
    with pytest.raises(CommandError, match=rf"{files} of {files} image and document files are"):
        check(dump, empty, capsys)


def test_a_dump_without_the_site_is_refused(demo, tmp_path, capsys):
    media = tmp_path / "media.tar.gz"
    tarfile.open(media, "w:gz").close()
    if connection.vendor == "postgresql":
        dump = tmp_path / "other.sql"
        dump.write_text("CREATE TABLE unrelated (id integer);\n")
    else:
        dump = tmp_path / "other.sqlite3"
        with sqlite3.connect(dump) as other:
            other.execute("CREATE TABLE unrelated (id integer)")
        other.close()
    with pytest.raises(CommandError, match="does not restore: the restored database"):
        check(dump, media, capsys)
    assert leftover_databases() == []
