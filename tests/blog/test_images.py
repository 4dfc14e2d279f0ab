"""Post images reach phones as responsive AVIF/WebP renditions, lazily below the fold."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1600, 900), (40, 110, 90)).save(buffer, "JPEG")
    return Image.objects.create(
        title="Sprachcafé", file=ImageFile(buffer, name="sprachcafe.jpg"), width=1600, height=900
    )


def sources(html):
    """The srcset of each <source> element, by its type."""
    found = {}
    for tag in re.findall(r"<source [^>]*>", html):
        found[re.search(r'type="([^"]+)"', tag).group(1)] = re.search(
            r'srcset="([^"]+)"', tag
        ).group(1)
    return found


def test_post_and_card_offer_avif_webp_and_jpeg_in_several_widths(client, make_post, photo, blog):
    post = make_post(title="Beitrag mit Bild", hero_image=photo, hero_alt="Menschen am Tisch")

    page = client.get(post.url).content.decode()
    post_sources = sources(page)
    assert set(post_sources) == {"image/avif", "image/webp"}
    assert all(f"{width}w" in post_sources["image/avif"] for width in (480, 800, 1200))
    hero = re.search(r"<img [^>]*alt=\"Menschen am Tisch\"[^>]*>", page).group(0)
    assert "loading=" not in hero  # above the fold
    assert re.search(r'src="[^"]+\.jpg"', hero) and 'sizes="' in hero

    index = client.get(blog["de"].url).content.decode()
    card = re.search(r"<img [^>]*alt=\"Menschen am Tisch\"[^>]*>", index).group(0)
    assert 'loading="lazy"' in card and 'width="' in card and 'height="' in card
    assert "640w" in sources(index)["image/webp"]

    rendition_formats = {
        rendition.file.name.rsplit(".", 1)[1] for rendition in photo.renditions.all()
    }
    assert rendition_formats == {"avif", "webp", "jpg"}
