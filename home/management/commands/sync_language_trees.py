"""Report, and repair, language trees that lack pages of the source language's tree."""

from django.core.management.base import BaseCommand
from wagtail.models import Locale

from home.languages import (
    complete_language_trees,
    content_locales,
    languages_without_locale,
    missing_pages,
    shared_page_index,
)


class Command(BaseCommand):
    help = (
        "List the pages of the source language that are missing from the other languages' "
        "trees (neither translated nor aliased), and content languages not set up yet. With "
        "--repair, set those up and add the missing pages as aliases (copies that follow the "
        "source until they are translated)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair",
            action="store_true",
            help="Set up new languages and create the missing aliases.",
        )

    def handle(self, repair=False, **options):
        source = Locale.get_default()
        index = shared_page_index()
        new_languages = languages_without_locale()
        for code in new_languages:
            self.stdout.write(f"{code}: not set up yet (no locale, team or pages)")
        drifted = len(new_languages)
        for locale in content_locales().order_by("language_code"):
            missing = missing_pages(index, source, locale)
            drifted += len(missing)
            self.stdout.write(f"{locale.language_code}: {len(missing)} page(s) missing")
            for entry in missing:
                self.stdout.write(f"  {entry.translation_key}")
        if repair and drifted:
            complete_language_trees()
            index = shared_page_index()
            left = sum(len(missing_pages(index, source, locale)) for locale in content_locales())
            self.stdout.write(self.style.SUCCESS(f"Repaired; {left} page(s) still missing."))
        elif not drifted:
            self.stdout.write(self.style.SUCCESS("Every language tree has every page."))
