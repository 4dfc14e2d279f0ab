"""The accessibility statement (Erklärung zur Barrierefreiheit) that BITV 2.0 and EU directive
2016/2102 require of public bodies, the visitors' reports of barriers, and the information
in Leichte Sprache (easy German) and German Sign Language (DGS) that the regulation expects.

The statement is a form page of ``contact``: its feedback form stores a report as a form
submission (the admin's *Forms* lists them) before the editors get it by e-mail, with the
same spam protection as the site's other forms.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail_localize.fields import SynchronizedField

from contact.models import FixedFormPage, NetworkFormPage
from home.routing import ViewRestrictionsMixin
from home.searchable import SearchablePage, joined
from home.slugs import AsciiSlugPageMixin

from .easy_language import text_of_html
from .forms import BarrierReportForm, SignLanguageVideoForm
from .panels import EasyLanguageHintsPanel

# Leichte Sprache and DGS are offerings in German: their pages live in the German tree only.
OFFERING_LANGUAGE = "de"


class Compliance(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("self-assessment")
    THIRD_PARTY = "third_party", _("assessment by a third party")


class Reason(models.TextChoices):
    DISPROPORTIONATE_BURDEN = "disproportionate_burden", _("disproportionate burden")
    OUTSIDE_SCOPE = "outside_scope", _("outside the scope of the regulation")
    NOT_YET_FIXED = "not_yet_fixed", _("not yet made accessible")


class NonAccessibleContentBlock(blocks.StructBlock):
    """Content that is not accessible, why, and where to get it in an accessible way."""

    content = blocks.TextBlock(label=_("content that is not accessible"))
    reason = blocks.ChoiceBlock(choices=Reason.choices, label=_("reason"))
    alternative = blocks.TextBlock(
        label=_("accessible alternative"),
        required=False,
        help_text=_("Optional: how visitors get this content in an accessible way."),
    )

    class Meta:
        icon = "warning"
        label = _("non-accessible content")


class BarrierReport(AbstractFormSubmission):
    """A visitor's report of a barrier, sent with the statement's feedback form.

    Reports are personal data (an optional name and e-mail address): they are shown only
    in the admin and deleted after ``BARRIER_REPORT_RETENTION_DAYS``
    (``delete_old_barrier_reports``).
    """

    class Meta:
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")

    @classmethod
    def older_than(cls, days=None, now=None):
        """The reports kept longer than the retention period."""
        days = settings.BARRIER_REPORT_RETENTION_DAYS if days is None else days
        return cls.objects.filter(submit_time__lt=(now or timezone.now()) - timedelta(days=days))


class AccessibilityStatementPage(FixedFormPage):
    """The accessibility statement, with the feedback form for reporting barriers.

    Its facts (the state of compliance, the dates, the method of assessment, the contact
    and the enforcement body's address and links) are the same in every language; the
    words are translated.
    """

    compliance = models.CharField(
        _("state of compliance"), max_length=10, choices=Compliance.choices
    )
    non_accessible_content = StreamField(
        [("item", NonAccessibleContentBlock())],
        verbose_name=_("non-accessible content"),
        blank=True,
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    assessment_method = models.CharField(
        _("method of the assessment"), max_length=20, choices=AssessmentMethod.choices
    )
    assessment_report_url = models.URLField(_("assessment report (link)"), blank=True)
    feedback_email = models.EmailField(_("e-mail for feedback"))
    feedback_phone = models.CharField(_("phone for feedback"), max_length=50, blank=True)
    enforcement_text = models.TextField(
        _("enforcement procedure"),
        help_text=_("When and how visitors can turn to the enforcement body."),
    )
    enforcement_body = models.CharField(_("enforcement body"), max_length=255)
    enforcement_address = models.TextField(_("address of the enforcement body"), blank=True)
    enforcement_url = models.URLField(_("website of the enforcement body"), blank=True)

    template = "accessibility/accessibility_statement_page.html"
    landing_page_template = "contact/form_page_landing.html"
    mail_in_source_language = True
    fixed_form = BarrierReportForm
    submission_model = BarrierReport

    override_translatable_fields = NetworkFormPage.override_translatable_fields + [
        SynchronizedField(name, overridable=False)
        for name in (
            "compliance",
            "prepared_on",
            "reviewed_on",
            "assessment_method",
            "assessment_report_url",
            "feedback_email",
            "feedback_phone",
            "enforcement_address",
            "enforcement_url",
        )
    ]

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        FieldPanel("compliance"),
        FieldPanel("non_accessible_content"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
                FieldPanel("assessment_method"),
                FieldPanel("assessment_report_url"),
            ],
            heading=_("Preparation of the statement"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("feedback_email"), FieldPanel("feedback_phone")])],
            heading=_("Feedback and contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enforcement_text"),
                FieldPanel("enforcement_body"),
                FieldPanel("enforcement_address"),
                FieldPanel("enforcement_url"),
            ],
            heading=_("Enforcement procedure"),
        ),
        FieldPanel("thank_you_text"),
        *NetworkFormPage.email_panels,
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def clean(self):
        super().clean()
        errors = {}
        if self.compliance == Compliance.FULL and self.non_accessible_content:
            errors["non_accessible_content"] = _(
                "A fully compliant site lists no non-accessible content."
            )
        elif self.compliance in (Compliance.PARTIAL, Compliance.NONE) and not (
            self.non_accessible_content
        ):
            errors["non_accessible_content"] = _(
                "List the content that is not accessible, and why."
            )
        if self.reviewed_on and self.prepared_on and self.reviewed_on < self.prepared_on:
            errors["reviewed_on"] = _("The last review cannot be before the preparation.")
        if errors:
            raise ValidationError(errors)


class GermanOfferingPage(SearchablePage, ViewRestrictionsMixin, AsciiSlugPageMixin, Page):
    """A page of the German offerings (easy language, sign language): created only in the
    German tree, never copied into the other languages' trees as an alias
    (``stays_in_its_tree``, see ``home.languages``), and found by the site search."""

    stays_in_its_tree = True
    intro = models.TextField(_("introduction"), blank=True)

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and (parent.locale.language_code == OFFERING_LANGUAGE)


class WordExplanationBlock(blocks.StructBlock):
    """A hard word and what it means, in easy words."""

    word = blocks.CharBlock(label=_("word"))
    explanation = blocks.TextBlock(label=_("explanation"))

    class Meta:
        icon = "help"
        label = _("word explanation")
        template = "accessibility/blocks/word_explanation.html"


class EasyLanguageBlocks(blocks.StreamBlock):
    """What easy-language text is made of: short paragraphs, lists and explained words."""

    paragraph = blocks.RichTextBlock(features=["bold", "link", "ul"], label=_("paragraph"))
    explanation = WordExplanationBlock()


class EasyLanguageText(GermanOfferingPage):
    """A page whose words are written in Leichte Sprache; the editor sees the checker's hints."""

    class Meta:
        abstract = True

    def easy_language_texts(self):
        """The page's words, for the checker: title, introduction and each block's text."""
        texts = [self.title, self.intro]
        for block in getattr(self, "body", None) or []:
            if block.block_type == "paragraph":
                texts.append(text_of_html(block.value.source))
            else:
                texts += [block.value["word"], block.value["explanation"]]
        return texts


class EasyLanguageIndexPage(EasyLanguageText):
    """The start page of the information in Leichte Sprache (one in the German tree); the
    header of every page links to it."""

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        EasyLanguageHintsPanel(heading=_("Hints for Leichte Sprache")),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["accessibility.EasyLanguagePage"]
    max_count_per_parent = 1
    template = "accessibility/easy_language_index_page.html"

    class Meta:
        verbose_name = _("Leichte Sprache start page")
        verbose_name_plural = _("Leichte Sprache start pages")


class EasyLanguagePage(EasyLanguageText):
    """A page in Leichte Sprache."""

    body = StreamField(EasyLanguageBlocks(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        EasyLanguageHintsPanel(heading=_("Hints for Leichte Sprache")),
    ]
    parent_page_types = ["accessibility.EasyLanguageIndexPage"]
    subpage_types = []
    template = "accessibility/easy_language_page.html"

    class Meta:
        verbose_name = _("page in Leichte Sprache")
        verbose_name_plural = _("pages in Leichte Sprache")


class SignLanguageVideo(models.Model):
    """A video in German Sign Language, with captions and a summary in text, uploaded to the
    site's media (not a document: the web server serves it directly, with the range
    requests that let visitors skip through a video)."""

    title = models.CharField(_("title"), max_length=255)
    video = models.FileField(
        _("video file"),
        upload_to="sign-language/",
        help_text=_("An MP4 or WebM video."),
    )
    captions = models.FileField(
        _("captions"),
        upload_to="sign-language/",
        help_text=_("The captions in German as a WebVTT file (.vtt)."),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: a still image shown before the video plays."),
    )
    transcript = models.TextField(
        _("summary in text"),
        help_text=_("What the video says, for people who do not sign."),
    )

    base_form_class = SignLanguageVideoForm
    panels = [
        FieldPanel("title"),
        FieldPanel("video"),
        FieldPanel("captions"),
        FieldPanel("poster"),
        FieldPanel("transcript"),
    ]

    class Meta:
        verbose_name = _("sign-language video")
        verbose_name_plural = _("sign-language videos")

    def __str__(self):
        return self.title

    @property
    def video_type(self):
        return "video/webm" if self.video.name.lower().endswith(".webm") else "video/mp4"


class SignLanguagePage(GermanOfferingPage):
    """Information in German Sign Language: videos, each with captions and a summary in
    text; the header of every page links to it."""

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("videos", heading=_("videos"), label=_("video")),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "accessibility/sign_language_page.html"

    class Meta:
        verbose_name = _("German Sign Language page")
        verbose_name_plural = _("German Sign Language pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["videos"] = [item.video for item in self.videos.select_related("video__poster")]
        return context

    def search_text(self):
        """The introduction, and each video's title and summary in text."""
        videos = [item.video for item in self.videos.select_related("video")]
        return joined(self.intro, *(joined(video.title, video.transcript) for video in videos))


class SignLanguagePageVideo(Orderable):
    """A video shown on a sign-language page."""

    page = ParentalKey(SignLanguagePage, on_delete=models.CASCADE, related_name="videos")
    video = models.ForeignKey(
        SignLanguageVideo, verbose_name=_("video"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("video")]
