"""Load the demo network's search synonyms: a few sets in every demo language."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale

from search.models import SynonymSet

DEMO_DATA = Path(__file__).resolve().parents[2] / "demo" / "synonyms.json"


class Command(BaseCommand):
    help = (
        "Add the demo synonyms (housing, childcare, language courses, work, doctors) from "
        "search/demo/synonyms.json to every language that has no synonyms yet. Safe to run "
        "again: a language's synonyms are left as they are."
    )

    @transaction.atomic
    def handle(self, **options):
        data = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
        kept = SynonymSet.objects.values_list("locale_id", flat=True)
        locales = Locale.objects.filter(language_code__in=list(data)).exclude(pk__in=kept)
        created = 0
        for locale in locales:
            for text in data[locale.language_code]:
                synonym_set = SynonymSet(locale=locale, words=text)
                synonym_set.full_clean()
                synonym_set.save()
                created += 1
        self.stdout.write(self.style.SUCCESS(f"Demo synonyms ready: {created} sets added."))
