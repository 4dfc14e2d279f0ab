"""The state of every translatable page and snippet in every content language.

The states, from wagtail-localize's records and the objects themselves:

- missing: there is no version in the language (an alias following the source
  does not count) and no translation was started;
- in progress: a translation was started, but strings are untranslated, or the
  version is not published, or a draft of it waits for review;
- outdated: the source was published after its translation source was last
  synchronised ("Sync translated content"), so the version lacks the changes;
- machine: published, but some strings came from a machine translator and no
  person has edited them since (wagtail-localize marks edited strings manual);
- up to date: everything else.

The source of an object is the language its translation was first submitted
from (its oldest TranslationSource); an object never submitted for translation
has its versions' oldest as source.
"""

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.core.cache import cache
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from .cache import translations_version

MISSING, IN_PROGRESS, OUTDATED, MACHINE, UP_TO_DATE = (
    "missing",
    "in_progress",
    "outdated",
    "machine",
    "up_to_date",
)
STATES = {
    MISSING: _("Missing"),
    IN_PROGRESS: _("In progress"),
    OUTDATED: _("Outdated"),
    MACHINE: _("Machine-translated, not reviewed"),
    UP_TO_DATE: _("Up to date"),
}
NEEDS_WORK = [MISSING, IN_PROGRESS, OUTDATED, MACHINE]


@dataclass
class Row:
    """One object in one target language."""

    model: type
    title: str
    translation_key: str
    source: object  # the source version
    locale: Locale
    target: object  # the version in ``locale``, or None
    translation_source: object  # TranslationSource, or None
    translation: object  # wagtail-localize's Translation into ``locale``, or None
    state: str
    since: datetime  # when the work became due

    @property
    def state_label(self):
        return STATES[self.state]

    @property
    def type_name(self):
        return self.model._meta.verbose_name


def translatable_models():
    """Pages and every translatable snippet model."""
    snippets = [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]
    return [Page, *sorted(snippets, key=lambda model: model._meta.verbose_name)]


def published_at(instance):
    return getattr(instance, "last_published_at", None)


def versions_of(model):
    """translation_key -> {locale_id: instance} for one model (pages: live or draft, not root)."""
    objects = model.objects.all()
    if issubclass(model, Page):
        # An alias follows its source until it is translated: it is no translation.
        objects = objects.filter(depth__gt=1, alias_of__isnull=True).specific()
    versions = {}
    for instance in objects:
        versions.setdefault(instance.translation_key, {})[instance.locale_id] = instance
    return versions


def progress(source_ids):
    """(source id, locale id) -> (segments, translated segments)."""
    totals = dict(
        StringSegment.objects.filter(source_id__in=source_ids)
        .values("source_id")
        .annotate(n=Count("pk"))
        .values_list("source_id", "n")
    )
    translated = (
        StringTranslation.objects.filter(
            has_error=False,
            translation_of__segments__source_id__in=source_ids,
            context_id=F("translation_of__segments__context_id"),
        )
        .values("translation_of__segments__source_id", "locale_id")
        .annotate(n=Count("translation_of__segments", distinct=True))
    )
    done = {
        (row["translation_of__segments__source_id"], row["locale_id"]): row["n"]
        for row in translated
    }
    return totals, done


def machine_translated(source_ids):
    """(source id, locale id) pairs with machine-translated strings nobody reviewed."""
    return set(
        StringTranslation.objects.filter(
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
            translation_of__segments__source_id__in=source_ids,
            context_id=F("translation_of__segments__context_id"),
        ).values_list("translation_of__segments__source_id", "locale_id")
    )


def state_of(source, target, translation_source, translation, totals, done, machine):
    """The state of ``target`` (None if missing) as a translation of ``source``."""
    if target is None:
        return MISSING if translation is None else IN_PROGRESS
    if translation_source is None:
        source_time, target_time = published_at(source), published_at(target)
        outdated = source_time and target_time and source_time > target_time
        return OUTDATED if outdated else UP_TO_DATE
    key = (translation_source.pk, target.locale_id)
    if totals.get(translation_source.pk, 0) > done.get(key, 0):
        return IN_PROGRESS
    if getattr(target, "live", True) is False or getattr(target, "has_unpublished_changes", False):
        return IN_PROGRESS  # unpublished, or a draft waits for review
    source_time = published_at(source)
    if source_time and source_time > translation_source.last_updated_at:
        return OUTDATED
    if key in machine:
        return MACHINE
    return UP_TO_DATE


def overview(locales=None, models=None):
    """Every translatable object in every target language, as rows, waiting longest first."""
    locales = list(locales or Locale.objects.all())
    rows = []
    for model in models or translatable_models():
        versions = versions_of(model)
        sources = {}
        for record in TranslationSource.objects.filter(object_id__in=list(versions)).order_by(
            "created_at"
        ):
            sources.setdefault(record.object_id, record)
        source_ids = [record.pk for record in sources.values()]
        totals, done = progress(source_ids)
        machine = machine_translated(source_ids)
        translations = {
            (translation.source_id, translation.target_locale_id): translation
            for translation in Translation.objects.filter(source_id__in=source_ids, enabled=True)
        }
        for key, by_locale in versions.items():
            record = sources.get(key)
            source_locale = record.locale_id if record else min(by_locale)
            source = by_locale.get(source_locale) or next(iter(by_locale.values()))
            for locale in locales:
                if locale.pk == source.locale_id:
                    continue
                target = by_locale.get(locale.pk)
                translation = translations.get((record.pk, locale.pk)) if record else None
                state = state_of(source, target, record, translation, totals, done, machine)
                since = published_at(source) or (record.created_at if record else None)
                rows.append(
                    Row(
                        model=type(source),
                        title=str(source),
                        translation_key=key,
                        source=source,
                        locale=locale,
                        target=target,
                        translation_source=record,
                        translation=translation,
                        state=state,
                        since=since or timezone.now(),
                    )
                )
    rows.sort(key=lambda row: row.since)
    return rows


def counts(rows):
    """locale -> {state: number} of the rows."""
    found = {}
    for row in rows:
        by_state = found.setdefault(row.locale, dict.fromkeys(STATES, 0))
        by_state[row.state] += 1
    return found


def counts_by_locale(locales):
    """Locale id -> {state: number} of every translatable object in each of ``locales``;
    cached until content or a translation changes."""
    locale_ids = "-".join(str(locale.pk) for locale in locales)

    def load():
        return {locale.pk: by_state for locale, by_state in counts(overview(locales)).items()}

    return cache.get_or_set(
        f"translations:counts:{translations_version()}:{locale_ids}", load, timeout=3600
    )


def model_by_label(label):
    """The model for an ``app_label.model_name`` label, or None."""
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None
