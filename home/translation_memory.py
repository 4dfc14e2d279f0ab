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
from typing import NamedTuple

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
from wagtail_localize.strings import StringValue, validate_translation_links


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


def choose_source(versions, record_locale_id=None):
    """Of an object's versions, the one others are translated from.

    That is the version in ``record_locale_id``, the language of the object's first
    translation source if it has one; else the version it was first written in
    (``is_original``, directory entries); else the source language's version; else the
    oldest.
    """
    for accepts in (
        lambda version: version.locale_id == record_locale_id,
        lambda version: getattr(version, "is_original", False),
        lambda version: version.locale.language_code == settings.LANGUAGE_CODE,
    ):
        found = next((version for version in versions if accepts(version)), None)
        if found is not None:
            return found
    return versions[0]


def source_version(instance):
    """The version of ``instance``'s object that others are translated from."""
    record = (
        TranslationSource.objects.filter(object_id=instance.translation_key)
        .order_by("created_at")
        .first()
    )
    return choose_source(versions_of(instance) or [instance], record and record.locale_id)


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


class SourceString(NamedTuple):
    """A string of a translation source (a ``StringSegment``): which string, where, its text."""

    string_id: int
    context_id: int
    text: str


def aligned_strings(segments_at, target):
    """(SourceString, text) pairs: each string of a source (``segments_at``: path -> its
    SourceStrings in order) with the target's text at the same place. A field whose number
    of strings differs (rich text of another shape) has no pairs."""
    written = segments_by_path(target)
    for path, segments in segments_at.items():
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


def has_error(source_text, text):
    """Whether wagtail-localize would mark ``text`` as an invalid translation of ``source_text``
    (markup it does not allow, links the source lacks), as ``StringTranslation.save`` does.
    Plain text (no tag at all) is always valid."""
    if "<" not in text:
        return False
    try:
        StringValue.from_translated_html(text)
        validate_translation_links(source_text, text)
    except ValueError:
        return True
    return False


MEMORY_FIELDS = ["data", "translation_type", "tool_name", "has_error", "field_error"]


def record_translation(target, *, explicit=False):
    """Write the text of ``target`` into the translation memory; see ``record_translations``."""
    return record_translations([target], explicit=explicit)


@transaction.atomic
def record_translations(targets, *, explicit=False, sources=None):
    """Write the text of versions into the translation memory; return the strings written.

    Each version's text is recorded, string by string, as the translation of its
    object's translation source (``sources`` by translation key, when the caller has
    them; else the object's first one, made from its source version if it has none);
    the version gets a translation record if it has none (a stopped one stays stopped).

    ``explicit`` says that the versions as a whole are known to be translations (imported
    rows, demo data): every aligned string is recorded. Otherwise (an edit saved in the
    editor, a database brought up to date) a string is recorded only when a person wrote
    it: not a source text, and not the recorded translation of an earlier source text at
    that place, which stays untranslated so that translators see the change.
    """
    sources = dict(sources or {})
    work = []
    for target in targets:
        if getattr(target, "alias_of_id", None):
            continue
        record = sources.get(target.translation_key) or source_record(target)
        sources[target.translation_key] = record
        if record.locale_id != target.locale_id:
            work.append((record, target))
    if not work:
        return 0
    records = {record.pk: record for record, _target in work}
    known = set(
        Translation.objects.filter(source_id__in=records).values_list(
            "source_id", "target_locale_id"
        )
    )
    Translation.objects.bulk_create(
        [
            Translation(source=record, target_locale_id=target.locale_id, enabled=True)
            for record, target in work
            if (record.pk, target.locale_id) not in known
        ],
        ignore_conflicts=True,
    )
    segments_at = defaultdict(lambda: defaultdict(list))
    for source_id, path, *segment in (
        StringSegment.objects.filter(source_id__in=records)
        .order_by("order")
        .values_list("source_id", "context__path", "string_id", "context_id", "string__data")
    ):
        segments_at[source_id][path].append(SourceString(*segment))
    recorded = {
        (memory.translation_of_id, memory.locale_id, memory.context_id): memory
        for memory in StringTranslation.objects.filter(
            context__object_id__in={record.object_id for record in records.values()},
            locale_id__in={target.locale_id for _record, target in work},
        )
    }
    earlier = {(memory.context_id, memory.locale_id, memory.data) for memory in recorded.values()}
    pairs = [
        (record, target, segment, text)
        for record, target in work
        for segment, text in aligned_strings(segments_at[record.pk], target)
    ]
    copies = set()
    if not explicit:
        for locale_id in {record.locale_id for record in records.values()}:
            texts = [text for record, _t, _s, text in pairs if record.locale_id == locale_id]
            copies |= {(locale_id, text) for text in source_texts(locale_id, texts)}
    created, changed = [], []
    for record, target, segment, text in pairs:
        memory = recorded.get((segment.string_id, target.locale_id, segment.context_id))
        if memory is not None and memory.data == text:
            continue
        if not explicit and (
            (record.locale_id, text) in copies
            or (segment.context_id, target.locale_id, text) in earlier
        ):
            continue
        values = {
            "data": text,
            "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            "tool_name": "",
            "has_error": has_error(segment.text, text),
            "field_error": "",
        }
        if memory is None:
            memory = StringTranslation(
                translation_of_id=segment.string_id,
                locale_id=target.locale_id,
                context_id=segment.context_id,
            )
            created.append(memory)
        else:
            changed.append(memory)
        for field, value in values.items():
            setattr(memory, field, value)
    StringTranslation.objects.bulk_create(created, batch_size=1000)
    StringTranslation.objects.bulk_update(changed, MEMORY_FIELDS, batch_size=1000)
    return len(created) + len(changed)


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
