"""The blog in the admin: a listing of posts filterable by author, topic and status, and authors."""

import django_filters
from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Revision, WorkflowState
from wagtail.snippets.models import register_snippet

from directory.models import Topic
from home.admin_views import (
    SourceLanguageFirst,
    TranslatedSnippetViewSet,
    source_language_filterset,
)

from .comment_admin import (
    ApproveComments,
    CommentViewSet,
    MarkCommentsAsSpam,
    RejectComments,
    data_subject_request,
)
from .models import Author, BlogPage, PostType, on_topic


class BlogPageFilterSet(SourceLanguageFirst, PageListingViewSet.filterset_class):
    author = django_filters.ModelChoiceFilter(
        label=_("Author"),
        queryset=Author.objects.filter(locale__language_code=settings.LANGUAGE_CODE),
        method="filter_author",
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        queryset=Topic.objects.filter(locale__language_code=settings.LANGUAGE_CODE),
        method="filter_topic",
    )
    post_type = django_filters.ChoiceFilter(label=_("Type of post"), choices=PostType.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        choices=[
            ("live", _("Published")),
            ("draft", _("Draft")),
            ("changed", _("Published, with unpublished changes")),
            ("scheduled", _("Scheduled")),
            ("in_moderation", _("In moderation")),
        ],
    )

    class Meta:
        model = BlogPage
        fields = []

    def filter_author(self, queryset, name, value):
        """Posts by the author in any language."""
        if value is None:
            return queryset
        return queryset.filter(
            post_authors__author__translation_key=value.translation_key
        ).distinct()

    def filter_topic(self, queryset, name, value):
        """Posts on the topic in any of its translations, or on one of its subtopics."""
        if value is None:
            return queryset
        return on_topic(queryset, value.slug)

    def filter_status(self, queryset, name, value):
        scheduled = Revision.page_revisions.filter(
            object_id=Cast(OuterRef("pk"), CharField()), approved_go_live_at__isnull=False
        )
        conditions = {
            "live": Q(live=True),
            "draft": Q(live=False),
            "changed": Q(live=True, has_unpublished_changes=True),
            "scheduled": Exists(scheduled),
            "in_moderation": Q(_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS),
        }
        return queryset.filter(conditions[value]).distinct() if value else queryset


class BlogPageListingViewSet(PageListingViewSet):
    model = BlogPage
    icon = "doc-full-inverse"
    menu_label = _("Blog posts")
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = BlogPageFilterSet
    columns = PageListingViewSet.columns + [
        Column("post_type", label=_("Type"), accessor="get_post_type_display"),
        # The date itself: Wagtail's DateColumn says how long ago it was ("just now" if ahead).
        Column("date", label=_("Publication date")),
    ]


class AuthorViewSet(TranslatedSnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    add_to_admin_menu = True
    menu_order = 160
    list_display = ["name", "role", Column("locale", label=_("Language"))]
    filterset_class = source_language_filterset(Author)
    search_fields = ["name"]
    ordering = ["name"]


register_snippet(AuthorViewSet)


@hooks.register("register_admin_viewset")
def register_blog_listing():
    return BlogPageListingViewSet("blog_posts")


register_snippet(CommentViewSet)
for action in (ApproveComments, RejectComments, MarkCommentsAsSpam):
    hooks.register("register_bulk_action", action)


@hooks.register("register_admin_urls")
def comment_data_request_urls():
    return [path("comments/data-request/", data_subject_request, name="blog_comment_data_request")]


class DataRequestMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("blog.delete_comment")


@hooks.register("register_admin_menu_item")
def comment_data_request_menu_item():
    return DataRequestMenuItem(
        _("Comments: personal data"),
        reverse("blog_comment_data_request"),
        name="comment-data-request",
        icon_name="comment",
        order=161,
    )
