"""Home and content pages, and the site-wide settings and texts."""

import copy

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
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
    Site,
    TranslatableMixin,
)
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, ContentBlocks, HomeSections
from .cache import per_content_version
from .routing import ViewRestrictionsMixin
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


class HomePage(SearchablePage, ViewRestrictionsMixin, AsciiSlugPageMixin, Page):
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
    sections = StreamField(
        HomeSections(),
        blank=True,
        verbose_name=_("sections"),
        help_text=_(
            "Below the search box: topic tiles, the next events, the latest posts, who we are."
        ),
    )
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("sections"),
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

    def featured(self):
        """The featured pages visitors see, with their teasers (``featured_in``)."""
        return featured_in(self, get_language())


@per_content_version
def featured_in(home, language_code):
    """``[(page, teaser)]``: each featured page of ``home`` in the language where it is
    translated and live, else as chosen; live pages only, kept until the content changes."""
    chosen = [(block.value["page"], block.value["teaser"]) for block in home.featured_pages]
    keys = [page.translation_key for page, _teaser in chosen]
    candidates = (
        Page.objects.live()
        .filter(
            Q(pk__in=[page.pk for page, _teaser in chosen])
            | Q(translation_key__in=keys, locale__language_code=language_code)
        )
        .select_related("locale", "alias_of__locale")
        .specific()
    )
    by_pk = {page.pk: page for page in candidates}
    in_language = {
        page.translation_key: page
        for page in by_pk.values()
        if page.locale.language_code == language_code
    }
    shown = []
    for page, teaser in chosen:
        featured = in_language.get(page.translation_key) or by_pk.get(page.pk)
        if featured is not None:
            shown.append((featured, teaser))
    return shown


class ContentPage(SearchablePage, ViewRestrictionsMixin, AsciiSlugPageMixin, Page):
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
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
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
            [
                FieldPanel("imprint_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
            ],
            heading=_("Legal pages"),
        ),
        MultiFieldPanel(
            [FieldPanel("comments_enabled"), FieldPanel("comment_blocked_words")],
            heading=_("Comments"),
        ),
    ]

    class Meta:
        verbose_name = _("network settings")
        verbose_name_plural = _("network settings")

    @classmethod
    def for_request(cls, request):
        """The settings of the request's site (Wagtail's ``for_request``), read once per
        content version: each request gets its own copy of the kept instance."""
        name = cls.get_cache_attr_name()
        if not hasattr(request, name):
            site_settings = copy.copy(network_settings_of(Site.find_for_request(request)))
            site_settings._request = request
            setattr(request, name, site_settings)
        return getattr(request, name)


@per_content_version
def network_settings_of(site):
    """The network settings of ``site`` (created if need be), with its logo."""
    return NetworkSettings.objects.select_related("logo").get_or_create(site=site)[0]


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
        texts = live_site_texts(language_code)
        return texts.network_name if texts else ""

    def get_preview_template(self, request, mode_name):
        return "includes/footer_text_preview.html"

    def get_preview_context(self, request, mode_name):
        """The preview shows the site with these texts instead of the live ones."""
        return {**super().get_preview_context(request, mode_name), "site_texts": self}


live_site_texts = per_content_version(FooterText.for_language)


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
