"""Pages on paper: the QR code that leads a printed page back to its address.

Counsellors hand newcomers offers on paper; the printout carries the page's address as
text and as a QR code, in the visitor's language (the address has its language
prefix). The code is drawn on the server as inline SVG (segno) and kept in the cache
per address, so a page pays for it once, not on every render.
"""

import hashlib

import segno
from django.core.cache import cache
from django.utils.safestring import mark_safe

QR_TIMEOUT = 30 * 24 * 3600  # an address's code never changes


def qr_code_svg(address, keep=True):
    """An SVG QR code of ``address``, black on white, for inline use; kept in the cache
    unless ``keep`` is false (addresses that visitors make up, such as a list's)."""
    key = f"printing:qr:{hashlib.sha256(address.encode()).hexdigest()}"
    svg = cache.get(key) if keep else None
    if svg is None:
        code = segno.make(address, error="m", micro=False)
        svg = code.svg_inline(
            scale=3, border=2, dark="#000", light="#fff", svgclass="qr-code", omitsize=True
        )
        if keep:
            cache.set(key, svg, timeout=QR_TIMEOUT)
    return mark_safe(svg)  # drawn by segno from the address alone
