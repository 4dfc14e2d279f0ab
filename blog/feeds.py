"""RSS 2.0 and Atom feeds of a blog, and of one topic of it.

A topic's feed also carries the coming events on that topic, each with its next date:
whoever follows "housing" wants the information evening on finding a flat as well as the
posts. The blog's own feed carries posts only; events have their calendar file, and a
series of monthly meetings would crowd out the news.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from directory.filters import vocabulary
from directory.models import Topic
from events.models import EventPage, coming_on_topic
from home.models import FooterText

from .models import on_topic
from .views import post_cards

FEED_TYPES = {"rss": Rss201rev2Feed, "atom": Atom1Feed}
FEED_LENGTH = 20


class PostFeed(Feed):
    """The newest posts of one blog index; of one topic, with the coming events on it."""

    def __init__(self, index, feed_type, network_name, topic=None):
        super().__init__()
        self.index = index
        self.feed_type = feed_type
        self.topic = topic
        self.language = index.locale.language_code
        self.network_name = network_name

    def title(self):
        title = (
            f"{self.index.title} – {self.network_name}" if self.network_name else self.index.title
        )
        if self.topic:
            return f"{title}: {self.topic.name}"
        return title

    def link(self):
        return self.index.url

    def description(self):
        return self.index.intro or self.title()

    def items(self):
        posts = self.index.posts().filter(alias_of__isnull=True)  # a feed speaks one language
        if not self.topic:
            return post_cards(posts)[:FEED_LENGTH]
        posts = list(post_cards(on_topic(posts, self.topic.slug))[:FEED_LENGTH])
        events = coming_on_topic(self.index.locale, self.topic.slug, timezone.localdate())
        items = sorted(posts + events, key=self.item_pubdate, reverse=True)
        return items[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        if isinstance(item, EventPage):
            return " · ".join([*self.event_status(item), self.when(item.shown.date), item.teaser])
        return item.teaser

    def event_status(self, event):
        if not event.shown.is_cancelled:
            return []
        with override(self.language):
            return [_("Cancelled")]

    def when(self, date):
        """The day (and time) of an event's date, written in the feed's language."""
        start = timezone.localtime(date.start)
        with override(self.language):
            if date.all_day:
                return date_format(start, "DATE_FORMAT")
            return f"{date_format(start, 'DATE_FORMAT')}, {time_format(start, 'TIME_FORMAT')}"

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        if isinstance(item, EventPage):
            return item.first_published_at
        return timezone.make_aware(datetime.combine(item.date, time(8)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        if isinstance(item, EventPage):
            return None
        return ", ".join(author.name for author in item.authors)

    def item_categories(self, item):
        if isinstance(item, EventPage):
            return [topic.name for topic in item.topic_list]
        return [topic.name for topic in item.topics]


def blog_feed(request, index, kind, topic_slug=None):
    """The feed of ``kind`` ("rss" or "atom"); unknown kinds and topics are 404."""
    if kind not in FEED_TYPES:
        raise Http404
    topic = None
    if topic_slug is not None:
        topic = vocabulary(Topic, index.locale).get(topic_slug)
        if topic is None:
            raise Http404(_("Unknown topic."))
    network_name = FooterText.network_name_in(index.locale.language_code)
    return PostFeed(index, FEED_TYPES[kind], network_name, topic)(request)
