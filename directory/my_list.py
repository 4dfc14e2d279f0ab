"""A visitor's list of offers, kept in the browser and shared as a link.

The list has no account and no cookie: the browser keeps the offers' ids (my-list.js),
and the list page reads them from its address (``?offers=3,17,42``). An id names one
language version of an offer; the page shows each offer in its own language, or the
original where it has no translation, so a link made in German opens in Arabic too.
Ids that are not numbers, unknown, unpublished or repeated are left out; the list is
cut at ``MAX_OFFERS``, and its queries do not grow with its length.
"""

import re
from typing import NamedTuple

from django.utils.translation import gettext as _

from .models import Offer
from .templatetags.directory_tags import LANGUAGE_NAMES, tel

MAX_OFFERS = 50
MAX_QUERY_LENGTH = 2000  # characters of the ``offers`` value that are read at all


def asked_ids(value):
    """The distinct offer ids in the ``offers`` value, in their order, at most ``MAX_OFFERS``."""
    ids = []
    for word in re.split(r"[\s,]+", (value or "")[:MAX_QUERY_LENGTH]):
        if word.isascii() and word.isdigit() and 0 < int(word) < 2**31:
            number = int(word)
            if number not in ids:
                ids.append(number)
                if len(ids) == MAX_OFFERS:
                    break
    return ids


def list_offers(ids, locale):
    """The public offers named by ``ids`` in ``locale`` (else in their original language),
    in the order asked, each once; and whether any id named no public offer."""
    if not ids:
        return [], False
    keys = dict(Offer.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
    order = {}
    for number in ids:
        if number in keys:
            order.setdefault(keys[number], len(order))
    offers = (
        Offer.objects.public().in_language(locale).filter(translation_key__in=order).for_display()
    )
    found = sorted(offers, key=lambda offer: order[offer.translation_key])
    return found, len(found) < len(order) or len(keys) < len(ids)


def ids_query(offers):
    """The ``offers`` value that names ``offers``."""
    return ",".join(str(offer.pk) for offer in offers)


def ltr(text):
    """``text`` between left-to-right marks, so that a time range reads "09:00–12:00" in
    Arabic too, on the page and in the PDF (whose writer knows no isolates)."""
    return f"\u200e{text}\u200e"


class Fact(NamedTuple):
    """One fact of an offer on the list: a label, its lines of text, the language of the
    lines when they are the offer's own words (else ""), and the address they link to."""

    label: str
    lines: list
    language: str = ""
    href: str = ""


def offer_facts(offer):
    """What a list shows of ``offer`` on the page and in the PDF: who, where, when, what it
    costs, in which languages, and how to get in touch."""
    provider = offer.provider
    code = offer.locale.language_code
    facts = [Fact(_("Offered by"), [provider.name])]
    venue = offer.venue
    if venue:
        place = venue.place.name if venue.place else ""
        where = [line for line in (venue.street, f"{venue.postcode} {place}".strip()) if line]
        facts.append(Fact(_("Where"), where))
    elif offer.online_url:
        facts.append(Fact(_("Online"), [offer.online_url], href=offer.online_url))
    hours = [
        f"{row.get_weekday_display()}: "
        + (
            _("by appointment")
            if row.by_appointment
            else ltr(f"{row.opens:%H:%M}–{row.closes:%H:%M}")
        )
        for row in offer.opening_hours.all()
    ]
    if offer.schedule:
        facts.append(Fact(_("When"), offer.schedule.splitlines(), code))
    if hours:
        facts.append(Fact(_("Opening hours"), hours))
    if offer.is_free:
        facts.append(Fact(_("Costs"), [_("Free of charge")]))
    elif offer.cost_note:
        facts.append(Fact(_("Costs"), offer.cost_note.splitlines(), code))
    else:
        facts.append(Fact(_("Costs"), [_("With a fee")]))
    languages = [
        str(LANGUAGE_NAMES.get(row.language, row.language)) for row in offer.languages.all()
    ]
    if languages:
        facts.append(Fact(_("Languages"), [", ".join(languages)]))
    if provider.phone:
        facts.append(Fact(_("Phone"), [provider.phone], href=tel(provider.phone)))
    if provider.email:
        facts.append(Fact(_("E-mail"), [provider.email], href=f"mailto:{provider.email}"))
    if provider.website:
        facts.append(Fact(_("Website"), [provider.website], href=provider.website))
    return facts
