"""An editor writes a post with an image, a moderator approves it, and visitors see it at once."""

import re

from PIL import Image
from playwright.sync_api import expect

from .conftest import approve_on_dashboard


def make_png(path, colour):
    Image.new("RGB", (480, 270), colour).save(path)
    return path


def latest_posts(page):
    return page.get_by_role("region", name="Nachrichten und Artikel")


def test_an_editors_post_with_an_image_is_approved_and_appears_on_the_home_page(
    make_user, signed_in, visitor, django_db_blocker, tmp_path, unique
):
    from blog.models import Author, BlogIndexPage, BlogPage

    with django_db_blocker.unblock():
        blog = BlogIndexPage.objects.live().get(locale__language_code="de")
        author = Author.objects.filter(locale__language_code="de", live=True).first()
    editor = make_user("editor", "Editors")
    moderator = make_user("moderator", "Moderators")
    title = f"Sprachcafé im Stadtteilzentrum {unique}"
    alt_text = f"Ein gedeckter Tisch mit Kaffee und Kuchen ({unique})"
    colour = tuple(int(unique[i : i + 2], 16) for i in (0, 2, 4))
    image_file = make_png(tmp_path / f"sprachcafe-{unique}.png", colour)

    home = visitor()
    home.goto("/de/")  # a visitor has the home page open, and the cache keeps it

    page = signed_in(editor)
    page.goto(f"/admin/pages/{blog.pk}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.get_by_placeholder("Page title*").fill(title)
    page.locator("#id_teaser").fill("Jeden Donnerstag Deutsch üben, bei Kaffee und Kuchen.")

    page.get_by_role("button", name="Choose author").click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("link", name=author.name).click()
    expect(chooser).to_be_hidden()

    page.get_by_role("button", name="Choose an image").click()
    chooser.get_by_role("tab", name="Upload").click()
    chooser.locator("#id_image-chooser-upload-file").set_input_files(image_file)
    chooser.locator("#id_image-chooser-upload-title").fill(f"Sprachcafé {unique}")
    chooser.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    expect(chooser).to_be_hidden()
    page.locator("#id_hero_alt").fill(alt_text)

    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    expect(page.locator(".messages")).to_contain_text("submitted for moderation")

    with django_db_blocker.unblock():
        post = BlogPage.objects.get(title=title)
        assert not post.live
        assert post.current_workflow_state.workflow.name == "Moderators approval"
        assert post.get_latest_revision_as_object().hero_image.title == f"Sprachcafé {unique}"
    home.reload()
    expect(latest_posts(home)).not_to_contain_text(title)

    page = signed_in(moderator)
    approve_on_dashboard(page, title)

    home.reload()
    card = latest_posts(home).get_by_role("listitem").filter(has_text=title)
    expect(card.get_by_role("link", name=title)).to_be_visible()
    image = card.get_by_role("img", name=alt_text)
    image.scroll_into_view_if_needed()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("image => image.naturalWidth") > 0

    card.get_by_role("link", name=title).click()
    expect(home).to_have_url(re.compile(r"/de/aktuelles/[^/]+/$"))
    expect(home.get_by_role("heading", level=1)).to_have_text(title)
