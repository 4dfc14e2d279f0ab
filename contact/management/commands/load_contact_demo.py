"""Load the demo network's forms: "Become a member" and the coordination office's contact form."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.models import Locale, Page, Site

from contact.models import ContactFormField, ContactFormPage, JoinFormPage
from home.demo.references import references_indexed_once
from home.demo.translate import is_translated, translate
from home.languages import complete_language_trees

DEMO_DATA = Path(__file__).resolve().parents[2] / "demo" / "forms.json"
OFFICE = "integration@lindental.example"


class Command(BaseCommand):
    help = (
        "Create the demo's join form (below “Mitmachen”) and contact form (below "
        "“Koordinierungsstelle”) from contact/demo/forms.json, translated with "
        "wagtail-localize. Needs load_demo first. Safe to run again: what exists is left as it is."
    )

    @references_indexed_once()
    def handle(self, **options):
        data = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
        home = Site.objects.get(is_default_site=True).root_page
        created = 0
        for entry in data["pages"]:
            parent = Page.objects.descendant_of(home).filter(slug=entry["parent"]).first()
            if parent is None:
                self.stderr.write(f"No page “{entry['parent']}”: load_demo first.")
                continue
            created += self.load_page(entry, parent.specific)
        complete_language_trees()
        self.stdout.write(self.style.SUCCESS(f"Demo forms ready: {created} new form pages."))

    def load_page(self, entry, parent):
        """Create one form page in the source language and translate it; False if it exists."""
        model = JoinFormPage if entry["type"] == "join" else ContactFormPage
        texts = entry["translations"]
        source = texts[settings.LANGUAGE_CODE]
        page = model.objects.child_of(parent).filter(slug=source["slug"]).first()
        new = page is None
        if new:
            page = model(
                title=source["title"],
                slug=source["slug"],
                intro=source["intro"],
                search_description=source["search_description"],
                thank_you_text=source["thank_you_text"],
                to_address=OFFICE,
                subject=entry["subject"],
                show_in_menus=False,
            )
            for field in source.get("form_fields", []):
                page.form_fields.add(
                    ContactFormField(
                        label=field["label"],
                        help_text=field.get("help_text", ""),
                        field_type=field["field_type"],
                        required=field.get("required", True),
                    )
                )
            parent.add_child(instance=page)
            page.save_revision().publish()
        for locale in Locale.objects.filter(language_code__in=texts).exclude(
            language_code=settings.LANGUAGE_CODE
        ):
            if not is_translated(page, locale):
                where = f"{model._meta.verbose_name} in {locale.language_code}"
                translate(page, locale, source, texts[locale.language_code], where)
        return new
