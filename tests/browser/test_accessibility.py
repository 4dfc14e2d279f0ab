"""axe-core finds no serious or critical accessibility problem on the site's kinds of pages,
in German and in Arabic (right to left).

axe is evaluated in the page rather than added as a script tag, so the page keeps the
Content-Security-Policy that visitors get (it allows no inline script).
"""

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from .conftest import blocking_violations, describe

KINDS = [
    "home",
    "content page",
    "directory",
    "offer",
    "actor",
    "blog",
    "blog post",
    "events",
    "event",
    "join form",
    "contact form",
    "accessibility statement",
    "search results",
]


def page_url(kind, code):
    """The address of a page of ``kind`` in the language ``code``, from the demo content."""
    from blog.models import BlogIndexPage
    from directory.models import Actor, DirectoryPage, Offer
    from home.models import ContentPage, HomePage

    home = HomePage.objects.live().get(locale__language_code=code)
    directory = DirectoryPage.objects.live().get(locale__language_code=code)
    offer = Offer.objects.public().filter(locale=home.locale).order_by("slug").first()
    if kind == "home":
        return home.url
    if kind == "content page":
        return ContentPage.objects.live().child_of(home).order_by("path").first().url
    if kind == "directory":
        return directory.url
    if kind == "offer":
        return directory.url + directory.reverse_subpage("offer", args=[offer.slug])
    if kind == "actor":
        actor = Actor.objects.public().filter(locale=home.locale).order_by("slug").first()
        return directory.url + directory.reverse_subpage("actor", args=[actor.slug])
    blog = BlogIndexPage.objects.live().get(locale=home.locale)
    if kind == "blog":
        return blog.url
    if kind == "blog post":
        return blog.posts().first().url
    if kind in ("events", "event"):
        from events.models import EventIndexPage, EventPage

        events = EventIndexPage.objects.live().get(locale=home.locale)
        if kind == "events":
            return events.url
        series = EventPage.objects.get(slug="ag-sprache", locale__language_code="de")
        return events.events().get(translation_key=series.translation_key).url
    if kind in ("join form", "contact form"):
        from contact.models import ContactFormPage, JoinFormPage

        model = JoinFormPage if kind == "join form" else ContactFormPage
        return model.objects.live().get(locale=home.locale).url
    if kind == "accessibility statement":
        from accessibility.models import AccessibilityStatementPage

        return AccessibilityStatementPage.objects.live().get(locale=home.locale).url
    return f"/{code}/search/?{urlencode({'q': offer.title})}"


@pytest.mark.parametrize("code", ["de", "ar"])
@pytest.mark.parametrize("kind", KINDS)
def test_no_serious_accessibility_violations(kind, code, page, axe_source, django_db_blocker):
    with django_db_blocker.unblock():
        url = page_url(kind, code)
    response = page.goto(url)
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", code)
    if kind == "search results":
        expect(page.locator("ol.results-list > li").first).to_be_visible()

    blocking = blocking_violations(page, axe_source)
    assert not blocking, describe(blocking)
