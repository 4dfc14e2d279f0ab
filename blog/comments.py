"""Readers' comments on posts and the "helpful" count.

A comment is stored as awaiting moderation; the post's owner and the moderators get a mail
once it is stored. It appears when a moderator approves it in the admin: approving (or
withdrawing an approved comment) starts a new content version of the page cache, as
publishing does, and purges the post from a CDN, so the post shows the change at once.
Writing a comment changes nothing cached, so spam cannot empty the cache.

Who wants to hear of replies confirms it by a signed link in a mail first (double opt-in);
each notice carries a link that stops them.

The "helpful" count is kept outside the cached page (an uncached endpoint). A visitor is
recognised for one day by a hash of their address and browser with a random salt of that day;
``delete_old_comments`` deletes the day's hashes and salt afterwards, so nobody can recompute
them.
"""

import hashlib
import logging
import re
import secrets
from datetime import timedelta
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from home.antispam import SpamProtectionMixin, client_address
from home.cache import content_changed
from home.models import NetworkSettings
from home.privacy import purge

from .models import BlogPage, Comment, CommentStatus, HelpfulCount, HelpfulSalt, HelpfulVote

logger = logging.getLogger(__name__)

REPLIES_SALT = "blog.comments.replies"
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def comments_open(post, request):
    """Whether readers may write comments on ``post``: the post and the site allow them."""
    return post.comments_enabled and NetworkSettings.for_request(request).comments_enabled


def blocked_words(request):
    text = NetworkSettings.for_request(request).comment_blocked_words
    return [word.strip().casefold() for word in text.splitlines() if word.strip()]


def approved_comments(post):
    """The approved comments on ``post``, oldest first, each with its approved ``replies_shown``;
    in one query."""
    comments = list(post.comments.filter(status=CommentStatus.APPROVED))
    threads = {comment.pk: comment for comment in comments if comment.parent_id is None}
    for comment in threads.values():
        comment.replies_shown = []
    for comment in comments:
        if comment.parent_id in threads:
            threads[comment.parent_id].replies_shown.append(comment)
    return list(threads.values())


class CommentForm(SpamProtectionMixin, forms.ModelForm):
    """What a reader writes, checked against spam (home/antispam.py), links and blocked words."""

    language = forms.ChoiceField(label=_("Language of your comment"), choices=settings.LANGUAGES)

    class Meta:
        model = Comment
        fields = ["name", "email", "text", "language", "notify_replies"]
        labels = {
            "name": _("Name"),
            "email": _("E-mail"),
            "text": _("Your comment"),
            "notify_replies": _("Tell me by e-mail when someone replies"),
        }
        help_texts = {
            "name": _("Shown with your comment."),
            "email": _("Never shown. Used only for replies you ask for."),
            "notify_replies": _("We send you a link to confirm this first."),
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, blocked=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.blocked = blocked
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_text(self):
        text = self.cleaned_data["text"]
        links = len(LINK.findall(text))
        if links > settings.COMMENT_MAX_LINKS:
            raise forms.ValidationError(
                _("A comment may contain at most %(limit)d links."),
                code="links",
                params={"limit": settings.COMMENT_MAX_LINKS},
            )
        folded = text.casefold()
        if any(word in folded for word in self.blocked):
            raise forms.ValidationError(
                _("Your comment contains words that are not accepted here. Please change it."),
                code="blocked",
            )
        return text


def reply_to(post, comment_id):
    """The approved comment on ``post`` that a reply answers; None for a new thread. Replies
    are one level deep: an answer to a reply answers its comment."""
    if not str(comment_id or "").isdigit():
        return None
    comment = post.comments.filter(pk=comment_id, status=CommentStatus.APPROVED).first()
    if comment is not None and comment.parent_id:
        return comment.parent
    return comment


def save_comment(post, form, parent, request):
    """Store the valid ``form`` as a comment awaiting moderation and return it; its mails go
    out once it is stored (after the transaction commits)."""
    with transaction.atomic():
        comment = form.save(commit=False)
        comment.page = post
        comment.parent = parent
        comment.save()
        transaction.on_commit(lambda: announce(comment, request))
    return comment


def moderator_addresses(post):
    users = get_user_model().objects.filter(is_active=True, groups__name="Moderators")
    addresses = set(users.exclude(email="").values_list("email", flat=True))
    if post.owner_id and post.owner.email and post.owner.is_active:
        addresses.add(post.owner.email)
    return sorted(addresses)


def mail(subject_template, body_template, context, recipients, language):
    """Send one mail in ``language``; False if it could not be sent."""
    with translation.override(language):
        subject = render_to_string(subject_template, context)
        body = render_to_string(body_template, context)
    try:
        send_mail(" ".join(subject.split()), body, None, recipients)
    except Exception:
        logger.exception("A mail about comments could not be sent (%s)", body_template)
        return False
    return True


def announce(comment, request):
    """Tell the post's owner and the moderators of a new comment; ask the writer to confirm
    the notice of replies if they asked for it."""
    post = comment.page
    recipients = moderator_addresses(post)
    if recipients:
        mail(
            "blog/email/new_comment_subject.txt",
            "blog/email/new_comment.txt",
            {"comment": comment, "post": post, "admin_url": admin_url(request)},
            recipients,
            settings.LANGUAGE_CODE,
        )
    if comment.notify_replies:
        mail(
            "blog/email/confirm_replies_subject.txt",
            "blog/email/confirm_replies.txt",
            {"comment": comment, "post": post, "url": replies_url(comment, post, request)},
            [comment.email],
            comment.language,
        )


def admin_url(request):
    return request.build_absolute_uri(reverse("wagtailsnippets_blog_comment:list"))


def replies_token(comment):
    return signing.dumps(str(comment.key), salt=REPLIES_SALT)


def comment_for_token(token):
    """The comment the signed ``token`` names, or None if it is gone. Raises
    ``signing.BadSignature`` for a token that the site did not make."""
    key = signing.loads(token, salt=REPLIES_SALT)
    return Comment.objects.filter(key=key).select_related("page").first()


def replies_url(comment, post, request):
    return (
        post.get_full_url(request)
        + post.reverse_subpage("comment_replies")
        + "?"
        + urlencode({"token": replies_token(comment)})
    )


def tell_of_reply(reply):
    """Mail the writer of the comment that ``reply`` answers, if they confirmed they want it."""
    parent = Comment.objects.select_related("page").filter(pk=reply.parent_id).first()
    if parent is None or parent.replies_confirmed is None or parent.email == reply.email:
        return
    post = parent.page
    mail(
        "blog/email/reply_subject.txt",
        "blog/email/reply.txt",
        {
            "comment": parent,
            "reply": reply,
            "post_url": post.get_full_url() + f"#comment-{reply.pk}",
            "stop_url": replies_url(parent, post, None),
        },
        [parent.email],
        parent.language,
    )


def shown_comments_changed(sender, instance, created=False, **kwargs):
    """A new content version when an approved comment changes, appears or goes, and the notice
    of a newly approved reply."""
    before = getattr(instance, "stored_status", None)
    approved = CommentStatus.APPROVED
    if approved not in (before, instance.status) or kwargs.get("raw"):
        return
    content_changed()
    if settings.WAGTAILFRONTENDCACHE:
        transaction.on_commit(lambda: purge([instance.page]))
    if instance.status == approved and before != approved and instance.parent_id:
        transaction.on_commit(lambda: tell_of_reply(instance))
    instance.stored_status = instance.status


def moderate(comments, status):
    """Give each of ``comments`` the ``status`` (approved, rejected, spam); how many changed."""
    changed = 0
    with transaction.atomic():
        for comment in comments:
            if comment.status != status:
                comment.status = status
                comment.save(update_fields=["status"])
                changed += 1
    return changed


def comments_by(email):
    """Every comment written with the address ``email`` (any case)."""
    return Comment.objects.filter(email__iexact=email.strip()).select_related("page")


def export(comments):
    """The comments as plain data, for a data-subject request."""
    return [
        {
            "post": comment.page.title,
            "post_url": comment.page.full_url,
            "name": comment.name,
            "email": comment.email,
            "text": comment.text,
            "language": comment.language,
            "status": comment.status,
            "written": comment.created.isoformat(),
            "reply_to": comment.parent_id,
            "replies_confirmed": comment.replies_confirmed
            and comment.replies_confirmed.isoformat(),
        }
        for comment in comments
    ]


def old_comments(now=None, days=None):
    """The comments written longer than ``COMMENT_RETENTION_DAYS`` ago."""
    now = now or timezone.now()
    days = settings.COMMENT_RETENTION_DAYS if days is None else days
    return Comment.objects.filter(created__lt=now - timedelta(days=days))


def forget_past_visitors(today=None):
    """Delete the hashes of visitors and the salts of the days before ``today``."""
    today = today or timezone.localdate()
    HelpfulVote.objects.filter(day__lt=today).delete()
    HelpfulSalt.objects.filter(day__lt=today).delete()


def day_salt(day):
    salt, _ = HelpfulSalt.objects.get_or_create(day=day, defaults={"salt": secrets.token_hex(32)})
    return salt.salt


def visitor_hash(request, day):
    """Who the visitor is today, as far as counting goes, and no further."""
    agent = request.headers.get("User-Agent", "")
    text = f"{day_salt(day)}\n{client_address(request)}\n{agent}"
    return hashlib.sha256(text.encode()).hexdigest()


def helpful_count(post):
    return HelpfulCount.objects.filter(page=post).values_list("count", flat=True).first() or 0


def count_helpful(post, request):
    """Count the visitor's "helpful" for ``post`` once a day; the count after it."""
    day = timezone.localdate()
    visitor = visitor_hash(request, day)
    try:
        with transaction.atomic():
            HelpfulVote.objects.create(page=post, day=day, visitor=visitor)
            HelpfulCount.objects.get_or_create(page=post)
            HelpfulCount.objects.filter(page=post).update(count=F("count") + 1)
    except IntegrityError:
        pass  # counted already today
    return helpful_count(post)


def live_post(post_id):
    return BlogPage.objects.live().public().filter(pk=post_id).first()
