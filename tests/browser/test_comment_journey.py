"""A reader comments on a post in German or Arabic and sees that the comment awaits moderation;
a moderator approves it with the listing's bulk action; the comment then shows on the (cached)
post, marked with its language; the reader finds the post helpful without a reload.

The comment form is protected against spam (home/antispam.py): the reader takes her time
before sending it, as people do.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import blocking_violations, describe

TEXTS = {
    "de": {
        "write": "Kommentar schreiben",
        "name": "Name",
        "email": "E-Mail",
        "comment": "Ihr Kommentar",
        "send": "Kommentar senden",
        "awaits": "Ihr Kommentar wartet auf die Freigabe",
        "back": "Zurück zum Beitrag",
        "helpful": "Ja, hilfreich",
        "counted": re.compile(r"^\d+ Person(en)? fand(en)? diesen Beitrag hilfreich\.$"),
        "text": "Wo finde ich die Folien zum Workshop über Anerkennung?",
        "reader": "Leonie",
    },
    "ar": {
        "write": "اكتب تعليقًا",
        "name": "الاسم",
        "email": "البريد الإلكتروني",
        "comment": "تعليقك",
        "send": "إرسال التعليق",
        "awaits": "تعليقك بانتظار المراجعة",
        "back": "العودة إلى المقال",
        "helpful": "نعم، مفيد",
        "counted": re.compile(r"^عدد الأشخاص الذين وجدوا هذا المقال مفيدًا: \d+\.$"),
        "text": "شكرًا على التقرير، هل هناك لقاء آخر هذا العام؟",
        "reader": "سلمى",
    },
}


def starting(label):
    """A label that starts with ``label`` (Django adds a colon)."""
    return re.compile("^" + re.escape(label))


def check_accessibility(page, axe_source, code):
    expect(page.locator("html")).to_have_attribute("lang", code)
    blocking = blocking_violations(page, axe_source)
    assert not blocking, f"{page.url}:\n{describe(blocking)}"


def commented_post_url(code, django_db_blocker):
    """The address in ``code`` of a German demo post that has comments (so it takes them)."""
    from wagtail.models import Locale

    from blog.models import Comment

    with django_db_blocker.unblock():
        source = Comment.objects.filter(page__locale__language_code="de").first().page
        post = source.get_translation(Locale.objects.get(language_code=code))
        assert post.comments_enabled
        return post.url


@pytest.mark.parametrize("code", ["de", "ar"])
def test_a_reader_comments_a_moderator_approves_and_the_comment_shows(
    code, visitor, signed_in, make_user, axe_source, unique, django_db_blocker
):
    from django.conf import settings

    words = TEXTS[code]
    text = words["text"]
    url = commented_post_url(code, django_db_blocker)
    page = visitor(locale={"de": "de-DE", "ar": "ar-SY"}[code])
    page.goto(url)
    page.get_by_role("link", name=words["write"]).click()
    check_accessibility(page, axe_source, code)
    page.get_by_label(starting(words["name"])).fill(f"{words['reader']} {unique}")
    page.get_by_label(starting(words["email"])).fill(f"reader-{unique}@example.org")
    page.get_by_label(starting(words["comment"])).fill(text)
    page.wait_for_timeout(settings.FORM_MIN_SECONDS * 1000)
    page.get_by_role("button", name=words["send"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["awaits"])
    check_accessibility(page, axe_source, code)
    page.get_by_role("link", name=words["back"]).click()
    expect(page.locator(".comments")).not_to_contain_text(unique)

    moderator = signed_in(make_user("moderator", "Moderators"))
    moderator.goto("/admin/snippets/blog/comment/?status=pending")
    row = moderator.get_by_role("row").filter(has_text=unique)
    row.get_by_role("checkbox").check()
    moderator.locator(".bulk-actions-buttons").get_by_role("link", name="Approve").click()
    moderator.get_by_role("button", name="Yes, go ahead").click()
    expect(moderator.get_by_text("1 comment changed.")).to_be_visible()

    page.reload()
    comment = page.locator(".comment").filter(has_text=unique)
    expect(comment).to_be_visible()
    expect(comment.locator(".comment-text")).to_contain_text(text)
    expect(comment.locator(".comment-text")).to_have_attribute("lang", code)
    expect(comment.locator(".comment-text")).to_have_attribute(
        "dir", "rtl" if code == "ar" else "ltr"
    )

    address = page.url
    page.get_by_role("button", name=words["helpful"]).click()
    expect(page.locator("[data-helpful-count]")).to_have_text(words["counted"])
    assert page.url == address  # counted without a reload
    check_accessibility(page, axe_source, code)
