"""Load the demo network's accessibility statement and link it in the footer."""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.models import Locale, Site

from accessibility.models import AccessibilityStatementPage
from home.demo.translate import is_translated, translate
from home.languages import complete_language_trees
from home.models import NetworkSettings

DEMO_DATA = Path(__file__).resolve().parents[2] / "demo" / "statement.json"


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
        "the footer. Needs load_demo first. Safe to run again: what exists is left as it is."
    )

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
