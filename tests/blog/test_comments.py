"""Readers' comments: moderation first, shown at once on the cached post when approved, spam
checks, the notices by e-mail, the data-subject request and the retention period."""

import json
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from blog.comments import moderate
from blog.management.commands.load_blog_demo import DEMO_COMMENTS
from blog.models import BlogPage, Comment, CommentStatus, HelpfulSalt, HelpfulVote
from home.antispam import HONEYPOT_FIELD
from home.models import NetworkSettings
from tests.forms import as_sent_by_a_person
from tests.home.test_frontend_cache import PURGED, cdn  # noqa: F401 (cdn: the fixture)

pytestmark = pytest.mark.django_db

TEXT = "Gibt es die Folien vom Workshop irgendwo?"


@pytest.fixture
def post(make_post, django_user_model):
    owner = django_user_model.objects.create_user("autorin", "autorin@example.org", "pw")
    return make_post("Beitrag mit Kommentaren", comments_enabled=True, owner=owner)


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderatorin", "moderation@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def network_settings():
    return NetworkSettings.for_site(Site.objects.get(is_default_site=True))


def write(client, post, **fields):
    data = {"name": "Miriam K.", "email": "miriam@example.org", "text": TEXT, "language": "de"}
    return client.post(post.url + "comment/", as_sent_by_a_person(data | fields))


def approved(post, text=TEXT, **fields):
    return Comment.objects.create(
        page=post,
        name=fields.pop("name", "Olena"),
        email=fields.pop("email", "olena@example.org"),
        text=text,
        language=fields.pop("language", "uk"),
        status=CommentStatus.APPROVED,
        **fields,
    )


def test_a_new_comment_awaits_moderation_and_only_moderators_see_it(
    client, post, moderator, django_user_model
):
    response = write(client, post)
    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    assert "Ihr Kommentar wartet auf die Freigabe" in thanks
    comment = post.comments.get()
    assert comment.status == CommentStatus.PENDING and comment.page_id == post.pk
    assert TEXT not in client.get(post.url).content.decode()
    reader = django_user_model.objects.create_user("leserin", "leserin@example.org", "pw")
    client.force_login(reader)
    assert TEXT not in client.get(post.url).content.decode()
    assert client.get("/admin/snippets/blog/comment/").status_code in (302, 403)
    client.force_login(moderator)
    listing = client.get("/admin/snippets/blog/comment/?status=pending")
    assert TEXT[:40] in listing.content.decode()


def test_approving_in_the_admin_shows_the_comment_at_once_on_the_cached_post(
    client, post, moderator
):
    write(client, post)
    comment = post.comments.get()
    assert TEXT not in client.get(post.url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert TEXT not in client.get(post.url).content.decode()
    assert len(queries) == 0  # served from the page cache

    admin = client.__class__()
    admin.force_login(moderator)
    url = f"/admin/bulk/blog/comment/approve_comments/?id={comment.pk}&next=/admin/"
    assert admin.post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED

    page = client.get(post.url).content.decode()
    assert TEXT in page
    assert 'class="comment-text" lang="de" dir="ltr"' in page
    assert "miriam@example.org" not in page

    admin.post(url.replace("approve_comments", "mark_comments_as_spam"))
    assert TEXT not in client.get(post.url).content.decode()


def test_a_reply_in_arabic_is_shown_below_its_comment_right_to_left(client, post):
    comment = approved(post, "Чи можна прийти з дитиною?")
    approved(post, "نعم، الأطفال مرحب بهم.", parent=comment, language="ar", name="أحمد")
    page = client.get(post.url).content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert page.index("Чи можна") < page.index("نعم، الأطفال")
    assert 'class="comment-replies"' in page


def fresh_queries(client, url):
    """The queries of rendering ``url`` for an anonymous visitor, not from the page cache."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    return len(queries), page


def test_comments_cost_the_post_page_one_query_however_many_there_are(client, post):
    BlogPage.objects.filter(pk=post.pk).update(comments_enabled=False)
    without, _page = fresh_queries(client, post.url)
    BlogPage.objects.filter(pk=post.pk).update(comments_enabled=True)
    comment = approved(post, "Kommentar 0")
    approved(post, "Antwort 0", parent=comment)
    one, _page = fresh_queries(client, post.url)
    for number in range(1, 10):
        comment = approved(post, f"Kommentar {number}")
        approved(post, f"Antwort {number}", parent=comment)
    many, page = fresh_queries(client, post.url)
    assert "Antwort 9" in page
    assert many == one <= without + 1


def test_writing_a_comment_keeps_the_cached_pages(client, post):
    client.get(post.url)
    write(client, post)
    with CaptureQueriesContext(connection) as queries:
        client.get(post.url)
    assert len(queries) == 0


def test_a_filled_in_honeypot_stores_nothing_and_keeps_the_text(client, post):
    response = write(client, post, **{HONEYPOT_FIELD: "spam"})
    assert response.status_code == 200
    assert TEXT in response.content.decode()
    assert not post.comments.exists()


def test_too_many_links_are_refused_and_the_text_kept(client, post, settings):
    settings.COMMENT_MAX_LINKS = 1
    text = "Billig: https://a.example und www.b.example"
    response = write(client, post, text=text)
    assert response.status_code == 200
    page = response.content.decode()
    assert text in page and 'aria-invalid="true"' in page
    assert not post.comments.exists()
    assert write(client, post, text="Siehe https://a.example").status_code == 302


def test_blocked_words_are_refused_whatever_their_case(client, post):
    settings = network_settings()
    settings.comment_blocked_words = "Casino\nschnelles Geld"
    settings.save()
    response = write(client, post, text="Bestes CASINO der Stadt")
    assert response.status_code == 200
    assert "Bestes CASINO der Stadt" in response.content.decode()
    assert not post.comments.exists()


def test_too_many_comments_from_one_address_get_429(client, post, settings):
    settings.FORM_RATE_LIMIT = 1
    assert write(client, post).status_code == 302
    refused = write(client, post, text="Noch ein Kommentar")
    assert refused.status_code == 429
    assert "Noch ein Kommentar" in refused.content.decode()
    assert post.comments.count() == 1


def test_comments_switched_off_for_the_site_close_the_form(client, post):
    settings = network_settings()
    settings.comments_enabled = False
    settings.save()
    assert client.get(post.url + "comment/").status_code == 404
    assert "comment/" not in client.get(post.url).content.decode()


def test_the_mails_go_out_only_once_the_comment_is_stored(
    client, post, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        write(client, post)
        assert mailoutbox == []
    assert post.comments.exists()
    for callback in callbacks:
        callback()
    [mail] = mailoutbox
    assert {"moderation@example.org", "autorin@example.org"} <= set(mail.to)
    assert TEXT in mail.body


def test_replies_are_mailed_only_after_the_writer_confirmed(
    client, post, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = write(client, post, notify_replies="on")
    assert response["Location"].endswith("?confirm=1")
    [confirm] = [mail for mail in mailoutbox if mail.to == ["miriam@example.org"]]
    link = next(line for line in confirm.body.splitlines() if "/comment/replies/" in line)
    comment = post.comments.get()
    moderate([comment], CommentStatus.APPROVED)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        approved(post, "Eine erste Antwort", parent=comment, email="a@example.org")
    assert mailoutbox == []  # not confirmed yet

    address = urlsplit(link.strip())
    path = f"{address.path}?{address.query}"
    assert client.get(path).status_code == 200
    token = path.split("token=", 1)[1]
    client.post(path, {"action": "confirm", "token": token})
    comment.refresh_from_db()
    assert comment.replies_confirmed is not None
    with django_capture_on_commit_callbacks(execute=True):
        reply = Comment.objects.create(
            page=post, parent=comment, name="B", email="b@example.org", text="Zweite", language="de"
        )
        moderate([reply], CommentStatus.APPROVED)
    [notice] = mailoutbox
    assert notice.to == ["miriam@example.org"] and "Zweite" in notice.body
    assert "/comment/replies/?token=" in notice.body

    client.post(path, {"action": "stop", "token": token})
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approved(post, "Dritte", parent=comment, email="c@example.org")
    assert mailoutbox == []
    assert client.get(post.url + "comment/replies/?token=forged").status_code == 404


def test_a_data_subject_request_exports_and_deletes_one_persons_comments(client, post, moderator):
    mine = approved(post, "Mein Kommentar", email="Svitlana@Example.org")
    approved(post, "Noch einer von mir", email="svitlana@example.org", parent=mine)
    approved(post, "Ein anderer Mensch", email="someone@example.org")
    assert "Mein Kommentar" in client.get(post.url).content.decode()

    admin = client.__class__()
    admin.force_login(moderator)
    url = "/admin/comments/data-request/"
    found = admin.get(url, {"email": "SVITLANA@example.org"})
    assert "Mein Kommentar" in found.content.decode()
    assert "Ein anderer Mensch" not in found.content.decode()
    exported = admin.post(url, {"email": "svitlana@example.org", "action": "export"})
    data = json.loads(exported.content)
    assert [entry["text"] for entry in data] == ["Mein Kommentar", "Noch einer von mir"]
    assert exported["Content-Disposition"].startswith("attachment")

    admin.post(url, {"email": "svitlana@example.org", "action": "delete"})
    assert list(post.comments.values_list("text", flat=True)) == ["Ein anderer Mensch"]
    page = client.get(post.url).content.decode()
    assert "Mein Kommentar" not in page and "Ein anderer Mensch" in page


def test_the_retention_command_deletes_old_comments_and_past_visitor_hashes(post):
    old = approved(post, "Alt")
    Comment.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=800))
    approved(post, "Neu")
    yesterday = timezone.localdate() - timedelta(days=1)
    HelpfulSalt.objects.create(day=yesterday, salt="x")
    HelpfulVote.objects.create(page=post, day=yesterday, visitor="y")
    call_command("delete_old_comments", verbosity=0)
    assert list(post.comments.values_list("text", flat=True)) == ["Neu"]
    assert not HelpfulSalt.objects.filter(day__lt=timezone.localdate()).exists()
    assert not HelpfulVote.objects.filter(day__lt=timezone.localdate()).exists()


def test_the_demo_has_approved_comments_in_several_languages_on_three_posts():
    demo = json.loads(DEMO_COMMENTS.read_text(encoding="utf-8"))
    writers = {entry["email"] for entry in demo + [reply for e in demo for reply in e["replies"]]}
    shown = Comment.objects.filter(status=CommentStatus.APPROVED, email__in=writers)
    assert shown.order_by().values("page").distinct().count() == 3
    assert set(shown.values_list("language", flat=True)) >= {"de", "ar", "uk", "fa", "ru", "tr"}
    assert shown.filter(parent__isnull=False).exists()


@pytest.mark.usefixtures("cdn")
def test_with_a_cdn_approving_purges_the_post_and_writing_does_not(
    client, post, django_capture_on_commit_callbacks
):
    PURGED.clear()  # publishing the post purged it
    with django_capture_on_commit_callbacks(execute=True):
        write(client, post)
    assert post.get_full_url() not in PURGED
    with django_capture_on_commit_callbacks(execute=True):
        moderate([post.comments.get()], CommentStatus.APPROVED)
    assert post.get_full_url() in PURGED


def test_a_moderator_approves_one_comment_by_editing_it(client, post, moderator):
    write(client, post)
    comment = post.comments.get()
    client.get(post.url)
    admin = client.__class__()
    admin.force_login(moderator)
    edit = f"/admin/snippets/blog/comment/edit/{comment.pk}/"
    assert admin.get(edit).status_code == 200
    data = {"status": "approved", "name": comment.name, "text": comment.text, "language": "de"}
    response = admin.post(edit, data)
    assert response.status_code == 302
    assert TEXT in client.get(post.url).content.decode()
    assert admin.get("/admin/snippets/blog/comment/add/").status_code in (302, 403)
