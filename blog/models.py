"""Blog and news: posts, their authors, and the index page that lists and syndicates them.

Posts live below one BlogIndexPage per language tree. Authors are translatable
snippets; topics are the directory's, so a post about housing leads to housing
offers. Links to translatable objects go through orderable child models, so a
translated post points at the translated authors, topics, actors and offers.
"""

import uuid
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from directory.filters import topic_condition
from directory.models import Topic, topic_slugs
from home.blocks import ContentBlocks
from home.routing import ViewRestrictionsMixin, public
from home.searchable import SearchablePage
from home.slugs import AsciiSlugForm, AsciiSlugPageMixin

from .reading_time import reading_minutes


class Author(DraftStateMixin, RevisionMixin, PreviewableMixin, TranslatableMixin, models.Model):
    """A person who writes for the network; the role and the biography are translated."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Part of the address of the author's page.")
    )
    role = models.CharField(_("role"), max_length=255, blank=True)
    organisation = models.CharField(
        _("organisation"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty when the organisation is chosen from the directory below."),
    )
    actor = models.ForeignKey(
        "directory.Actor",
        verbose_name=_("organisation in the directory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short biography"), blank=True, max_length=800)

    override_translatable_fields = [
        SynchronizedField("slug", overridable=False),
        SynchronizedField("name"),
    ]
    panels = [
        TitleFieldPanel("name", targets=["slug"]),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("actor"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    base_form_class = AsciiSlugForm
    slug_source_field = "name"

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_author_slug_locale")
        ]

    def __str__(self):
        return self.name

    @property
    def organisation_name(self):
        return self.organisation or (self.actor.name if self.actor else "")

    def get_preview_template(self, request, mode_name):
        return "blog/author_preview.html"


class PostType(models.TextChoices):
    NEWS = "news", _("News")
    ARTICLE = "article", _("Article")
    EVENT_REPORT = "event_report", _("Event report")


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey("BlogPage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("tag of a post")
        verbose_name_plural = _("tags of posts")


def post_card_prefetches():
    """What a list of posts shows of each post, in a fixed number of queries."""
    return [
        Prefetch("post_authors", queryset=BlogPageAuthor.objects.select_related("author")),
        Prefetch("post_topics", queryset=BlogPageTopic.objects.select_related("topic")),
        "hero_image__renditions",
    ]


def on_topic(posts, slug):
    """The ``posts`` on the topic ``slug`` or one of its subtopics."""
    return posts.filter(
        Exists(BlogPageTopic.objects.filter(page=OuterRef("pk")).filter(topic_condition(slug)))
    )


class BlogIndexPage(
    SearchablePage, ViewRestrictionsMixin, AsciiSlugPageMixin, RoutablePageMixin, Page
):
    """The blog of one language: newest posts first, archives and feeds."""

    intro = models.TextField(_("introduction"), blank=True)
    featured_post = models.ForeignKey(
        "blog.BlogPage",
        verbose_name=_("featured post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown above the list on the first page."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("featured_post")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("blog index page")
        verbose_name_plural = _("blog index pages")

    def posts(self):
        """The live posts of this blog, newest first: those written or translated in its
        language, and the aliases of those not yet translated, which show the original with a
        notice (as the directory lists show untranslated entries in their original)."""
        return (
            public(BlogPage.objects.live())
            .child_of(self)
            .order_by("-date", "-first_published_at", "-pk")
        )

    @path("")
    def post_list(self, request):
        from .views import post_list

        return post_list(request, self)

    @path("authors/<slug:slug>/", name="author")
    def author_archive(self, request, slug):
        from .views import author_archive

        return author_archive(request, self, slug)

    @path("topics/<slug:slug>/", name="topic")
    def topic_archive(self, request, slug):
        from .views import topic_archive

        return topic_archive(request, self, slug)

    @path("tags/<slug:slug>/", name="tag")
    def tag_archive(self, request, slug):
        from .views import tag_archive

        return tag_archive(request, self, slug)

    @path("feed/<str:kind>/", name="feed")
    def feed(self, request, kind):
        from .feeds import blog_feed

        return blog_feed(request, self, kind)

    @path("topics/<slug:slug>/feed/<str:kind>/", name="topic_feed")
    def topic_feed(self, request, slug, kind):
        from .feeds import blog_feed

        return blog_feed(request, self, kind, topic_slug=slug)


class BlogPage(SearchablePage, ViewRestrictionsMixin, AsciiSlugPageMixin, RoutablePageMixin, Page):
    """A news item, an article or an event report (which names its event)."""

    teaser = models.TextField(
        _("teaser"), max_length=400, help_text=_("One or two sentences shown in lists and feeds.")
    )
    date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the day the post is first published."),
    )
    post_type = models.CharField(
        _("type of post"), max_length=20, choices=PostType.choices, default=PostType.NEWS
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_alt = models.CharField(
        _("alternative text of the image"),
        max_length=255,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        help_text=_("For an event report: the event it reports on. Its page links here."),
    )
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=BlogPageTag, blank=True, verbose_name=_("tags"))
    reading_time = models.PositiveSmallIntegerField(
        _("reading time in minutes"), editable=False, default=1
    )
    comments_enabled = models.BooleanField(
        _("readers may comment"),
        default=False,
        help_text=_(
            "Comments appear after a moderator approves them. The network settings can "
            "switch comments off for the whole site."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("post_type"),
                FieldPanel("event"),
                InlinePanel("post_authors", min_num=1, label=_("Authors")),
            ],
            heading=_("About the post"),
        ),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_alt")], heading=_("Image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                InlinePanel("post_topics", label=_("Topics")),
                FieldPanel("tags"),
            ],
            heading=_("Topics and tags"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("related_offers", label=_("Offers")),
                InlinePanel("related_actors", label=_("Actors")),
                InlinePanel("related_posts", label=_("Posts")),
            ],
            heading=_("Related"),
        ),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("comments_enabled")]
    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("post_type"),
        index.FilterField("date"),
    ]
    # Which event a report names is a fact: every translation names the same one, and its
    # page links to the report's version in its own language.
    override_translatable_fields = [SynchronizedField("event", overridable=False)]
    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []
    search_kind = "post"

    class Meta:
        verbose_name = _("blog post")
        verbose_name_plural = _("blog posts")

    def clean(self):
        super().clean()
        errors = {}
        if self.hero_image_id and not self.hero_alt.strip():
            errors["hero_alt"] = _("Describe the image for people who cannot see it.")
        if self.event_id and self.post_type != PostType.EVENT_REPORT:
            errors["event"] = _("Only an event report names an event.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.live and self.date is None:
            self.date = (self.first_published_at or timezone.now()).date()
        locale = self.locale if self.locale_id else self.get_default_locale()
        self.reading_time = reading_minutes(self.body_text(), locale.language_code)
        return super().save(*args, **kwargs)

    def body_text(self):
        """The words of the teaser and the body, without markup."""
        parts = [self.teaser] + list(self.body.stream_block.get_searchable_content(self.body))
        return "\n".join(part for part in parts if part)

    @classmethod
    def searchable_objects(cls):
        return (
            super()
            .searchable_objects()
            .prefetch_related(
                Prefetch("post_topics", queryset=BlogPageTopic.objects.select_related("topic"))
            )
        )

    def describe_for_search(self, is_original):
        return replace(
            super().describe_for_search(is_original),
            summary=self.teaser,
            topics=topic_slugs(
                ((topic.pk, topic.slug) for topic in self.topics), Topic.parent_slugs()
            ),
        )

    def get_context(self, request, *args, **kwargs):
        from .views import post_context

        context = super().get_context(request, *args, **kwargs)
        context.update(post_context(request, self))
        return context

    @path("comment/", name="comment")
    def write_comment(self, request):
        from .comment_views import write_comment

        return write_comment(request, self)

    @path("comment/thanks/", name="commented")
    def commented(self, request):
        from .comment_views import commented

        return commented(request, self)

    @path("comment/replies/", name="comment_replies")
    def comment_replies(self, request):
        from .comment_views import reply_notifications

        return reply_notifications(request, self, request.GET.get("token", ""))

    @property
    def authors(self):
        return [link.author for link in self.post_authors.all()]

    @property
    def topics(self):
        return [link.topic for link in self.post_topics.all()]


class BlogPageAuthor(TranslatableMixin, Orderable):
    page = ParentalKey(BlogPage, on_delete=models.CASCADE, related_name="post_authors")
    author = models.ForeignKey(
        Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="post_links"
    )

    panels = [FieldPanel("author")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("author of a post")
        verbose_name_plural = _("authors of posts")


class BlogPageTopic(TranslatableMixin, Orderable):
    page = ParentalKey(BlogPage, on_delete=models.CASCADE, related_name="post_topics")
    topic = models.ForeignKey(
        "directory.Topic", verbose_name=_("topic"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("topic of a post")
        verbose_name_plural = _("topics of posts")


class BlogPageOffer(TranslatableMixin, Orderable):
    page = ParentalKey(BlogPage, on_delete=models.CASCADE, related_name="related_offers")
    offer = models.ForeignKey(
        "directory.Offer", verbose_name=_("offer"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("offer")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("related offer")
        verbose_name_plural = _("related offers")


class BlogPageActor(TranslatableMixin, Orderable):
    page = ParentalKey(BlogPage, on_delete=models.CASCADE, related_name="related_actors")
    actor = models.ForeignKey(
        "directory.Actor", verbose_name=_("actor"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("actor")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("related actor")
        verbose_name_plural = _("related actors")


class BlogPageRelatedPost(TranslatableMixin, Orderable):
    page = ParentalKey(BlogPage, on_delete=models.CASCADE, related_name="related_posts")
    post = models.ForeignKey(
        BlogPage, verbose_name=_("post"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("post")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("related post")
        verbose_name_plural = _("related posts")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


class Comment(models.Model):
    """A reader's comment on a post, or a reply to one (one level deep).

    Only approved comments are shown, on the version of the post they were written on. The
    e-mail address is personal data: never shown, used for the notice of replies the writer
    confirmed, and deleted with the comment after ``COMMENT_RETENTION_DAYS``.
    """

    page = models.ForeignKey(
        BlogPage, verbose_name=_("post"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    text = models.TextField(_("comment"), max_length=3000)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    created = models.DateTimeField(_("written at"), default=timezone.now, db_index=True)
    notify_replies = models.BooleanField(_("replies asked for"), default=False)
    replies_confirmed = models.DateTimeField(_("replies confirmed at"), null=True, blank=True)
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created", "pk"]

    def __str__(self):
        return f"{self.name}: {Truncator(self.text).chars(60)}"

    @classmethod
    def from_db(cls, db, field_names, values):
        comment = super().from_db(db, field_names, values)
        comment.stored_status = comment.__dict__.get("status")  # to tell what a save changes
        return comment

    @property
    def is_approved(self):
        return self.status == CommentStatus.APPROVED


class HelpfulCount(models.Model):
    """How many visitors found a post helpful (each counted once a day)."""

    page = models.OneToOneField(
        BlogPage, on_delete=models.CASCADE, primary_key=True, related_name="helpful"
    )
    count = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.page_id}: {self.count}"


class HelpfulVote(models.Model):
    """That one visitor found a post helpful today: a hash of their address and browser with
    the day's salt (``HelpfulSalt``), deleted with the salt after the day."""

    page = models.ForeignKey(BlogPage, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    visitor = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "day", "visitor"], name="unique_helpful_vote_per_day"
            )
        ]

    def __str__(self):
        return f"{self.page_id} {self.day}"


class HelpfulSalt(models.Model):
    """The random salt of one day's visitor hashes; without it they cannot be recomputed."""

    day = models.DateField(primary_key=True)
    salt = models.CharField(max_length=64)

    def __str__(self):
        return str(self.day)
