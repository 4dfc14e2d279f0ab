"""Bring the translation memory up to date with translations written outside wagtail-localize."""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import Translation

from home.translation_memory import record_translation, source_version
from home.translation_status import translatable_models


class Command(BaseCommand):
    help = (
        "Record every translated page and snippet in wagtail-localize's translation memory, so "
        "that the translation editor shows it as translated and no synchronisation writes "
        "source text over it. Versions that wagtail-localize never wrote count as translated "
        "as they are; in the others, only text that differs from the source is recorded. Safe "
        "to run again."
    )

    def handle(self, **options):
        total_versions = total_strings = 0
        for model in translatable_models():
            objects = model.objects.all()
            if model is Page:
                objects = objects.filter(depth__gt=1, alias_of__isnull=True).specific()
            by_key = {}
            for instance in objects.order_by("pk"):
                by_key.setdefault(instance.translation_key, []).append(instance)
            for versions in by_key.values():
                if len(versions) < 2:
                    continue
                source = source_version(versions[0])
                for version in versions:
                    if version.pk == source.pk:
                        continue
                    never_synchronised = not Translation.objects.filter(
                        source__object_id=version.translation_key,
                        target_locale_id=version.locale_id,
                    ).exists()
                    with transaction.atomic():
                        written = record_translation(version, explicit=never_synchronised)
                    total_versions += 1
                    total_strings += written
        self.stdout.write(
            self.style.SUCCESS(
                f"Checked {total_versions} translations; recorded {total_strings} strings."
            )
        )
