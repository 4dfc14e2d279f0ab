"""What the benchmarks share: production settings in-process, a fresh demo database, CPU time,
the demo served under gunicorn."""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the site's packages, and tests.tools for Chromium's flags


def configure():
    """Production settings (no debug bookkeeping, collected static files, plain HTTP). Without
    DATABASE_URL the database is a SQLite file in a new temporary folder, and without
    MEDIA_ROOT the uploads go there too, so a benchmark never touches the site's own."""
    workdir = tempfile.mkdtemp(prefix="benchmark-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/db.sqlite3")
    os.environ.setdefault("MEDIA_ROOT", f"{workdir}/media")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="netsite.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=tempfile.mkdtemp(prefix="benchmark-static-"),
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def served_demo(prefix):
    """Production settings and the demo in a fresh database (a SQLite file in a new temporary
    folder, or DATABASE_URL's, emptied), with media in that folder, for gunicorn to serve
    on localhost; returns the folder."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'db.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    configure()
    fresh_demo_database()
    os.environ["ALLOWED_HOSTS"] = "localhost"
    return workdir


def fresh_demo_database():
    """Empty the database named in DATABASE_URL and load the demo network into it."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    else:
        connection.close()
        Path(connection.settings_dict["NAME"]).unlink(missing_ok=True)
    call_command("migrate", verbosity=0)
    for command in (
        "load_demo",
        "load_directory_demo",
        "load_events_demo",
        "load_blog_demo",
        "load_contact_demo",
        "load_network_demo",
        "load_accessibility_demo",
        "load_search_vocabulary",
    ):
        call_command(command, verbosity=0)


def cpu_seconds(pids):
    """The CPU time (user and system) that the processes ``pids`` have used, in seconds."""
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except FileNotFoundError:  # ended meanwhile
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after the command's name
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def free_port():
    """A port on localhost that nothing listens on at the moment."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(root, port, log):
    """gunicorn serving the site and its images (``media_wsgi``) on localhost (a secure origin
    to the browser); waits until up."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "media_wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--pythonpath", str(Path(__file__).resolve().parent)]
        + ["--workers", "2", "--access-logfile", "-"],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/robots.txt", timeout=2):
                if server.poll() is None:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not come up; see {log.name}")
