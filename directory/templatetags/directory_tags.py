"""Template helpers for the directory."""

from urllib.parse import quote, urlencode

from django import template

from directory.models import LANGUAGE_CHOICES, DirectoryPage

register = template.Library()
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


@register.simple_tag
def language_name(code):
    """The name of a spoken language in the visitor's language."""
    return LANGUAGE_NAMES.get(code, code)


@register.simple_tag(takes_context=True)
def entry_url(context, page, entry):
    """The address of an actor's or offer's detail page on the directory ``page``."""
    return page.entry_url(entry, context.get("request"))


@register.simple_tag
def map_url(street, postcode, place):
    """A plain link that opens the address in OpenStreetMap; nothing is embedded."""
    address = ", ".join(part for part in [street, f"{postcode} {place or ''}".strip()] if part)
    return f"https://www.openstreetmap.org/search?query={quote(address)}"


@register.filter
def tel(phone):
    """A phone number as a tel: URI."""
    return "tel:" + "".join(char for char in phone if char.isdigit() or char == "+")


@register.simple_tag(takes_context=True)
def topic_offers_url(context, page, topic):
    """The address of the offers on ``topic`` in the directory of ``page``'s language, or ""
    where that language has no directory."""
    directory = DirectoryPage.by_locale().get(page.locale_id)
    if directory is None:
        return ""
    return f"{directory.get_url(context.get('request'))}?{urlencode({'topic': topic.slug})}"
