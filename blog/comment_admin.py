"""Comments in the admin: the moderators' listing (filtered by status, post and language), the
bulk actions approve, reject and mark as spam, and the data-subject request (export or delete
everything one address wrote)."""

import json

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import SnippetViewSet

from .comments import comments_by, export, moderate
from .models import BlogPage, Comment, CommentStatus


def posts_with_comments():
    posts = BlogPage.objects.filter(pk__in=Comment.objects.values("page")).order_by("title")
    return [(post.pk, f"{post.title} ({post.locale.language_code})") for post in posts]


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CommentStatus.choices)
    page = django_filters.ChoiceFilter(label=_("Post"), choices=posts_with_comments)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)

    class Meta:
        model = Comment
        fields = []


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments come from readers: the admin moderates, edits and deletes them, never adds."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class CommentViewSet(SnippetViewSet):
    """The moderators' listing of comments, newest first."""

    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 160
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    filterset_class = CommentFilterSet
    ordering = ["-created"]
    list_display = [
        "__str__",
        Column("page", label=_("Post")),
        Column("language", label=_("Language")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("created", label=_("Written at")),
    ]
    search_fields = ["name", "email", "text"]
    search_backend_name = None
    panels = [FieldPanel("status"), FieldPanel("name"), FieldPanel("text"), FieldPanel("language")]
    inspect_view_fields = ["page", "parent", "name", "email", "text", "language", "status"]

    def get_queryset(self, request):
        return Comment.objects.select_related("page")


register_permission_policy(Comment, CommentPermissionPolicy(Comment))


class ModerateBulkAction(SnippetBulkAction):
    """Give the selected comments one status; approved ones appear on their post at once."""

    models = [Comment]
    template_name = "blog/admin/confirm_moderation.html"
    status = None

    def check_perm(self, comment):
        return self.request.user.has_perm("blog.change_comment")

    @classmethod
    def execute_action(cls, objects, **kwargs):
        return moderate(objects, cls.status), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment changed.", "%(count)d comments changed.", num_parent_objects
        ) % {"count": num_parent_objects}


class ApproveComments(ModerateBulkAction):
    display_name = _("Approve")
    action_type = "approve_comments"
    aria_label = _("Approve the selected comments")
    action_priority = 10
    status = CommentStatus.APPROVED


class RejectComments(ModerateBulkAction):
    display_name = _("Reject")
    action_type = "reject_comments"
    aria_label = _("Reject the selected comments")
    action_priority = 20
    status = CommentStatus.REJECTED


class MarkCommentsAsSpam(ModerateBulkAction):
    display_name = _("Mark as spam")
    action_type = "mark_comments_as_spam"
    aria_label = _("Mark the selected comments as spam")
    action_priority = 25
    status = CommentStatus.SPAM


class DataSubjectForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))


def data_subject_request(request):
    """Find every comment written with one address; export them as JSON or delete them all."""
    if not request.user.has_perm("blog.delete_comment"):
        raise PermissionDenied
    form = DataSubjectForm(request.POST or request.GET or None)
    comments = None
    if form.is_valid():
        email = form.cleaned_data["email"]
        comments = comments_by(email).order_by("created", "pk")
        action = request.POST.get("action")
        if action == "export":
            response = HttpResponse(
                json.dumps(export(comments), ensure_ascii=False, indent=2),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="comments.json"'
            return response
        if action == "delete":
            deleted = len(comments)
            for comment in comments:  # one by one, so approved ones leave their post at once
                comment.delete()
            messages.success(
                request,
                ngettext("%(count)d comment deleted.", "%(count)d comments deleted.", deleted)
                % {"count": deleted},
            )
            return redirect("blog_comment_data_request")
    return TemplateResponse(
        request,
        "blog/admin/data_subject_request.html",
        {"form": form, "comments": comments, "header_icon": "comment"},
    )
