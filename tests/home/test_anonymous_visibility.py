"""What anonymous visitors never see: drafts, unpublished, expired and scheduled content.

Each case reads every public surface that could show the content (the page
itself, menus, directory lists and details, the JSON API, the site search and
its suggestions, the sitemap, the blog's lists and feeds) with an anonymous
client. The hidden text must be absent and a live control must be present on
the same surfaces, and where the content was visible before it was hidden (or
becomes visible when it is published), that is checked too, so no check can
pass because a surface shows nothing. The search index is kept by the
publishing signals alone; nothing here rebuilds it.
"""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page

from blog.models import Author, BlogIndexPage, BlogPage, BlogPageAuthor, BlogPageTopic
from directory.models import Actor, DirectoryPage, Offer, Place, Topic
from home.models import ContentPage
from search.models import Promotion

pytestmark = pytest.mark.django_db

WORD = "Kolibri"
ARABIC_WORD = "كوليبري"
PLACE = "kolibrihausen"
PAGE_LANGUAGES = ["de", "en", "ar", "uk"]


def url(path, **params):
    """``path`` with ``params`` as its query string."""
    return f"{path}?{urlencode(params)}" if params else path


def check(client, surfaces, present=(), absent=()):
    """Every surface answers 200 and shows each ``present`` text and none of ``absent``."""
    for surface in surfaces:
        response = client.get(surface)
        assert response.status_code == 200, surface
        body = response.content.decode()
        for text in present:
            assert text in body, f"{text!r} is missing from {surface}"
        for text in absent:
            assert text not in body, f"{text!r} is shown on {surface}"


def publish(instance):
    """Publish ``instance`` as an editor does, and return it as it is now stored."""
    instance.save_revision().publish()
    instance.refresh_from_db()
    return instance


def in_an_hour_that_has_passed(instance):
    """Move a scheduled go-live or expiry into the past, as if the hour had passed."""
    past = timezone.now() - timedelta(minutes=1)
    revision = instance.revisions.filter(approved_go_live_at__isnull=False).first()
    if revision:
        revision.approved_go_live_at = past
        revision.content["go_live_at"] = past.isoformat()
        revision.save()
    type(instance).objects.filter(pk=instance.pk, expire_at__isnull=False).update(expire_at=past)


# Pages


@pytest.fixture
def home(demo):
    """The German home page, below which the test pages sit in the main menu."""
    return demo["home"]


def new_page(home, title, slug):
    """A German content page in the main menu, saved as a draft."""
    page = ContentPage(title=title, slug=slug, intro=f"{title}.", show_in_menus=True, live=False)
    home.add_child(instance=page)
    page.save_revision()
    return page


def page_surfaces(slug):
    """Where a menu page of the German tree or its aliases shows: (surfaces, paths)."""
    surfaces = ["/sitemap.xml"]
    for language in PAGE_LANGUAGES:
        surfaces += [f"/{language}/", url(f"/{language}/search/", q=WORD)]
    return surfaces, [f"/{language}/{slug}/" for language in PAGE_LANGUAGES]


@pytest.fixture
def live_page(home):
    return publish(new_page(home, f"{WORD} Liveseite", "kolibri-liveseite"))


def hide_as_draft(page):
    return page


def hide_by_unpublishing(page):
    page = publish(page)
    page.unpublish()
    return page


def hide_by_expiry(page):
    page.expire_at = timezone.now() + timedelta(hours=1)
    page = publish(page)
    in_an_hour_that_has_passed(page)
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.expired
    return page


def hide_by_schedule(page):
    page.go_live_at = timezone.now() + timedelta(hours=1)
    return publish(page)


@pytest.mark.parametrize(
    "hide",
    [hide_as_draft, hide_by_unpublishing, hide_by_expiry, hide_by_schedule],
    ids=["draft", "unpublished", "expired", "scheduled"],
)
def test_a_page_that_is_not_live_is_shown_nowhere(client, home, live_page, hide):
    page = hide(new_page(home, f"{WORD} Geheimseite", "kolibri-geheimseite"))
    assert not page.live
    surfaces, hidden_paths = page_surfaces("kolibri-geheimseite")
    live_paths = page_surfaces("kolibri-liveseite")[1]
    for path in hidden_paths:
        assert client.get(path).status_code == 404, path
        assert client.get(url(path, preview="1")).status_code == 404, path
    for path in live_paths:
        check(client, [path], present=[f"{WORD} Liveseite"])
    check(client, surfaces, absent=[f"{WORD} Geheimseite", *hidden_paths])
    # the sitemap names the German page; its aliases in the other languages are no translations
    check(client, ["/sitemap.xml"], present=live_paths[:1])
    for language in PAGE_LANGUAGES:
        live_path = f"/{language}/kolibri-liveseite/"
        check(client, [f"/{language}/", url(f"/{language}/search/", q=WORD)], present=[live_path])

    # The same checks see it once it is live: a scheduled page when its hour has come.
    page = Page.objects.get(pk=page.pk).specific
    if page.go_live_at:
        in_an_hour_that_has_passed(page)
        call_command("publish_scheduled")
    else:
        page.expire_at = None
        publish(page)
    for path in hidden_paths:
        check(client, [path], present=[f"{WORD} Geheimseite"])
    check(client, ["/sitemap.xml"], present=hidden_paths[:1])
    check(client, ["/de/", url("/de/search/", q=WORD)], present=[hidden_paths[0]])


def test_draft_changes_of_a_live_page_stay_in_the_admin(client, live_page):
    live_page.title = f"{WORD} Entwurfstitel"
    live_page.intro = "Entwurfseinleitung."
    live_page.save_revision()
    assert Page.objects.get(pk=live_page.pk).has_unpublished_changes
    surfaces, paths = page_surfaces("kolibri-liveseite")
    check(
        client,
        paths + [s for s in surfaces if s != "/sitemap.xml"],
        present=[f"{WORD} Liveseite"],
        absent=[f"{WORD} Entwurfstitel", "Entwurfseinleitung"],
    )
    check(client, [paths[0]], present=[f"{WORD} Liveseite."])


def test_changes_scheduled_for_later_stay_hidden_until_they_go_live(client, live_page):
    live_page.title = f"{WORD} Zukunftstitel"
    live_page.go_live_at = timezone.now() + timedelta(hours=1)
    live_page.save_revision().publish()
    surfaces, paths = page_surfaces("kolibri-liveseite")
    check(
        client,
        paths + [s for s in surfaces if s != "/sitemap.xml"],
        present=[f"{WORD} Liveseite"],
        absent=[f"{WORD} Zukunftstitel"],
    )

    in_an_hour_that_has_passed(live_page)
    call_command("publish_scheduled")
    check(client, [paths[0], "/de/", url("/de/search/", q=WORD)], present=[f"{WORD} Zukunftstitel"])


def test_previews_drafts_and_revisions_need_a_login(client, admin_client, live_page):
    from wagtail_localize.models import Translation

    live_page.title = f"{WORD} Vorschautitel"
    revision = live_page.save_revision()
    offer = Offer.objects.filter(live=True, locale__language_code="de").first()
    offer.title = f"{WORD} Vorschauangebot"
    offer_revision = offer.save_revision()
    page_id, offer_id = live_page.pk, offer.pk
    admin_urls = [
        f"/admin/pages/{page_id}/edit/preview/",
        f"/admin/pages/{page_id}/view_draft/",
        f"/admin/pages/{page_id}/revisions/{revision.pk}/view/",
        f"/admin/pages/{page_id}/revisions/compare/live...latest/",
        f"/admin/snippets/directory/offer/preview/{offer_id}/",
        f"/admin/snippets/directory/offer/history/{offer_id}/revisions/{offer_revision.pk}/view/",
        f"/admin/localize/translate/{Translation.objects.first().pk}/preview/",
    ]
    drafts = [f"{WORD} Vorschautitel", f"{WORD} Vorschauangebot"]
    for admin_url in admin_urls:
        for response in (client.get(admin_url), client.post(admin_url, {"title": drafts[0]})):
            assert response.status_code in (302, 403, 404), admin_url
            if response.status_code == 302:
                assert response["Location"].startswith("/admin/login/"), admin_url
            body = response.content.decode()
            assert not any(draft in body for draft in drafts), admin_url

    page_url = live_page.url
    for params in ({"preview": "1"}, {"preview": "true", "mode": ""}, {"revision": revision.pk}):
        check(client, [url(page_url, **params)], present=[f"{WORD} Liveseite"], absent=drafts)

    # The same addresses do show the drafts to an editor who is logged in.
    assert drafts[0] in admin_client.get(admin_urls[1]).content.decode()
    assert drafts[1] in admin_client.get(admin_urls[5]).content.decode()


# Blog


@pytest.fixture
def german_blog(db):
    return BlogIndexPage.objects.live().get(locale__language_code="de")


def new_post(blog, title, slug):
    """A German post by a demo author on housing, tagged, saved as a draft."""
    post = BlogPage(title=title, slug=slug, teaser=f"{title}.", live=False)
    post.date = timezone.localdate()
    post.post_authors = [
        BlogPageAuthor(author=Author.objects.get(slug="johanna-seifert", locale=blog.locale))
    ]
    post.post_topics = [BlogPageTopic(topic=Topic.objects.get(slug="housing", locale=blog.locale))]
    post.tags.add("kolibri")
    blog.add_child(instance=post)
    post.save_revision()
    return post


def blog_surfaces(blog):
    """Where a German post on housing by Johanna Seifert, tagged "kolibri", shows."""
    base = blog.url
    return [
        base,
        f"{base}feed/rss/",
        f"{base}feed/atom/",
        f"{base}topics/housing/",
        f"{base}topics/housing/feed/rss/",
        f"{base}authors/johanna-seifert/",
        f"{base}tags/kolibri/",
        "/de/",
        url("/de/search/", q=WORD),
    ]


def test_blog_drafts_and_draft_changes_stay_out_of_lists_archives_feeds_and_search(
    client, german_blog
):
    live = publish(new_post(german_blog, f"{WORD} Nachricht", "kolibri-nachricht"))
    draft = new_post(german_blog, f"{WORD} Entwurfsbeitrag", "kolibri-entwurfsbeitrag")
    live.title = f"{WORD} Geheimnachricht"
    live.teaser = "Geheimer Anriss."
    live.save_revision()
    live_path, draft_path = live.url, f"{german_blog.url}kolibri-entwurfsbeitrag/"
    hidden = [f"{WORD} Geheimnachricht", "Geheimer Anriss", f"{WORD} Entwurfsbeitrag"]

    check(client, blog_surfaces(german_blog), present=[live_path], absent=[*hidden, draft_path])
    check(client, [live_path], present=[f"{WORD} Nachricht"], absent=hidden)
    check(client, ["/sitemap.xml"], present=[live_path], absent=[draft_path])
    assert client.get(draft_path).status_code == 404

    publish(Page.objects.get(pk=draft.pk).specific)
    check(client, blog_surfaces(german_blog) + ["/sitemap.xml"], present=[draft_path])

    Page.objects.get(pk=live.pk).unpublish()
    check(client, blog_surfaces(german_blog) + ["/sitemap.xml"], absent=[live_path])
    assert client.get(live_path).status_code == 404


# Directory


@pytest.fixture
def place(db):
    return Place.objects.create(
        locale=Locale.objects.get(language_code="de"), name="Kolibrihausen", slug=PLACE
    )


def new_actor(place, name, slug, phone=""):
    """A German actor in Kolibrihausen, saved as a draft."""
    actor = Actor(
        locale=place.locale,
        name=name,
        slug=slug,
        summary=f"{name}.",
        place=place,
        phone=phone,
        live=False,
    )
    actor.save()
    actor.save_revision()
    return actor


def new_offer(provider, title, slug):
    """A German offer in Kolibrihausen, saved as a draft."""
    offer = Offer(
        locale=provider.locale,
        title=title,
        slug=slug,
        summary=f"{title}.",
        provider=provider,
        place=provider.place,
        live=False,
    )
    offer.save()
    offer.save_revision()
    return offer


@pytest.fixture
def live_actor(place):
    return publish(new_actor(place, f"{WORD}-Verein", "kolibri-verein"))


@pytest.fixture
def live_offer(live_actor):
    return publish(new_offer(live_actor, f"{WORD} Lesekurs", "kolibri-lesekurs"))


def directory_url(language="de"):
    """The address of the directory page in ``language``."""
    return DirectoryPage.objects.get(locale__language_code=language).url


def offer_path(slug, language="de"):
    """The address of the offer with ``slug`` on the directory page in ``language``."""
    return f"{directory_url(language)}offers/{slug}/"


def offer_surfaces(language="de", word=WORD):
    """Where an offer of Kolibrihausen shows, besides its own page."""
    return [
        url(directory_url(language), place=PLACE),
        url("/api/directory/offers/", locale=language, place=PLACE),
        url(f"/{language}/search/", q=word),
        url(f"/{language}/search/suggest/", q=word),
        "/sitemap.xml",
    ]


def actor_surfaces(language="de"):
    """Where an actor of Kolibrihausen shows besides the search and the sitemap."""
    return [
        url(directory_url(language) + "actors/", place=PLACE),
        url("/api/directory/actors/", locale=language, place=PLACE),
    ]


def provider_surfaces():
    """The live actor's page and its live offer's page, which list the actor's other offers."""
    return [directory_url() + "actors/kolibri-verein/", offer_path("kolibri-lesekurs")]


def test_a_draft_offer_is_shown_nowhere(client, live_actor, live_offer):
    draft = new_offer(live_actor, f"{WORD} Entwurfskurs", "kolibri-entwurfskurs")
    surfaces = offer_surfaces() + provider_surfaces()
    check(
        client,
        surfaces,
        present=["/offers/kolibri-lesekurs/"],
        absent=[f"{WORD} Entwurfskurs", "/offers/kolibri-entwurfskurs/"],
    )
    assert client.get(offer_path("kolibri-entwurfskurs")).status_code == 404

    publish(draft)
    check(client, surfaces, present=["/offers/kolibri-entwurfskurs/"])
    check(client, [offer_path("kolibri-entwurfskurs")], present=[f"{WORD} Entwurfskurs"])


def test_draft_changes_of_a_live_offer_stay_in_the_admin(client, live_offer):
    live_offer.title = f"{WORD} Geheimkurs"
    live_offer.summary = "Geheime Zusammenfassung."
    live_offer.save_revision()
    check(
        client,
        offer_surfaces()[:-1] + provider_surfaces(),
        present=[f"{WORD} Lesekurs"],
        absent=[f"{WORD} Geheimkurs", "Geheime Zusammenfassung"],
    )


def test_an_unpublished_offer_is_shown_nowhere(client, live_actor, live_offer):
    other = publish(new_offer(live_actor, f"{WORD} Nähkurs", "kolibri-naehkurs"))
    surfaces = offer_surfaces() + provider_surfaces()
    check(client, surfaces, present=["/offers/kolibri-naehkurs/", "/offers/kolibri-lesekurs/"])

    other.unpublish()
    check(
        client,
        surfaces,
        present=["/offers/kolibri-lesekurs/"],
        absent=[f"{WORD} Nähkurs", "/offers/kolibri-naehkurs/"],
    )
    assert client.get(offer_path("kolibri-naehkurs")).status_code == 404


def test_an_offer_past_its_end_date_leaves_every_list_and_says_so_on_its_page(
    client, live_actor, live_offer
):
    ended = publish(new_offer(live_actor, f"{WORD} Sommerkurs", "kolibri-sommerkurs"))
    surfaces = offer_surfaces() + provider_surfaces()
    check(client, surfaces, present=["/offers/kolibri-sommerkurs/"])

    ended.valid_until = timezone.localdate() - timedelta(days=1)
    publish(ended)
    check(
        client,
        surfaces,
        present=["/offers/kolibri-lesekurs/"],
        absent=[f"{WORD} Sommerkurs", "/offers/kolibri-sommerkurs/"],
    )
    # Links to it keep working and say that it has ended.
    check(client, [offer_path("kolibri-sommerkurs")], present=["Dieses Angebot ist beendet."])


def test_an_editors_pick_of_an_ended_offer_is_not_shown(client, live_actor, live_offer):
    ended = new_offer(live_actor, f"{WORD} Winterkurs", "kolibri-winterkurs")
    ended.valid_until = timezone.localdate() - timedelta(days=1)
    publish(ended)
    german = Locale.objects.get(language_code="de")
    Promotion.objects.create(query="Lesen lernen", locale=german, offer=ended, note="Ausgelaufen")
    Promotion.objects.create(query="Lesen lernen", locale=german, offer=live_offer, note="Aktuell")
    check(
        client,
        [url("/de/search/", q="lesen lernen")],
        present=[f"{WORD} Lesekurs", "Aktuell"],
        absent=[f"{WORD} Winterkurs", "Ausgelaufen"],
    )


def test_an_offer_whose_expiry_time_passed_is_unpublished_by_the_scheduler(
    client, live_actor, live_offer
):
    expiring = new_offer(live_actor, f"{WORD} Kurzkurs", "kolibri-kurzkurs")
    expiring.expire_at = timezone.now() + timedelta(hours=1)
    expiring = publish(expiring)
    surfaces = offer_surfaces() + provider_surfaces()
    check(client, surfaces, present=["/offers/kolibri-kurzkurs/"])

    in_an_hour_that_has_passed(expiring)
    call_command("publish_scheduled")
    check(
        client,
        surfaces,
        present=["/offers/kolibri-lesekurs/"],
        absent=[f"{WORD} Kurzkurs", "/offers/kolibri-kurzkurs/"],
    )
    assert client.get(offer_path("kolibri-kurzkurs")).status_code == 404


def a_draft_actor(actor):
    return actor


def an_unpublished_actor(actor):
    actor = publish(actor)
    actor.unpublish()
    return actor


def an_inactive_actor(actor):
    actor = publish(actor)
    actor.active = False
    return publish(actor)


@pytest.mark.parametrize(
    "hide",
    [a_draft_actor, an_unpublished_actor, an_inactive_actor],
    ids=["draft", "unpublished", "inactive"],
)
def test_an_actor_that_is_not_public_hides_itself_and_its_offers(client, place, live_offer, hide):
    actor = hide(new_actor(place, f"{WORD}-Werkstatt", "kolibri-werkstatt", phone="+49 555 0199"))
    publish(new_offer(actor, f"{WORD} Töpferkurs", "kolibri-toepferkurs"))
    actor_page = directory_url() + "actors/kolibri-werkstatt/"
    hidden = [
        f"{WORD}-Werkstatt",
        "/actors/kolibri-werkstatt/",
        f"{WORD} Töpferkurs",
        "/offers/kolibri-toepferkurs/",
        "+49 555 0199",
    ]
    check(
        client,
        offer_surfaces() + provider_surfaces(),
        present=["/offers/kolibri-lesekurs/"],
        absent=hidden,
    )
    check(client, actor_surfaces(), present=["/actors/kolibri-verein/"], absent=hidden)
    assert client.get(actor_page).status_code == 404
    assert client.get(offer_path("kolibri-toepferkurs")).status_code == 404

    actor.active = True
    publish(actor)
    check(client, offer_surfaces() + [actor_page], present=["/offers/kolibri-toepferkurs/"])
    check(client, actor_surfaces() + [offer_path("kolibri-toepferkurs")], present=[actor_page])


def test_an_unpublished_translation_leaves_the_original_in_its_place(client, live_actor):
    arabic = Locale.objects.get(language_code="ar")
    source = publish(new_offer(live_actor, f"{WORD} Sprachkurs", "kolibri-sprachkurs"))
    hidden = source.copy_for_translation(arabic)
    hidden.title = f"دورة {ARABIC_WORD} السرية"
    hidden.summary = "ملخص سري."
    hidden.live = False
    hidden.save()
    hidden.save_revision()
    control = publish(new_offer(live_actor, f"{WORD} Treff", "kolibri-treff"))
    translated = control.copy_for_translation(arabic)
    translated.title = f"لقاء {ARABIC_WORD}"
    translated.summary = "ملخص اللقاء."
    translated.live = False
    translated.save()
    publish(translated)

    hidden_texts = [hidden.title, "ملخص سري"]
    arabic_detail = offer_path("kolibri-sprachkurs", "ar")
    check(
        client,
        offer_surfaces("ar", ARABIC_WORD),
        present=[offer_path("kolibri-treff", "ar")],
        absent=[*hidden_texts, f"{WORD} Treff"],
    )
    check(client, ["/sitemap.xml"], absent=[arabic_detail])
    listed = offer_surfaces("ar")[:2]
    check(client, listed, present=[f"{WORD} Sprachkurs", translated.title], absent=hidden_texts)
    check(client, [arabic_detail], present=[f">{WORD} Sprachkurs</h1>"], absent=hidden_texts)

    publish(hidden)
    check(client, listed, present=[hidden.title], absent=[f"{WORD} Sprachkurs"])
    check(client, [arabic_detail], present=[f"<h1>{hidden.title}</h1>"])
    check(client, offer_surfaces("ar", ARABIC_WORD), present=[arabic_detail])
    check(client, offer_surfaces("ar", ARABIC_WORD)[:-1], present=[hidden.title])
