"""The demo home page's sections (topic tiles, next events, latest posts, who we are), laid
out once the directory's topics exist, on a new database and on one of an earlier demo."""

import json
from pathlib import Path

from django.conf import settings
from wagtail.models import Locale, Site
from wagtail_localize.models import TranslationSource

from .blocks import stream_value
from .images import ALT_TEXT, demo_image
from .translate import translate

DEMO_PAGES = Path(__file__).resolve().parent / "pages.json"


def demo_pages(entries, source_code):
    """The pages of the demo file's ``entries`` that exist in the source language, by key."""
    pages = {}
    for entry in entries:
        if entry["parent"] is None:
            pages[entry["key"]] = Site.objects.get(is_default_site=True).root_page.specific
        elif entry["parent"] in pages:
            slug = entry["translations"][source_code]["slug"]
            page = pages[entry["parent"]].get_children().filter(slug=slug).first()
            if page is not None:
                pages[entry["key"]] = page.specific
    return pages


def load_home_layout(topics):
    """Give the demo's home page its sections in every language of the demo file; True if it
    got them now. ``topics`` maps slugs to the source language's topics. A home page with
    topic tiles, or whose introduction is no longer the demo's, is left as it is."""
    data = json.loads(DEMO_PAGES.read_text(encoding="utf-8"))
    source_code = settings.LANGUAGE_CODE
    translations = data["pages"][0]["translations"]
    source = translations[source_code]
    pages = demo_pages(data["pages"], source_code)
    home = pages["home"]
    if home.intro != source["intro"] or any(b.block_type == "topic_tiles" for b in home.sections):
        return False
    images = {}
    for code, texts in translations.items():
        for block in texts["sections"]:
            if block.get("image"):
                block["alt_text"] = ALT_TEXT[code]
                images[block["image"]] = demo_image(block["image"])
    home.sections = stream_value(source["sections"], pages, topics, images)
    home.save_revision().publish()
    TranslationSource.update_or_create_from_instance(home)
    codes = [code for code in translations if code != source_code]
    for locale in Locale.objects.filter(language_code__in=codes):
        code = locale.language_code
        translate(home, locale, source, translations[code], f"home page's sections in {code}")
    return True
