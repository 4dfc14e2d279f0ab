"""The directory page's routes and the read-only JSON API."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home.cache import TIMEOUT, answers_query, asked_page, content_version
from home.cards import rendered_cards
from home.printing import qr_code_svg

from . import filters as directory_filters
from . import my_list as lists
from .models import (
    Actor,
    DirectoryPage,
    Offer,
)
from .my_list_pdf import list_pdf, missing_renderer
from .schema import actor_json_ld, offer_json_ld

PER_PAGE = 20
CARDS = {
    Offer: ("directory/includes/offer_card.html", "offer"),
    Actor: ("directory/includes/actor_card.html", "actor"),
}


def entry_cards(request, page, model, ids):
    """The cards of the entries ``ids`` on the directory ``page``, rendered; only the entries
    whose cards are not kept are read (``rendered_cards``)."""
    template, name = CARDS[model]

    def load(missing):
        entries = directory_filters.displayed(model, missing)
        return {pk: {name: entry} for pk, entry in entries.items()}

    return rendered_cards(request, template, ids, load, page=page)


def render_list(request, page, template, entries, filters, facets=None):
    results = directory_filters.page_of_ids(entries, request.GET.get("page"), PER_PAGE)
    results.object_list = entry_cards(request, page, entries.model, results.object_list)
    response = TemplateResponse(
        request,
        template,
        {
            "page": page,
            "self": page,
            "results": results,
            "filters": filters,
            "facets": facets,
            "filter_query": urlencode(filters.as_query()),
        },
    )
    page_number = asked_page(request, results.number)
    return answers_query(response, {**filters.as_query(), "page": page_number})


def offer_list(request, page):
    filters = directory_filters.parse_filters(
        request.GET, page.locale, directory_filters.OFFER_SORTS
    )
    return render_list(
        request,
        page,
        "directory/directory_page.html",
        directory_filters.filter_offers(page.locale, filters),
        filters,
        directory_filters.cached_facets(directory_filters.offer_facets, page.locale, filters),
    )


def actor_list(request, page):
    filters = directory_filters.parse_filters(
        request.GET, page.locale, directory_filters.ACTOR_SORTS
    )
    return render_list(
        request,
        page,
        "directory/actor_list.html",
        directory_filters.filter_actors(page.locale, filters),
        filters,
        directory_filters.cached_facets(directory_filters.actor_facets, page.locale, filters),
    )


def find_entry(queryset, locale, slug):
    """The id of the entry with ``slug`` in ``locale``, else of its original in another
    language, else 404."""
    candidates = queryset.filter(slug=slug).order_by("pk").values_list("pk", "locale_id")
    for pk, locale_id in candidates:
        if locale_id == locale.pk:
            return pk
    if candidates:
        return candidates[0][0]
    raise Http404


def detail_context(page, entry):
    """What both detail pages show: the entry, its language, and where its translations are."""
    translations = entry.get_translations(inclusive=True).filter(live=True).select_related("locale")
    pages = DirectoryPage.by_locale()
    alternate_urls = {
        translation.locale.language_code: pages[translation.locale_id].entry_url(translation)
        for translation in translations
        if translation.locale_id in pages
    }
    return {
        "page": page,
        "self": page,
        "entry": entry,
        "entry_language": get_language_info(entry.locale.language_code),
        "is_fallback": entry.locale_id != page.locale_id,
        "alternate_urls": alternate_urls,
        "entry_translations": [
            {**get_language_info(code), "url": url}
            for code, url in sorted(alternate_urls.items())
            if code != entry.locale.language_code
        ],
        "canonical_url": alternate_urls.get(entry.locale.language_code),
    }


def offers_of(actor, locale):
    """The public offers of an actor in ``locale``, else in their original language."""
    return (
        Offer.objects.public()
        .in_language(locale)
        .filter(provider__translation_key=actor.translation_key)
        .select_related("locale")
        .order_by("title")
    )


def offer_context(request, page, offer):
    """What the offer's detail page shows."""
    return {
        **detail_context(page, offer),
        "offer": offer,
        "title": offer.title,
        "other_offers": offers_of(offer.provider, page.locale).exclude(
            translation_key=offer.translation_key
        ),
        "json_ld": offer_json_ld(offer, request, page),
    }


def actor_context(request, page, actor):
    """What the actor's detail page shows."""
    return {
        **detail_context(page, actor),
        "actor": actor,
        "title": actor.name,
        "offers": offers_of(actor, page.locale),
        "json_ld": actor_json_ld(actor, request, page),
    }


# Per kind of entry: who may open its detail page, what the page shows, and its main part.
DETAILS = {
    Offer: (Offer.objects.of_public_actors, offer_context, "directory/includes/offer_text.html"),
    Actor: (Actor.objects.public, actor_context, "directory/includes/actor_text.html"),
}
ENTRY_PARTS = {
    "entry_head": "directory/includes/entry_head.html",
    "language_notices": "directory/includes/entry_languages.html",
}


def rendered_entry(request, page, entry):
    """The detail page of ``entry`` on the directory ``page`` as texts: its title, summary
    and addresses, and its parts rendered (head, language notices, main part). They hold
    nothing of the visitor, so the live page keeps them (``entry_page``); the admin's preview
    renders them afresh."""
    _public, make_context, text_template = DETAILS[type(entry)]
    context = {**make_context(request, page, entry), "request": request}
    parts = {**ENTRY_PARTS, "entry_text": text_template}
    return {
        "title": context["title"],
        "summary": entry.summary,
        "canonical_url": context["canonical_url"],
        "alternate_urls": context["alternate_urls"],
        **{name: render_to_string(template, context) for name, template in parts.items()},
    }


def entry_context(page, rendered):
    """The detail page's template context from ``rendered_entry``'s texts."""
    html = {name: mark_safe(rendered[name]) for name in [*ENTRY_PARTS, "entry_text"]}
    return {"page": page, "self": page, **rendered, **html}


def entry_page(request, page, model, slug):
    """The detail page of the ``model`` entry ``slug`` on the directory ``page``: its version
    in the page's language, else its original. What it shows of the entry is kept rendered
    per content version, day (offers end), language and address, so a visitor after the
    first reads one id and the cache; any save or publish renews the content version."""
    public, _make_context, _text_template = DETAILS[model]
    entry_id = find_entry(public(), page.locale, slug)
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    state = f"{content_version()} {timezone.localdate()} {get_language()} {address}"
    key = f"entry:{hashlib.sha1(state.encode()).hexdigest()}"
    rendered = cache.get(key)
    if rendered is None:
        rendered = rendered_entry(request, page, public().for_display().get(pk=entry_id))
        cache.set(key, rendered, TIMEOUT)
    return TemplateResponse(request, "directory/entry_detail.html", entry_context(page, rendered))


def list_context(request, page):
    """The offers of the list the address names, and the list's own addresses."""
    offers, left_out = lists.list_offers(lists.asked_ids(request.GET.get("offers")), page.locale)
    ids = lists.ids_query(offers)
    query = urlencode({"offers": ids}, safe=",") if offers else ""
    path = page.url + page.reverse_subpage("my_list")
    return {
        "page": page,
        "self": page,
        "offers": offers,
        "list_ids": ids,
        "filter_query": query,
        "list_address": request.build_absolute_uri(f"{path}?{query}" if query else path),
        "pdf_url": page.url + page.reverse_subpage("my_list_pdf") + (f"?{query}" if query else ""),
        "left_out": left_out,
        "max_offers": lists.MAX_OFFERS,
    }


def my_list(request, page):
    """The visitor's list, from the offer ids in its address, with its facts for print."""
    context = list_context(request, page)
    context.update(
        entries=[(offer, lists.offer_facts(offer)) for offer in context["offers"]],
        qr_code=qr_code_svg(context["list_address"], keep=False),
        pdf_missing=missing_renderer(),
    )
    return TemplateResponse(request, "directory/my_list.html", context)


def my_list_pdf(request, page):
    """The visitor's list as a PDF in the visitor's language."""
    missing = missing_renderer()
    if missing:
        return HttpResponse(missing, status=503, content_type="text/plain; charset=utf-8")
    context = list_context(request, page)
    pdf = list_pdf(
        _("My list"),
        context["offers"],
        context["list_address"],
        lambda offer: request.build_absolute_uri(page.entry_url(offer, request)),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="my-list.pdf"'
    return response


def api_locale(request):
    """The locale the API is asked for; only content languages reach the database."""
    code = request.GET.get("locale") or get_language()
    locale = None
    if code in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        return None, JsonResponse({"error": f"Unknown locale {code!r}."}, status=400)
    return locale, None


def api_page(request, entries, serialise):
    results = directory_filters.page_of(entries, request.GET.get("page"), 50)
    return {
        "count": results.paginator.count,
        "page": results.number,
        "pages": results.paginator.num_pages,
        "results": [serialise(entry) for entry in results],
    }


def api_list(request, sorts, filter_entries, describe):
    """A page of a locale's public entries as JSON, with the directory page's filters."""
    locale, error = api_locale(request)
    if error:
        return error
    filters = directory_filters.parse_filters(request.GET, locale, sorts)
    page = DirectoryPage.for_locale(locale.pk)
    data = api_page(
        request, filter_entries(locale, filters), lambda entry: describe(entry, request, page)
    )
    data["warnings"] = filters.errors
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    asked = {
        "locale": request.GET.get("locale") and locale.language_code,
        "page": asked_page(request, data["page"]),
    }
    return answers_query(response, {**filters.as_query(), **asked})


def api_offers(request):
    """Offers of a locale as JSON."""
    return api_list(
        request, directory_filters.OFFER_SORTS, directory_filters.filter_offers, offer_json_ld
    )


def api_actors(request):
    """Actors of a locale as JSON."""
    return api_list(
        request, directory_filters.ACTOR_SORTS, directory_filters.filter_actors, actor_json_ld
    )
