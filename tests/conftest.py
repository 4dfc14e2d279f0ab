"""Shared fixtures: the demo network is loaded once per test session."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
        call_command("load_directory_demo", verbosity=0)
        call_command("load_blog_demo", verbosity=0)


@pytest.fixture
def demo(db):
    """The demo network's pages, by key, in the source language."""
    from wagtail.models import Site

    home = Site.objects.get(is_default_site=True).root_page.specific
    about = home.get_children().get(slug="ueber-das-netzwerk").specific
    return {
        "home": home,
        "about": about,
        "coordination": about.get_children().get(slug="koordinierungsstelle").specific,
        "imprint": home.get_children().get(slug="impressum").specific,
    }


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache; rolled-back data must not linger in it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads made by tests go to a temporary folder, not the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
