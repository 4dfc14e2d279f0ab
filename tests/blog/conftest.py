"""Blog fixtures: the demo blog's index pages and a maker of posts."""

import itertools

import pytest

COUNTER = itertools.count()


@pytest.fixture
def blog(db):
    """The demo blog's index page of each language, by language code."""
    from blog.models import BlogIndexPage

    return {index.locale.language_code: index for index in BlogIndexPage.objects.live()}


@pytest.fixture
def author(db):
    from blog.models import Author

    return Author.objects.get(slug="johanna-seifert", locale__language_code="de")


@pytest.fixture
def make_post(blog, author):
    """Publish a post below the German blog (or ``index``) and return it."""
    from blog.models import BlogPage, BlogPageAuthor, BlogPageTopic
    from directory.models import Topic

    def make(title="Testbeitrag", index=None, topics=("housing",), body=None, **fields):
        index = index or blog["de"]
        number = next(COUNTER)
        post = BlogPage(
            title=title,
            slug=f"testbeitrag-{number}",
            teaser=fields.pop("teaser", "Ein kurzer Anriss."),
            body=body if body is not None else [("paragraph", "<p>Ein Absatz mit Text.</p>")],
            **fields,
        )
        post.post_authors = [BlogPageAuthor(author=author)]
        post.post_topics = [
            BlogPageTopic(topic=Topic.objects.get(slug=slug, locale=index.locale))
            for slug in topics
        ]
        index.add_child(instance=post)
        post.save_revision().publish()
        post.refresh_from_db()
        return post

    return make
