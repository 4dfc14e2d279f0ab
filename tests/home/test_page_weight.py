"""The home page stays light for phones on slow connections."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BUDGET = 100 * 1024


@pytest.mark.parametrize("language", ["de", "ar"])
def test_home_page_without_images_weighs_under_100_kb_uncompressed(client, language):
    html = client.get(f"/{language}/").content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js|svg|woff2?))"', html)
    assert b"css/site.css" in assets
    weight = len(html) + sum(len(open(finders.find(a.decode()), "rb").read()) for a in assets)
    assert weight < BUDGET, f"{weight} bytes: {[a.decode() for a in assets]}"
    assert not re.search(rb'(?:src="|rel="(?:stylesheet|icon|preload)" href=")https?://', html)
