"""With a CDN configured, pages say how long it may keep them and are purged when they change."""

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend

from directory.models import DirectoryPage
from tests.home.test_settings import PRODUCTION, manage

pytestmark = pytest.mark.django_db

PURGED = []


class RecordingBackend(BaseBackend):
    """Remembers the addresses it was asked to purge."""

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def cdn(settings):
    PURGED.clear()
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": f"{__name__}.RecordingBackend"}}
    settings.FRONTEND_CACHE_SECONDS = 120
    return PURGED


def test_anonymous_pages_may_be_kept_by_the_cdn_for_a_while(client, demo, cdn):
    response = client.get(demo["about"].url)
    assert "s-maxage=120" in response.headers["Cache-Control"]
    assert "public" in response.headers["Cache-Control"]


def test_publishing_a_page_purges_it(demo, cdn):
    demo["about"].save_revision().publish()
    assert demo["about"].get_full_url() in cdn


def test_publishing_an_offer_purges_its_pages_and_the_lists(small, cdn):
    offer = small["offers"][("t-course", "de")]
    offer.save_revision().publish()
    for language in ("de", "en"):
        page = DirectoryPage.objects.get(locale__language_code=language)
        assert page.get_full_url() in cdn
        assert f"{page.get_full_url()}offers/{offer.slug}/" in cdn
    cdn.clear()
    offer.unpublish()
    assert f"{DirectoryPage.objects.get(locale__language_code='de').get_full_url()}offers/" in (
        " ".join(cdn)
    )


def test_production_reads_the_purge_address_from_the_environment():
    shown = manage(
        "shell",
        "--verbosity=0",
        "-c",
        "from django.conf import settings as s; "
        "print(s.WAGTAILFRONTENDCACHE['proxy']['LOCATION'], s.FRONTEND_CACHE_SECONDS)",
        FRONTEND_CACHE_PURGE_URL="http://varnish.internal:6081",
        **PRODUCTION,
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == ["http://varnish.internal:6081", "60"]
