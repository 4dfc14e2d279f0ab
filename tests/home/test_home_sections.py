"""The home page for newcomers: topic tiles into the directory in the visitor's language, the
next events, the latest posts with pictures and who we are, arranged as blocks; the demo's
pictures with alternative texts and responsive renditions."""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamValue

from home.blocks import HomeSections, WhoWeAreBlock
from home.demo.images import ALT_TEXT

pytestmark = pytest.mark.django_db

TILE_TOPICS = [
    "language-courses",
    "work",
    "housing",
    "health",
    "childcare-school",
    "counselling",
    "arrival",
    "recognition",
]


def tiles(html):
    """(address, name) of each topic tile."""
    return [
        (unescape(href), re.sub(r"<[^>]+>", "", inner).strip())
        for href, inner in re.findall(r'<a class="tile" href="([^"]+)">(.*?)</a>', html, re.S)
    ]


def pictures(html):
    """(the <img> tag, the srcset of its <source> elements) of each <picture>."""
    found = []
    for picture in re.findall(r"<picture>.*?</picture>", html, re.S):
        srcsets = re.findall(r'<source [^>]*srcset="([^"]+)"', picture)
        found.append((re.search(r"<img [^>]*>", picture).group(0), srcsets))
    return found


@pytest.mark.parametrize("code", ["de", "ar"])
def test_topic_tiles_lead_to_the_directory_filtered_by_the_topic_in_the_same_language(client, code):
    from directory.models import DirectoryPage, Topic

    html = client.get(f"/{code}/").content.decode()
    directory = DirectoryPage.objects.live().get(locale__language_code=code).url
    shown = tiles(html)
    assert [href for href, _name in shown] == [f"{directory}?topic={t}" for t in TILE_TOPICS]
    names = dict(Topic.objects.filter(locale__language_code=code).values_list("slug", "name"))
    assert [name for _href, name in shown] == [names[slug] for slug in TILE_TOPICS]
    assert html.count('<use href="/static/img/icons.svg#') >= len(TILE_TOPICS)
    href, name = shown[2]
    listing = client.get(href).content.decode()
    assert f'<html lang="{code}"' in listing
    assert re.search(rf'value="housing" checked> {re.escape(name)}', listing)


@pytest.mark.parametrize("code", ["de", "ar"])
def test_the_home_page_shows_its_sections_in_order_with_pictures_that_have_alt_and_srcset(
    client, code
):
    html = client.get(f"/{code}/").content.decode()
    order = [
        html.index(marker)
        for marker in [
            'class="search-form"',
            'class="home-section topic-tiles"',
            'class="next-events"',
            'class="home-section latest-posts"',
            'class="home-section who-we-are',
        ]
    ]
    assert order == sorted(order)
    shown = pictures(html)
    assert len(shown) == 4  # three posts and who we are
    for img, srcsets in shown:
        assert f'alt="{ALT_TEXT[code]}"' in img
        assert len(srcsets) == 2 and all(", " in srcset for srcset in srcsets)


@pytest.mark.parametrize("path", ["/de/angebote/actors/", "/ar/offers/actors/"])
def test_actor_cards_and_pages_show_their_picture_with_alt_and_srcset(client, path):
    from directory.models import Actor

    code = path.split("/")[1]
    listing = client.get(path).content.decode()
    shown = pictures(listing)
    assert shown and all(f'alt="{ALT_TEXT[code]}"' in img for img, _srcsets in shown)
    assert all('loading="lazy"' in img for img, _srcsets in shown)
    actor = Actor.objects.filter(locale__language_code=code, image__isnull=False).first()
    page = client.get(f"{path}{actor.slug}/").content.decode()
    (img, srcsets), *_rest = pictures(page)
    assert f'alt="{ALT_TEXT[code]}"' in img and "800w" in srcsets[0]


def test_an_actor_picture_needs_its_alternative_text():
    from directory.models import Actor

    actor = Actor.objects.filter(image__isnull=False).first()
    actor.image_alt_text = " "
    with pytest.raises(ValidationError) as error:
        actor.clean()
    assert "image_alt_text" in error.value.message_dict


def test_who_we_are_with_a_picture_needs_its_alternative_text():
    from wagtail.images import get_image_model

    block = WhoWeAreBlock()
    value = block.to_python(
        {
            "heading": "Wer wir sind",
            "text": "<p>Ein Netzwerk.</p>",
            "image": get_image_model().objects.first().pk,
            "alt_text": "",
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_the_events_and_posts_blocks_render_as_many_as_the_editors_chose(rf, demo):
    request = rf.get("/de/")
    stream = StreamValue(
        HomeSections(),
        [("next_events", {"count": 1}), ("latest_posts", {"count": 2})],
    )
    html = "".join(
        block.render(context={"page": demo["home"], "request": request}) for block in stream
    )
    assert html.count('class="card event-card') == 1
    assert html.count('class="card post-card"') == 2


def test_the_demo_lays_the_home_out_once_and_leaves_a_changed_home_alone(demo):
    from django.conf import settings

    from directory.models import Topic
    from home.demo.layout import load_home_layout

    topics = {t.slug: t for t in Topic.objects.filter(locale__language_code=settings.LANGUAGE_CODE)}
    home = demo["home"]
    assert not load_home_layout(topics)  # laid out already
    home.sections = []
    home.save()
    assert load_home_layout(topics)
    assert [block.block_type for block in home.__class__.objects.get(pk=home.pk).sections] == [
        "topic_tiles",
        "next_events",
        "latest_posts",
        "who_we_are",
    ]
    home.sections = []
    home.intro = "Unsere eigene Einleitung."
    home.save()
    assert not load_home_layout(topics)
