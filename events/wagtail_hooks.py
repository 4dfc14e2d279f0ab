"""The events in the admin: a listing of event pages filterable by kind and status."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from home.admin_views import SourceLanguageFirst

from .models import EventKind, EventPage, EventStatus


class EventPageFilterSet(SourceLanguageFirst, PageListingViewSet.filterset_class):
    kind = django_filters.ChoiceFilter(label=_("Kind of event"), choices=EventKind.choices)
    event_status = django_filters.ChoiceFilter(
        field_name="status", label=_("Status of the event"), choices=EventStatus.choices
    )

    class Meta:
        model = EventPage
        fields = []


class EventPageListingViewSet(PageListingViewSet):
    model = EventPage
    icon = "date"
    menu_label = _("Events")
    menu_order = 170
    add_to_admin_menu = True
    filterset_class = EventPageFilterSet
    columns = PageListingViewSet.columns + [
        Column("kind", label=_("Kind of event"), accessor="get_kind_display"),
        Column("start", label=_("First date")),
    ]


@hooks.register("register_admin_viewset")
def register_event_listing():
    return EventPageListingViewSet("event_pages")
