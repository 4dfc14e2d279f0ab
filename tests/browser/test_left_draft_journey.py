"""An editor starts a page, leaves it to autosave, starts it again and publishes it: the new
page gets the address, in every language tree, and the left draft keeps what was written."""

import re

from playwright.sync_api import expect

# Wagtail's admin notes the form as it was 2 seconds after loading, and autosaves changes to it.
WATCH_EDITS = "addEventListener('w-unsaved:watch-edits', () => { window.watchingEdits = true; })"


def start_page(page, parent, title, intro):
    """Open "Add page", type, and wait until autosave has saved the page as a draft."""
    page.goto(f"/admin/pages/add/home/contentpage/{parent.pk}/")
    page.wait_for_function("() => window.watchingEdits")
    page.get_by_placeholder("Page title*").fill(title)
    page.locator("#id_intro").fill(intro)
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))  # autosave's new address
    return int(re.search(r"/pages/(\d+)/edit/", page.url).group(1))


def test_a_page_started_again_gets_the_address_of_the_draft_its_editor_left(
    make_user, signed_in, django_db_blocker, unique
):
    from wagtail.admin.models import EditingSession
    from wagtail.models import Site

    from home.models import ContentPage

    with django_db_blocker.unblock():
        home = Site.objects.get(is_default_site=True).root_page
        languages = {p.locale_id for p in home.get_translations(inclusive=True)}
    title, slug = f"Sprachcafé {unique}", f"sprachcafe-{unique}"
    page = signed_in(make_user("moderator", "Moderators"))
    page.add_init_script(WATCH_EDITS)

    left_id = start_page(page, home, title, "Erster Versuch")
    page.goto("/admin/")  # the editor goes elsewhere
    with django_db_blocker.unblock():
        left = ContentPage.objects.get(pk=left_id)
        assert (left.slug, left.intro, left.live) == (slug, "Erster Versuch", False)
    # Leaving the editor ends the editing session (a beacon on pagehide).
    for _attempt in range(50):
        with django_db_blocker.unblock():
            if not EditingSession.objects.filter(object_id=str(left_id)).exists():
                break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("The editing session of the left draft did not end.")

    new_id = start_page(page, home, title, "Zweiter Versuch")
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()

    expect(page.locator(".messages")).to_contain_text(f"Page '{title}' has been published.")
    expect(page.locator(".messages")).to_contain_text(f"Your earlier draft “{title}”")
    with django_db_blocker.unblock():
        new = ContentPage.objects.get(pk=new_id)
        left.refresh_from_db()
        assert new.live and new.slug == slug
        assert {p.locale_id for p in new.get_translations(inclusive=True)} == languages
        assert left.slug == f"{slug}-1" and not left.live
        assert left.get_latest_revision_as_object().intro == "Erster Versuch"
