"""The print address of a page: its full address as text and as a QR code."""

from django import template

from home.printing import qr_code_svg

register = template.Library()


@register.inclusion_tag("includes/print_address.html", takes_context=True)
def print_address(context):
    """The address of the page being shown (in the visitor's language, without query),
    for the printout."""
    address = context["request"].build_absolute_uri(context["request"].path)
    return {"address": address, "qr_code": qr_code_svg(address)}
