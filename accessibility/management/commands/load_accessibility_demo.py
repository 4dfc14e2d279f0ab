"""Load the demo network's accessibility statement (linked in the footer) and its pages in
Leichte Sprache and German Sign Language (linked in the header)."""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.models import Locale, Page, Site

from accessibility.models import (
    OFFERING_LANGUAGE,
    AccessibilityStatementPage,
    EasyLanguageIndexPage,
    EasyLanguagePage,
    SignLanguagePage,
)
from home.demo.references import references_indexed_once
from home.demo.translate import is_translated, translate
from home.languages import complete_language_trees
from home.models import NetworkSettings

DEMO_FOLDER = Path(__file__).resolve().parents[2] / "demo"
DEMO_DATA = DEMO_FOLDER / "statement.json"
OFFERINGS_DATA = DEMO_FOLDER / "offerings.json"


def statement_pairs(source, target):
    """The (source, translated) strings of the statement that ``translate`` does not know."""
    for field in ("enforcement_text", "enforcement_body"):
        yield source[field], target[field]
    for item, translated in zip(source["items"], target["items"], strict=True):
        for field in ("content", "alternative"):
            yield item[field], translated[field]


class Command(BaseCommand):
    help = (
        "Create the demo's accessibility statement (below the home page) from "
        "accessibility/demo/statement.json, translated with wagtail-localize, and link it in "
        "the footer; and the German pages in Leichte Sprache and German Sign Language from "
        "accessibility/demo/offerings.json. Needs load_demo first. Safe to run again: what "
        "exists is left as it is."
    )

    @references_indexed_once()
    def handle(self, **options):
        data = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        page = AccessibilityStatementPage.objects.child_of(home).first()
        new = page is None
        if new:
            page = self.create_statement(home, data)
        texts = data["translations"]
        source = texts[settings.LANGUAGE_CODE]
        for locale in Locale.objects.filter(language_code__in=texts).exclude(
            language_code=settings.LANGUAGE_CODE
        ):
            if not is_translated(page, locale):
                target = texts[locale.language_code]
                where = f"accessibility statement in {locale.language_code}"
                translate(page, locale, source, target, where, statement_pairs(source, target))
        complete_language_trees()
        network = NetworkSettings.for_site(site)
        if network.accessibility_page_id is None:
            network.accessibility_page = page
            network.save()
        self.stdout.write(
            self.style.SUCCESS(
                "Accessibility statement created." if new else "Accessibility statement exists."
            )
        )
        german = Page.objects.filter(
            depth=home.depth, locale__language_code=OFFERING_LANGUAGE
        ).first()
        if german is None:
            self.stdout.write("No German tree: no pages in Leichte Sprache and sign language.")
            return
        added = self.create_offerings(german, json.loads(OFFERINGS_DATA.read_text("utf-8")))
        self.stdout.write(
            self.style.SUCCESS(f"Pages in Leichte Sprache and sign language: {added} created.")
        )

    def create_offerings(self, german_home, data):
        """The easy-language start page and its pages, and the sign-language page, below the
        German home page, where they are missing; returns how many were created."""
        added = 0
        easy = data["easy_language"]
        index = EasyLanguageIndexPage.objects.child_of(german_home).first()
        if index is None:
            index = publish_child(german_home, EasyLanguageIndexPage, easy)
            added += 1
        for text in easy["pages"]:
            if not index.get_children().filter(slug=text["slug"]).exists():
                publish_child(index, EasyLanguagePage, text)
                added += 1
        if not SignLanguagePage.objects.child_of(german_home).exists():
            publish_child(german_home, SignLanguagePage, data["sign_language"])
            added += 1
        return added

    def create_statement(self, home, data):
        """The statement in the source language, published."""
        source = data["translations"][settings.LANGUAGE_CODE]
        items = [
            (
                "item",
                {"content": item["content"], "reason": reason, "alternative": item["alternative"]},
            )
            for item, reason in zip(source["items"], data["reasons"], strict=True)
        ]
        page = AccessibilityStatementPage(
            title=source["title"],
            slug=source["slug"],
            intro=source["intro"],
            search_description=source["search_description"],
            thank_you_text=source["thank_you_text"],
            compliance=data["compliance"],
            non_accessible_content=items,
            prepared_on=date.fromisoformat(data["prepared_on"]),
            reviewed_on=date.fromisoformat(data["reviewed_on"]),
            assessment_method=data["assessment_method"],
            feedback_email=data["feedback_email"],
            feedback_phone=data["feedback_phone"],
            enforcement_text=source["enforcement_text"],
            enforcement_body=source["enforcement_body"],
            enforcement_address=data["enforcement_address"],
            enforcement_url=data["enforcement_url"],
            to_address=data["feedback_email"],
            subject=data["subject"],
            show_in_menus=False,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        return page


def publish_child(parent, model, text):
    """A published page of ``model`` below ``parent``, from a demo ``text`` (title, slug,
    intro and, for an easy-language page, its body)."""
    page = model(title=text["title"], slug=text["slug"], intro=text["intro"], show_in_menus=False)
    if "body" in text:
        page.body = [tuple(block) for block in text["body"]]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
