"""RSS 2.0 and Atom feeds of a blog, and of one topic of it."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from directory.filters import vocabulary
from directory.models import Topic
from home.models import FooterText

from .models import on_topic
from .views import post_cards

FEED_TYPES = {"rss": Rss201rev2Feed, "atom": Atom1Feed}
FEED_LENGTH = 20


class PostFeed(Feed):
    """The newest posts of one blog index, optionally of one topic."""

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
        if self.topic:
            posts = on_topic(posts, self.topic.slug)
        return post_cards(posts)[:FEED_LENGTH]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.teaser

    def item_link(self, post):
        return post.url

    def item_pubdate(self, post):
        return timezone.make_aware(datetime.combine(post.date, time(8)))

    def item_updateddate(self, post):
        return post.last_published_at

    def item_author_name(self, post):
        return ", ".join(author.name for author in post.authors)

    def item_categories(self, post):
        return [topic.name for topic in post.topics]


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
