"""Template tags that show the blog on other pages."""

from django import template

from blog.models import BlogIndexPage
from blog.views import post_cards
from home.cache import per_content_version

register = template.Library()


@register.simple_tag
def latest_posts(page, count=3):
    """The blog of ``page``'s language and its newest posts: ``{"index": ..., "posts": [...]}``."""
    return newest_posts(page.locale_id, count)


@per_content_version
def newest_posts(locale_id, count):
    """``latest_posts`` of a locale, kept until the content changes."""
    index = BlogIndexPage.objects.live().filter(locale_id=locale_id).first()
    if index is None:
        return {"index": None, "posts": []}
    return {"index": index, "posts": list(post_cards(index.posts())[:count])}
