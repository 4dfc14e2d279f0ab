"""Pages on paper: the printout names the page's address in the visitor's language, as text
and as a QR code drawn once per address."""

import re
from unittest import mock

import pytest
import segno

from home.printing import qr_code_svg

pytestmark = pytest.mark.django_db


def print_address(html):
    """The address and the QR code's SVG of a page's print address."""
    block = re.search(r'<div class="print-address">(.*?)</div>', html, re.S)
    assert block, "no print address"
    address = re.search(r'<span dir="ltr">([^<]+)</span>', block.group(1)).group(1)
    return address, re.search(r"<svg.*?</svg>", block.group(1), re.S).group(0)


def entry_path(model, language_code):
    """The address of the first entry of ``model`` in a language, on that language's
    directory page."""
    from directory.models import DirectoryPage

    entry = model.objects.filter(locale__language_code=language_code).first()
    page = DirectoryPage.objects.live().get(locale__language_code=language_code)
    return page.entry_url(entry)


def test_an_offer_printed_in_arabic_leads_back_to_the_arabic_offer(client, demo):
    from directory.models import Offer

    path = entry_path(Offer, "ar")
    assert path.startswith("/ar/")
    html = client.get(path + "?utm_source=flyer").content.decode()
    address, svg = print_address(html)
    assert address == f"http://testserver{path}"  # its language, without the query
    expected = segno.make(address, error="m", micro=False)
    assert svg == expected.svg_inline(
        scale=3, border=2, dark="#000", light="#fff", svgclass="qr-code", omitsize=True
    )


def test_a_content_page_and_an_actor_are_printed_with_their_address(client, demo):
    from directory.models import Actor

    for path in ("/de/ueber-das-netzwerk/", entry_path(Actor, "de")):
        address, _svg = print_address(client.get(path).content.decode())
        assert address == f"http://testserver{path}"


def test_a_code_is_drawn_once_per_address():
    with mock.patch("home.printing.segno.make", wraps=segno.make) as make:
        first = qr_code_svg("http://testserver/de/a/")
        assert qr_code_svg("http://testserver/de/a/") == first
        qr_code_svg("http://testserver/ar/a/")
    assert [call.args[0] for call in make.call_args_list] == [
        "http://testserver/de/a/",
        "http://testserver/ar/a/",
    ]


def test_the_search_page_has_no_print_address(client, demo):
    assert 'class="print-address"' not in client.get("/de/search/?q=Kurs").content.decode()


def test_the_print_style_sheet_hides_the_navigation_and_shows_the_address():
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/site.css"), encoding="utf-8").read()
    print_rules = css[css.index("@media print") :]
    assert ".print-address { display: none; }" in css
    for hidden in (".main-menu", ".language-switcher", ".breadcrumbs", ".search-form"):
        assert hidden in print_rules.split("display: none !important")[0]
    assert 'content: " (" attr(data-print-url) ")"' in print_rules
