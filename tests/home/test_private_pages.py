"""A page made private in the admin is private at once, everywhere and in every language.

An editor sets a password or groups on a published page ("Privacy" in the
admin). Anonymous visitors then see neither the page nor its translations and
aliases on any public surface: the pages themselves, the menus, the site search
(results and excerpts, in all seven languages), the sitemap, the blog's lists
and feeds, and no cached copy. Each check also sees the page while it is public,
so none can pass because a surface shows nothing.
"""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction

from blog.models import BlogPage
from home.models import ContentPage
from search.models import SearchDocument
from tests.home.test_frontend_cache import PURGED

pytestmark = pytest.mark.django_db

WORD = "Zaunkönig"
ARABIC_TITLE = "ساعة استشارة Zaunkönig"
# What shows the page and its child on a surface (the search page repeats the query itself).
TRACES = ["zaunkoenig/", f"{WORD} Sprechstunde", f"{WORD} Anfahrt", "Markt", ARABIC_TITLE]
LANGUAGES = [code for code, _name in settings.LANGUAGES]
PASSWORD = "geheim-und-lang"


def url(path, **params):
    return f"{path}?{urlencode(params)}" if params else path


def user_in(django_user_model, *group_names):
    user = django_user_model.objects.create_user(username="-".join(group_names), password="x" * 20)
    user.groups.add(*Group.objects.filter(name__in=group_names))
    return user


def set_privacy(client, page, **data):
    """Choose the page's privacy in the admin's dialog, as an editor does."""
    response = client.post(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), data)
    assert response.status_code == 200
    assert response.json()["step"] == "set_privacy_done"


def is_hidden(response):
    """The password form (200) or the way to the login (302), and no word of the page."""
    if response.status_code == 302:
        return "/login/" in response["Location"]
    body = response.content.decode()
    return response.status_code == 200 and 'name="password"' in body and WORD not in body


def texts(client, surfaces):
    bodies = {}
    for surface in surfaces:
        response = client.get(surface)
        assert response.status_code == 200, surface
        bodies[surface] = response.content.decode()
    return bodies


def assert_shown(client, surfaces, text):
    for surface, body in texts(client, surfaces).items():
        assert text in body, f"{text!r} is missing from {surface}"


def assert_not_shown(client, surfaces, *hidden):
    for surface, body in texts(client, surfaces).items():
        for text in hidden:
            assert text not in body, f"{text!r} is shown on {surface}"


@pytest.fixture
def moderator(client, django_user_model):
    return user_in(django_user_model, "Moderators")


@pytest.fixture
def private_candidate(demo):
    """A German page in the menu with a child, an Arabic translation and aliases elsewhere."""
    page = ContentPage(
        title=f"{WORD} Sprechstunde",
        slug="zaunkoenig",
        intro=f"{WORD}: Beratung ohne Termin.",
        show_in_menus=True,
    )
    demo["home"].add_child(instance=page)
    page.save_revision().publish()
    child = ContentPage(title=f"{WORD} Anfahrt", slug="anfahrt", intro=f"{WORD} liegt am Markt.")
    page.add_child(instance=child)
    child.save_revision().publish()
    arabic = page.get_translation(Locale.objects.get(language_code="ar")).specific
    arabic.alias_of = None  # translated, as wagtail-localize turns an alias into a translation
    arabic.title = ARABIC_TITLE
    arabic.save()
    arabic.save_revision().publish()
    return {"page": page, "child": child, "arabic": arabic}


def page_paths():
    """The page and its child in every language's tree."""
    paths = []
    for language in LANGUAGES:
        base = Page.objects.get(slug="zaunkoenig", locale__language_code=language).url
        paths += [base, f"{base}anfahrt/"]
    return paths


def public_surfaces():
    """Menus, the search in every language and the sitemap."""
    surfaces = ["/sitemap.xml"] + [f"/{language}/" for language in LANGUAGES]
    return surfaces + [url(f"/{language}/search/", q=WORD) for language in LANGUAGES]


def test_a_password_on_the_source_hides_every_version_at_once(client, moderator, private_candidate):
    paths = page_paths()
    for path in paths:  # seen, and kept in the anonymous page cache
        assert WORD in client.get(path).content.decode(), path
    assert_shown(client, public_surfaces(), "zaunkoenig/")
    assert_shown(client, [url(f"/{code}/search/", q=WORD) for code in LANGUAGES], "Markt")

    admin = client.__class__()
    admin.force_login(moderator)
    set_privacy(admin, private_candidate["page"], restriction_type="password", password=PASSWORD)

    for path in paths:
        assert is_hidden(client.get(path)), path
    assert_not_shown(client, public_surfaces(), *TRACES)
    assert not SearchDocument.objects.filter(title__contains=WORD).exists()
    assert PageViewRestriction.objects.filter(page__slug="zaunkoenig").count() == len(LANGUAGES)

    # Lifted on the source, it is lifted from every version.
    set_privacy(admin, private_candidate["page"], restriction_type="none")
    assert not PageViewRestriction.objects.filter(page__slug="zaunkoenig").exists()
    for path in paths:
        assert WORD in client.get(path).content.decode(), path
    assert_shown(client, public_surfaces(), "zaunkoenig/")


def test_groups_set_on_a_translation_hide_the_source_too(
    client, django_user_model, moderator, private_candidate
):
    reviewer = user_in(django_user_model, "Translators", "Reviewers (ar)")
    admin = client.__class__()
    admin.force_login(reviewer)
    set_privacy(
        admin,
        private_candidate["arabic"],
        restriction_type="groups",
        groups=[Group.objects.get(name="Reviewers (ar)").pk],
    )
    for path in page_paths():
        assert is_hidden(client.get(path)), path
    assert_not_shown(client, public_surfaces(), *TRACES)
    german = PageViewRestriction.objects.get(page=private_candidate["page"])
    assert [group.name for group in german.groups.all()] == ["Reviewers (ar)"]

    # Lifted on the translation alone, the translation stays as private as its source.
    set_privacy(admin, private_candidate["arabic"], restriction_type="none")
    for path in page_paths():
        assert is_hidden(client.get(path)), path
    assert_not_shown(client, public_surfaces(), *TRACES)

    admin.force_login(moderator)
    set_privacy(admin, private_candidate["page"], restriction_type="none")
    assert_shown(client, public_surfaces(), "zaunkoenig/")
    assert_shown(client, [url("/ar/search/", q=WORD)], ARABIC_TITLE)


def translated_surfaces(version):
    """The sitemap, which names translations and originals but not aliases."""
    return [] if version.alias_of_id else ["/sitemap.xml"]


def post_surfaces(post):
    """Where a post shows in its language: the blog, the home page, the search, and the
    feeds and the sitemap once it is translated."""
    language = post.locale.language_code
    blog = post.get_parent().url
    surfaces = [blog, f"/{language}/", url(f"/{language}/search/", q=post.title)]
    if not post.alias_of_id:
        surfaces += [f"{blog}feed/rss/", f"{blog}feed/atom/"]
    return surfaces + translated_surfaces(post)


def test_a_private_post_leaves_the_blogs_and_their_feeds_in_every_language(client, moderator):
    post = BlogPage.objects.live().filter(locale__language_code="de").order_by("-date").first()
    versions = list(BlogPage.objects.live().filter(translation_key=post.translation_key))
    assert len(versions) == len(LANGUAGES)
    for version in versions:
        assert_shown(client, post_surfaces(version), version.url)

    admin = client.__class__()
    admin.force_login(moderator)
    set_privacy(admin, post, restriction_type="password", password=PASSWORD)
    for version in versions:
        assert_not_shown(client, post_surfaces(version), version.url, version.teaser)
        assert is_hidden(client.get(version.url)), version.url


def test_a_private_section_hides_the_pages_below_it_in_every_language(client, moderator, demo):
    versions = Page.objects.filter(translation_key=demo["coordination"].translation_key)
    assert len(versions) == len(LANGUAGES)

    def surfaces(version):
        search = url(f"/{version.locale.language_code}/search/", q=version.title)
        return [search] + translated_surfaces(version)

    for version in versions:
        assert_shown(client, surfaces(version), version.url)

    admin = client.__class__()
    admin.force_login(moderator)
    set_privacy(admin, demo["about"], restriction_type="login")
    for version in versions:
        assert is_hidden(client.get(version.url)), version.url
        assert_not_shown(client, surfaces(version), version.url)


def test_making_a_page_private_purges_every_version_from_a_cdn(
    client, settings, moderator, private_candidate
):
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "tests.home.test_frontend_cache.RecordingBackend"}
    }
    PURGED.clear()
    admin = client.__class__()
    admin.force_login(moderator)
    set_privacy(admin, private_candidate["page"], restriction_type="password", password=PASSWORD)
    for page in Page.objects.filter(slug__in=["zaunkoenig", "anfahrt"]):
        assert page.get_full_url() in PURGED, page.url


def test_a_new_version_of_a_page_private_to_groups_keeps_the_groups(private_candidate):
    """wagtail-localize copies the restriction to a new translation without its groups (as
    Wagtail saves one before its groups): the other versions keep theirs, and the new one
    takes them."""
    from home import privacy

    members = Group.objects.create(name="Zaunkönig members")
    german = PageViewRestriction.objects.create(
        page=private_candidate["page"], restriction_type=PageViewRestriction.GROUPS
    )
    german.groups.set([members])
    privacy.syncing.active = True  # the Arabic version as if it were new: no restriction yet
    try:
        PageViewRestriction.objects.filter(page=private_candidate["arabic"]).delete()
    finally:
        privacy.syncing.active = False

    PageViewRestriction(
        page=private_candidate["arabic"], restriction_type=PageViewRestriction.GROUPS
    ).save()  # as wagtail-localize copies it to a new translation
    versions = Page.objects.filter(translation_key=private_candidate["page"].translation_key)
    assert versions.count() == len(LANGUAGES)
    for page in versions:
        restriction = PageViewRestriction.objects.get(page=page)
        assert list(restriction.groups.all()) == [members], page.locale.language_code
