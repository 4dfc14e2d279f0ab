"""Shared fixtures: the demo network is loaded once per test session."""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

SMALL = Path(__file__).parent / "directory" / "data" / "small"


@pytest.fixture(scope="session")
def demo_media(tmp_path_factory):
    """The folder of the files the demo uploads (the members' area's documents)."""
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, demo_media):
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media):
        call_command("load_demo", verbosity=0)
        call_command("load_directory_demo", verbosity=0)
        call_command("load_events_demo", verbosity=0)
        call_command("load_blog_demo", verbosity=0)
        call_command("load_contact_demo", verbosity=0)
        call_command("load_network_demo", verbosity=0)
        call_command("load_accessibility_demo", verbosity=0)
        call_command("load_search_vocabulary", verbosity=0)
        make_renditions()


def make_renditions():
    """Serve every live page once, so that the renditions of the demo's pictures (hundreds
    of AVIF, WebP and JPEG files) are made once for the session, as a running site makes
    them once, and not again in every test that shows a picture."""
    from django.core.cache import cache
    from django.test import Client
    from wagtail.models import Page

    client = Client()
    for page in Page.objects.live().filter(depth__gte=2):
        client.get(page.url)
    cache.clear()


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
def media_root(settings, tmp_path, demo_media):
    """Uploads made by tests go to a temporary folder, not the project's media folder; it
    starts with the demo's files, as the database starts with the demo. The files are hard
    links to the demo's (Django's storage writes new files and deletes, never rewrites
    one in place): linking the demo's 400 files takes a twentieth of copying them."""
    settings.MEDIA_ROOT = shutil.copytree(demo_media, tmp_path / "media", copy_function=os.link)


@pytest.fixture
def small(db):
    """Import tests/directory/data/small and return the imported offers and actors by id."""
    from directory.exchange import import_directory
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
