"""Template tags that show the blog on other pages."""

from django import template

from blog.models import BlogIndexPage
from blog.views import rendered_post_cards
from home.cache import per_content_version

register = template.Library()


@register.simple_tag(takes_context=True)
def latest_posts(context, page, count=3):
    """The blog of ``page``'s language and the cards of its newest posts:
    ``{"index": ..., "cards": [...]}``."""
    index, ids = newest_posts(page.locale_id, count)
    if index is None:
        return {"index": None, "cards": []}
    return {"index": index, "cards": rendered_post_cards(context.get("request"), index, ids)}


@per_content_version
def newest_posts(locale_id, count):
    """The blog of a locale and the ids of its ``count`` newest posts, kept until the
    content changes."""
    index = BlogIndexPage.objects.live().filter(locale_id=locale_id).first()
    if index is None:
        return None, []
    return index, list(index.posts().values_list("pk", flat=True)[:count])
