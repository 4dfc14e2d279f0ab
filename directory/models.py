"""The network's actors, their offers, and the vocabulary that describes them.

Every model is translatable with wagtail-localize. Words (names, summaries,
descriptions, notes) are translated; facts (slugs, codes, phone numbers,
addresses, coordinates, dates, flags) are synchronised from the source. Links
to translatable snippets go through foreign keys and orderable child models,
so a translated offer points at the translated actor and topics of its own
locale.
"""

from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail_localize.fields import SynchronizedField

from home.blocks import RICH_TEXT_FEATURES
from home.cache import content_version, per_content_version
from home.language_registry import LANGUAGES
from home.routing import ViewRestrictionsMixin, public
from home.searchable import Searchable, SearchablePage, SearchDescription, joined
from home.slugs import AsciiSlugForm, AsciiSlugPageMixin

SUMMARY_LENGTH = 300
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
WEEKDAY_CODES = ["mo", "tu", "we", "th", "fr", "sa", "su"]

# The languages an offer or actor can be served in: every language of the registry (the
# content languages among them), and sign language.
LANGUAGE_CHOICES = [
    *((code, _(language.name)) for code, language in LANGUAGES.items()),
    ("sgn", _("Sign language")),
]
LANGUAGE_CODES = {code for code, _name in LANGUAGE_CHOICES}


class Address(NamedTuple):
    """A postal address: street, postcode and place (a ``Place``, or None)."""

    street: str
    postcode: str
    place: "Place | None"


class SearchFacts(NamedTuple):
    """What describing a batch of entries for the search looks up once: the directory
    pages with their addresses (``DirectoryPage.addresses()``), ``Topic.parent_slugs()``,
    and the entries' linked values (``DirectoryEntry.linked_for_search``)."""

    directory_pages: dict
    parent_slugs: dict
    linked: dict


class DirectoryQuerySet(models.QuerySet):
    """Helpers shared by actors and offers."""

    def in_language(self, locale):
        """Entries in ``locale``, and the original version of entries not translated into it.

        The original is the version an entry was first written in (``is_original``).
        A translation that is not live yet leaves the original in its place.
        """
        in_locale = self.model.objects.filter(
            translation_key=OuterRef("translation_key"), locale=locale, live=True
        )
        return self.filter(Q(locale=locale) | (Q(is_original=True) & ~Exists(in_locale)))


# Vocabulary


class Taxonomy(TranslatableMixin, models.Model):
    """A term of the network's vocabulary with a slug that is the same in every language."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Stable identifier used in URLs and imports; the same in every language."),
    )

    override_translatable_fields = [SynchronizedField("slug", overridable=False)]
    panels = [TitleFieldPanel("name", targets=["slug"]), FieldPanel("slug")]
    base_form_class = AsciiSlugForm
    slug_source_field = "name"

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


ICON_CHOICES = [
    ("doc-full", _("Document")),
    ("user", _("Person")),
    ("group", _("Group")),
    ("home", _("House")),
    ("pick", _("Pin")),
    ("help", _("Help")),
    ("mail", _("Mail")),
    ("site", _("Globe")),
    ("calendar", _("Calendar")),
    ("globe", _("World")),
    ("folder-open-inverse", _("Folder")),
    ("clipboard-list", _("Checklist")),
    ("comment", _("Speech bubble")),
    ("openquote", _("Quote")),
    ("tag", _("Tag")),
    ("success", _("Tick")),
    ("desktop", _("Computer")),
    ("key", _("Key")),
]


class Topic(Taxonomy):
    """What an offer or actor is about; topics may have a parent (German courses > Language)."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    icon = models.CharField(_("icon"), max_length=50, choices=ICON_CHOICES, blank=True)

    panels = Taxonomy.panels + [FieldPanel("parent"), FieldPanel("icon")]

    class Meta(Taxonomy.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_topic_slug_locale")
        ]

    @staticmethod
    def parent_slugs():
        """Topic id -> slug of its parent, for all subtopics; cached until the content changes."""
        return cache.get_or_set(
            f"directory:topic-parents:{content_version()}",
            lambda: dict(
                Topic.objects.filter(parent__isnull=False).values_list("pk", "parent__slug")
            ),
            timeout=3600,
        )


def topic_slugs(topics, parent_slugs):
    """The slugs of ``topics`` ((id, slug) pairs) and of their parent topics
    (``Topic.parent_slugs()``), each once, so that a parent's filter finds them."""
    slugs = []
    for pk, own in topics:
        for slug in (own, parent_slugs.get(pk)):
            if slug and slug not in slugs:
                slugs.append(slug)
    return tuple(slugs)


class TargetGroup(Taxonomy):
    """Who an offer is for: women, families, unaccompanied minors, ..."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_targetgroup_slug_locale"
            )
        ]


class Place(Taxonomy):
    """A municipality of the district."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_place_slug_locale")
        ]


# Shared parts of actors and offers


class OpeningHours(Orderable):
    """One opening period on a weekday, or "by appointment" on that day."""

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    by_appointment = models.BooleanField(_("by appointment"), default=False)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("weekday"),
                FieldPanel("opens"),
                FieldPanel("closes"),
                FieldPanel("by_appointment"),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("opening time")
        verbose_name_plural = _("opening times")

    def clean(self):
        if not self.by_appointment and not (self.opens and self.closes):
            raise ValidationError(_("Give opening and closing times, or tick “by appointment”."))
        if self.opens and self.closes and self.opens >= self.closes:
            raise ValidationError(_("The closing time must be after the opening time."))

    def as_code(self):
        """The exchange format: ``mo 09:00-12:00`` or ``mo appointment``."""
        day = WEEKDAY_CODES[self.weekday]
        if self.by_appointment:
            return f"{day} appointment"
        return f"{day} {self.opens:%H:%M}-{self.closes:%H:%M}"


class SpokenLanguage(models.Model):
    """A language (ISO 639-1 code) in which one can be served."""

    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)

    panels = [FieldPanel("language")]

    class Meta:
        abstract = True

    def __str__(self):
        return self.get_language_display()


class ContactPerson(TranslatableMixin, Orderable):
    """A person to contact; their role is translated, the rest is not. They are shown on the
    public site only with their consent (``is_public``). A concrete model adds the key to
    what they are the contact of, with ``related_name="contacts"``."""

    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("role"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_public = models.BooleanField(
        _("show on the public site"),
        default=False,
        help_text=_(
            "Only with the person's consent. Otherwise their name, phone and e-mail stay "
            "in the admin."
        ),
    )

    override_translatable_fields = [
        SynchronizedField("name", overridable=False),
        SynchronizedField("phone", overridable=False),
    ]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("is_public"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        abstract = True
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")


class HasContactPersons:
    """A model with contact persons (``contacts``, rows of a ``ContactPerson`` model)."""

    @property
    def public_contacts(self):
        """The contact persons the editors marked public; the only ones visitors see."""
        return [contact for contact in self.contacts.all() if contact.is_public]


class DirectoryEntry(
    Searchable,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    ClusterableModel,
):
    """What actors and offers share: editorial states, a slug, an address and a place."""

    slug = models.SlugField(
        _("slug"), max_length=255, help_text=_("Part of the address; the same in every language.")
    )
    external_id = models.CharField(
        _("identifier in imported data"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("The “id” of this entry in the network's spreadsheets; kept on re-import."),
    )
    is_original = models.BooleanField(
        _("original version"),
        default=True,
        editable=False,
        help_text=_("Whether this is the language the entry was first written in."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=SUMMARY_LENGTH,
        # A text field's length is the form's rule only; the validator makes it the model's,
        # so that imports keep to it too.
        validators=[MaxLengthValidator(SUMMARY_LENGTH)],
        help_text=_("One or two sentences shown in lists."),
    )
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES, blank=True)
    street = models.CharField(_("street and number"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    FACTS = ["slug", "external_id", "street", "postcode"]
    base_form_class = AsciiSlugForm

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def copy_for_translation(self, locale, exclude_fields=None):
        """A translation is never the original version."""
        translation = super().copy_for_translation(locale, exclude_fields=exclude_fields)
        translation.is_original = False
        return translation

    def get_preview_template(self, request, mode_name):
        return "directory/entry_detail.html"

    @classmethod
    def search_descriptions(cls, entries):
        entries = list(entries)
        facts = SearchFacts(
            directory_pages=DirectoryPage.addresses(),
            parent_slugs=Topic.parent_slugs(),
            linked=cls.linked_for_search([entry.pk for entry in entries]),
        )
        return [entry.describe_for_search(facts) for entry in entries]

    @classmethod
    def linked_for_search(cls, ids):
        """Name -> entry id -> the values of its rows linked through ``search_links()`` (link
        models whose key to the entry is named after its model), in their order; one query
        per link, no objects made."""
        linked = {}
        for name, link_model, values in cls.search_links():
            rows = link_model.objects.filter(**{f"{cls._meta.model_name}_id__in": ids})
            by_entry = linked[name] = {}
            for entry_id, *row in rows.order_by("sort_order", "pk").values_list(
                f"{cls._meta.model_name}_id", *values
            ):
                by_entry.setdefault(entry_id, []).append(row[0] if len(row) == 1 else tuple(row))
        return linked

    def linked(self, facts, name):
        return facts.linked[name].get(self.pk, [])

    def search_url(self, directory_pages):
        """The address of the entry on its language's directory page, else on the source
        language's (``directory_pages`` as ``DirectoryPage.addresses()`` gives them)."""
        page, address = directory_pages.get(self.locale_id) or directory_pages[None]
        return address + page.entry_path(self.detail_route, self.slug) if page else ""

    def get_preview_context(self, request, mode_name):
        from . import views

        page = DirectoryPage.for_locale(self.locale_id)
        return views.entry_context(page, views.rendered_entry(request, page, self))


# Actors


class ActorQuerySet(DirectoryQuerySet):
    def public(self):
        return self.filter(live=True, active=True)

    def for_display(self):
        """With what list and detail pages show of each actor, in a fixed number of queries."""
        return self.select_related("place", "logo", "image", "locale").prefetch_related(
            "image__renditions",
            "languages",
            "opening_hours",
            "contacts",
            Prefetch("topics", queryset=ActorTopic.objects.select_related("topic")),
        )


class Actor(HasContactPersons, DirectoryEntry):
    """An organisation or initiative of the network."""

    detail_route = "actor"  # the route of its detail page on the directory page

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality or authority")
        COUNSELLING_CENTRE = "counselling_centre", _("Counselling centre")
        ASSOCIATION = "association", _("Association")
        RELIGIOUS_COMMUNITY = "religious_community", _("Church or religious community")
        EDUCATION = "education", _("School or education provider")
        EMPLOYER = "employer", _("Employer")
        VOLUNTEER_INITIATIVE = "volunteer_initiative", _("Volunteer initiative")
        MIGRANT_ORGANISATION = "migrant_organisation", _("Migrant organisation")
        HEALTH_SERVICE = "health_service", _("Health service")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo_alt_text = models.CharField(
        _("logo's alternative text"),
        max_length=255,
        blank=True,
        help_text=_("Usually the organisation's name as written in the logo."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A photo of the place or the people, shown on the actor's page and card."),
    )
    image_alt_text = models.CharField(
        _("picture's alternative text"),
        max_length=255,
        blank=True,
        help_text=_("Describe the picture for people who cannot see it."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    step_free = models.BooleanField(
        _("step-free access"), null=True, blank=True, help_text=_("Leave empty if unknown.")
    )
    accessibility_notes = models.TextField(_("notes on accessibility"), blank=True)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive actors and their offers are not shown.")
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="actor")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="actor",
        for_concrete_model=False,
    )

    objects = ActorQuerySet.as_manager()
    slug_source_field = "name"

    override_translatable_fields = [
        SynchronizedField(field, overridable=False)
        for field in DirectoryEntry.FACTS + ["phone", "latitude", "longitude", "image"]
    ]

    panels = [
        TitleFieldPanel("name", targets=["slug"]),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("description"),
        InlinePanel("topics", label=_("Topics"), min_num=1),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt_text")], heading=_("Logo")),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=_("Picture")),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("place")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
            ],
            heading=_("Address and contact"),
        ),
        InlinePanel("contacts", label=_("Contact persons")),
        InlinePanel("languages", label=_("Languages spoken")),
        InlinePanel("opening_hours", label=_("Opening hours")),
        MultiFieldPanel(
            [FieldPanel("step_free"), FieldPanel("accessibility_notes")],
            heading=_("Accessibility"),
        ),
        FieldPanel("active"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_actor_slug_locale")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt_text.strip():
            raise ValidationError(
                {"image_alt_text": _("Describe the picture for people who cannot see it.")}
            )

    @property
    def revisions(self):
        return self._revisions

    @classmethod
    def searchable_objects(cls):
        return cls.objects.public().select_related("place", "locale")

    @staticmethod
    def search_links():
        """What an actor's document lists of its linked rows: (name, link model, values)."""
        return [
            ("topics", ActorTopic, ["topic_id", "topic__slug"]),
            ("languages", ActorLanguage, ["language"]),
        ]

    @classmethod
    def search_dependents(cls, ids):
        """The offers of the actors: their documents name their provider."""
        return [Offer.objects.filter(provider_id__in=ids)]

    def describe_for_search(self, facts):
        with translation.override(self.locale.language_code):  # the kind in the actor's words
            kind_name = str(self.get_kind_display())
        return SearchDescription(
            source=self,
            kind="actor",
            title=self.name,
            summary=self.summary,
            text=joined(strip_tags(self.description), kind_name),
            url=self.search_url(facts.directory_pages),
            is_original=self.is_original,
            slug=self.slug,
            place=self.place.slug if self.place else "",
            place_name=self.place.name if self.place else "",
            topics=topic_slugs(self.linked(facts, "topics"), facts.parent_slugs),
            languages=tuple(self.linked(facts, "languages")),
        )


class ActorTopic(TranslatableMixin, Orderable):
    actor = ParentalKey(Actor, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("topic of an actor")
        verbose_name_plural = _("topics of actors")


class ActorContact(ContactPerson):
    actor = ParentalKey(Actor, on_delete=models.CASCADE, related_name="contacts")

    class Meta(ContactPerson.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")


class ActorLanguage(Orderable, SpokenLanguage):
    actor = ParentalKey(Actor, on_delete=models.CASCADE, related_name="languages")

    class Meta(Orderable.Meta):
        verbose_name = _("language spoken by an actor")
        verbose_name_plural = _("languages spoken by actors")
        constraints = [
            models.UniqueConstraint(fields=["actor", "language"], name="unique_actor_language")
        ]


class ActorOpeningHours(OpeningHours):
    actor = ParentalKey(Actor, on_delete=models.CASCADE, related_name="opening_hours")


# Offers


class OfferQuerySet(DirectoryQuerySet):
    def valid_on(self, today=None):
        """Offers within their validity period today."""
        today = today or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=today),
            Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        )

    def current(self, today=None):
        """Offers that are active and within their validity period today."""
        return self.valid_on(today).filter(status=Offer.Status.ACTIVE)

    def of_public_actors(self):
        """Live offers of live, active actors: those whose detail page visitors may open."""
        return self.filter(live=True, provider__live=True, provider__active=True)

    def live_and_active(self):
        """Live, active offers of live, active actors, whatever their validity period."""
        return self.of_public_actors().filter(status=Offer.Status.ACTIVE)

    def public(self, today=None):
        """What visitors may see in lists: live, current offers of live, active actors."""
        return self.live_and_active().valid_on(today)

    def for_display(self):
        """With what list and detail pages show of each offer, in a fixed number of queries."""
        return self.select_related(
            "provider", "provider__place", "place", "locale"
        ).prefetch_related(
            "languages",
            "opening_hours",
            Prefetch("topics", queryset=OfferTopic.objects.select_related("topic")),
            Prefetch(
                "target_groups", queryset=OfferTargetGroup.objects.select_related("target_group")
            ),
        )


class Offer(DirectoryEntry):
    """A service of one actor: a course, a consultation, a group, help of some kind."""

    detail_route = "offer"  # the route of its detail page on the directory page

    class Location(models.TextChoices):
        PROVIDER = "provider", _("At the provider's address")
        OTHER = "other", _("At another address")
        ONLINE = "online", _("Online")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    title = models.CharField(_("title"), max_length=255)
    provider = models.ForeignKey(
        Actor, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="offers"
    )
    location = models.CharField(
        _("where"), max_length=20, choices=Location.choices, default=Location.PROVIDER
    )
    online_url = models.URLField(_("online address"), blank=True)
    schedule = models.TextField(
        _("when"), blank=True, help_text=_("E.g. “every Tuesday 3–5 pm, not in school holidays”.")
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    cost_note = models.TextField(_("costs"), blank=True)
    registration_required = models.BooleanField(_("registration required"), default=False)
    registration_how = models.TextField(_("how to register"), blank=True)
    eligibility = models.TextField(_("who can take part"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"),
        null=True,
        blank=True,
        help_text=_("After this day the offer disappears from public lists."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="offer")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="offer",
        for_concrete_model=False,
    )

    objects = OfferQuerySet.as_manager()

    override_translatable_fields = [
        SynchronizedField(field, overridable=False) for field in DirectoryEntry.FACTS
    ]

    panels = [
        TitleFieldPanel("title", targets=["slug"]),
        FieldPanel("slug"),
        FieldPanel("provider"),
        FieldPanel("summary"),
        FieldPanel("description"),
        InlinePanel("topics", label=_("Topics"), min_num=1),
        InlinePanel("target_groups", label=_("Target groups"), min_num=1),
        InlinePanel("languages", label=_("Languages the offer is held in"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("location"),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("place")]),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [FieldPanel("schedule"), InlinePanel("opening_hours", label=_("Opening hours"))],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_free"),
                FieldPanel("cost_note"),
                FieldPanel("registration_required"),
                FieldPanel("registration_how"),
                FieldPanel("eligibility"),
            ],
            heading=_("Costs and registration"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
                FieldPanel("status"),
            ],
            heading=_("Validity"),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_offer_slug_locale")
        ]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.location == self.Location.ONLINE and not self.online_url:
            errors["online_url"] = _("An online offer needs its address.")
        if self.location == self.Location.OTHER and not self.street:
            errors["street"] = _("Give the address where the offer takes place.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end must not be before the start.")
        if not self.is_free and not self.cost_note:
            errors["cost_note"] = _("Say what the offer costs.")
        if errors:
            raise ValidationError(errors)

    @property
    def venue(self):
        """Where the offer takes place: the ``Address`` of the provider or the offer's own
        (as ``location`` says), or None for an online offer."""
        if self.location == self.Location.ONLINE:
            return None
        where = self if self.location == self.Location.OTHER else self.provider
        return Address(where.street, where.postcode, where.place)

    @classmethod
    def searchable_objects(cls):
        """Offers that may appear in search; their validity dates are checked when searching."""
        return cls.objects.live_and_active().select_related(
            "provider", "provider__place", "place", "locale"
        )

    @staticmethod
    def search_links():
        """What an offer's document lists of its linked rows: (name, link model, values)."""
        return [
            ("topics", OfferTopic, ["topic_id", "topic__slug"]),
            ("target_groups", OfferTargetGroup, ["target_group__slug"]),
            ("languages", OfferLanguage, ["language"]),
        ]

    def describe_for_search(self, facts):
        place = self.place or self.provider.place
        with translation.override(self.locale.language_code):  # the badge in the offer's words
            free = str(_("Free of charge")) if self.is_free else ""
        return SearchDescription(
            source=self,
            kind="offer",
            title=self.title,
            summary=self.summary,
            text=joined(
                strip_tags(self.description),
                self.schedule,
                free,
                self.cost_note,
                self.registration_how,
                self.eligibility,
                self.provider.name,
            ),
            url=self.search_url(facts.directory_pages),
            is_original=self.is_original,
            slug=self.slug,
            provider=self.provider.name,
            provider_key=self.provider.translation_key,
            place=place.slug if place else "",
            place_name=place.name if place else "",
            topics=topic_slugs(self.linked(facts, "topics"), facts.parent_slugs),
            target_groups=tuple(self.linked(facts, "target_groups")),
            languages=tuple(self.linked(facts, "languages")),
            valid_from=self.valid_from,
            valid_until=self.valid_until,
        )

    @property
    def is_current(self):
        today = timezone.localdate()
        return (
            self.status == self.Status.ACTIVE
            and (self.valid_from is None or self.valid_from <= today)
            and (self.valid_until is None or self.valid_until >= today)
        )


class OfferTopic(TranslatableMixin, Orderable):
    offer = ParentalKey(Offer, on_delete=models.CASCADE, related_name="topics")
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("topic of an offer")
        verbose_name_plural = _("topics of offers")


class OfferTargetGroup(TranslatableMixin, Orderable):
    offer = ParentalKey(Offer, on_delete=models.CASCADE, related_name="target_groups")
    target_group = models.ForeignKey(
        TargetGroup, verbose_name=_("target group"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("target_group")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("target group of an offer")
        verbose_name_plural = _("target groups of offers")


class OfferLanguage(Orderable, SpokenLanguage):
    offer = ParentalKey(Offer, on_delete=models.CASCADE, related_name="languages")

    class Meta(Orderable.Meta):
        verbose_name = _("language of an offer")
        verbose_name_plural = _("languages of offers")
        constraints = [
            models.UniqueConstraint(fields=["offer", "language"], name="unique_offer_language")
        ]


class OfferOpeningHours(OpeningHours):
    offer = ParentalKey(Offer, on_delete=models.CASCADE, related_name="opening_hours")


# The public directory


class DirectoryPage(
    SearchablePage, ViewRestrictionsMixin, AsciiSlugPageMixin, RoutablePageMixin, Page
):
    """The directory of one language: offers with filters, actors, and their detail pages."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("directory page")
        verbose_name_plural = _("directory pages")

    @classmethod
    def for_locale(cls, locale_id):
        """The live directory page of a locale, else the source language's."""
        pages = cls.objects.live().select_related("locale")
        return (
            pages.filter(locale_id=locale_id).first()
            or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        )

    @classmethod
    def by_locale(cls):
        """The live directory page of each locale that anyone may see, by locale id; a new
        dictionary of the pages kept until the content changes."""
        return dict(live_directory_pages())

    @classmethod
    def search_dependents(cls, ids):
        """The actors and offers of the pages' languages, whose addresses are on them."""
        locales = cls.objects.filter(pk__in=ids).values("locale")
        return [model.objects.filter(locale__in=locales, live=True) for model in (Actor, Offer)]

    @classmethod
    def addresses(cls):
        """Locale id -> (the live directory page anyone may see, its address), and under
        None the source language's, which serves languages without one."""
        found = {locale_id: (page, page.get_url()) for locale_id, page in cls.by_locale().items()}
        found[None] = next(
            (
                address
                for address in found.values()
                if address[0].locale.language_code == settings.LANGUAGE_CODE
            ),
            (None, ""),
        )
        return found

    def entry_path(self, route, slug):
        """The path below this page of an entry's detail page (``route`` "actor" or "offer")."""
        return self.reverse_subpage(route, args=[slug])

    def entry_url(self, entry, request=None, full=False):
        """The address of an actor's or offer's detail page on this page; with ``full``, with
        scheme and host."""
        base = self.get_full_url(request) if full else self.get_url(request)
        return base + self.entry_path(entry.detail_route, entry.slug)

    def get_sitemap_urls(self, request=None):
        """This page, then the detail page of every public actor and offer in its language."""
        urls = super().get_sitemap_urls(request)
        pages = DirectoryPage.by_locale()

        def location(entry):
            page = pages[entry.locale_id]
            if request:
                return request.build_absolute_uri(page.entry_url(entry, request))
            return page.entry_url(entry, full=True)

        for model in (Offer, Actor):
            entries = list(model.objects.public().filter(locale=self.locale))
            versions = {}
            for version in (
                model.objects.public()
                .filter(
                    translation_key__in=[entry.translation_key for entry in entries],
                    locale_id__in=pages,
                )
                .select_related("locale")
            ):
                versions.setdefault(version.translation_key, []).append(version)

            for entry in entries:
                siblings = versions.get(entry.translation_key, [])
                urls.append(
                    {
                        "location": location(entry),
                        "lastmod": entry.last_published_at,
                        "alternates": [
                            {
                                "lang_code": sibling.locale.language_code,
                                "location": location(sibling),
                            }
                            for sibling in siblings
                        ]
                        if len(siblings) > 1
                        else [],
                    }
                )
        return urls

    @path("")
    def offer_list(self, request):
        from .views import offer_list

        return offer_list(request, self)

    @path("actors/")
    def actor_list(self, request):
        from .views import actor_list

        return actor_list(request, self)

    @path("my-list/", name="my_list")
    def my_list(self, request):
        from .views import my_list

        return my_list(request, self)

    @path("my-list/pdf/", name="my_list_pdf")
    def my_list_pdf(self, request):
        from .views import my_list_pdf

        return my_list_pdf(request, self)

    @path("offers/<slug:slug>/", name="offer")
    def offer_detail(self, request, slug):
        from .views import entry_page

        return entry_page(request, self, Offer, slug)

    @path("actors/<slug:slug>/", name="actor")
    def actor_detail(self, request, slug):
        from .views import entry_page

        return entry_page(request, self, Actor, slug)


@per_content_version
def live_directory_pages():
    """Locale id -> the live directory page anyone may see (``DirectoryPage.by_locale``)."""
    pages = public(DirectoryPage.objects.live()).select_related("locale")
    return {page.locale_id: page for page in pages}
