"""The admin speaks its user's language: the one they chose in their account, else German.

Wagtail's strings that its catalogues lack for a language, the site's own strings and the
labels Wagtail fixes at start-up all follow the user's language; lists start with the source
language, and the vocabulary's choosers show one language's terms on one screen.
"""

import html
import json
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

pytestmark = pytest.mark.django_db

HTML_TAG = re.compile(r"<html lang=\"([\w-]+)\" dir=\"(\w+)\"")


@pytest.fixture
def sign_in(client, django_user_model):
    """Sign ``client`` in as a superuser who chose ``language`` in their account ("": none)."""
    from wagtail.users.models import UserProfile

    def sign_in_as(language):
        user = django_user_model.objects.create_superuser(
            f"admin-{language or 'default'}", f"admin-{language}@example.org", "a-long-password-1"
        )
        if language:
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
        client.force_login(user)
        return client

    return sign_in_as


def page_language(response):
    """The language and writing direction the page declares on its <html> element."""
    return HTML_TAG.search(response.content.decode()).groups()


def markup(response):
    """The HTML of a page, or of a chooser (which Wagtail sends inside JSON)."""
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


def text(response):
    """The page's text with its markup and runs of white space reduced to single spaces."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup(response))))


def choices(response):
    """The names a chooser offers to choose."""
    names = re.findall(r"data-chooser-modal-choice[^>]*>([^<]*)<", markup(response))
    return [html.unescape(name).strip() for name in names]


# Which language


@pytest.mark.parametrize("browser_language", ["en", "ar", "uk,en;q=0.8"])
def test_a_user_without_a_language_of_their_own_gets_the_admin_in_german(sign_in, browser_language):
    client = sign_in("")
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE=browser_language)
    assert page_language(response) == ("de", "ltr")
    assert "Integrationsnetzwerk" in text(response)


def test_a_user_who_chose_arabic_reads_the_admin_right_to_left(sign_in):
    client = sign_in("ar")
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="de")
    assert page_language(response) == ("ar", "rtl")
    assert "شبكة الاندماج" in text(response)
    assert "Integration network" not in text(response)


def test_the_sign_in_page_speaks_the_browsers_language(client):
    """Nobody is known before signing in, so the browser's language is the best guess."""
    response = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="ar")
    assert page_language(response) == ("ar", "rtl")


def test_users_choose_among_the_languages_the_site_translates(sign_in):
    client = sign_in("")
    form = client.get(reverse("wagtailadmin_account")).content.decode()
    select = re.search(r'<select name="locale-preferred_language".*?</select>', form, re.S)
    offered = re.findall(r'<option value="([^"]*)"', select.group(0))
    assert sorted(offered) == sorted(["", "de", "en", "ar", "uk", "fa", "ru", "tr"])


# What it says


def test_snippet_screens_are_in_the_users_language_not_the_start_up_language(sign_in):
    """Wagtail builds the breadcrumbs and chooser buttons of snippet views once, at start-up."""
    from directory.models import Offer

    client = sign_in("ar")
    offer = Offer.objects.filter(locale__language_code="de").first()
    page = text(client.get(reverse("wagtailsnippets_directory_offer:edit", args=[offer.pk])))
    assert "اختر الموضوع" in page  # "Choose topic"
    assert "Thema auswählen" not in page
    assert "الرئيسية" in page  # "Home" in the breadcrumbs
    assert "Startseite" not in page
    chooser = text(client.get(reverse("wagtailsnippetchoosers_directory_topic:choose")))
    assert "اختر" in chooser and "Auswählen" not in chooser


def test_the_translation_editor_names_the_rows_of_a_post(sign_in):
    from blog.models import BlogPage

    client = sign_in("uk")
    post = BlogPage.objects.filter(locale__language_code="uk", alias_of__isnull=True).first()
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[post.pk])).content.decode()
    props = json.loads(html.unescape(re.search(r'data-props="([^"]*)"', editor).group(1)))
    fields = {segment["location"]["field"] for segment in props["segments"]}
    assert "Тема допису" in fields  # the topic of a post
    assert not {"Blog page topic", "Blog page author"} & fields


@pytest.mark.parametrize(
    "language, url_name, translated, fallback",
    [
        # Strings that Wagtail's or wagtail-localize's catalogues lack for the language: Django
        # showed them in the source language (German) or in English instead.
        ("fa", "blog_posts:index", "گزینه‌های بیشتر برای", "Weitere Optionen für"),
        ("uk", "wagtailadmin_home", "Шукати на всіх сторінках…", "Alle Seiten durchsuchen…"),
        ("tr", "wagtail_localize:translations_report", "Çeviri bekleniyor", "Übersetzungen"),
        ("ar", "wagtailadmin_reports:locked_pages", "مقفل بواسطة", "Gesperrt von"),
        ("de", "wagtaillocales:index", "Sprache hinzufügen", "Add a locale"),
    ],
)
def test_wagtails_strings_are_translated_where_its_catalogues_are_not(
    sign_in, language, url_name, translated, fallback
):
    page = html.unescape(markup(sign_in(language).get(reverse(url_name))))  # labels too
    assert translated in page
    assert fallback not in page


@pytest.mark.parametrize(
    "language, url_name, translated",
    [
        ("fa", "wagtail_localize:javascript_catalog", "بارگیری پروندهٔ PO"),
        ("tr", "wagtail_localize:javascript_catalog", "PO dosyasını indir"),
        ("ar", "wagtail_localize:javascript_catalog", "ترجمة من %(source)s إلى %(target)s"),
        ("uk", "wagtailadmin_javascript_catalog", "Головне меню"),
    ],
)
def test_the_admins_javascript_is_translated(sign_in, language, url_name, translated):
    catalogue = sign_in(language).get(reverse(url_name)).content.decode()
    assert json.dumps(translated)[1:-1] in catalogue


def compiled_catalogues():
    """The catalogues besides locale/*/django.po (see test_translations.py): the admin's
    scripts' and those that complete Wagtail's."""
    base = Path(settings.BASE_DIR)
    return sorted(
        str(po.relative_to(base))
        for po in [
            *base.glob("locale/*/LC_MESSAGES/djangojs.po"),
            *base.glob("locale_wagtail/*/*/*.po"),
        ]
    )


@pytest.mark.parametrize("po_path", compiled_catalogues())
def test_every_translation_is_compiled(po_path):
    """A .mo file that lags behind its .po leaves the new strings untranslated."""
    po = polib.pofile(Path(settings.BASE_DIR) / po_path)
    mo = polib.mofile(Path(settings.BASE_DIR) / po_path.replace(".po", ".mo"))
    written = {(e.msgid, e.msgstr, tuple(e.msgstr_plural.items())) for e in po.translated_entries()}
    compiled = {(e.msgid, e.msgstr, tuple(e.msgstr_plural.items())) for e in mo if e.msgid}
    assert written and written == compiled


@pytest.mark.parametrize("language", ["uk", "ar"])
def test_dates_are_written_in_the_users_language(sign_in, language):
    from directory.models import Offer

    offer = (
        Offer.objects.filter(locale__language_code="de", valid_until__isnull=False)
        .order_by("title")
        .first()
    )
    page = text(sign_in(language).get(reverse("wagtailsnippets_directory_offer:list")))
    with translation.override(language):
        written = formats.date_format(offer.valid_until, "DATE_FORMAT")
    assert written in page
    assert not re.search(r"[A-Za-z]", written)


# Lists and choosers


def listed_languages(client, url, model, pattern):
    """The languages of the objects ``url`` lists, found by their edit links."""
    ids = set(re.findall(pattern, client.get(url).content.decode()))
    return set(
        model.objects.filter(pk__in=ids).values_list("locale__language_code", flat=True).distinct()
    )


@pytest.mark.parametrize(
    "url_name, model_path, edit_link",
    [
        ("wagtailsnippets_directory_offer:list", "directory.Offer", r"/offer/edit/(\d+)/"),
        ("wagtailsnippets_directory_actor:list", "directory.Actor", r"/actor/edit/(\d+)/"),
        ("wagtailsnippets_directory_topic:list", "directory.Topic", r"/topic/edit/(\d+)/"),
        ("wagtailsnippets_blog_author:list", "blog.Author", r"/author/edit/(\d+)/"),
        ("blog_posts:index", "wagtailcore.Page", r"/admin/pages/(\d+)/edit/"),
    ],
)
def test_lists_start_with_the_source_language(sign_in, url_name, model_path, edit_link):
    from django.apps import apps

    client = sign_in("")
    model = apps.get_model(model_path)
    url = reverse(url_name)
    assert listed_languages(client, url, model, edit_link) == {"de"}
    assert listed_languages(client, f"{url}?locale=ar", model, edit_link) == {"ar"}
    assert len(listed_languages(client, f"{url}?locale=", model, edit_link)) > 1


@pytest.mark.parametrize("model_name", ["topic", "targetgroup", "place"])
def test_a_vocabulary_chooser_shows_one_languages_terms_on_one_screen(sign_in, model_name):
    from django.apps import apps

    model = apps.get_model("directory", model_name)
    arabic = list(model.objects.filter(locale__language_code="ar").values_list("name", flat=True))
    url = reverse(f"wagtailsnippetchoosers_directory_{model_name}:choose")
    assert sorted(choices(sign_in("ar").get(url, {"locale": "ar"}))) == sorted(arabic)


def test_the_topic_chooser_finds_topics_by_name(sign_in):
    url = reverse("wagtailsnippetchoosers_directory_topic:choose_results")
    found = choices(sign_in("").get(url, {"locale": "de", "q": "sprach"}))
    assert found and all("sprach" in name.lower() for name in found)
