"""An offer on paper: a counsellor prints an Arabic offer for a newcomer. The printout has
no navigation, names the offer's Arabic address as text and QR code, and writes the full
address after each link."""

from playwright.sync_api import expect


def test_an_arabic_offer_prints_without_navigation_and_with_its_addresses(visitor, base_url):
    page = visitor(locale="ar")
    page.goto("/ar/")
    page.locator(".main-menu").get_by_role("link", name="العروض والجهات الفاعلة").click()
    page.locator(".results .entry-card h3 a").first.click()
    offer_address = page.url
    assert offer_address.startswith(f"{base_url}/ar/"), offer_address
    expect(page.locator(".print-address")).to_be_hidden()

    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    for navigation in (".main-menu", ".language-switcher", ".breadcrumbs"):
        expect(page.locator(navigation)).to_be_hidden()
    expect(page.locator(".print-address svg.qr-code")).to_be_visible()
    expect(page.locator(".print-address")).to_contain_text(offer_address)

    provider = page.locator(".facts dd a[href*='/actors/']")
    provider_address = provider.evaluate("link => link.href")
    assert provider_address.startswith(f"{base_url}/ar/"), provider_address
    after = provider.evaluate("link => getComputedStyle(link, '::after').content")
    assert after == f'" ({provider_address})"', after
