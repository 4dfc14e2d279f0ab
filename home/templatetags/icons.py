"""``{% icon "name" %}``: a symbol of the site's SVG sprite, hidden from assistive technology
(the text next to it says what it means)."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def icon(name, css_class=""):
    """An inline ``<svg>`` that uses the symbol ``name`` of img/icons.svg."""
    return format_html(
        '<svg class="icon{}" aria-hidden="true" focusable="false" width="24" height="24">'
        '<use href="{}#{}"></use></svg>',
        f" {css_class}" if css_class else "",
        static("img/icons.svg"),
        name,
    )
