"""Load the demo network's blog: its index page, authors and posts in every demo language."""

import json
from datetime import datetime, time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.models import Locale

from blog.models import (
    Author,
    BlogIndexPage,
    BlogPage,
    BlogPageActor,
    BlogPageAuthor,
    BlogPageOffer,
    BlogPageRelatedPost,
    BlogPageTopic,
    Comment,
    CommentStatus,
)
from directory.models import Actor, Offer, Topic
from events.models import EventPage
from home.demo.blocks import stream_value
from home.demo.images import ALT_TEXT, demo_image
from home.demo.references import references_indexed_once
from home.demo.translate import page_in_every_language, translate
from home.languages import complete_language_trees

DEMO_DATA = Path(__file__).resolve().parents[2] / "demo" / "posts.json"
DEMO_COMMENTS = DEMO_DATA.with_name("comments.json")
BLOG_INDEX = {
    "de": {
        "title": "Aktuelles",
        "slug": "aktuelles",
        "search_description": "Nachrichten, Berichte und Artikel aus dem Integrationsnetzwerk.",
        "intro": "Neuigkeiten aus dem Netzwerk, Berichte von Treffen und Fachtagen und Artikel "
        "über gute Praxis – geschrieben von den Menschen, die hier zusammenarbeiten.",
    },
    "en": {
        "title": "News",
        "slug": "news",
        "search_description": "News, reports and articles from the integration network.",
        "intro": "News from the network, reports from meetings and conferences and articles "
        "about good practice – written by the people who work together here.",
    },
    "ar": {
        "title": "الأخبار",
        "slug": "news",
        "search_description": "أخبار وتقارير ومقالات من شبكة الاندماج.",
        "intro": "أخبار من الشبكة وتقارير عن اللقاءات والمؤتمرات ومقالات عن الممارسات الجيدة – "
        "يكتبها الأشخاص الذين يعملون معًا هنا.",
    },
    "uk": {
        "title": "Новини",
        "slug": "news",
        "search_description": "Новини, звіти та статті мережі інтеграції.",
        "intro": "Новини мережі, звіти про зустрічі та конференції і статті про добру практику "
        "– від людей, які тут працюють разом.",
    },
}
RELATED_POSTS = 2


def in_locale(model, locale, **lookup):
    """The object matching ``lookup`` in ``locale``, else in any language."""
    candidates = model.objects.filter(**lookup)
    return candidates.filter(locale=locale).first() or candidates.first()


class Command(BaseCommand):
    help = (
        "Create the demo blog (index page, authors and posts, translated with wagtail-localize, "
        "aliases in the other languages) from blog/demo/posts.json. Safe to run again: what "
        "exists is left as it is."
    )

    @references_indexed_once()
    def handle(self, **options):
        data = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
        comments = json.loads(DEMO_COMMENTS.read_text(encoding="utf-8"))
        self.commented = {comment["post"] for comment in comments}
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        indexes = self.load_index()
        self.load_authors(data["authors"])
        created = 0
        for post in sorted(data["posts"], key=lambda post: post["date"]):
            created += self.load_post(post, indexes)
        featured = next((post for post in data["posts"] if post.get("featured")), None)
        if featured:
            self.feature(featured, indexes)
        complete_language_trees()
        self.load_comments(comments, data["posts"])
        self.stdout.write(self.style.SUCCESS(f"Demo blog ready: {created} new posts."))

    def other_locales(self, translations, source_code):
        return [
            self.locales[code]
            for code in translations
            if code != source_code and code in self.locales
        ]

    def load_index(self):
        index = page_in_every_language(BlogIndexPage, BLOG_INDEX)
        return {
            translation.locale.language_code: translation
            for translation in index.get_translations(inclusive=True)
        }

    def load_authors(self, authors):
        source_code = settings.LANGUAGE_CODE
        source_locale = self.locales[source_code]
        for entry in authors:
            author = Author.objects.filter(slug=entry["slug"], locale=source_locale).first()
            source = entry["translations"][source_code]
            if author is None:
                author = Author(
                    name=entry["name"],
                    slug=entry["slug"],
                    role=source["role"],
                    bio=source["bio"],
                    locale=source_locale,
                    actor=in_locale(Actor, source_locale, external_id=entry.get("actor") or "-"),
                )
                author.save()
                author.save_revision().publish()
            for locale in self.other_locales(entry["translations"], source_code):
                if not author.has_translation(locale):
                    target = entry["translations"][locale.language_code]
                    translate(
                        author,
                        locale,
                        source,
                        target,
                        f"author {entry['slug']} in {locale.language_code}",
                    )

    def load_post(self, entry, indexes):
        """Create one post in its original language and translate it; False if it exists."""
        source_code = entry["source"]
        locale = self.locales[source_code]
        index = indexes[source_code]
        source = entry["translations"][source_code]
        if BlogPage.objects.filter(slug=source["slug"], locale=locale).exists():
            return False
        post = BlogPage(
            title=source["title"],
            slug=source["slug"],
            teaser=source["teaser"],
            search_description=source["search_description"],
            date=entry["date"],
            post_type=entry["type"],
            event=EventPage.objects.filter(slug=entry.get("event"), locale=locale).first(),
            comments_enabled=entry["key"] in self.commented,
            body=stream_value(source["body"], {}),
            hero_image=demo_image(f"post-{entry['key']}"),
            hero_alt=ALT_TEXT[source_code],
            first_published_at=timezone.make_aware(
                datetime.combine(datetime.fromisoformat(entry["date"]), time(9))
            ),
        )
        post.post_authors = [
            BlogPageAuthor(author=in_locale(Author, locale, slug=slug)) for slug in entry["authors"]
        ]
        post.post_topics = [
            BlogPageTopic(topic=in_locale(Topic, locale, slug=slug)) for slug in entry["topics"]
        ]
        post.related_offers = [
            BlogPageOffer(offer=offer)
            for offer in (
                in_locale(Offer, locale, external_id=key) for key in entry["related_offers"]
            )
            if offer
        ]
        post.related_actors = [
            BlogPageActor(actor=actor)
            for actor in (
                in_locale(Actor, locale, external_id=key) for key in entry["related_actors"]
            )
            if actor
        ]
        post.related_posts = [
            BlogPageRelatedPost(post=related)
            for related in self.earlier_posts_on(entry["topics"], locale)
        ]
        index.add_child(instance=post)
        post.tags.add(*entry["tags"])
        post.save_revision().publish()
        for target_locale in self.other_locales(entry["translations"], source_code):
            target = entry["translations"][target_locale.language_code]
            translate(
                post,
                target_locale,
                source,
                target,
                f"post {entry['key']} in {target_locale.language_code}",
                extra_pairs=[(ALT_TEXT[source_code], ALT_TEXT[target_locale.language_code])],
            )
        return True

    def load_comments(self, comments, posts):
        """Approved comments (and replies) on the posts that allow them; none twice."""
        slugs = {post["key"]: post["translations"] for post in posts}
        for entry in comments:
            code = entry["page_language"]
            post = BlogPage.objects.get(
                slug=slugs[entry["post"]][code]["slug"], locale=self.locales[code]
            )
            comment = self.approved_comment(post, entry, parent=None)
            for reply in entry["replies"]:
                self.approved_comment(post, reply, parent=comment)

    def approved_comment(self, post, entry, parent):
        comment, _ = Comment.objects.get_or_create(
            page=post,
            parent=parent,
            email=entry["email"],
            defaults={
                "name": entry["name"],
                "text": entry["text"],
                "language": entry["language"],
                "status": CommentStatus.APPROVED,
            },
        )
        return comment

    def feature(self, entry, indexes):
        """Make the post the featured post of every language's blog, unless one is chosen.

        Aliases of the blog follow the source language's choice.
        """
        source = entry["translations"][entry["source"]]
        post = BlogPage.objects.get(slug=source["slug"], locale=self.locales[entry["source"]])
        blogs = BlogIndexPage.objects.filter(
            pk__in=[index.pk for index in indexes.values()], alias_of__isnull=True
        )
        for index in blogs:
            if index.featured_post_id is None:
                index.featured_post = post
                index.save_revision().publish()

    def earlier_posts_on(self, topic_slugs, locale):
        """Posts already loaded that share a topic, in ``locale``, newest first."""
        return list(
            BlogPage.objects.live()
            .filter(locale=locale, post_topics__topic__slug__in=topic_slugs)
            .distinct()
            .order_by("-date")[:RELATED_POSTS]
        )
