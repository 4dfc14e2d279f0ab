"""The cards of the lists (offers, actors, posts, event dates), kept rendered in the cache.

A list shows ten to twenty cards, each built from a model instance with its related rows
(topics, languages, authors, pictures) and rendered from its template. A card is kept in
the cache under the content version, so any save, publish, unpublish or deletion of content
makes every card stale at once, and under the language, the site (addresses are relative to
it) and the pages that list it. A list reads its cards in one round trip and builds only
those not found. Cards are the same for every visitor, so they are rendered without the
request's context processors (no user, no messages, no CSRF token).
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Site

from home.cache import TIMEOUT, content_version


def rendered_cards(request, template_name, keys, load, **shared):
    """The HTML of the card ``template_name`` for each of ``keys`` (distinct ids or strings
    without spaces), in their order; empty for a key that ``load`` does not find.

    ``load(missing)`` gives the template's own variables of each card not kept (key ->
    dict); ``shared`` are the variables of every card, pages whose ids are part of the keys.
    """
    site = Site.find_for_request(request)
    scope = ",".join(f"{name}={page.pk}" for name, page in sorted(shared.items()))
    prefix = (
        f"card:{template_name}:{content_version()}:{get_language()}:{site and site.pk}:{scope}:"
    )
    names = {key: f"{prefix}{key}" for key in keys}
    found = cache.get_many(names.values())
    missing = [key for key in keys if names[key] not in found]
    if missing:
        made = {
            names[key]: render_to_string(template_name, {**shared, **own, "request": request})
            for key, own in load(missing).items()
        }
        cache.set_many(made, TIMEOUT)
        found.update(made)
    # An entry deleted since its list's ids were read has an empty card.
    return [mark_safe(found.get(names[key], "")) for key in keys]
