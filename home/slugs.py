"""Readable ASCII slugs for every model with a slug, made by one rule.

German text is spelled as Germans write it without umlauts ("für" becomes
"fuer", "Straße" becomes "strasse"); text in any other language is
transliterated with anyascii (Arabic, Cyrillic, Persian, Turkish, ...). Text
that gives no letters at all gets a short code derived from it, so the same
text always gives the same slug. The admin fills the slug in with the same rule
while the editor types (as formatters of Wagtail's ``SlugInput``), the server
applies it to whatever is sent, the directory import derives its slugs with it,
and translators' page slugs follow it too. Slugs that exist are never changed.
"""

import hashlib
import re
import unicodedata
from functools import lru_cache
from itertools import groupby

from anyascii import anyascii
from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.widgets import SlugInput
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, TranslationContext

GERMAN_LETTERS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
# The same letters typed as a vowel followed by a combining diaeresis.
GERMAN_SPELLINGS = [
    (spelling, replacement)
    for letter, replacement in GERMAN_LETTERS.items()
    for spelling in dict.fromkeys([letter, unicodedata.normalize("NFD", letter)])
]
# The characters the admin transliterates while the editor types: Latin letters with
# diacritics, combining marks, Cyrillic, Arabic and Persian (with their digits), Vietnamese,
# and typographic punctuation. Others are left to the server when the form is saved.
TYPED_CHARACTERS = [
    (0x00A0, 0x024F),
    (0x0300, 0x036F),
    (0x0400, 0x052F),
    (0x0600, 0x06FF),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
]
# What a slug keeps of a transliteration; urlify and slugify drop the rest.
SLUG_CHARACTER = re.compile(r"[-\w\s]", re.ASCII)


def is_german(language_code):
    """Whether the German rule applies to text in ``language_code``."""
    return language_code.split("-")[0].lower() == "de"


def ascii_slug(text, language_code, max_length=255):
    """The readable ASCII slug of ``text`` written in ``language_code``."""
    spelled = text
    if is_german(language_code):
        for spelling, replacement in GERMAN_SPELLINGS:
            spelled = spelled.replace(spelling, replacement)
    slug = slugify(anyascii(spelled))[:max_length].strip("-_")
    if slug or not text.strip():
        return slug
    return hashlib.blake2s(text.strip().encode(), digest_size=4).hexdigest()


def slug_language(instance):
    """The language whose rule makes ``instance``'s slug: its locale's, else the source language."""
    if getattr(instance, "locale_id", None):
        return instance.locale.language_code
    return settings.LANGUAGE_CODE


def character_class(code_points):
    """A regular expression character class matching the sorted ``code_points``."""
    runs = groupby(enumerate(code_points), key=lambda item: item[1] - item[0])
    parts = []
    for _, run in runs:
        run = [code_point for _, code_point in run]
        first, last = f"\\u{run[0]:04x}", f"\\u{run[-1]:04x}"
        parts.append(first if first == last else f"{first}-{last}")
    return f"[{''.join(parts)}]"


@lru_cache
def slug_input_attrs(language_code):
    """The attributes that make Wagtail's slug field apply the rule while the editor types.

    Its formatters replace German letters (for German) and then the characters of
    ``TYPED_CHARACTERS`` by their anyascii transliteration, grouped by replacement, before
    Wagtail's urlify lowercases the text, drops what is not a letter, digit or hyphen and
    joins the words: the same steps as ``ascii_slug``.
    """
    formatters = list(GERMAN_SPELLINGS) if is_german(language_code) else []
    by_replacement = {}
    for first, last in TYPED_CHARACTERS:
        for code_point in range(first, last + 1):
            replacement = anyascii(chr(code_point)).lower()
            if SLUG_CHARACTER.search(replacement):
                by_replacement.setdefault(replacement, []).append(code_point)
    formatters += [
        (character_class(code_points), replacement.replace("$", "$$"))
        for replacement, code_points in by_replacement.items()
    ]
    return SlugInput(formatters=formatters, locale=language_code).attrs


class AsciiSlugField(forms.SlugField):
    """A slug field that turns what is typed into the site's slug instead of refusing it.

    ``language_code`` chooses the rule; the ``unchanged`` slug (the one saved before) stays
    as it is, whatever it looks like.
    """

    language_code = settings.LANGUAGE_CODE
    unchanged = ""

    def to_python(self, value):
        value = super().to_python(value)
        if not value or value == self.unchanged:
            return value
        return ascii_slug(value, self.language_code, self.max_length)


class AsciiSlugFormMixin:
    """An admin form whose slug follows the rule: filled in from the title while the editor
    types, normalised when saved, and made from the title when left empty.

    The title is the model's ``slug_source_field`` (``title`` unless it says otherwise).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if field := self.fields.get("slug"):
            field.language_code = slug_language(self.instance)
            field.unchanged = self.instance.slug
            field.required = False
            field.widget.attrs.update(slug_input_attrs(field.language_code))

    def clean(self):
        field = self.fields.get("slug")
        if field and not self.cleaned_data.get("slug") and "slug" not in self.errors:
            source = getattr(self._meta.model, "slug_source_field", "title")
            if title := self.cleaned_data.get(source):
                self.cleaned_data["slug"] = ascii_slug(title, field.language_code, field.max_length)
        return super().clean()


class AsciiSlugForm(AsciiSlugFormMixin, WagtailAdminModelForm):
    """The admin form of snippets with a slug."""

    class Meta(WagtailAdminModelForm.Meta):
        field_classes = {"slug": AsciiSlugField}


class AsciiSlugPageForm(AsciiSlugFormMixin, WagtailAdminPageForm):
    """The admin form of pages."""

    class Meta(WagtailAdminPageForm.Meta):
        field_classes = {"slug": AsciiSlugField}


class AsciiSlugPageMixin:
    """A page whose slug follows the rule in the admin, and is made from its title by the rule
    when code saves it without one (instead of Wagtail's own slugify)."""

    base_form_class = AsciiSlugPageForm

    def full_clean(self, *args, **kwargs):
        if not self.slug and self.title:
            self.slug = ascii_slug(self.title, slug_language(self))
            if parent := self.path and self.get_parent():
                self.slug = find_available_slug(parent, self.slug, ignore_page_id=self.pk)
        super().full_clean(*args, **kwargs)


@receiver(pre_save, sender=StringTranslation)
def translated_page_slug_in_ascii(sender, instance, **kwargs):
    """A translator's page slug follows the rule of the target language.

    wagtail-localize passes a page's translated slug through Django's slugify when it
    saves the translation, which drops the dots of umlauts and every non-Latin letter; made
    by the rule here, the slug reaches it as the translator meant it, in ASCII.
    """
    if not instance.data or instance.data == ascii_slug(instance.data, settings.LANGUAGE_CODE):
        return  # nothing that the rule would change
    content_type_id = (
        TranslationContext.objects.filter(pk=instance.context_id, path="slug")
        .values_list("object__content_type", flat=True)
        .first()
    )
    if content_type_id is None:
        return
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is not None and issubclass(model, Page):
        language_code = Locale.objects.get(pk=instance.locale_id).language_code
        instance.data = ascii_slug(instance.data, language_code)
