"""A visitor in German or Arabic finds the information in Leichte Sprache and in German Sign
Language from the header, and both read as German, marked for assistive technology, with no
serious accessibility problem."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import blocking_violations, describe

LOCALES = {"de": "de-DE", "ar": "ar-SY"}


def expect_german_without_barriers(page, axe_source):
    expect(page.locator("html")).to_have_attribute("lang", "de")
    blocking = blocking_violations(page, axe_source)
    assert not blocking, describe(blocking)


@pytest.mark.parametrize("code", ["de", "ar"])
def test_the_header_leads_to_leichte_sprache_and_to_sign_language(code, visitor, axe_source):
    page = visitor(locale=LOCALES[code])
    page.goto(f"/{code}/")
    header = page.locator(".site-header")
    header.get_by_role("link", name=re.compile(r"^Leichte Sprache")).click()
    expect(page).to_have_url(re.compile(r"/de/leichte-sprache/$"))
    region = page.get_by_role("region", name="Leichte Sprache")
    expect(region).to_have_attribute("lang", "de")
    expect(region.get_by_role("img", name="Zeichen für Leichte Sprache")).to_be_visible()
    expect_german_without_barriers(page, axe_source)

    region.get_by_role("link", name="Wie finde ich einen Deutsch·kurs?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie finde ich einen Deutsch·kurs?")
    expect(page.get_by_role("region", name="Leichte Sprache").locator("dt").first).to_have_text(
        "Integrations·kurs"
    )
    expect_german_without_barriers(page, axe_source)

    page.goto(f"/{code}/")
    header.get_by_role("link", name=re.compile(r"^Gebärdensprache")).click()
    expect(page).to_have_url(re.compile(r"/de/gebaerdensprache/$"))
    region = page.get_by_role("region", name="Deutsche Gebärdensprache")
    expect(region.get_by_role("heading", level=1)).to_have_text("Gebärdensprache")
    expect(region.locator("video")).to_have_count(0)  # the demo has no video yet: no player
    expect_german_without_barriers(page, axe_source)
