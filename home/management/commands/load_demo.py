"""Load the demo network: pages, its name and footer, and settings, with their translations."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.models import Locale, Site

from home.demo.blocks import stream_value
from home.demo.layout import DEMO_PAGES, demo_pages
from home.demo.references import references_indexed_once
from home.demo.translate import is_translated, translate
from home.languages import complete_language_trees
from home.models import ContentPage, FooterText, HomePage, NetworkSettings

NETWORK = {
    "street": "Schlossplatz 3",
    "postcode": "99991",
    "town": "Lindenau",
    "phone": "+49 9999 4410-214",
    "email": "integration@lindental.example",
}


class Command(BaseCommand):
    help = (
        "Load the demo network's pages, name, footer and settings in the source language, "
        "translated with wagtail-localize; every other language's tree gets the pages not "
        "translated into it as aliases. Safe to run again: what exists is left as it is."
    )

    @references_indexed_once()
    def handle(self, **options):
        data = json.loads(DEMO_PAGES.read_text(encoding="utf-8"))
        source_code = settings.LANGUAGE_CODE
        pages = self.load_pages(data["pages"], source_code)
        self.load_site_texts(data["network_name"], data["footer"], source_code)
        self.load_settings(pages)
        aliases = complete_language_trees()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {len(pages)} pages; {aliases} pages added to other "
                "languages' trees as aliases."
            )
        )

    def target_locales(self, translations, source_code):
        codes = [code for code in translations if code != source_code]
        return Locale.objects.filter(language_code__in=codes)

    def load_pages(self, entries, source_code):
        pages, created = demo_pages(entries, source_code), []
        for entry in entries:
            if entry["key"] not in pages:
                source = entry["translations"][source_code]
                pages[entry["key"]] = pages[entry["parent"]].add_child(
                    instance=ContentPage(title=source["title"], slug=source["slug"])
                )
                created.append(entry)
        home = pages["home"]
        if entries[0]["key"] == "home" and not home.intro:
            created.insert(0, entries[0])

        for entry in created:
            page = pages[entry["key"]]
            source = entry["translations"][source_code]
            page.title = source["title"]
            page.search_description = source.get("search_description", "")
            page.intro = source.get("intro", "")
            page.show_in_menus = entry.get("show_in_menus", False)
            page.body = stream_value(source.get("body", []), pages)
            if isinstance(page, HomePage):
                page.featured_pages = [
                    {"type": "page", "value": {"page": pages[key].pk, "teaser": ""}}
                    for key in entry.get("featured", [])
                ]
            page.save_revision().publish()

        for entry in entries:
            page = pages[entry["key"]]
            source = entry["translations"][source_code]
            for locale in self.target_locales(entry["translations"], source_code):
                if is_translated(page, locale):
                    continue
                target = entry["translations"][locale.language_code]
                where = f"page {entry['key']!r} in {locale.language_code}"
                translate(page, locale, source, target, where)
        return pages

    def load_site_texts(self, names, footers, source_code):
        """The network's name and footer in every language of the demo.

        Texts that exist are kept; translations are added only while the source
        still reads as the demo wrote it.
        """

        def demo_texts(code):
            """The texts as ``translate`` reads them: the name, and the footer as a paragraph."""
            paragraph = {"type": "paragraph", "html": f"<p>{footers[code]}</p>"}
            return {"network_name": names[code], "body": [paragraph]}

        source = demo_texts(source_code)
        name, body = source["network_name"], source["body"][0]["html"]
        footer = FooterText.objects.filter(locale__language_code=source_code).first()
        if footer is None:
            footer = FooterText(network_name=name, body=body)
            footer.save()
            footer.save_revision().publish()
        if (footer.network_name, footer.body) != (name, body):
            return
        for locale in self.target_locales(footers, source_code):
            if not footer.has_translation(locale):
                code = locale.language_code
                translate(footer, locale, source, demo_texts(code), f"footer in {code}")

    def load_settings(self, pages):
        network = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
        if any(getattr(network, field) for field in NETWORK):
            return
        for field, value in NETWORK.items():
            setattr(network, field, value)
        network.imprint_page = pages.get("imprint")
        network.privacy_page = pages.get("privacy")
        network.save()
