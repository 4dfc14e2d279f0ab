"""The events in the admin: a listing of event pages filterable by kind and status, and the
registrations by event, for editors and moderators only, with their export."""

import django_filters
from django.conf import settings
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.admin_views import SourceLanguageFirst

from .models import EventKind, EventPage, EventRegistration, EventStatus, Registration


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


def unformula(value):
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = force_str(value, strings_only=True)
    if isinstance(text, str) and text.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + text
    return text


def events_with_registrations():
    """The events that take registrations by form, by title in the source language."""
    events = EventPage.objects.filter(
        registration=Registration.FORM, locale__language_code=settings.LANGUAGE_CODE
    ).order_by("-start")
    return [(str(event.translation_key), event.title) for event in events]


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Registrations come from visitors: the admin shows and deletes them, never adds or edits."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change") and super().user_has_permission(user, action)


class RegistrationFilterSet(WagtailFilterSet):
    event_key = django_filters.ChoiceFilter(label=_("Event"), choices=events_with_registrations)

    class Meta:
        model = EventRegistration
        fields = []


class RegistrationIndexView(IndexView):
    custom_field_preprocess = {
        field: {IndexView.FORMAT_CSV: unformula} for field in ("name", "email", "note")
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page")


class RegistrationViewSet(ModelViewSet):
    """Registrations for events, filtered by event, exported as CSV or spreadsheet."""

    model = EventRegistration
    icon = "user"
    menu_label = _("Registrations")
    menu_order = 171
    add_to_admin_menu = True
    index_view_class = RegistrationIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    filterset_class = RegistrationFilterSet
    list_display = [
        "name",
        Column("people", label=_("Number of people")),
        Column("page", label=_("Event")),
        Column("language", label=_("Language")),
        Column("created", label=_("Registered at")),
    ]
    list_export = ["page", "name", "email", "people", "note", "language", "created"]
    export_headings = {"page": _("Event")}
    export_filename = "registrations"
    search_fields = ["name", "email"]
    search_backend_name = None
    form_fields = ["name", "email", "people", "note"]
    inspect_view_fields = ["page", "name", "email", "people", "note", "language", "created"]


register_permission_policy(EventRegistration, RegistrationPermissionPolicy(EventRegistration))


@hooks.register("register_admin_viewset")
def register_registrations():
    return RegistrationViewSet("event_registrations")
