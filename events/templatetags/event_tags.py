"""Template tags that show the events on other pages."""

from django import template

from events.listing import EventFilters, index_events, upcoming
from events.models import EventIndexPage
from events.views import dated_cards
from home.routing import public

register = template.Library()


@register.inclusion_tag("events/includes/next_events.html")
def next_events(page, count=3):
    """The next ``count`` dates of the events of ``page``'s language, with a link to all."""
    index = public(EventIndexPage.objects.live()).filter(locale_id=page.locale_id).first()
    if index is None:
        return {"index": None, "cards": []}
    dates = upcoming(index_events(index), EventFilters())[:count]
    return {"index": index, "cards": dated_cards(dates, index.locale)}
