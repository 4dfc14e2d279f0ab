"""A Ukrainian translator translates a new offer, a Ukrainian reviewer approves it, and the
Ukrainian page shows the translation at once."""

import pytest
from playwright.sync_api import expect

from .conftest import approve_on_dashboard


@pytest.fixture
def new_offer(django_db_blocker, unique):
    """A German offer, published, that nobody has translated yet."""
    from wagtail.models import Locale

    from directory.models import Actor, Offer, OfferTopic, Topic

    with django_db_blocker.unblock():
        german = Locale.objects.get(language_code="de")
        offer = Offer(
            locale=german,
            title=f"Nähcafé für Neuzugezogene {unique}",
            slug=f"naehcafe-{unique}",
            summary="Gemeinsam nähen, reparieren und dabei Deutsch sprechen.",
            provider=Actor.objects.public().filter(locale=german).order_by("slug").first(),
            live=False,
        )
        topic = Topic.objects.filter(locale=german).order_by("slug").first()
        offer.topics.add(OfferTopic(locale=german, topic=topic))
        offer.save()
        offer.save_revision().publish()
    return offer


def ukrainian_url(offer, django_db_blocker):
    from directory.models import DirectoryPage

    with django_db_blocker.unblock():
        directory = DirectoryPage.objects.live().get(locale__language_code="uk")
        return directory.url + directory.reverse_subpage("offer", args=[offer.slug])


def test_a_translator_translates_an_offer_into_ukrainian_and_a_reviewer_publishes_it(
    new_offer, make_user, signed_in, visitor, django_db_blocker, unique
):
    from directory.models import Offer

    translator = make_user("translator", "Translators", "Translators (uk)")
    reviewer = make_user("reviewer", "Translators", "Reviewers (uk)")
    ukrainian_title = f"Швейне кафе для новоприбулих {unique}"

    page = signed_in(translator)
    page.goto("/admin/translations/")
    page.get_by_label("Language").select_option("uk")
    page.get_by_label("State").select_option("missing")
    page.get_by_role("button", name="Apply").click()
    row = page.get_by_role("row").filter(has_text=new_offer.title)
    expect(row).to_contain_text("Missing")
    row.get_by_role("link", name="Translate").click()
    page.get_by_label("Українська").check()
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".messages")).to_contain_text("submitted for translation into Українська")

    title_segment = page.locator("li").filter(has=page.get_by_role("heading", name="Title"))
    title_segment.get_by_role("button", name="Translate").click()
    title_segment.locator("textarea").fill(ukrainian_title)
    title_segment.get_by_role("button", name="Save").click()
    expect(title_segment).to_contain_text("Translated manually")

    reader = visitor(locale="uk-UA")
    reader.goto(ukrainian_url(new_offer, django_db_blocker))
    expect(reader.locator("html")).to_have_attribute("lang", "uk")
    expect(reader.get_by_role("heading", level=1)).to_have_text(new_offer.title)

    page.goto("/admin/translations/?locale=uk&state=in_progress")
    row = page.get_by_role("row").filter(has_text=new_offer.title)
    row.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("was submitted for review")
    with django_db_blocker.unblock():
        target = Offer.objects.get(locale__language_code="uk", slug=new_offer.slug)
        assert target.current_workflow_state.workflow.name == "Translation review (uk)"
    reader.reload()
    expect(reader.get_by_role("heading", level=1)).to_have_text(new_offer.title)

    page = signed_in(reviewer)
    approve_on_dashboard(page, ukrainian_title)

    reader.reload()
    expect(reader.get_by_role("heading", level=1)).to_have_text(ukrainian_title)
    expect(reader.get_by_role("heading", level=1)).not_to_have_attribute("lang", "de")
