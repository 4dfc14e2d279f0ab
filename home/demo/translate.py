"""Translate demo objects through wagtail-localize, so translators' tools show them.

Each demo text exists in the source language and in its translations with
the same structure. The source object is submitted for translation, and
every segment that wagtail-localize extracts is answered from a mapping of
source strings to translated strings built by walking both structures side
by side.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import StringValue, extract_strings

PLAIN_BLOCK_FIELDS = {
    "heading": ["text"],
    "quote": ["text", "attribution"],
    "call_to_action": ["title", "text", "button_label"],
    "contact": ["name", "role", "organisation", "address"],
    "table": ["caption"],
    "topic_tiles": ["heading"],
    "who_we_are": ["heading", "link_label", "alt_text"],
}
TEXT_FIELDS = [
    "title",
    "slug",
    "search_description",
    "intro",
    "teaser",
    "role",
    "bio",
    "network_name",
    "venue",
    "accessibility",
    "note",
]
RICH_TEXT_FIELDS = ["thank_you_text"]
STREAM_FIELDS = ["body", "sections"]
FORM_FIELD_TEXTS = ["label", "help_text"]


class DemoTranslationError(Exception):
    """The demo data's translation does not match its source."""


def plain(text):
    return StringValue.from_plaintext(text).data


def rich_text_strings(html):
    _template, strings = extract_strings(html)
    return [string.data for string, _attrs in strings]


def string_pairs(source, target, where):
    """Yield (source string, translated string) of two demo objects of the same shape."""
    for field in TEXT_FIELDS:
        if source.get(field):
            yield plain(source[field]), plain(target[field])
    for field in RICH_TEXT_FIELDS:
        if source.get(field):
            source_strings = rich_text_strings(source[field])
            target_strings = rich_text_strings(target[field])
            if len(source_strings) != len(target_strings):
                raise DemoTranslationError(f"{where}: {field} differs in structure")
            yield from zip(source_strings, target_strings, strict=True)
    form_fields = source.get("form_fields", []), target.get("form_fields", [])
    if len(form_fields[0]) != len(form_fields[1]):
        raise DemoTranslationError(f"{where}: the form fields differ from the source's")
    for field, translated in zip(*form_fields, strict=True):
        for name in FORM_FIELD_TEXTS:
            if field.get(name):
                yield plain(field[name]), plain(translated[name])
    for stream in STREAM_FIELDS:
        yield from block_pairs(source.get(stream, []), target.get(stream, []), f"{where}: {stream}")


def block_pairs(source_blocks, target_blocks, where):
    """Yield (source string, translated string) of two demo streams of the same blocks."""
    if [b["type"] for b in source_blocks] != [b["type"] for b in target_blocks]:
        raise DemoTranslationError(f"{where}: the blocks differ from the source's")
    for position, (block, translated) in enumerate(zip(source_blocks, target_blocks, strict=True)):
        if "html" in block:
            source_strings = rich_text_strings(block["html"])
            target_strings = rich_text_strings(translated["html"])
            if len(source_strings) != len(target_strings):
                raise DemoTranslationError(f"{where}: block {position} differs in structure")
            yield from zip(source_strings, target_strings, strict=True)
        for field in PLAIN_BLOCK_FIELDS.get(block["type"], []):
            if block.get(field):
                yield plain(block[field]), plain(translated[field])
        if block["type"] == "table":
            for row, translated_row in zip(block["rows"], translated["rows"], strict=True):
                for cell, translated_cell in zip(row, translated_row, strict=True):
                    yield plain(cell), plain(translated_cell)


def is_translated(instance, locale):
    """Whether ``instance`` has a translation into ``locale`` (an alias that follows it has not)."""
    translation = instance.get_translation_or_none(locale)
    return translation is not None and not getattr(translation, "alias_of_id", None)


def translate(instance, locale, source_data, target_data, where, extra_pairs=()):
    """Create or update the translation of ``instance`` into ``locale`` and publish it.

    ``extra_pairs`` are (source, translated) strings of fields that ``string_pairs`` does
    not know. wagtail-localize publishes when the transaction commits, so call this
    outside of any other transaction.
    """
    strings = dict(string_pairs(source_data, target_data, where))
    strings.update((plain(source), plain(target)) for source, target in extra_pairs)
    with transaction.atomic():
        _translate_strings(instance, locale, strings, where)
    return instance.get_translation(locale)


def _translate_strings(instance, locale, strings, where):
    translation_source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=translation_source, target_locale=locale
    )
    for segment in translation_source.stringsegment_set.select_related("string", "context"):
        data = segment.string.data
        if data not in strings:
            raise DemoTranslationError(f"{where}: no translation for {data!r}")
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": strings[data]},
        )
    translation.save_target(publish=True)


def page_in_every_language(model, texts):
    """The demo page of ``model`` below the home page, in every language of ``texts``.

    ``texts`` maps language codes to the page's title, slug, introduction and
    description. The page is created in the source language if missing and
    translated into the other languages that exist; returns the source page.
    """
    source_code = settings.LANGUAGE_CODE
    home = Site.objects.get(is_default_site=True).root_page.specific
    page = model.objects.filter(locale=home.locale).first()
    if page is None:
        source = texts[source_code]
        page = home.add_child(
            instance=model(
                title=source["title"],
                slug=source["slug"],
                intro=source["intro"],
                search_description=source["search_description"],
                show_in_menus=True,
            )
        )
        page.save_revision().publish()
    for locale in Locale.objects.filter(language_code__in=texts).exclude(language_code=source_code):
        if not is_translated(page, locale):
            where = f"{model._meta.verbose_name} in {locale.language_code}"
            translate(page, locale, texts[source_code], texts[locale.language_code], where)
    return page
