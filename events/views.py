"""The events' views: upcoming dates with filters, the archive by year, an event's page, its
calendar file and the calendar feeds."""

from django.core.paginator import Paginator
from django.db.models import Q, Value
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Page, Site

from directory.filters import vocabulary
from directory.models import Actor, DirectoryPage, Place, TargetGroup, Topic
from home.cache import answers_query, asked_page, per_content_version
from home.cards import rendered_cards
from home.models import FooterText
from home.routing import public

from .calendar import CalendarEntry, build_calendar
from .feeds import chosen_filters, feed_events, feed_query
from .listing import (
    archive_years,
    facets,
    index_events,
    is_past,
    parse_filters,
    past,
    upcoming,
    working_group_names,
)
from .models import EventLanguage, EventOrganiser, EventPage, EventTargetGroup, EventTopic
from .schema import event_json_ld

PER_PAGE = 20
SHOWN_DATES = 12  # upcoming dates of a series listed on its page


def dated_cards(dates, locale):
    """``dates`` with their events, loaded in one query (kept for the content version), and
    the event's place by name."""
    events = events_by_pk(frozenset(date.event_id for date in dates))
    places = vocabulary(Place, locale)
    cards = []
    for date in dates:
        event = events[date.event_id]
        place = places.get(event.place.slug) if event.place_id else None
        cards.append({"date": date, "event": event, "place": place})
    return cards


def with_html(request, index, cards):
    """``cards`` (``dated_cards``) on the events ``index``, each with its rendered HTML under
    "html"; only those not kept are rendered (``rendered_cards``)."""
    by_key = {f"{card['date'].event_id}:{card['date'].start.isoformat()}": card for card in cards}
    rendered = rendered_cards(
        request,
        "events/includes/date_card.html",
        list(by_key),
        lambda missing: {key: {"card": by_key[key]} for key in missing},
        index=index,
    )
    return [{**card, "html": html} for card, html in zip(by_key.values(), rendered, strict=True)]


def render_dates(request, index, dates, filters, extra):
    results = Paginator(dates, PER_PAGE).get_page(request.GET.get("page"))
    cards = dated_cards(list(results.object_list), index.locale)
    results.object_list = with_html(request, index, cards)
    filter_query = "&".join(f"{name}={value}" for name, value in filters.as_query().items())
    response = TemplateResponse(
        request,
        "events/event_index_page.html",
        {
            "page": index,
            "self": index,
            "results": results,
            "filters": filters,
            "filter_query": filter_query,
            **extra,
        },
    )
    page_number = asked_page(request, results.number)
    return answers_query(response, {**filters.as_query(), "page": page_number})


def feed_addresses(request, index, query=""):
    """The addresses of a feed of ``index``: ``url`` on the site, ``full`` with scheme and
    host, and ``webcal``, which calendar apps open to subscribe."""
    path = index.get_url(request) + index.reverse_subpage("calendar")
    url = f"{path}?{query}" if query else path
    full = request.build_absolute_uri(url)
    return {"url": url, "full": full, "webcal": "webcal://" + full.split("://", 1)[1]}


def upcoming_dates(request, index):
    events = index_events(index)
    groups = working_group_names(index)
    filters = parse_filters(request.GET, index.locale, groups)
    query = feed_query(filters.as_query())
    return render_dates(
        request,
        index,
        upcoming(events, filters),
        filters,
        {
            "facets": facets(events, filters, index.locale, working_groups=groups),
            "years": archive_years(events),
            "calendar": feed_addresses(request, index),
            "filtered_calendar": feed_addresses(request, index, query) if query else None,
        },
    )


def archive_year(request, index, year):
    events = index_events(index)
    years = archive_years(events)
    if year not in years:
        raise Http404
    filters = parse_filters(request.GET, index.locale, working_group_names(index))
    return render_dates(
        request, index, past(events, filters, year), filters, {"year": year, "years": years}
    )


def next_date(dates, now):
    """The date a visitor is most likely looking for: the next one that takes place, else the
    next one, else the last one."""
    coming = [date for date in dates if (date.end or date.start) >= now]
    held = [date for date in coming if not date.is_cancelled]
    return (held or coming or dates[-1:] or [None])[0]


def online_link_changes_today(event, dates, now):
    """Whether the online address appears or disappears later today (a cached page of the
    day would show the wrong state)."""
    today = timezone.localdate(now)
    return bool(event.online_url) and any(
        timezone.localdate(event.online_link_from(date)) <= today
        and timezone.localdate(date.end or date.start) >= today
        and (date.end or date.start) > now
        for date in dates
        if not date.is_cancelled
    )


@per_content_version
def events_by_pk(pks):
    """The events ``pks`` by pk, with their place, locale and the page an alias shows."""
    return (
        EventPage.objects.filter(pk__in=pks)
        .select_related("place", "locale", "alias_of__locale")
        .in_bulk()
    )


def event_place(event):
    """The event's place, in the event's language where translated; None without one."""
    if not event.place_id:
        return None
    return vocabulary(Place, event.locale).get(place_slug(event.place_id))


@per_content_version
def place_slug(place_id):
    """The slug of a place of the directory's vocabulary (the same in every language)."""
    return Place.objects.filter(pk=place_id).values_list("slug", flat=True).first()


def organisers(event):
    """The public actors organising ``event``, in its language where translated, by name;
    kept for the content version."""
    return organisers_of(event.pk, event.locale_id)


@per_content_version
def organisers_of(event_id, locale_id):
    keys = EventOrganiser.objects.filter(page_id=event_id).values("actor__translation_key")
    return list(
        Actor.objects.public()
        .in_language(locale_id)
        .filter(translation_key__in=keys)
        .order_by("name")
    )


def working_group(event):
    """The live page of the event's working group in the event's language, else the page the
    event names; one query, kept for the content version."""
    if not event.working_group_id:
        return None
    return working_group_in(event.working_group_id, event.locale_id)


@per_content_version
def working_group_in(group_id, locale_id):
    model = EventPage._meta.get_field("working_group").related_model
    named = Page.objects.filter(pk=group_id).values("translation_key")
    groups = (
        model.objects.live()
        .filter(translation_key__in=named)
        .filter(Q(locale_id=locale_id) | Q(pk=group_id))
        .select_related("locale")
    )
    return min(groups, key=lambda group: group.locale_id != locale_id, default=None)


# The live directory page of a language, for the links to organisers and members.
directory_page = per_content_version(DirectoryPage.for_locale)


@per_content_version
def parent_page(path):
    """The page above the page at ``path`` (an event's index), with its locale."""
    return Page.objects.filter(path=path[: -Page.steplen]).select_related("locale").first()


def described_by(event):
    """The slugs of the event's topics and target groups and the codes of its languages, read
    in one query and kept for the content version:
    ``{"topic": [...], "target_group": [...], "language": [...]}``."""
    return described_by_pk(event.pk)


@per_content_version
def described_by_pk(event_id):
    rows = (
        EventTopic.objects.filter(page_id=event_id)
        .order_by()
        .values_list(Value("topic"), "topic__slug", "sort_order")
        .union(
            EventTargetGroup.objects.filter(page_id=event_id)
            .order_by()
            .values_list(Value("target_group"), "target_group__slug", "sort_order"),
            EventLanguage.objects.filter(page_id=event_id)
            .order_by()
            .values_list(Value("language"), "language", "sort_order"),
            all=True,
        )
    )
    found = {"topic": [], "target_group": [], "language": []}
    for name, value, _order in sorted(rows, key=lambda row: (row[0], row[2] or 0)):
        found[name].append(value)
    return found


def reports(event):
    """The live public posts that report on ``event`` (in any of its languages), newest
    first, each in the event page's language where it has a version there (a translation,
    or an alias in that language's tree), else in its first version; in two queries (the
    view restrictions, the posts), kept for the content version.

    The blog names the event (``BlogPage.event``, related name ``reports``); the events
    reach the posts through that relation and import nothing of the blog.
    """
    return reports_in(event.translation_key, event.locale_id)


@per_content_version
def reports_in(translation_key, locale_id):
    posts = list(
        public(EventPage.reports.field.model.objects.live())
        .filter(event__translation_key=translation_key)
        .select_related("locale", "alias_of__locale")
        .order_by("-date", "pk")
    )
    own = {post.translation_key: post for post in posts if post.locale_id == locale_id}
    first = {}
    for post in posts:
        if not post.alias_of_id:
            first.setdefault(post.translation_key, post)
    keys = dict.fromkeys(post.translation_key for post in posts)
    return [own.get(key) or first[key] for key in keys if key in own or key in first]


def event_context(request, event):
    """What an event's page shows besides its texts."""
    now = timezone.now()
    today = timezone.localdate(now)
    dates = event.dates()
    shown = next_date(dates, now)
    coming = [date for date in dates if not is_past(date, today)]
    place = event_place(event)
    described = described_by(event)
    topics = vocabulary(Topic, event.locale)
    groups = vocabulary(TargetGroup, event.locale)
    hosts = organisers(event)
    url = event.get_full_url(request)
    registration_open = event.registration_open(now)
    link_visible = (
        event.is_online
        and shown is not None
        and not shown.is_cancelled
        and event.online_link_from(shown) <= now <= (shown.end or shown.start)
    )
    return {
        "dates": coming[:SHOWN_DATES],
        "more_dates": max(len(coming) - SHOWN_DATES, 0),
        "next_date": shown,
        "is_over": not coming,
        "place": place,
        "event_topics": [topics[slug] for slug in described["topic"] if slug in topics],
        "event_target_groups": [
            groups[slug] for slug in described["target_group"] if slug in groups
        ],
        "spoken": described["language"],
        "organisers": hosts,
        "reports": reports(event),
        "working_group": working_group(event),
        "directory_page": directory_page(event.locale_id) if hosts else None,
        "index": parent_page(event.path),
        "online_link_visible": link_visible,
        "online_link_from": event.online_link_from(shown) if shown else None,
        "online_link_changes_today": online_link_changes_today(event, dates, now),
        "registration_open": registration_open,
        "registration_closes_today": registration_open
        and timezone.localdate(event.registration_closes) == today,
        "json_ld": event_json_ld(
            event, coming[:SHOWN_DATES] or [shown], url, place, hosts, event.locale.language_code
        )
        if shown
        else None,
    }


def calendar_domain(request):
    """The host name in the calendar entries' UIDs: the site's, the same for every address."""
    site = Site.find_for_request(request)
    return site.hostname if site else request.get_host()


def calendar_response(body, filename, disposition="inline"):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.ics"'
    return response


def event_calendar_file(request, event):
    """The event as an .ics file to add to a calendar."""
    place = event_place(event)
    entry = CalendarEntry(event, event.dates(), event.get_full_url(request), place)
    body = build_calendar([entry], calendar_domain(request))
    return answers_query(calendar_response(body, event.slug, "attachment"), {})


def calendar_feed(request, index):
    """The events of ``index`` as a calendar to subscribe to, narrowed by the feed filters in
    the query; 404 for a value they do not know."""
    chosen = chosen_filters(request.GET, index.locale)
    places = vocabulary(Place, index.locale)
    entries = [
        CalendarEntry(
            event,
            event.dates(),
            event.get_full_url(request),
            places.get(event.place.slug) if event.place_id else None,
        )
        for event in feed_events(index, chosen)
    ]
    network_name = FooterText.network_name_in(index.locale.language_code)
    title = f"{index.title} – {network_name}" if network_name else index.title
    if chosen:
        title += ": " + ", ".join(label for _value, label in chosen.values())
    query = {name: value for name, (value, _label) in chosen.items()}
    body = build_calendar(
        entries,
        calendar_domain(request),
        name=title,
        description=index.intro,
        source=feed_addresses(request, index, feed_query(query))["full"],
    )
    return answers_query(calendar_response(body, index.slug), query)
