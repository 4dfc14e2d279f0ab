"""The directory's caches follow the site's one content version."""

import pytest

from directory.models import Topic
from home.cache import content_changed

pytestmark = pytest.mark.django_db


def test_a_new_content_version_refreshes_the_directory_filters(client, small, directory_page):
    """Bulk writes send no save signals; the new content version that an import starts
    is enough for the lists to show what was written."""
    assert "Deutschkurse" in client.get(directory_page.url).content.decode()
    Topic.objects.filter(slug="german-courses", locale=directory_page.locale).update(
        name="Deutsch lernen"
    )
    content_changed()
    text = client.get(directory_page.url).content.decode()
    assert "Deutsch lernen" in text
    assert "Deutschkurse" not in text
