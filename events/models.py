"""The network's events: an index page per language tree and the events below it.

An event has one date or a series of dates (a recurrence rule, see ``recurrence.py``);
single dates of a series are cancelled or moved through its date changes. Words are
translated with wagtail-localize; dates, places, links and codes are facts,
synchronised from the source. Links to the directory's vocabulary and actors go
through orderable child models, so a translation points at translated terms.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from directory.models import SpokenLanguage
from home.blocks import ContentBlocks
from home.slugs import AsciiSlugPageMixin

from .forms import EventPageForm, not_a_date
from .recurrence import expand, recurrence_rule, series_days

# How long before the start an online event's address is shown, unless the editor says.
DEFAULT_LINK_LEAD_MINUTES = 30


class EventKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary meeting")
    WORKING_GROUP = "working_group", _("Working-group meeting")
    CONFERENCE = "conference", _("Conference")
    INFORMATION_EVENING = "information_evening", _("Information evening")
    COURSE_START = "course_start", _("Course start")
    OTHER = "other", _("Other")


class EventStatus(models.TextChoices):
    """The status of an event, as schema.org's ``eventStatus`` names it."""

    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    MOVED_ONLINE = "moved_online", _("Moved online")


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("In person and online")


class Repeat(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")


WEEK_OF_MONTH_CHOICES = [
    (1, _("first")),
    (2, _("second")),
    (3, _("third")),
    (4, _("fourth")),
    (-1, _("last")),
]


class EventIndexPage(AsciiSlugPageMixin, RoutablePageMixin, Page):
    """The events of one language: upcoming dates with filters, and an archive by year."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index page")
        verbose_name_plural = _("events index pages")

    def events(self):
        """The live public events below this index, aliases of untranslated ones included."""
        return EventPage.objects.live().public().child_of(self)

    @path("")
    def upcoming(self, request):
        from .views import upcoming_dates

        return upcoming_dates(request, self)

    @path("archive/<int:year>/", name="archive")
    def archive(self, request, year):
        from .views import archive_year

        return archive_year(request, self, year)


class EventPage(AsciiSlugPageMixin, RoutablePageMixin, Page):
    """A meeting, conference or evening of the network: one date or a series of dates."""

    teaser = models.TextField(
        _("teaser"), max_length=400, help_text=_("One or two sentences shown in lists.")
    )
    body = StreamField(ContentBlocks(), blank=True, verbose_name=_("body"))
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )

    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"), null=True, blank=True)
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("The times are not shown; only the days.")
    )
    repeat = models.CharField(
        _("repeat"),
        max_length=10,
        choices=Repeat.choices,
        blank=True,
        help_text=_("Leave empty for an event on one date."),
    )
    repeat_interval = models.PositiveSmallIntegerField(
        _("every"), default=1, help_text=_("1: every week or month, 2: every second one, …")
    )
    repeat_week_of_month = models.SmallIntegerField(
        _("week of the month"),
        choices=WEEK_OF_MONTH_CHOICES,
        null=True,
        blank=True,
        help_text=_(
            "For a monthly series on a weekday (the second Tuesday); "
            "empty: on the same day of the month as the first date."
        ),
    )
    repeat_until = models.DateField(_("repeat until"), null=True, blank=True)

    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    venue = models.CharField(
        _("venue"), max_length=255, blank=True, help_text=_("E.g. “Town hall, room 2”.")
    )
    street = models.CharField(_("street and number"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    place = models.ForeignKey(
        "directory.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    online_url = models.URLField(_("online address"), blank=True)
    online_link_lead_minutes = models.PositiveSmallIntegerField(
        _("show the online address … minutes before the start"),
        default=DEFAULT_LINK_LEAD_MINUTES,
    )

    working_group = models.ForeignKey(
        "network.WorkingGroupPage",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The working group that meets or invites; its page lists the dates."),
    )

    is_free = models.BooleanField(_("free of charge"), default=True)
    cost_note = models.TextField(_("costs"), blank=True)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, hearing loop, childcare, interpreters, …"),
    )

    FACTS = [
        "kind",
        "status",
        "start",
        "end",
        "all_day",
        "repeat",
        "repeat_interval",
        "repeat_week_of_month",
        "repeat_until",
        "attendance",
        "street",
        "postcode",
        "online_url",
        "online_link_lead_minutes",
        "is_free",
        "working_group",
    ]
    override_translatable_fields = [SynchronizedField(field, overridable=False) for field in FACTS]

    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("all_day")]),
                FieldRowPanel(
                    [
                        FieldPanel("repeat"),
                        FieldPanel("repeat_interval"),
                        FieldPanel("repeat_week_of_month"),
                        FieldPanel("repeat_until"),
                    ]
                ),
                InlinePanel("date_changes", label=_("Changes to single dates")),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("venue"),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("place")]),
                FieldRowPanel([FieldPanel("online_url"), FieldPanel("online_link_lead_minutes")]),
            ],
            heading=_("Where"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("working_group"),
                InlinePanel("organisers", label=_("Organisers")),
                InlinePanel("topics", label=_("Topics")),
                InlinePanel("target_groups", label=_("Target groups")),
                InlinePanel("languages", label=_("Languages spoken")),
            ],
            heading=_("Who and what"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_free"), FieldPanel("cost_note"), FieldPanel("accessibility")],
            heading=_("Costs and accessibility"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    base_form_class = EventPageForm

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        if self.repeat and not self.repeat_until:
            errors["repeat_until"] = _("Say until when the series repeats.")
        if self.repeat and self.repeat_until and self.start:
            if self.repeat_until < timezone.localdate(self.start):
                errors["repeat_until"] = _("The series must not end before its first date.")
        if self.repeat_week_of_month and self.repeat != Repeat.MONTHLY:
            errors["repeat_week_of_month"] = _(
                "Only a monthly series falls on a week of the month."
            )
        if self.is_online and not self.online_url:
            errors["online_url"] = _("An online event needs its address.")
        if not self.is_free and not self.cost_note:
            errors["cost_note"] = _("Say what the event costs.")
        if errors:
            raise ValidationError(errors)
        if self.start:
            days = series_days(self.rule, self.start)
            for change in self.date_changes.all():
                if change.date not in days:
                    raise ValidationError(not_a_date(change.date))

    @property
    def rule(self):
        """The RFC 5545 recurrence rule of the series, or "" for an event on one date."""
        return recurrence_rule(
            self.repeat,
            self.repeat_interval,
            self.repeat_week_of_month,
            self.repeat_until,
            self.start,
        )

    def dates(self):
        """Every date of the event, in order, with cancelled and moved dates marked."""
        changes = {change.date: change for change in self.date_changes.all()}
        return expand(self.pk, self.rule, self.start, self.end, self.all_day, self.status, changes)

    @property
    def is_online(self):
        return self.attendance != Attendance.IN_PERSON or self.status == EventStatus.MOVED_ONLINE

    @property
    def is_in_person(self):
        return self.attendance != Attendance.ONLINE and self.status != EventStatus.MOVED_ONLINE

    def online_link_from(self, date):
        """When the online address of ``date`` is shown (until the date ends)."""
        return date.start - timedelta(minutes=self.online_link_lead_minutes)

    def get_context(self, request, *args, **kwargs):
        from .views import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(request, self))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        context = getattr(response, "context_data", None) or {}
        if context.get("online_link_changes_today"):
            # The anonymous page cache keeps a page for the day: not this one.
            patch_cache_control(response, private=True)
        return response

    @path("calendar/", name="ics")
    def calendar_file(self, request):
        from .views import event_calendar_file

        return event_calendar_file(request, self)


class EventDateChange(TranslatableMixin, Orderable):
    """One date of a series, cancelled or moved; the other dates stay as they are."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="date_changes")
    date = models.DateField(_("date of the series"), help_text=_("The date as the series has it."))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    new_start = models.DateTimeField(_("moved to"), null=True, blank=True)
    new_end = models.DateTimeField(_("new end"), null=True, blank=True)
    note = models.CharField(
        _("note"), max_length=255, blank=True, help_text=_("E.g. “Room 2 instead of the hall”.")
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("cancelled")]),
        FieldRowPanel([FieldPanel("new_start"), FieldPanel("new_end")]),
        FieldPanel("note"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("change to a single date")
        verbose_name_plural = _("changes to single dates")

    def clean(self):
        if self.cancelled == bool(self.new_start):
            raise ValidationError(_("Either cancel the date or give its new start."))
        if self.new_start and self.new_end and self.new_end <= self.new_start:
            raise ValidationError({"new_end": _("The end must be after the start.")})


class EventOrganiser(TranslatableMixin, Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="organisers")
    actor = models.ForeignKey(
        "directory.Actor", verbose_name=_("actor"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("actor")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")


class EventTopic(TranslatableMixin, Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(
        "directory.Topic", verbose_name=_("topic"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("topic of an event")
        verbose_name_plural = _("topics of events")


class EventTargetGroup(TranslatableMixin, Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="target_groups")
    target_group = models.ForeignKey(
        "directory.TargetGroup",
        verbose_name=_("target group"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("target_group")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("target group of an event")
        verbose_name_plural = _("target groups of events")


class EventLanguage(Orderable, SpokenLanguage):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="languages")

    class Meta(Orderable.Meta):
        verbose_name = _("language spoken at an event")
        verbose_name_plural = _("languages spoken at events")
