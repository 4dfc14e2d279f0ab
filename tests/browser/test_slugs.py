"""While an editor types a title, the admin fills the slug in by the site's rule."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect


@pytest.mark.parametrize(
    ("language_code", "title", "slug"),
    [
        ("de", "Beratung für Mieterinnen und Mieter", "beratung-fuer-mieterinnen-und-mieter"),
        ("fa", "مشاوره حقوقی برای پناهندگان", "mshwrh-hqwqy-bry-pnhndgn"),
    ],
)
def test_typing_an_offers_title_fills_in_a_readable_slug(
    make_user, signed_in, language_code, title, slug
):
    page = signed_in(make_user(f"slug-editor-{language_code}", "Editors"))
    page.goto(reverse("wagtailsnippets_directory_offer:add") + f"?locale={language_code}")
    page.get_by_placeholder("Title*").press_sequentially(f"{title} ")
    expect(page.locator("#id_slug")).to_have_value(slug)
