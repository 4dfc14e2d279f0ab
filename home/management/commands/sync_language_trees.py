"""Report, and repair, language trees that lack pages of the source language's tree."""

from django.core.management.base import BaseCommand
from wagtail.models import Locale
from wagtail_localize.synctree import PageIndex, synchronize_tree


def missing_pages(index, source, locale):
    """Entries of the source tree with neither a translation nor an alias in ``locale``."""
    return [
        entry
        for entry in index.not_translated_into(locale)
        if source.pk in entry.locales and locale.pk not in entry.aliased_locales
    ]


class Command(BaseCommand):
    help = (
        "List the pages of the source language that are missing from the other languages' "
        "trees (neither translated nor aliased). With --repair, add them as aliases (copies "
        "that follow the source until they are translated)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Create the missing aliases.")

    def handle(self, repair=False, **options):
        source = Locale.get_default()
        index = PageIndex.from_database().sort_by_tree_position()
        drifted = 0
        for locale in Locale.objects.exclude(pk=source.pk).order_by("language_code"):
            missing = missing_pages(index, source, locale)
            drifted += len(missing)
            self.stdout.write(f"{locale.language_code}: {len(missing)} page(s) missing")
            for entry in missing:
                self.stdout.write(f"  {entry.translation_key}")
            if missing and repair:
                synchronize_tree(source, locale, page_index=index)
        if repair and drifted:
            index = PageIndex.from_database().sort_by_tree_position()
            left = sum(
                len(missing_pages(index, source, locale))
                for locale in Locale.objects.exclude(pk=source.pk)
            )
            self.stdout.write(self.style.SUCCESS(f"Repaired; {left} page(s) still missing."))
        elif not drifted:
            self.stdout.write(self.style.SUCCESS("Every language tree has every page."))
