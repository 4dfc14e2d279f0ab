"""What the working groups' pages show besides their texts."""

from wagtail.models import Page

from directory.models import Actor
from events.listing import (
    EventFilters,
    events_index,
    index_events,
    upcoming,
    working_group_names,
)
from events.models import EventPage
from events.views import dated_cards, directory_page
from home.cache import per_content_version
from home.routing import public

from .models import MembersAreaPage, WorkingGroupMember

NEXT_DATES = 5  # dates listed on a group's page


def members(group):
    """The public actors taking part in ``group``, in its language where translated, by name;
    kept for the content version."""
    return members_of(group.pk, group.locale_id)


@per_content_version
def members_of(group_id, locale_id):
    keys = WorkingGroupMember.objects.filter(page_id=group_id).values("actor__translation_key")
    return list(
        Actor.objects.public()
        .in_language(locale_id)
        .filter(translation_key__in=keys)
        .select_related("locale")
        .order_by("name")
    )


def group_slug(group, index):
    """The value of the events' working-group filter for ``group`` below ``index``: the slug
    of the version of the group that its events name (their source's), or None."""
    versions = slugs_of(group.translation_key)
    return next((slug for slug in working_group_names(index) if slug in versions), None)


@per_content_version
def slugs_of(translation_key):
    """The slugs of every version of a page."""
    return frozenset(
        Page.objects.filter(translation_key=translation_key).values_list("slug", flat=True)
    )


@per_content_version
def meeting_series(index, translation_key):
    """The live public events below ``index`` that repeat and name the working group
    ``translation_key`` (in any of its versions), by title."""
    return list(
        public(EventPage.objects.live())
        .child_of(index)
        .filter(working_group__translation_key=translation_key)
        .exclude(repeat="")
        .select_related("locale")
        .order_by("title")
    )


def meetings(group):
    """The group's next dates and its meeting series (events that repeat), read through the
    events index of the group's language."""
    index = events_index(group.locale_id)
    slug = index and group_slug(group, index)
    if not slug:
        return {"events_index": index, "next_dates": [], "series": [], "filter_value": None}
    listed = index_events(index)
    dates = upcoming(listed, EventFilters(working_group=slug))
    series = meeting_series(index, group.translation_key)
    return {
        "events_index": index,
        "next_dates": dated_cards(dates[:NEXT_DATES], index.locale),
        "series": [
            {"event": event, "next": next((d for d in dates if d.event_id == event.pk), None)}
            for event in series
        ],
        "filter_value": slug,
    }


@per_content_version
def members_area(locale_id):
    """The members' area of a language, if there is one (it is private: only its link is
    shown)."""
    return MembersAreaPage.objects.live().filter(locale_id=locale_id).first()


def group_context(group):
    hosts = members(group)
    return {
        "member_organisations": hosts,
        "directory_page": directory_page(group.locale_id) if hosts else None,
        "contacts": group.public_contacts,
        "documents": [row.document for row in group.documents.select_related("document")],
        "members_area": members_area(group.locale_id),
        **meetings(group),
    }


@per_content_version
def groups_below(index):
    """The live public working groups below ``index``, with their locales, by title."""
    return list(index.groups().select_related("locale").order_by("title"))


def index_context(index):
    return {
        "groups": groups_below(index),
        "members_area": members_area(index.locale_id),
    }
