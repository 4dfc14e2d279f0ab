"""The blog's views: the list of posts, the author, topic and tag archives, and a post's page."""

from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from taggit.models import Tag

from directory.filters import vocabulary
from directory.models import Actor, DirectoryPage, Offer, Topic
from events.models import EventPage
from home.cache import answers_query, asked_page, per_content_version
from home.cards import rendered_cards
from home.localization import original_language, translations_of
from home.models import FooterText
from home.routing import public

from .comment_views import helpful_label
from .comments import approved_comments, comments_open, helpful_count
from .models import Author, BlogPage, PostType, on_topic, post_card_prefetches
from .schema import post_json_ld

PER_PAGE = 10


def post_cards(posts):
    return posts.select_related("hero_image", "locale", "alias_of__locale").prefetch_related(
        *post_card_prefetches()
    )


def rendered_post_cards(request, index, ids):
    """The cards of the posts ``ids`` on the blog ``index``, rendered; only the posts whose
    cards are not kept are read (``rendered_cards``)."""

    def load(missing):
        posts = post_cards(BlogPage.objects.filter(pk__in=missing)).in_bulk()
        return {pk: {"post": post} for pk, post in posts.items()}

    return rendered_cards(request, "blog/includes/post_card.html", ids, load, index=index)


def render_posts(request, index, posts, archive_title="", archive=None):
    """A page of ``posts``, optionally narrowed to a type of post with ``?type=``."""
    post_type = request.GET.get("type", "")
    if post_type not in PostType.values:
        post_type = ""
    if post_type:
        posts = posts.filter(post_type=post_type)
    featured = None
    if not archive_title and not post_type and index.featured_post_id:
        featured = featured_post(index)
    if featured:
        posts = posts.exclude(pk=featured.pk)  # shown above the list of the first page
    results = Paginator(posts.values_list("pk", flat=True), PER_PAGE).get_page(
        request.GET.get("page")
    )
    shown = [featured.pk] if featured and results.number == 1 else []
    cards = rendered_post_cards(request, index, shown + list(results.object_list))
    results.object_list = cards[len(shown) :]
    response = TemplateResponse(
        request,
        "blog/blog_index_page.html",
        {
            "page": index,
            "self": index,
            "posts": results,
            "featured": cards[0] if shown else None,
            "post_type": post_type,
            "post_types": PostType.choices,
            "filter_query": f"type={post_type}" if post_type else "",
            "archive_title": archive_title,
            "archive": archive,
            "topics": used_topics(index),
        },
    )
    page_number = asked_page(request, results.number)
    return answers_query(response, {"type": post_type, "page": page_number})


@per_content_version
def featured_post(index):
    """The index's featured post in the index's language (translated indexes share the
    choice); kept until the content changes."""
    chosen = BlogPage.objects.filter(pk=index.featured_post_id).values("translation_key")
    return (
        post_cards(public(BlogPage.objects.live()))
        .filter(translation_key__in=chosen, locale_id=index.locale_id)
        .first()
    )


@per_content_version
def used_topics(index):
    """The topics of this blog's posts, in the blog's language, for the topic navigation;
    kept until the content changes."""
    slugs = set(
        Topic.objects.filter(pk__in=index.posts().values("post_topics__topic")).values_list(
            "slug", flat=True
        )
    )
    terms = vocabulary(Topic, index.locale)
    return sorted((terms[slug] for slug in slugs if slug in terms), key=lambda term: term.name)


def post_list(request, index):
    return render_posts(request, index, index.posts())


def author_archive(request, index, slug):
    authors = list(
        Author.objects.filter(slug=slug, live=True).select_related("photo", "actor", "locale")
    )
    if not authors:
        raise Http404
    author = next((a for a in authors if a.locale_id == index.locale_id), authors[0])
    posts = index.posts().filter(post_authors__author__translation_key=author.translation_key)
    return render_posts(
        request,
        index,
        posts.distinct(),
        _("Posts by %(name)s") % {"name": author.name},
        {"author": author},
    )


def topic_archive(request, index, slug):
    topic = vocabulary(Topic, index.locale).get(slug)
    if topic is None:
        raise Http404
    posts = on_topic(index.posts(), slug)
    return render_posts(
        request, index, posts, _("Posts on %(topic)s") % {"topic": topic.name}, {"topic": topic}
    )


def tag_archive(request, index, slug):
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404
    posts = index.posts().filter(tags__slug=slug).distinct()
    return render_posts(
        request, index, posts, _("Posts tagged “%(tag)s”") % {"tag": tag.name}, {"tag": tag}
    )


def share_links(url, title):
    """Plain links to share a post; nothing is loaded from the services until one is clicked."""
    text = f"{title} {url}"
    return [
        ("E-mail", "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote)),
        (
            "Mastodon",
            f"https://{settings.SHARE_MASTODON_HOST}/share?" + urlencode({"text": text}),
        ),
        ("X", "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        (
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
    ]


def related_entries(model, links, locale):
    """The public actors or offers behind ``links``, in ``locale`` where translated."""
    keys = [link.translation_key for link in links]
    if not keys:
        return []
    entries = model.objects.public().in_language(locale).filter(translation_key__in=keys)
    order = {key: position for position, key in enumerate(keys)}
    return sorted(entries.for_display(), key=lambda entry: order[entry.translation_key])


def related_posts(post):
    """The posts an editor linked, in the post's language where translated."""
    keys = list(post.related_posts.values_list("post__translation_key", flat=True))
    versions = {}
    for version in post_cards(
        public(BlogPage.objects.live()).filter(translation_key__in=keys)
    ).order_by("pk"):
        if version.translation_key not in versions or version.locale_id == post.locale_id:
            versions[version.translation_key] = version
    return [versions[key] for key in keys if key in versions]


def reported_event(post):
    """The live public event a report names, in the post's language where it has a version
    there (a translation, or an alias in that language's tree), else as it was named."""
    if not post.event_id:
        return None
    versions = (
        public(EventPage.objects.live())
        .filter(
            translation_key__in=EventPage.objects.filter(pk=post.event_id).values("translation_key")
        )
        .select_related("locale", "alias_of__locale")
    )
    by_locale = {version.locale_id: version for version in versions}
    named = next((version for version in by_locale.values() if version.pk == post.event_id), None)
    return by_locale.get(post.locale_id) or named


@per_content_version
def post_relations(post):
    """What a post's page shows of other content (its blog, authors, topics, tags, the
    directory's entries and posts it links, the event it reports on); kept until the content
    changes."""
    authors = [
        link.author
        for link in post.post_authors.select_related(
            "author", "author__photo", "author__actor", "author__locale"
        )
    ]
    return {
        "index": post.get_parent().specific,
        "authors": authors,
        "topics": [link.topic for link in post.post_topics.select_related("topic")],
        "tags": list(post.tags.all()),
        "directory_page": DirectoryPage.for_locale(post.locale_id),
        "related_offers": related_entries(
            Offer, [link.offer for link in post.related_offers.select_related("offer")], post.locale
        ),
        "related_actors": related_entries(
            Actor, [link.actor for link in post.related_actors.select_related("actor")], post.locale
        ),
        "related_posts": related_posts(post),
        "event": reported_event(post),
    }


def post_context(request, post):
    """What a post's page shows besides the post itself."""
    url = post.get_full_url(request)
    relations = post_relations(post)
    image_url = ""
    if post.hero_image:
        image_url = request.build_absolute_uri(post.hero_image.get_rendition("fill-1200x630").url)
    publisher = FooterText.network_name_in(get_language())
    counted = request.GET.get("helpful") == "counted"
    return {
        **relations,
        "comments": approved_comments(post) if post.comments_enabled else [],
        "comments_open": comments_open(post, request),
        "helpful_label": helpful_label(helpful_count(post)) if counted else "",
        "original_language": original_language(post),
        "translations": [
            {**get_language_info(code), "url": url}
            for code, url in sorted(translations_of(post, request).items())
        ],
        "share_links": share_links(url, post.title),
        "image_url": image_url,
        "json_ld": post_json_ld(post, url, image_url, relations["authors"], publisher),
    }
