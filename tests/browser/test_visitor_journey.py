"""A newcomer on a phone lands in the browser's language, reads in Arabic, finds a German course."""

import re

from playwright.sync_api import expect

from .conftest import ARTIFACTS

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# Visible elements of the header and the main content that stick out of the viewport.
OUTSIDE_VIEWPORT = """() => [...document.querySelectorAll("header *, main *")]
    .filter((element) => element.getClientRects().length && !element.closest(".visually-hidden"))
    .map((element) => [element, element.getBoundingClientRect()])
    .filter(([, box]) => box.width && (box.left < -1 || box.right > window.innerWidth + 1))
    .map(([element]) => element.outerHTML.slice(0, 120))"""


def switch_language(page, code):
    page.locator(".language-switcher summary").click()
    page.locator(f".language-switcher a[hreflang='{code}']").click()
    page.wait_for_url(f"**/{code}/")


def check_right_to_left_layout(page):
    """The Arabic page reads from the right and fits the phone's screen."""
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / "visitor-arabic-home-phone.png", full_page=True)

    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(OUTSIDE_VIEWPORT) == []

    site_name = page.locator(".site-name").bounding_box()
    hero = page.locator("main .hero").bounding_box()  # the panel of the title and search
    assert site_name["x"] + site_name["width"] > width / 2
    assert abs((site_name["x"] + site_name["width"]) - (hero["x"] + hero["width"])) <= 1

    home_item, next_item = page.locator(".main-menu li").all()[:2]
    home, following = home_item.bounding_box(), next_item.bounding_box()
    assert home["y"] == following["y"]
    assert home["x"] >= following["x"] + following["width"]

    search_box = page.get_by_role("search").locator("input[name=q]").bounding_box()
    search_button = page.get_by_role("search").get_by_role("button").bounding_box()
    assert search_button["x"] + search_button["width"] <= search_box["x"]


def test_a_visitor_on_a_phone_finds_a_german_course_and_its_phone_number(
    visitor, django_db_blocker
):
    from directory.models import Offer
    from search.views import RESULTS_PER_PAGE

    page = visitor(locale="de-DE", **PHONE)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/de/$"))
    expect(page.locator("html")).to_have_attribute("lang", "de")

    switch_language(page, "ar")
    check_right_to_left_layout(page)

    switch_language(page, "de")
    search = page.get_by_role("search").locator("input[name=q]")
    search.fill("Deutschkurs")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/de/search/\?q=Deutschkurs$"))
    results = page.locator("ol.results-list > li")
    expect(results.first).to_be_visible()
    found = int(re.search(r"\d+", page.locator("#results-heading").inner_text()).group())

    page.get_by_role("heading", name="Ergebnisse eingrenzen").click()
    places = page.get_by_role("group", name="Ort")
    place = places.locator("li").filter(has=page.locator("input[value]:not([value=''])")).first
    place_name, count = re.fullmatch(r"(.+) \((\d+)\)", place.inner_text().strip()).groups()
    assert int(count) < found
    place.get_by_role("radio").check()
    page.get_by_role("button", name="Ergebnisse anzeigen").click()
    expect(page).to_have_url(re.compile(r"[?&]place="))
    shown = min(int(count), RESULTS_PER_PAGE)
    expect(results).to_have_count(shown)
    expect(results.locator(".entry-card__meta")).to_have_count(shown)
    for meta in results.locator(".entry-card__meta").all():
        expect(meta).to_contain_text(place_name)
    chosen = re.compile(rf"^{re.escape(place_name)} \(\d+\)$")
    expect(places.get_by_role("radio", name=chosen)).to_be_checked()

    offers = results.filter(has=page.locator(".result__type", has_text="Angebot"))
    offer_link = offers.first.get_by_role("heading").get_by_role("link")
    title = offer_link.inner_text()
    offer_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    slug = page.url.rstrip("/").rsplit("/", 1)[1]
    with django_db_blocker.unblock():
        offer = Offer.objects.select_related("provider").get(locale__language_code="de", slug=slug)
    phone = offer.provider.phone
    assert phone
    call = page.locator(".contact-card").get_by_role("link", name=phone)
    digits = "".join(char for char in phone if char.isdigit() or char == "+")
    expect(call).to_have_attribute("href", f"tel:{digits}")

    offer_url = page.url
    call.click()
    page.wait_for_timeout(300)
    assert page.url == offer_url
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
