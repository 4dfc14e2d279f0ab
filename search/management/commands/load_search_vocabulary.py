"""Load the integration field's multilingual vocabulary as synonym sets."""

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale

from search.models import SynonymSet

VOCABULARY = Path(__file__).resolve().parents[2] / "vocabulary.json"
# A concept's sets share the translation key derived from its id, in every database.
CONCEPT_NAMESPACE = uuid.UUID("6f0c1d2e-8a5b-4c3d-9e7f-1a2b3c4d5e6f")
RIGHT_TO_LEFT_COMMA = {"ar", "fa"}


def concept_key(concept_id):
    return uuid.uuid5(CONCEPT_NAMESPACE, concept_id)


class Command(BaseCommand):
    help = (
        "Add the concepts of search/vocabulary.json (the words people use for housing, "
        "language courses, debt, midwives and some two hundred other needs, in each content "
        "language) as synonym sets, one per language, the versions of a concept linked as "
        "translations. Safe to run again: a concept that has a set in any language is left "
        "as editors left it, so nothing they changed or deleted comes back."
    )

    @transaction.atomic
    def handle(self, **options):
        concepts = json.loads(VOCABULARY.read_text(encoding="utf-8"))
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        known = set(SynonymSet.objects.values_list("translation_key", flat=True))
        source = settings.LANGUAGE_CODE
        created = 0
        for concept in concepts:
            key = concept_key(concept["id"])
            if key in known:
                continue
            versions = [(code, entries) for code, entries in concept.items() if code in locales]
            # the source language's first: the others are its translations, and may be one word
            for code, entries in sorted(versions, key=lambda version: version[0] != source):
                separator = "، " if code in RIGHT_TO_LEFT_COMMA else ", "
                synonym_set = SynonymSet(
                    locale=locales[code], translation_key=key, words=separator.join(entries)
                )
                try:
                    synonym_set.full_clean()
                except ValidationError as error:
                    raise CommandError(
                        f"{VOCABULARY.name}: concept “{concept['id']}”, language {code}: "
                        + " ".join(error.messages)
                    ) from error
                synonym_set.save()
                created += 1
        self.stdout.write(self.style.SUCCESS(f"Search vocabulary ready: {created} sets added."))
