"""A visitor's list of offers as a PDF in the visitor's language.

fpdf2 writes the PDF in pure Python; its text shaping (HarfBuzz, from the ``uharfbuzz``
wheel) joins and orders Arabic and Persian letters, and its bidirectional algorithm keeps
the text in reading order. The fonts are shipped with the project (directory/fonts/: a
subset of DejaVu Sans with Latin, Cyrillic and Arabic script), so no system font or
library is needed. Paragraphs in a right-to-left language are right-aligned. Shaping costs
time (fpdf2 shapes a line again for each letter it adds), so only paragraphs with Arabic
script are shaped; Latin and Cyrillic letters need no joining.
"""

import io
import re
from functools import cache
from pathlib import Path

import segno
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home.language_registry import text_direction

from .my_list import offer_facts

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


@cache
def missing_renderer():
    """Why this machine cannot write the PDF (a sentence), or "" when it can."""
    try:
        import fpdf  # noqa: F401
        import uharfbuzz  # noqa: F401
    except ImportError as error:
        return _("The PDF needs the Python package %(name)s.") % {"name": error.name}
    if not all((FONTS / name).exists() for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")):
        return _("The PDF needs the fonts in directory/fonts/.")
    return ""


class ListDocument:
    """One PDF being written: paragraphs aligned by the direction of their language."""

    def __init__(self, title):
        from fpdf import FPDF

        self.pdf = FPDF(format="A4")
        self.pdf.set_title(title)
        self.pdf.set_lang(get_language())
        self.pdf.set_margins(18, 16, 18)
        self.pdf.set_auto_page_break(True, margin=16)
        self.pdf.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
        self.pdf.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")
        self.pdf.add_page()

    def paragraph(self, text, language="", size=10, bold=False, link="", space=1):
        """A paragraph in ``language`` (the visitor's language when empty)."""
        rtl = text_direction(language or get_language()) == "rtl"
        self.pdf.set_font(FAMILY, "B" if bold else "", size)
        self.pdf.set_text_shaping(bool(ARABIC_SCRIPT.search(text)))
        self.pdf.multi_cell(
            0,
            size * 0.5,
            text,
            align="R" if rtl else "L",
            link=link,
            new_x="LMARGIN",
            new_y="NEXT",
        )
        self.pdf.ln(space)

    def qr_code(self, address, size=32):
        """A QR code of ``address`` at the start of the line (the right in right-to-left)."""
        image = io.BytesIO()
        segno.make(address, error="m", micro=False).save(image, kind="png", scale=4, border=2)
        rtl = text_direction(get_language()) == "rtl"
        x = self.pdf.w - self.pdf.r_margin - size if rtl else self.pdf.l_margin
        if self.pdf.will_page_break(size):
            self.pdf.add_page()
        self.pdf.image(image, x=x, w=size, h=size)

    def output(self):
        return bytes(self.pdf.output())


def list_pdf(title, offers, list_address, entry_address):
    """The PDF of ``offers``: each with its summary, facts and address (``entry_address``
    gives an offer's full address), then the list's own address as text and QR code."""
    document = ListDocument(title)
    document.paragraph(title, size=18, bold=True)
    document.paragraph(date_format(timezone.localdate(), "DATE_FORMAT"), size=9, space=4)
    for offer in offers:
        code = offer.locale.language_code
        document.paragraph(offer.title, code, size=13, bold=True)
        if offer.summary:
            document.paragraph(offer.summary, code)
        for fact in offer_facts(offer):
            document.paragraph(f"{fact.label}: {', '.join(fact.lines)}", size=9, link=fact.href)
        address = entry_address(offer)
        document.paragraph(address, size=9, link=address, space=6)
    document.paragraph(_("This list on the web:"), size=9)
    document.paragraph(list_address, size=9, link=list_address)
    document.qr_code(list_address)
    return document.output()
