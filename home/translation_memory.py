"""Translation memory for text written outside wagtail-localize's editor.

wagtail-localize builds a translation from its memory: for each string of the
source (a ``StringSegment`` of a ``TranslationSource``) the translated string
(``StringTranslation``), falling back to the source text where there is none.
Translations that reached the database another way (the demo, the directory
import, an edit in the snippet or page editor while a translation is not
synchronised) have no memory, so the next synchronisation would write source
text over them. Two things prevent that:

- ``record_translation`` writes a version's text into the memory, string by
  string, as the translation of its source's strings at the same place;
- ``keep_written_text`` is used when wagtail-localize builds a version: a source
  string without a translation keeps the version's current text at that place
  when a person wrote it, instead of the source text.

A text counts as written by a person when it is not a text of the source
language (a ``String`` wagtail-localize extracted from a source): an untranslated
copy holds source text, which a synchronisation may replace.
"""

from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import (
    String,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue, TemplateSegmentValue
from wagtail_localize.segments.extract import extract_segments


def versions_of(instance):
    """Every version of ``instance`` that has content of its own (aliases left out)."""
    if isinstance(instance, Page):
        return list(
            Page.objects.filter(translation_key=instance.translation_key, alias_of__isnull=True)
            .specific()
            .order_by("pk")
        )
    model = instance.get_translation_model()
    return list(model.objects.filter(translation_key=instance.translation_key).order_by("pk"))


def source_version(instance):
    """The version others are translated from.

    That is the language of the object's first translation source; else the
    version it was first written in (``is_original``, directory entries); else the
    source language's version; else the oldest.
    """
    versions = versions_of(instance)
    record = (
        TranslationSource.objects.filter(object_id=instance.translation_key)
        .order_by("created_at")
        .first()
    )
    for accepts in (
        lambda version: record is not None and version.locale_id == record.locale_id,
        lambda version: getattr(version, "is_original", False),
        lambda version: version.locale.language_code == settings.LANGUAGE_CODE,
    ):
        found = next((version for version in versions if accepts(version)), None)
        if found is not None:
            return found
    return versions[0] if versions else instance


def source_record(instance):
    """The object's translation source, created from its source version if there is none."""
    record = (
        TranslationSource.objects.filter(object_id=instance.translation_key)
        .order_by("created_at")
        .first()
    )
    if record is None:
        record, _created = TranslationSource.get_or_create_from_instance(source_version(instance))
    return record


def segments_by_path(instance):
    """path -> the segments of an instance's text (rich-text templates and strings), in order."""
    found = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue | TemplateSegmentValue):
            found[segment.path].append(segment)
    return found


def strings_of(segments):
    return [segment for segment in segments if isinstance(segment, StringSegmentValue)]


def aligned_strings(record, target):
    """(StringSegment, text) pairs: each string of the source with the target's text at the
    same place. A field whose number of strings differs (rich text of another shape) has no
    pairs."""
    written = segments_by_path(target)
    by_path = defaultdict(list)
    for segment in record.stringsegment_set.select_related("string", "context").order_by("order"):
        by_path[segment.context.path].append(segment)
    for path, segments in by_path.items():
        texts = [value.string.data for value in strings_of(written.get(path, []))]
        if len(texts) == len(segments):
            yield from zip(segments, texts, strict=True)


def source_texts(locale_id, texts):
    """Those of ``texts`` that wagtail-localize knows as texts of a source in ``locale_id``."""
    return set(
        String.objects.filter(locale_id=locale_id, data__in=set(texts)).values_list(
            "data", flat=True
        )
    )


@transaction.atomic
def record_translation(target, *, explicit=False):
    """Write the text of ``target`` into the translation memory; return the strings written.

    The source is the object's translation source, made from its source version if it
    has none; the version gets a translation record if it has none.

    ``explicit`` says that ``target`` as a whole is known to be a translation (an
    imported row, demo data): every aligned string is recorded. Otherwise (an edit
    saved in the editor, a database brought up to date) a string is recorded only when
    a person wrote it: not a source text, and not the recorded translation of an
    earlier source text at that place, which stays untranslated so that translators
    see the change.
    """
    if getattr(target, "alias_of_id", None):
        return 0
    record = source_record(target)
    if record.locale_id == target.locale_id:
        return 0
    # The translation editor opens for a version with a translation record (a stopped one
    # stays stopped).
    Translation.objects.get_or_create(
        source=record, target_locale_id=target.locale_id, defaults={"enabled": True}
    )
    pairs = list(aligned_strings(record, target))
    recorded = {
        (memory.translation_of_id, memory.context_id): memory
        for memory in StringTranslation.objects.filter(
            locale_id=target.locale_id, context__object_id=record.object_id
        )
    }
    earlier = {(memory.context_id, memory.data) for memory in recorded.values()}
    copies = source_texts(record.locale_id, [text for _segment, text in pairs])
    written = 0
    for segment, text in pairs:
        memory = recorded.get((segment.string_id, segment.context_id))
        if memory is not None and memory.data == text:
            continue
        if not explicit and (text in copies or (segment.context_id, text) in earlier):
            continue
        StringTranslation.objects.update_or_create(
            translation_of_id=segment.string_id,
            locale_id=target.locale_id,
            context_id=segment.context_id,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": "",
                "has_error": False,
                "field_error": "",
            },
        )
        written += 1
    return written


def current_version(record, locale):
    """The version of ``record``'s object in ``locale`` with content of its own, or None."""
    try:
        version = record.get_translated_instance(locale)
    except ObjectDoesNotExist:
        return None
    return None if getattr(version, "alias_of_id", None) else version


def keep_written_text(record, locale, segments):
    """``segments`` (wagtail-localize's, with source text where a translation is missing),
    with the current text of the version in ``locale`` kept where a person wrote it."""
    target = current_version(record, locale)
    if target is None:
        return segments
    missing = set(
        StringSegment.objects.filter(source=record)
        .annotate_translation(locale)
        .filter(translation__isnull=True)
        .values_list("context__path", "order")
    )
    if not missing:
        return segments
    written = segments_by_path(target)
    paths = {path for path, _order in missing}
    copies = source_texts(
        record.locale_id,
        [value.string.data for path in paths for value in strings_of(written.get(path, []))],
    )
    replaced, dropped, added = {}, set(), []
    for path in paths:
        own = written.get(path, [])
        own_strings = strings_of(own)
        if all(value.string.data in copies for value in own_strings):
            continue  # nothing there that a person wrote
        at_path = sorted((s for s in strings_of(segments) if s.path == path), key=lambda s: s.order)
        if len(own_strings) == len(at_path):
            for segment, value in zip(at_path, own_strings, strict=True):
                if (path, segment.order) in missing and value.string.data not in copies:
                    replaced[id(segment)] = StringSegmentValue(
                        path, value.string, attrs=value.attrs
                    ).with_order(segment.order)
        else:
            # Rich text of another shape: the version keeps all of its text there.
            dropped |= {id(s) for s in segments if s.path == path or s.path.startswith(f"{path}.'")}
            added += own
    return [
        replaced.get(id(segment), segment) for segment in segments if id(segment) not in dropped
    ] + added
