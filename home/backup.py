"""Backups of the site (the database and the uploaded files) and the check that one restores.

A backup is a folder with two files: ``database.sqlite3`` (a copy of SQLite's file) or
``database.dump`` (``pg_dump``'s custom format), and ``media.tar.gz`` (``MEDIA_ROOT``).
The check restores the database into a new, empty one of the kind the site uses (a
temporary file, or a temporary database on the site's PostgreSQL server), unpacks the
files into a temporary folder, and serves the home page from both in this process,
with a cache of its own; it finds every image and document file the database names,
and removes what it made. README.md ("Backup and restore") has the procedure.
"""

import os
import shutil
import subprocess
import tarfile
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections
from django.db.utils import load_backend
from django.test import Client
from django.test.utils import override_settings
from django.utils.html import escape

SQLITE_HEADER = b"SQLite format 3\x00"
CUSTOM_DUMP_HEADER = b"PGDMP"
MEDIA_ARCHIVE = "media.tar.gz"


class BackupError(Exception):
    """A backup could not be made, or does not restore."""


def is_postgresql():
    return connection.vendor == "postgresql"


def postgres_environment(database):
    """The environment that points PostgreSQL's command-line tools at the site's server."""
    environment = dict(os.environ)
    for key, variable in [
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ]:
        if database.get(key):
            environment[variable] = str(database[key])
    return environment


def run(command, database):
    """Run a PostgreSQL tool; its error output becomes the error's message."""
    try:
        subprocess.run(
            command, env=postgres_environment(database), check=True, capture_output=True, text=True
        )
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed.") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from error


def make_backup(folder):
    """Write the database and the uploaded files into ``folder``; return the two paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    database = connection.settings_dict
    if is_postgresql():
        dump = folder / "database.dump"
        run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", database["NAME"]],
            database,
        )
    else:
        dump = folder / "database.sqlite3"
        connection.ensure_connection()
        # A consistent copy of the whole file, read through the site's own connection.
        dump.write_bytes(connection.connection.serialize())
    media = folder / MEDIA_ARCHIVE
    with tarfile.open(media, "w:gz") as archive:
        if Path(settings.MEDIA_ROOT).is_dir():
            archive.add(settings.MEDIA_ROOT, arcname=".")
    return dump, media


def dump_kind(dump):
    with open(dump, "rb") as file:
        start = file.read(len(SQLITE_HEADER))
    if start == SQLITE_HEADER:
        return "sqlite"
    return "custom" if start.startswith(CUSTOM_DUMP_HEADER) else "sql"


@contextmanager
def restored_database(dump, folder):
    """The settings of a new database holding ``dump``, of the kind the site uses."""
    kind = dump_kind(dump)
    database = dict(connection.settings_dict)
    if (kind == "sqlite") == is_postgresql():
        raise BackupError(
            f"{dump} is a {'SQLite' if kind == 'sqlite' else 'PostgreSQL'} backup, but the site "
            f"uses {connection.display_name}; check it where DATABASE_URL names that kind."
        )
    if kind == "sqlite":
        database["NAME"] = str(Path(folder) / "restored.sqlite3")
        shutil.copyfile(dump, database["NAME"])
        yield database
        return
    name = database["NAME"] = f"restore_check_{uuid.uuid4().hex[:12]}"
    run(["createdb", "--template=template0", name], database)
    try:
        if kind == "custom":
            restore = ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={name}", dump]
        else:
            restore = ["psql", "--quiet", "--set=ON_ERROR_STOP=1", f"--dbname={name}", "-f", dump]
        run([str(part) for part in restore], database)
        yield database
    finally:
        run(["dropdb", "--if-exists", database["NAME"]], database)


@contextmanager
def site_on(database, media_root):
    """This thread's site served from ``database`` and ``media_root``, with a cache of its own."""
    original = connections[DEFAULT_DB_ALIAS]
    restored = load_backend(database["ENGINE"]).DatabaseWrapper(database, DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = restored
    try:
        with override_settings(
            MEDIA_ROOT=media_root,
            CACHES={
                "default": {
                    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": f"restore-check-{uuid.uuid4().hex}",
                }
            },
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        ):
            yield
    finally:
        restored.close()
        connections[DEFAULT_DB_ALIAS] = original


@dataclass
class Findings:
    pages: int
    files: int
    missing_files: list
    home_path: str
    home_title: str


def unpack(media_archive, target):
    try:
        with tarfile.open(media_archive) as archive:
            archive.extractall(target, filter="data")
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"{media_archive} cannot be unpacked: {error}") from error


def inspect_site():
    """What the restored site holds, and its home page as a visitor gets it."""
    from django.core.files.storage import default_storage
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Site

    names = [
        name
        for model in (get_image_model(), get_document_model())
        for name in model.objects.values_list("file", flat=True)
    ]
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise BackupError("The restored database has no default site.")
    response = Client().get("/", follow=True, secure=True)
    if response.status_code != 200:
        raise BackupError(f"The home page answers {response.status_code}.")
    home_path = response.request["PATH_INFO"]
    title = site.root_page.title
    if escape(title) not in response.content.decode():
        raise BackupError(f"{home_path} does not show the home page “{title}”.")
    return Findings(
        pages=Page.objects.filter(depth__gt=1).count(),
        files=len(names),
        missing_files=[name for name in names if not default_storage.exists(name)],
        home_path=home_path,
        home_title=title,
    )


def check_backup(dump, media_archive):
    """Restore ``dump`` and ``media_archive`` into empty places and serve the home page."""
    for path in (dump, media_archive):
        if not Path(path).is_file():
            raise BackupError(f"{path} does not exist.")
    with tempfile.TemporaryDirectory(prefix="restore-check-") as folder:
        media_root = Path(folder) / "media"
        unpack(media_archive, media_root)
        with restored_database(dump, folder) as database, site_on(database, media_root):
            try:
                findings = inspect_site()
            except DatabaseError as error:
                raise BackupError(f"the restored database does not answer: {error}") from error
    if findings.missing_files:
        shown = ", ".join(findings.missing_files[:5])
        raise BackupError(
            f"{len(findings.missing_files)} of {findings.files} image and document files are "
            f"missing from {media_archive}: {shown}"
        )
    return findings
