"""The network's working groups and its members' area.

A working group is a page in each language tree, below the working groups' index:
its purpose, its member organisations (actors of the directory), its contact
persons (shown only with their consent, as on actors) and its documents. Its
meetings are events whose ``working_group`` names it; the group's page lists their
next dates.

The members' area is a page that only the "Network members" group may see
(Wagtail's page privacy, set when the page is created), with the minutes of
meetings below it and internal documents from a collection only members may
download (``members.py``). It is no ``Searchable``: the site search never has it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from directory.models import ContactPerson, HasContactPersons
from home.blocks import ContentBlocks
from home.routing import ViewRestrictionsMixin, public
from home.searchable import SearchablePage
from home.slugs import AsciiSlugPageMixin


class WorkingGroupIndexPage(SearchablePage, ViewRestrictionsMixin, AsciiSlugPageMixin, Page):
    """The working groups of one language."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.WorkingGroupPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("working groups index page")
        verbose_name_plural = _("working groups index pages")

    def groups(self):
        """The live public working groups below this index, aliases included."""
        return public(WorkingGroupPage.objects.live()).child_of(self)

    def get_context(self, request, *args, **kwargs):
        from .views import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self))
        return context


class WorkingGroupPage(
    HasContactPersons, SearchablePage, ViewRestrictionsMixin, AsciiSlugPageMixin, Page
):
    """A working group of the network: what it is for, who takes part, when it meets."""

    teaser = models.TextField(
        _("teaser"), max_length=400, help_text=_("One or two sentences shown in lists.")
    )
    body = StreamField(
        ContentBlocks(),
        blank=True,
        verbose_name=_("purpose"),
        help_text=_("What the group works on and how to take part."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        FieldPanel("body"),
        InlinePanel("members", label=_("Member organisations")),
        InlinePanel("contacts", label=_("Contact persons")),
        InlinePanel("documents", label=_("Documents")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
    ]
    parent_page_types = ["network.WorkingGroupIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def get_context(self, request, *args, **kwargs):
        from .views import group_context

        context = super().get_context(request, *args, **kwargs)
        context.update(group_context(self))
        return context


class WorkingGroupMember(TranslatableMixin, Orderable):
    """An organisation of the directory that takes part in a working group."""

    page = ParentalKey(WorkingGroupPage, on_delete=models.CASCADE, related_name="members")
    actor = models.ForeignKey(
        "directory.Actor", verbose_name=_("actor"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("actor")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")


class WorkingGroupContact(ContactPerson):
    page = ParentalKey(WorkingGroupPage, on_delete=models.CASCADE, related_name="contacts")

    class Meta(ContactPerson.Meta):
        verbose_name = _("contact person of a working group")
        verbose_name_plural = _("contact persons of working groups")


class PageDocument(Orderable):
    """A document listed on a page; the same in every language."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        abstract = True


class WorkingGroupDocument(PageDocument):
    page = ParentalKey(WorkingGroupPage, on_delete=models.CASCADE, related_name="documents")

    class Meta(PageDocument.Meta):
        verbose_name = _("document of a working group")
        verbose_name_plural = _("documents of working groups")


class MembersAreaPage(ViewRestrictionsMixin, AsciiSlugPageMixin, Page):
    """The members' area of one language: visible only to the "Network members" group.

    Created private (``members.restrict_to_members``); its minutes are pages below it.
    """

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel(
            "documents",
            label=_("Internal documents"),
            help_text=_(
                "Upload them to the members' collection, so that only members can download them."
            ),
        ),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["network.MinutesPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("members' area")
        verbose_name_plural = _("members' areas")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["minutes"] = (
            MinutesPage.objects.live().child_of(self).order_by("-meeting_date", "title")
        )
        context["internal_documents"] = [
            row.document for row in self.documents.select_related("document")
        ]
        return context


class MembersAreaDocument(PageDocument):
    page = ParentalKey(MembersAreaPage, on_delete=models.CASCADE, related_name="documents")

    class Meta(PageDocument.Meta):
        verbose_name = _("internal document")
        verbose_name_plural = _("internal documents")


class MinutesPage(ViewRestrictionsMixin, AsciiSlugPageMixin, Page):
    """The minutes of a plenary or working-group meeting, in the members' area."""

    meeting_date = models.DateField(_("date of the meeting"))
    working_group = models.ForeignKey(
        WorkingGroupPage,
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty for the plenary and other meetings of the whole network."),
    )
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("minutes"))

    override_translatable_fields = [
        SynchronizedField("meeting_date", overridable=False),
        SynchronizedField("working_group", overridable=False),
    ]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("meeting_date"), FieldPanel("working_group")])],
            heading=_("Meeting"),
        ),
        FieldPanel("body"),
        InlinePanel("documents", label=_("Attachments")),
    ]
    parent_page_types = ["network.MembersAreaPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attachments"] = [row.document for row in self.documents.select_related("document")]
        return context


class MinutesDocument(PageDocument):
    page = ParentalKey(MinutesPage, on_delete=models.CASCADE, related_name="documents")

    class Meta(PageDocument.Meta):
        verbose_name = _("attachment of minutes")
        verbose_name_plural = _("attachments of minutes")
