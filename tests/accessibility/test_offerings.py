"""Leichte Sprache and German Sign Language: the German pages, the header's links to them in
every language, the editor's hints, and the checks of uploaded videos and captions."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accessibility.easy_language import check
from accessibility.models import (
    EasyLanguageIndexPage,
    EasyLanguagePage,
    SignLanguagePage,
    SignLanguagePageVideo,
    SignLanguageVideo,
)

from .conftest import LANGUAGES

pytestmark = pytest.mark.django_db

MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01" + b"\x00" * 64
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:04.000\nWillkommen im Netzwerk.\n"


@pytest.fixture
def easy_index(db):
    return EasyLanguageIndexPage.objects.get(locale__language_code="de")


@pytest.fixture
def sign_page(db):
    return SignLanguagePage.objects.get(locale__language_code="de")


def header_links(html):
    """The header's list of links to the German offerings, or None."""
    found = re.search(r'<ul class="offering-links">.*?</ul>', html, re.S)
    return found.group() if found else None


def test_the_demo_has_the_three_easy_language_pages_and_a_sign_language_page(easy_index, sign_page):
    assert easy_index.url == "/de/leichte-sprache/"
    assert [page.title for page in easy_index.get_children().live()] == [
        "Was ist das Netzwerk?",
        "Wo bekomme ich Hilfe?",
        "Wie finde ich einen Deutsch·kurs?",
    ]
    assert sign_page.url == "/de/gebaerdensprache/"


def test_the_demo_texts_follow_the_checked_rules(easy_index):
    pages = [easy_index, *EasyLanguagePage.objects.child_of(easy_index)]
    hints = [hint for page in pages for text in page.easy_language_texts() for hint in check(text)]
    assert hints == []


def test_the_offerings_stay_in_the_german_tree(easy_index, sign_page):
    """No aliases in the other languages: they are German offerings, linked from every tree."""
    for page in [easy_index, sign_page, *easy_index.get_children()]:
        assert Page.objects.filter(translation_key=page.translation_key).count() == 1
    out = io.StringIO()
    call_command("sync_language_trees", stdout=out)
    assert "Every language tree has every page." in out.getvalue()


def test_a_new_easy_language_page_gets_no_aliases(easy_index):
    page = EasyLanguagePage(title="Wer hilft bei der Arbeit?", slug="arbeit", intro="Hier.")
    easy_index.add_child(instance=page)
    page.save_revision().publish()
    assert Page.objects.filter(translation_key=page.translation_key).count() == 1


def test_the_offerings_are_created_only_in_the_german_tree():
    homes = {page.locale.language_code: page for page in Page.objects.filter(depth=2)}
    for model in (EasyLanguageIndexPage, SignLanguagePage):
        assert not model.can_create_at(homes["de"])  # one of each is there already
        assert not model.can_create_at(homes["ar"])
    assert EasyLanguagePage.can_create_at(EasyLanguageIndexPage.objects.get())


def test_loading_the_demo_again_adds_no_offerings(easy_index):
    before = Page.objects.count()
    out = io.StringIO()
    call_command("load_accessibility_demo", stdout=out)
    assert "0 created" in out.getvalue()
    assert Page.objects.count() == before


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_links_to_the_german_offerings_in_the_header(client, code, easy_index):
    html = client.get(f"/{code}/").content.decode()
    links = header_links(html)
    assert links and links in html.split("</header>")[0]
    assert '<a href="/de/leichte-sprache/" hreflang="de"' in links
    assert '<span lang="de" dir="ltr">Leichte Sprache</span>' in links
    assert '<a href="/de/gebaerdensprache/" hreflang="de"' in links
    assert '<span lang="de" dir="ltr">Gebärdensprache</span>' in links
    assert ("<small>" in links) == (code != "de")  # a hint in the visitor's language


def test_the_arabic_hint_is_arabic(client, easy_index):
    links = header_links(client.get("/ar/").content.decode())
    assert "<small>(الألمانية المبسطة)</small>" in links


def test_without_the_pages_there_are_no_links(client, easy_index, sign_page):
    easy_index.unpublish()
    html = client.get("/ar/").content.decode()
    assert "/de/leichte-sprache/" not in html and "/de/gebaerdensprache/" in html
    sign_page.unpublish()
    assert header_links(client.get("/ar/").content.decode()) is None


@pytest.mark.parametrize("slug", ["leichte-sprache", "leichte-sprache/wo-bekomme-ich-hilfe"])
def test_easy_language_pages_are_german_and_marked_as_leichte_sprache(client, slug):
    html = client.get(f"/de/{slug}/").content.decode()
    assert '<html lang="de" dir="ltr">' in html
    assert 'class="easy-language" lang="de" dir="ltr" aria-label="Leichte Sprache"' in html
    assert 'role="img" aria-label="Zeichen für Leichte Sprache"' in html
    assert 'aria-current="page"' in header_links(html) or slug != "leichte-sprache"


def test_an_easy_language_page_explains_hard_words(client):
    html = client.get("/de/leichte-sprache/wo-bekomme-ich-hilfe/").content.decode()
    assert "<dt>Beratung</dt>" in html
    assert "Bei einer Beratung sprechen Sie mit einem Berater." in html


def test_the_demo_sign_language_page_shows_text_and_no_player(client, sign_page):
    html = client.get(sign_page.url).content.decode()
    assert 'aria-label="Deutsche Gebärdensprache"' in html
    assert "Deutscher Gebärdensprache (DGS)" in html
    assert "<video" not in html


@pytest.fixture
def video(db):
    return SignLanguageVideo.objects.create(
        title="Willkommen im Netzwerk",
        video=SimpleUploadedFile("willkommen.webm", WEBM),
        captions=SimpleUploadedFile("willkommen.vtt", CAPTIONS),
        transcript="Die Koordinatorin stellt das Netzwerk vor.",
    )


def test_a_sign_language_video_plays_only_when_asked_with_german_captions(client, sign_page, video):
    SignLanguagePageVideo.objects.create(page=sign_page, video=video)
    sign_page.save_revision().publish()
    html = client.get(sign_page.url).content.decode()
    assert '<video controls preload="none"' in html
    assert f'<source src="{video.video.url}" type="video/webm">' in html
    assert f'<track kind="captions" srclang="de" label="Deutsch" src="{video.captions.url}"' in html
    assert "Die Koordinatorin stellt das Netzwerk vor." in html
    assert video.video.url.startswith("/media/sign-language/")  # the site's media


def found(client, language, query):
    """The addresses of the site search's results for ``query`` on the ``language`` site."""
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return [result.url for result in response.context["results"]]


def test_the_search_finds_the_easy_language_pages_by_their_words_and_in_whole_compounds(client):
    assert "/de/leichte-sprache/wie-finde-ich-einen-deutschkurs/" in found(
        client, "de", "Deutschkurs finden"
    )
    assert "/de/leichte-sprache/" in found(client, "de", "Leichte Sprache")


def test_the_search_finds_the_sign_language_page_by_its_videos_and_follows_a_changed_video(
    client, sign_page, video, django_capture_on_commit_callbacks
):
    SignLanguagePageVideo.objects.create(page=sign_page, video=video)
    sign_page.save_revision().publish()
    assert sign_page.url in found(client, "de", "Koordinatorin")

    video.transcript = "Die Beraterin erklärt den Weg zur Ausländerbehörde."
    video.save()
    assert sign_page.url not in found(client, "de", "Koordinatorin")
    assert sign_page.url in found(client, "de", "Beraterin Ausländerbehörde")

    with django_capture_on_commit_callbacks(execute=True):
        video.delete()
    assert sign_page.url not in found(client, "de", "Beraterin Ausländerbehörde")


def upload_form(video_file, captions_file):
    return {
        "title": "Wo bekomme ich Hilfe?",
        "video": video_file,
        "captions": captions_file,
        "poster": "",
        "transcript": "Die Beratungsstellen im Landkreis helfen kostenlos.",
    }


def add_video_url():
    return reverse("wagtailsnippets_accessibility_signlanguagevideo:add")


def test_an_editor_uploads_a_video_with_captions(admin_client):
    response = admin_client.post(
        add_video_url(),
        upload_form(
            SimpleUploadedFile("hilfe.mp4", MP4, content_type="video/mp4"),
            SimpleUploadedFile("hilfe.vtt", CAPTIONS, content_type="text/vtt"),
        ),
    )
    assert response.status_code == 302
    video = SignLanguageVideo.objects.get(title="Wo bekomme ich Hilfe?")
    assert video.video.name.endswith(".mp4") and video.video_type == "video/mp4"


@pytest.mark.parametrize(
    ("video_file", "captions_file", "field", "message"),
    [
        (
            SimpleUploadedFile("hilfe.mp4", b"%PDF-1.7 not a video" * 4),
            SimpleUploadedFile("hilfe.vtt", CAPTIONS),
            "video",
            "This file is not an MP4 or WebM video.",
        ),
        (
            SimpleUploadedFile("hilfe.pdf", b"%PDF-1.7" * 4),
            SimpleUploadedFile("hilfe.vtt", CAPTIONS),
            "video",
            "“pdf”",
        ),
        (
            SimpleUploadedFile("hilfe.webm", WEBM),
            SimpleUploadedFile("hilfe.vtt", b"1\n00:00:00,000 --> 00:00:04,000\nHallo\n"),
            "captions",
            "This file is not a WebVTT captions file",
        ),
    ],
)
def test_an_upload_of_the_wrong_kind_is_refused_with_a_clear_error(
    english_admin_client, video_file, captions_file, field, message
):
    video_file.seek(0)
    captions_file.seek(0)
    response = english_admin_client.post(add_video_url(), upload_form(video_file, captions_file))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert message in response.content.decode()  # shown in the editor's language
    assert not SignLanguageVideo.objects.exists()


@override_settings(SIGN_LANGUAGE_VIDEO_MAX_BYTES=50)
def test_a_video_larger_than_allowed_is_refused(english_admin_client):
    response = english_admin_client.post(
        add_video_url(),
        upload_form(SimpleUploadedFile("hilfe.webm", WEBM), SimpleUploadedFile("a.vtt", CAPTIONS)),
    )
    assert list(response.context["form"].errors) == ["video"]
    assert "The file is too large (73\xa0bytes); at most 50\xa0bytes are allowed." in (
        response.content.decode()
    )


def easy_page_form(page, body):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "body": streamfield([("paragraph", rich_text(body))]),
            "search_description": "",
            "seo_title": "",
        }
    )


def test_the_editor_sees_hints_for_the_draft_and_may_publish_anyway(english_admin_client):
    page = EasyLanguagePage.objects.get(slug="wo-bekomme-ich-hilfe")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = english_admin_client.get(edit_url).content.decode()
    assert "Hints for Leichte Sprache" in html
    assert "No hints: the text follows the checked rules." in html

    data = easy_page_form(page, "<p>Der Antrag wird nicht vom Amt geprüft.</p>")
    data["action-publish"] = "publish"
    response = english_admin_client.post(edit_url, data)
    assert response.status_code == 302  # hints never block a publish
    page.refresh_from_db()
    assert "nicht vom Amt" in str(page.body[0].value)

    html = english_admin_client.get(edit_url).content.decode()
    assert 'data-rule="negation"' in html and 'data-rule="passive"' in html
    assert "Passive voice: say who does something." in html
    assert '<q lang="de">Der Antrag wird nicht vom Amt geprüft.</q>' in html


def test_the_hints_speak_the_editors_language(admin_client):
    page = EasyLanguagePage.objects.get(slug="wo-bekomme-ich-hilfe")
    page.intro = "Sie müssen nicht warten."
    page.save_revision()
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Hinweise für Leichte Sprache" in html
    assert "Verneinung" in html


def test_the_editor_adds_an_easy_language_page_only_below_the_start_page(
    english_admin_client, easy_index
):
    german_home = easy_index.get_parent()
    arabic_home = german_home.get_translation(Locale.objects.get(language_code="ar"))
    choose = reverse("wagtailadmin_pages:add_subpage", args=[arabic_home.pk])
    assert "Leichte Sprache start page" not in english_admin_client.get(choose).content.decode()
    choose = reverse("wagtailadmin_pages:add_subpage", args=[easy_index.pk])
    response = english_admin_client.get(choose)
    assert response.status_code == 302  # the only type allowed there: straight to its form
    assert "easylanguagepage" in response["Location"]


@pytest.mark.parametrize(("group", "may_delete"), [("Editors", False), ("Moderators", True)])
def test_editors_and_moderators_upload_sign_language_videos(django_user_model, group, may_delete):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(group.lower(), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    assert user.has_perms(
        ["accessibility.add_signlanguagevideo", "accessibility.change_signlanguagevideo"]
    )
    assert user.has_perm("accessibility.delete_signlanguagevideo") == may_delete
