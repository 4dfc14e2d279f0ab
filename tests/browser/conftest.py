"""Real-browser tests: Debian's Chromium, driven by Playwright, against a live server.

The server runs in a thread of the test process on the session's test database,
with the demo content loaded once (tests/conftest.py). No test here may flush or
roll back that database, so none requests ``db`` or ``live_server``; what the
journeys create stays, under unique names, and these tests run after all others.
"""

import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.tools import CHROMIUM_ARGS, require_tools

HERE = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = HERE.parent.parent / "test-artifacts" / "browser"
PASSWORD = "browser-journey-password-1"
TIMEOUT_MS = 15_000
BLOCKING_IMPACTS = {"serious", "critical"}
ADMIN_LANGUAGE = "en-GB"


def missing_browser_tools():
    """What the browser tests need and this machine lacks, as a sentence; empty if nothing."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    if not AXE.exists():
        missing.append("axe-core in tests/browser/node_modules (npm ci --prefix tests/browser)")
    return " and ".join(missing)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Browser tests run last, after pytest-django's ordering: the data their journeys
    create stays in the database. Their ``django_db`` mark makes pytest-django set the
    test database up even when no other test is collected; see ``_django_db_marker``."""
    items.sort(key=lambda item: HERE in item.path.parents)
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(autouse=True)
def _django_db_marker():
    """Unlike pytest-django's fixture of this name, the ``django_db`` mark wraps no test in
    a transaction here: the live server's own connections (PostgreSQL) would not see data
    that a test creates in one, and a rollback or flush would take the demo content away."""


@pytest.fixture(scope="session", autouse=True)
def browser_tools():
    """Skip the browser tests without their tools, or fail when REQUIRE_BROWSER_TOOLS=1."""
    require_tools(missing_browser_tools(), "The browser tests")


@dataclass
class LiveSite:
    url: str
    media_root: Path


@pytest.fixture(scope="session")
def site_server(browser_tools, django_db_setup, django_db_blocker, tmp_path_factory, demo_media):
    """The site served on a free port, with its static and media files, for the session.

    The in-memory SQLite test database is shared with the server's threads (as
    in Django's LiveServerTestCase); other databases are reached through their
    own connections. Uploads go to one folder for the session (from the demo's files on), so
    a page shows the images uploaded in an earlier step. Playwright's sync API keeps an event
    loop in the main thread, where the tests also use the ORM, which Django would
    refuse as an async context; it is allowed only while the browser tests run
    (it would fail ``check --deploy`` in other tests' subprocesses).
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections
    from django.test.testcases import LiveServerThread
    from django.test.utils import modify_settings, override_settings

    media_root = shutil.copytree(demo_media, tmp_path_factory.mktemp("browser") / "media")
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    with (
        pytest.MonkeyPatch.context() as patch,
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_root),
        modify_settings(ALLOWED_HOSTS={"append": "127.0.0.1"}),
    ):
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        shared = {
            connection.alias: connection
            for connection in connections.all()
            if connection.vendor == "sqlite" and connection.is_in_memory_db()
        }
        for connection in shared.values():
            connection.inc_thread_sharing()
        server = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override=shared)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        try:
            if server.error:
                raise server.error
            yield LiveSite(url=f"http://127.0.0.1:{server.port}", media_root=media_root)
        finally:
            server.terminate()
            for connection in shared.values():
                connection.dec_thread_sharing()


@pytest.fixture(autouse=True)
def media_root(site_server):
    """The live server's media folder instead of a folder per test (tests/conftest.py)."""
    return site_server.media_root


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, headless, with a fresh profile (Playwright makes one per launch)."""
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(site_server):
    """Pages open relative addresses on the live server (pytest-playwright's browser contexts)."""
    return site_server.url


@pytest.fixture
def unique():
    """A short token that keeps the names of what a journey creates apart from earlier runs'."""
    return uuid.uuid4().hex[:8]


@pytest.fixture
def make_user(django_db_blocker, unique):
    """Create a user in the named groups, who signs in with ``PASSWORD`` and reads the admin in
    ``language`` (English unless told otherwise; "" leaves the choice to the site: German)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    def make(name, *groups, language="en"):
        with django_db_blocker.unblock():
            user = get_user_model().objects.create_user(
                username=f"{name}-{unique}", email=f"{name}-{unique}@example.org", password=PASSWORD
            )
            user.groups.set([Group.objects.get(name=group) for group in groups])
            UserProfile.objects.create(user=user, preferred_language=language)
        return user

    return make


@pytest.fixture
def signed_in(new_context):
    """A page of a fresh browser context in which ``user`` has signed in to the admin."""

    def sign_in(user):
        context = new_context(locale=ADMIN_LANGUAGE)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.goto("/admin/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/admin/")
        return page

    return sign_in


def approve_on_dashboard(page, title):
    """Approve the task awaiting review for ``title`` from the signed-in reviewer's dashboard."""
    review = page.get_by_role("row").filter(has_text=title)
    review.get_by_role("button", name="Actions").click()
    review.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_role("row").filter(has_text=title)).to_have_count(0)


@pytest.fixture
def visitor(new_context):
    """A page of a fresh browser context without a login, in German unless told otherwise."""

    def open_page(**context_args):
        context = new_context(**{"locale": "de-DE", **context_args})
        context.set_default_timeout(TIMEOUT_MS)
        return context.new_page()

    return open_page


@pytest.fixture(scope="session")
def axe_source():
    return AXE.read_text(encoding="utf-8")


def blocking_violations(page, axe_source):
    """The serious and critical accessibility problems that axe-core finds on ``page``.

    axe is evaluated in the page rather than added as a script tag, so the page keeps the
    Content-Security-Policy that visitors get (it allows no inline script).
    """
    page.evaluate(axe_source)
    results = page.evaluate("axe.run()")
    assert results["passes"], "axe checked nothing"
    return [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe(violations):
    return "\n".join(
        f"{violation['impact']} {violation['id']}: {violation['help']}\n"
        + "\n".join(f"    {node['target']} {node['html'][:160]}" for node in violation["nodes"])
        for violation in violations
    )


def screenshot_name(item):
    return re.sub(r"[^\w.-]+", "-", item.name).strip("-")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """When a browser test fails, keep a screenshot of each of its open pages."""
    report = yield
    browser = getattr(item, "funcargs", {}).get("browser")
    if report.when == "call" and report.failed and browser is not None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pages = [page for context in browser.contexts for page in context.pages]
        for number, page in enumerate(pages, start=1):
            suffix = f"-{number}" if len(pages) > 1 else ""
            path = ARTIFACTS / f"{screenshot_name(item)}{suffix}.png"
            try:
                page.screenshot(path=path, full_page=True)
            except PlaywrightError:  # a page that crashed or closed has nothing to show
                continue
    return report
