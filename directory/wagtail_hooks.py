"""The "Directory" menu of the admin: actors, offers and their vocabulary."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home.admin_views import TranslatedSnippetViewSet

from .models import Actor, Offer, Place, TargetGroup, Topic


class ActorFilterSet(WagtailFilterSet):
    topic = django_filters.CharFilter(
        field_name="topics__topic__slug", label=_("Topic (slug)"), distinct=True
    )

    class Meta:
        model = Actor
        fields = ["locale", "kind", "place", "active", "live"]


class OfferFilterSet(WagtailFilterSet):
    topic = django_filters.CharFilter(
        field_name="topics__topic__slug", label=_("Topic (slug)"), distinct=True
    )
    outdated = django_filters.BooleanFilter(
        label=_("Outdated (ended or past “valid until”)"), method="filter_outdated"
    )

    class Meta:
        model = Offer
        fields = ["locale", "provider", "status", "place", "is_free", "live"]

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
        DateColumn("valid_until", label=_("Valid until")),
        Column("locale", label=_("Language")),
        DateColumn("latest_revision_created_at", label=_("Updated")),
    ]
    filterset_class = OfferFilterSet
    ordering = ["title"]
    list_per_page = 50
    copy_view_enabled = True
    inspect_view_enabled = True


class TopicViewSet(TranslatedSnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug", Column("parent", label=_("Parent topic")), "locale"]
    list_filter = ["locale"]


class TargetGroupViewSet(TranslatedSnippetViewSet):
    model = TargetGroup
    icon = "user"
    menu_label = _("Target groups")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class PlaceViewSet(TranslatedSnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Places")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (OfferViewSet, ActorViewSet, TopicViewSet, TargetGroupViewSet, PlaceViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)
