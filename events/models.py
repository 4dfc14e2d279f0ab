"""The network's events: an index page per language tree and the events below it.

An event has one date or a series of dates (a recurrence rule, see ``recurrence.py``);
single dates of a series are cancelled or moved through its date changes. Words are
translated with wagtail-localize; dates, places, links and codes are facts,
synchronised from the source. Links to the directory's vocabulary and actors go
through orderable child models, so a translation points at translated terms.
"""

import uuid
from dataclasses import replace
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
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

from directory.filters import topic_condition
from directory.models import SpokenLanguage, Topic, topic_slugs
from home.blocks import ContentBlocks
from home.routing import ViewRestrictionsMixin, public
from home.searchable import ResultDate, SearchablePage, joined
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


class Registration(models.TextChoices):
    NONE = "none", _("No registration")
    EMAIL = "email", _("By e-mail")
    FORM = "form", _("By form on this site")


WEEK_OF_MONTH_CHOICES = [
    (1, _("first")),
    (2, _("second")),
    (3, _("third")),
    (4, _("fourth")),
    (-1, _("last")),
]


class EventIndexPage(ViewRestrictionsMixin, AsciiSlugPageMixin, RoutablePageMixin, Page):
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
        return public(EventPage.objects.live()).child_of(self)

    @path("")
    def upcoming(self, request):
        from .views import upcoming_dates

        return upcoming_dates(request, self)

    @path("archive/<int:year>/", name="archive")
    def archive(self, request, year):
        from .views import archive_year

        return archive_year(request, self, year)

    @path("calendar/", name="calendar")
    def calendar_feed(self, request):
        from .views import calendar_feed

        return calendar_feed(request, self)


class EventPage(SearchablePage, ViewRestrictionsMixin, AsciiSlugPageMixin, RoutablePageMixin, Page):
    """A meeting, conference or evening of the network: one date or a series of dates.

    The site search finds it with its topics, target groups, place and languages; the date
    its result shows is read when the result is shown (``search_dates``), so that a series
    shows its next date and an event that is over its last one. Its documents stay after
    the event (a visitor may look for what took place); cancelled events are marked.
    """

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

    registration = models.CharField(
        _("registration"), max_length=10, choices=Registration.choices, default=Registration.NONE
    )
    registration_email = models.EmailField(
        _("registration address"),
        blank=True,
        help_text=_("Where visitors register by e-mail; shown on the page."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Empty: until the event begins."),
    )
    capacity = models.PositiveIntegerField(
        _("number of places"),
        null=True,
        blank=True,
        help_text=_("How many people can come, in every language together; empty: no limit."),
    )
    sequence = models.PositiveIntegerField(
        _("calendar sequence"),
        default=0,
        editable=False,
        help_text=_("How often a change to the date, time, place or status was published."),
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
        "registration",
        "registration_email",
        "registration_deadline",
        "capacity",
        "working_group",
    ]
    override_translatable_fields = [SynchronizedField(field, overridable=False) for field in FACTS]
    # What a calendar entry says of when and where (dates changed one by one included): a
    # published change to one of them raises ``sequence``.
    CALENDAR_FACTS = [
        "status",
        "start",
        "end",
        "all_day",
        "repeat",
        "repeat_interval",
        "repeat_week_of_month",
        "repeat_until",
        "attendance",
        "venue",
        "street",
        "postcode",
        "place_id",
    ]

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
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("registration"), FieldPanel("registration_email")]),
                FieldRowPanel([FieldPanel("registration_deadline"), FieldPanel("capacity")]),
            ],
            heading=_("Registration"),
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
    search_kind = "event"

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
        if self.registration == Registration.EMAIL and not self.registration_email:
            errors["registration_email"] = _("Give the address to register at.")
        if self.capacity == 0:
            errors["capacity"] = _("Leave the places empty for no limit.")
        if errors:
            raise ValidationError(errors)
        if self.start:
            days = series_days(self.rule, self.start)
            for change in self.date_changes.all():
                if change.date not in days:
                    raise ValidationError(not_a_date(change.date))

    def save(self, *args, **kwargs):
        if self.pk and kwargs.get("update_fields") is None:
            self.sequence = self.published_sequence()
        return super().save(*args, **kwargs)

    def published_sequence(self):
        """The calendar sequence of the version being saved: one more than the stored one when
        this save publishes a change to a calendar fact of a version that was published.

        The page's row holds its published version (drafts are revisions), so a whole save of
        a live page publishes; saves of single fields (a draft's revision) pass by.
        """
        stored = (
            EventPage.objects.filter(pk=self.pk)
            .values("sequence", "last_published_at", *self.CALENDAR_FACTS)
            .first()
        )
        if stored is None:
            return self.sequence
        if not self.live or stored["last_published_at"] is None:
            return stored["sequence"]
        changed = any(stored[name] != getattr(self, name) for name in self.CALENDAR_FACTS)
        if not changed:
            stored_changes = set(
                EventDateChange.objects.filter(page_id=self.pk).values_list(*DATE_CHANGE_FACTS)
            )
            own_changes = {
                tuple(getattr(change, name) for name in DATE_CHANGE_FACTS)
                for change in self.date_changes.all()
            }
            changed = stored_changes != own_changes
        return stored["sequence"] + 1 if changed else stored["sequence"]

    def with_content_json(self, content):
        """A revision's version of the page keeps the page's calendar sequence: the counter
        belongs to the page, not to one of its revisions."""
        page = super().with_content_json(content)
        page.sequence = self.sequence
        return page

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

    @property
    def registration_closes(self):
        """When registering on this site ends: the deadline, else the start."""
        return self.registration_deadline or self.start

    def registration_open(self, now=None):
        """Whether the form takes registrations now (places aside)."""
        return (
            self.registration == Registration.FORM
            and self.status != EventStatus.CANCELLED
            and (now or timezone.now()) < self.registration_closes
        )

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
        if context.get("online_link_changes_today") or context.get("registration_closes_today"):
            # The anonymous page cache keeps a page for the day: not this one.
            patch_cache_control(response, private=True)
        return response

    @classmethod
    def searchable_objects(cls):
        return (
            super()
            .searchable_objects()
            .select_related("place")
            .prefetch_related(
                Prefetch("topics", queryset=EventTopic.objects.select_related("topic")),
                Prefetch(
                    "target_groups",
                    queryset=EventTargetGroup.objects.select_related("target_group"),
                ),
                "languages",
            )
        )

    def describe_for_search(self, is_original):
        description = super().describe_for_search(is_original)
        topics = [(row.topic.pk, row.topic.slug) for row in self.topics.all()]
        return replace(
            description,
            summary=self.teaser,
            text=joined(description.text, self.venue, self.accessibility),
            place=self.place.slug if self.place_id else "",
            place_name=self.place.name if self.place_id else "",
            topics=topic_slugs(topics, Topic.parent_slugs()),
            target_groups=tuple(row.target_group.slug for row in self.target_groups.all()),
            languages=tuple(row.language for row in self.languages.all()),
        )

    @classmethod
    def search_dates(cls, ids, today):
        """Each event's ``shown_date`` on ``today``; in two queries."""
        events = cls.objects.filter(pk__in=ids).prefetch_related("date_changes")
        return {event.pk: shown for event in events if (shown := event.shown_date(today))}

    def shown_date(self, today):
        """The date a mention of the event shows on ``today`` (a ``ResultDate``): its next
        date from ``today`` on that takes place, else its next (cancelled) one, else its
        last one; None for an event without dates."""
        dates = self.dates()
        coming = [date for date in dates if timezone.localdate(date.end or date.start) >= today]
        held = [date for date in coming if not date.is_cancelled]
        date = (held or coming or dates[-1:] or [None])[0]
        if date is None:
            return None
        return ResultDate(date, is_past=not coming, is_series=len(dates) > 1)

    @path("calendar/", name="ics")
    def calendar_file(self, request):
        from .views import event_calendar_file

        return event_calendar_file(request, self)

    @path("register/", name="register")
    def register(self, request):
        from .registration_views import register

        return register(request, self)

    @path("register/thanks/", name="registered")
    def registered(self, request):
        from .registration_views import registered

        return registered(request, self)

    @path("register/cancel/", name="cancel_registration")
    def cancel_registration(self, request):
        from .registration_views import cancel

        return cancel(request, self, request.GET.get("token", ""))


def coming_on_topic(locale, slug, today):
    """The live public events written or translated in ``locale`` (no aliases) on the topic
    ``slug`` or one of its subtopics that have a date from ``today`` on, each with its
    ``shown`` date and its ``topic_list``; in three queries."""
    events = (
        public(EventPage.objects.live())
        .filter(locale=locale, alias_of__isnull=True)
        .filter(
            models.Exists(
                EventTopic.objects.filter(page=models.OuterRef("pk")).filter(topic_condition(slug))
            )
        )
        .prefetch_related(
            "date_changes", Prefetch("topics", queryset=EventTopic.objects.select_related("topic"))
        )
    )
    found = []
    for event in events:
        event.shown = event.shown_date(today)
        if event.shown and not event.shown.is_past:
            event.topic_list = [row.topic for row in event.topics.all()]
            found.append(event)
    return found


# What a change to a single date says of when it takes place.
DATE_CHANGE_FACTS = ["date", "cancelled", "new_start", "new_end"]


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


class EventRegistration(models.Model):
    """A visitor's registration for an event by the form on the site.

    It counts against the capacity of the event in every language: ``event_key`` is the
    translation key its versions share. ``page`` is the version the visitor registered on.
    Registrations are personal data, shown only in the admin and deleted some days after
    the event (``delete_old_registrations``).
    """

    event_key = models.UUIDField(_("event"), db_index=True, editable=False)
    page = models.ForeignKey(
        EventPage,
        verbose_name=_("event page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    people = models.PositiveSmallIntegerField(_("number of people"), default=1)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    language = models.CharField(_("language"), max_length=10, editable=False)
    created = models.DateTimeField(_("registered at"), auto_now_add=True)
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created"]

    def __str__(self):
        return self.name
