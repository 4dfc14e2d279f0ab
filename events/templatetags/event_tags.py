"""Template tags that show the events on other pages."""

from django import template

from events.listing import EventFilters, events_index, index_events, upcoming
from events.views import dated_cards, with_html

register = template.Library()


@register.inclusion_tag("events/includes/next_events.html", takes_context=True)
def next_events(context, page, count=3):
    """The next ``count`` dates of the events of ``page``'s language, with a link to all."""
    index = events_index(page.locale_id)
    if index is None:
        return {"index": None, "cards": []}
    dates = upcoming(index_events(index), EventFilters())[:count]
    cards = dated_cards(dates, index.locale)
    return {"index": index, "cards": with_html(context.get("request"), index, cards)}
