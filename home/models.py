"""Home and content pages, and the site-wide settings and texts."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, ContentBlocks
from .searchable import SearchablePage
from .slugs import AsciiSlugPageMixin


class FeaturedPageBlock(blocks.StructBlock):
    """A page highlighted on the home page, optionally with its own teaser."""

    page = blocks.PageChooserBlock(label=_("Page"))
    teaser = blocks.TextBlock(
        label=_("Teaser"),
        required=False,
        help_text=_("Leave empty to use the page's introduction."),
    )

    class Meta:
        icon = "pick"
        label = _("Featured page")


class HomePage(SearchablePage, AsciiSlugPageMixin, Page):
    """The start page of one language's tree."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A few welcoming sentences under the title.")
    )
    featured_pages = StreamField(
        [("page", FeaturedPageBlock())],
        blank=True,
        verbose_name=_("featured pages"),
        max_num=6,
    )
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("featured_pages"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class ContentPage(SearchablePage, AsciiSlugPageMixin, Page):
    """A generic page: an introduction and a body of blocks."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("A short lead paragraph shown under the title.")
    )
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


@register_setting(icon="site")
class NetworkSettings(BaseSiteSetting):
    """Facts about the network shown on every page: logo, contact and legal links.

    Its name is words, translated with the footer (``FooterText``).
    """

    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    street = models.CharField(_("street"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    town = models.CharField(_("town"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("imprint page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comments_enabled = models.BooleanField(
        _("readers may comment on posts"),
        default=True,
        help_text=_("Switches comments off on every post, whatever the post allows."),
    )
    comment_blocked_words = models.TextField(
        _("words that block a comment"),
        blank=True,
        help_text=_(
            "One word or phrase per line. A comment containing one of them is not accepted."
        ),
    )

    panels = [
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldPanel("postcode"),
                FieldPanel("town"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("imprint_page"), FieldPanel("privacy_page")], heading=_("Legal pages")
        ),
        MultiFieldPanel(
            [FieldPanel("comments_enabled"), FieldPanel("comment_blocked_words")],
            heading=_("Comments"),
        ),
    ]

    class Meta:
        verbose_name = _("network settings")
        verbose_name_plural = _("network settings")


class FooterText(TranslatableMixin, DraftStateMixin, RevisionMixin, PreviewableMixin, models.Model):
    """The network's name and the footer's words, one translation per language."""

    network_name = models.CharField(
        _("network name"),
        max_length=255,
        help_text=_("Shown in the header, in the title of every page and in the footer."),
    )
    body = RichTextField(_("text"), features=RICH_TEXT_FEATURES, blank=True)
    revisions = GenericRelation("wagtailcore.Revision", related_query_name="footertext")

    panels = [FieldPanel("network_name"), FieldPanel("body")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("network name and footer")
        verbose_name_plural = _("network name and footer")

    def __str__(self):
        return self.network_name

    @classmethod
    def for_language(cls, language_code):
        """The live texts of a language, else the source language's; None when there are none."""
        texts = cls.objects.filter(
            live=True, locale__language_code__in=[language_code, settings.LANGUAGE_CODE]
        ).select_related("locale")
        by_language = {text.locale.language_code: text for text in texts}
        return by_language.get(language_code) or by_language.get(settings.LANGUAGE_CODE)

    @classmethod
    def network_name_in(cls, language_code):
        """The network's name in a language (else in the source language), or ""."""
        texts = cls.for_language(language_code)
        return texts.network_name if texts else ""

    def get_preview_template(self, request, mode_name):
        return "includes/footer_text_preview.html"

    def get_preview_context(self, request, mode_name):
        """The preview shows the site with these texts instead of the live ones."""
        return {**super().get_preview_context(request, mode_name), "site_texts": self}


class LanguageTeam(models.Model):
    """The translators and reviewers of one language.

    Translators may edit and submit the pages and snippets of their language
    only; reviewers approve what they submit ("Translation review" workflow on
    the language's tree). See ``home/languages.py``.
    """

    locale = models.OneToOneField(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="team"
    )
    translators = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="translates"
    )
    reviewers = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="reviews")

    class Meta:
        verbose_name = _("language team")
        verbose_name_plural = _("language teams")

    def __str__(self):
        return str(self.locale)
