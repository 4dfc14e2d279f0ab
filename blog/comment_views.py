"""The reader's side of comments and of the "helpful" count.

None of these answers is cached: they carry a form's token, a reader's comment or a count that
changes with every click. The post's page itself stays cached (blog/comments.py).
"""

from django.core import signing
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from home.views import render_uncached_subpage

from .comments import (
    CommentForm,
    blocked_words,
    comment_for_token,
    comments_open,
    count_helpful,
    helpful_count,
    live_post,
    reply_to,
    save_comment,
)


def write_comment(request, post):
    """The comment form (``?reply_to=<id>`` answers a comment); a stored comment leads to the
    notice that it awaits moderation."""
    if not comments_open(post, request):
        raise Http404
    parent = reply_to(post, request.POST.get("reply_to") or request.GET.get("reply_to"))
    blocked = blocked_words(request)
    if request.method == "POST":
        form = CommentForm(request.POST, request=request, blocked=blocked)
        if form.is_valid():
            comment = save_comment(post, form, parent, request)
            thanks = post.get_url(request) + post.reverse_subpage("commented")
            return HttpResponseRedirect(thanks + ("?confirm=1" if comment.notify_replies else ""))
    else:
        form = CommentForm(
            request=request, blocked=blocked, initial={"language": post.locale.language_code}
        )
    return render_uncached_subpage(
        request,
        post,
        "blog/write_comment.html",
        {"form": form, "parent": parent, "current_title": _("Write a comment")},
        status=429 if form.rate_limited else 200,
    )


def commented(request, post):
    """Thanks: the comment awaits moderation (and a mail asks to confirm replies)."""
    return render_uncached_subpage(
        request,
        post,
        "blog/commented.html",
        {"confirm": request.GET.get("confirm") == "1", "current_title": _("Thank you")},
    )


def reply_notifications(request, post, token):
    """The links in the mails: confirm or stop the notice of replies (by a button, so that a
    mail scanner opening the link changes nothing)."""
    try:
        comment = comment_for_token(token)
    except signing.BadSignature:
        comment = None
    if comment is None:
        return render_uncached_subpage(
            request,
            post,
            "blog/comment_replies.html",
            {"invalid": True, "current_title": _("Notice of replies")},
            status=404,
        )
    done = ""
    if request.method == "POST":
        if request.POST.get("action") == "confirm":
            comment.notify_replies = True
            comment.replies_confirmed = timezone.now()
            done = "confirmed"
        else:
            comment.notify_replies = False
            comment.replies_confirmed = None
            done = "stopped"
        comment.save(update_fields=["notify_replies", "replies_confirmed"])
    return render_uncached_subpage(
        request,
        post,
        "blog/comment_replies.html",
        {
            "comment": comment,
            "done": done,
            "token": token,
            "current_title": _("Notice of replies"),
        },
    )


def helpful_label(count):
    return ngettext(
        "%(count)d person found this post helpful.",
        "%(count)d people found this post helpful.",
        count,
    ) % {"count": count}


@csrf_exempt  # the button sits on cached pages; a forged click counts once a day at most
@never_cache
@require_http_methods(["GET", "POST"])
def helpful(request, post_id):
    """The "helpful" count of a post (GET, as JSON); a POST counts the visitor once a day and
    answers with JSON when asked for it, else leads back to the post, which shows the count."""
    post = live_post(post_id)
    if post is None:
        raise Http404
    if request.method == "POST":
        count = count_helpful(post, request)
        if "application/json" not in request.headers.get("Accept", ""):
            return HttpResponseRedirect(post.get_url(request) + "?helpful=counted#helpful")
    else:
        count = helpful_count(post)
    return JsonResponse({"count": count, "label": helpful_label(count), "language": get_language()})
