"""The "Directory" menu of the admin: actors, offers and their vocabulary."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home.admin_views import (
    SourceLanguageFilterSet,
    TranslatedSnippetViewSet,
    source_language_filterset,
)

from .exchange.trail import IMPORTED
from .models import Actor, Offer, Place, TargetGroup, Topic

# The vocabulary of one language fits on one screen of its chooser.
VOCABULARY_PER_PAGE = 100


class ActorFilterSet(SourceLanguageFilterSet):
    topic = django_filters.CharFilter(
        field_name="topics__topic__slug", label=_("Topic (slug)"), distinct=True
    )

    class Meta:
        model = Actor
        fields = ["kind", "place", "active", "live"]


class OfferFilterSet(SourceLanguageFilterSet):
    topic = django_filters.CharFilter(
        field_name="topics__topic__slug", label=_("Topic (slug)"), distinct=True
    )
    outdated = django_filters.BooleanFilter(
        label=_("Outdated (ended or past “valid until”)"), method="filter_outdated"
    )

    class Meta:
        model = Offer
        fields = ["provider", "status", "place", "is_free", "live"]

    def filter_outdated(self, queryset, name, value):
        current = Offer.objects.current().values("pk")
        if value is None:
            return queryset
        return queryset.exclude(pk__in=current) if value else queryset.filter(pk__in=current)


class ActorViewSet(TranslatedSnippetViewSet):
    model = Actor
    icon = "group"
    menu_label = _("Actors")
    list_display = [
        "name",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("place", label=_("Place")),
        Column("locale", label=_("Language")),
        BooleanColumn("active", label=_("Active")),
        DateColumn("latest_revision_created_at", label=_("Updated")),
    ]
    filterset_class = ActorFilterSet
    search_fields = ["name", "summary"]
    ordering = ["name"]
    list_per_page = 50
    copy_view_enabled = True
    inspect_view_enabled = True


class OfferViewSet(TranslatedSnippetViewSet):
    model = Offer
    icon = "pick"
    menu_label = _("Offers")
    list_display = [
        "title",
        Column("provider", label=_("Provider")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        # The date itself: Wagtail's DateColumn says how long ago it was ("just now" if ahead).
        Column("valid_until", label=_("Valid until")),
        Column("locale", label=_("Language")),
        DateColumn("latest_revision_created_at", label=_("Updated")),
    ]
    filterset_class = OfferFilterSet
    search_fields = ["title", "summary", "provider__name"]
    ordering = ["title"]
    list_per_page = 50
    copy_view_enabled = True
    inspect_view_enabled = True


class TopicViewSet(TranslatedSnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", Column("parent", label=_("Parent topic")), "locale"]
    filterset_class = source_language_filterset(Topic)
    search_fields = ["name"]
    chooser_per_page = VOCABULARY_PER_PAGE


class TargetGroupViewSet(TranslatedSnippetViewSet):
    model = TargetGroup
    icon = "user"
    menu_label = _("Target groups")
    list_display = ["name", "slug", "locale"]
    filterset_class = source_language_filterset(TargetGroup)
    search_fields = ["name"]
    chooser_per_page = VOCABULARY_PER_PAGE


class PlaceViewSet(TranslatedSnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Places")
    list_display = ["name", "slug", "locale"]
    filterset_class = source_language_filterset(Place)
    search_fields = ["name"]
    chooser_per_page = VOCABULARY_PER_PAGE


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (OfferViewSet, ActorViewSet, TopicViewSet, TargetGroupViewSet, PlaceViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)


@hooks.register("register_log_actions")
def register_import_action(actions):
    """The history of an entry says which file and which user or command imported it."""

    @actions.register_action(IMPORTED)
    class Imported(LogFormatter):
        label = _("Import")

        def format_message(self, log_entry):
            return _("Imported from %(file)s by %(by)s") % log_entry.data
