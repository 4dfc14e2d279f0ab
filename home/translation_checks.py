"""Checks of what translators bring in: overrides of links, addresses and chosen objects in
wagtail-localize's editor, and the strings of uploaded PO files.

wagtail-localize stores an override (a translation's own link, e-mail address, image, page
or document in place of the source's) as the translator typed it and writes it into the
translated page unchecked. Here every override is checked by the kind of its segment when
it is typed, and again whenever wagtail-localize builds a translation from the stored ones.
"""

import logging
import re
from urllib.parse import urlsplit

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail_localize.models import TranslationContext
from wagtail_localize.segments import OverridableSegmentValue
from wagtail_localize.strings import StringValue, validate_translation_links

logger = logging.getLogger(__name__)

# Links of rich text (their overrides are the hrefs) and web addresses.
LINK_DEFINITIONS = (blocks.RichTextBlock, blocks.URLBlock, RichTextField, models.URLField)
WEB_SCHEMES = ["http", "https"]
PHONE_NUMBER = re.compile(r"^\+?[0-9 ()./-]{3,30}$")
LINK_PROBLEM = _(
    "A link may only lead to an http, https, mailto or tel address or to a path on this site "
    "(beginning with /)."
)


def link_problem(url):
    """Why ``url`` may not be a link's target, or None."""
    if not isinstance(url, str) or url != url.strip() or re.search(r"[\x00-\x1f\x7f\\]", url):
        return LINK_PROBLEM
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        if scheme in WEB_SCHEMES:
            URLValidator(schemes=WEB_SCHEMES)(url)
        elif scheme == "mailto":
            validate_email(parts.path)
        elif scheme == "tel":
            if not PHONE_NUMBER.match(parts.path):
                return LINK_PROBLEM
        elif scheme or not url.startswith(("/", "#")) or url.startswith("//"):
            return LINK_PROBLEM
    except ValidationError:
        return LINK_PROBLEM
    return None


def definition_at(model, names):
    """The model field or StreamField block that a segment's field path names: a field, a
    child relation's field, or a block reached by block type and child names ("item" in lists)."""
    field = model._meta.get_field(names[0])
    if field.one_to_many:  # a child relation, e.g. an offer's contact persons
        return definition_at(field.related_model, names[1:])
    if not isinstance(field, StreamField):
        return field
    block = field.stream_block
    for name in names[1:]:
        is_list = isinstance(block, blocks.ListBlock)
        block = block.child_block if is_list else block.child_blocks[name]
    return block


def override_problem(source_instance, context, value):
    """Why ``value`` may not override the segment at ``context`` of the translation source
    ``source_instance``, or None.

    Links and web addresses must pass ``link_problem``; everything else (e-mail addresses,
    chosen pages, images and documents, synchronised text) the validation of its own block
    or model field.
    """
    try:
        names = context.get_field_path(source_instance).split(".")
        definition = definition_at(type(source_instance), names)
    except (LookupError, FieldDoesNotExist):
        return _("This part of the page no longer exists; nothing can replace it.")
    if isinstance(definition, LINK_DEFINITIONS):
        return link_problem(value)
    try:
        if isinstance(definition, blocks.Block):
            definition.clean(value)
        else:
            definition.clean(value, None)
    except (ValidationError, TypeError, ValueError) as error:
        messages = getattr(error, "messages", None) or [str(error)]
        return " ".join(str(message) for message in messages)
    return None


def without_refused_overrides(source, locale, segments):
    """``segments`` of a translation wagtail-localize builds (published, saved as a draft,
    previewed, submitted for review) without the stored overrides that fail
    ``override_problem``: the source's value stays in their place."""
    overrides = [segment for segment in segments if isinstance(segment, OverridableSegmentValue)]
    if not overrides:
        return segments
    instance = source.as_instance()
    contexts = {
        context.path: context
        for context in TranslationContext.objects.filter(
            object_id=source.object_id, path__in=[segment.path for segment in overrides]
        )
    }
    refused = set()
    for segment in overrides:
        problem = override_problem(instance, contexts[segment.path], segment.data)
        if problem:
            logger.warning(
                "Left out the %s override of %s at %s: %s",
                locale,
                source.object_repr,
                segment.path,
                problem,
            )
            refused.add(segment.path)
    return [
        segment
        for segment in segments
        if not (isinstance(segment, OverridableSegmentValue) and segment.path in refused)
    ]


def string_problem(source_text, translated):
    """Why ``translated`` may not translate ``source_text``, or None: the checks wagtail-localize
    makes when it stores a translated string (allowed markup, no links the source lacks)."""
    try:
        StringValue.from_translated_html(translated)
        validate_translation_links(source_text, translated)
    except ValueError as error:
        return str(error.args[0])
    return None
