"""A counsellor collects two offers in the directory, opens "My list", and hands the link
on: in a fresh browser the link shows the same list, which prints with its own address and
downloads as a PDF; axe finds no serious problem on it. In German and in Arabic."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from .conftest import blocking_violations, describe


def labels(code):
    with translation.override(code):
        return {
            name: gettext(name)
            for name in ("Add to my list", "Remove from my list", "My list", "Print")
        }


@pytest.mark.parametrize("code", ["de", "ar"])
def test_two_offers_collected_in_the_directory_make_a_list_to_share(
    visitor, base_url, axe_source, code
):
    from directory.models import DirectoryPage

    directory = DirectoryPage.objects.live().get(locale__language_code=code)
    words = labels(code)
    page = visitor(locale=code)
    page.goto(directory.url)

    cards = page.locator(".results .entry-card")
    titles = [cards.nth(number).locator("h3").inner_text() for number in (0, 2)]
    for number in (0, 2):
        button = cards.nth(number).get_by_role("button", name=words["Add to my list"])
        expect(button).to_have_attribute("aria-pressed", "false")
        button.click()
        expect(
            cards.nth(number).get_by_role("button", name=words["Remove from my list"])
        ).to_have_attribute("aria-pressed", "true")
    tab = page.locator(".tabs a.my-list-link")
    expect(tab).to_contain_text("(2)")

    tab.click()
    expect(page.locator("h1")).to_have_text(words["My list"])
    expect(page.locator(".my-list__offer h2")).to_have_text(titles)
    link = page.locator("#my-list-link").input_value()
    assert link.startswith(f"{base_url}/{code}/") and "?offers=" in link, link
    violations = blocking_violations(page, axe_source)
    assert not violations, describe(violations)

    pdf = page.request.get(page.locator("a.my-list__pdf").get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"

    page.emulate_media(media="print")
    expect(page.locator(".my-list__share")).to_be_hidden()
    expect(page.locator(".print-address svg.qr-code")).to_be_visible()
    expect(page.locator(".print-address")).to_contain_text(link)

    elsewhere = visitor(locale=code)
    elsewhere.goto(link)
    expect(elsewhere.locator(".my-list__offer h2")).to_have_text(titles)
    expect(elsewhere.locator(".tabs a.my-list-link")).to_contain_text("(2)")
    elsewhere.locator(".my-list__offer").first.get_by_role(
        "button", name=words["Remove from my list"]
    ).click()
    expect(elsewhere.locator(".my-list__offer h2")).to_have_text(titles[1:])
    expect(elsewhere.locator(".tabs a.my-list-link")).to_contain_text("(1)")
