"""Slugs are readable ASCII: German spelled as Germans write it, other scripts transliterated.

Every model with a slug is added through its admin view with titles in German (an umlaut,
an "ß"), Arabic, Ukrainian, Russian and Persian, the slug field holding what Wagtail's
admin put there before (the title, lowercased, its letters kept), left empty, or a title
pasted into it. Slugs that exist stay as they are; translators' page slugs follow the rule.
"""

import json
import re

import pytest
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import Author, BlogIndexPage, BlogPage
from directory.models import Actor, DirectoryPage, Offer, Place, TargetGroup, Topic
from home.models import ContentPage, HomePage
from home.slugs import ascii_slug

pytestmark = pytest.mark.django_db

TITLES = {
    "umlaut": ("de", "Beratung für Mieterinnen und Mieter", "beratung-fuer-mieterinnen-und-mieter"),
    "sharp-s": ("de", "Treffpunkt Große Straße", "treffpunkt-grosse-strasse"),
    "arabic": ("ar", "استشارة قانونية للاجئين", "stshrh-qnwnyh-lljiyn"),
    "ukrainian": ("uk", "Консультація з питань житла", "konsultatsiya-z-pitan-zhitla"),
    "russian": ("ru", "Помощь с документами", "pomoshch-s-dokumentami"),
    "persian": ("fa", "مشاوره حقوقی برای پناهندگان", "mshwrh-hqwqy-bry-pnhndgn"),
}


def wagtail_slug(title):
    """What Wagtail's admin fills the slug field with when it keeps non-ASCII letters."""
    return slugify(title, allow_unicode=True)


def in_locale(model, locale):
    return model.objects.filter(locale=locale).first() or model.objects.first()


def new_home(locale):
    """A language tree of its own, so that pages allowed once per parent can be added."""
    root = Page.get_first_root_node()
    home = HomePage(title="Test home", slug=f"slug-test-{locale.language_code}", locale=locale)
    return root.add_child(instance=home)


# One admin form per model: (model, where it is added, the form's data).


def taxonomy(model):
    def form(locale, title, slug):
        url = reverse(f"wagtailsnippets_directory_{model._meta.model_name}:add")
        data = {"name": title, "slug": slug}
        if model is Topic:
            data.update(parent="", icon="")
        return url + f"?locale={locale.language_code}", data

    return form


def actor_form(locale, title, slug):
    url = reverse("wagtailsnippets_directory_actor:add") + f"?locale={locale.language_code}"
    return url, {
        "name": title,
        "slug": slug,
        "kind": "association",
        "summary": "Hilfe für Zugewanderte.",
        "description": rich_text("<p>Wir helfen.</p>"),
        "topics": inline_formset([{"topic": in_locale(Topic, locale).pk}]),
        "logo": "",
        "logo_alt_text": "",
        "street": "",
        "postcode": "",
        "place": "",
        "latitude": "",
        "longitude": "",
        "phone": "",
        "email": "",
        "website": "",
        "contacts": inline_formset([]),
        "languages": inline_formset([]),
        "opening_hours": inline_formset([]),
        "step_free": "",
        "accessibility_notes": "",
        "active": "on",
    }


def offer_form(locale, title, slug):
    url = reverse("wagtailsnippets_directory_offer:add") + f"?locale={locale.language_code}"
    return url, {
        "title": title,
        "slug": slug,
        "provider": in_locale(Actor, locale).pk,
        "summary": "Beratung zu Mietverträgen.",
        "description": rich_text("<p>Jeden Dienstag.</p>"),
        "topics": inline_formset([{"topic": in_locale(Topic, locale).pk}]),
        "target_groups": inline_formset([{"target_group": in_locale(TargetGroup, locale).pk}]),
        "languages": inline_formset([{"language": locale.language_code}]),
        "location": "provider",
        "street": "",
        "postcode": "",
        "place": "",
        "online_url": "",
        "schedule": "",
        "opening_hours": inline_formset([]),
        "is_free": "on",
        "cost_note": "",
        "registration_how": "",
        "eligibility": "",
        "valid_from": "",
        "valid_until": "",
        "status": "active",
    }


def author_form(locale, title, slug):
    url = reverse("wagtailsnippets_blog_author:add") + f"?locale={locale.language_code}"
    return url, {
        "name": title,
        "slug": slug,
        "role": "",
        "organisation": "",
        "actor": "",
        "photo": "",
        "bio": "",
    }


PROMOTE = {"seo_title": "", "search_description": ""}


def page_add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def content_page_form(locale, title, slug):
    data = {"title": title, "slug": slug, "intro": "", "body": streamfield([]), **PROMOTE}
    return page_add_url(ContentPage, new_home(locale)), data


def directory_page_form(locale, title, slug):
    data = {"title": title, "slug": slug, "intro": "", **PROMOTE}
    return page_add_url(DirectoryPage, new_home(locale)), data


def blog_index_form(locale, title, slug):
    data = {"title": title, "slug": slug, "intro": "", "featured_post": "", **PROMOTE}
    return page_add_url(BlogIndexPage, new_home(locale)), data


def blog_page_form(locale, title, slug):
    index = new_home(locale).add_child(instance=BlogIndexPage(title="Blog", slug="blog"))
    data = {
        "title": title,
        "slug": slug,
        "teaser": "Neu im Netzwerk.",
        "date": "",
        "post_type": "news",
        "post_authors": inline_formset([{"author": in_locale(Author, locale).pk}]),
        "hero_image": "",
        "hero_alt": "",
        "body": streamfield([]),
        "post_topics": inline_formset([{"topic": in_locale(Topic, locale).pk}]),
        "tags": "",
        "related_offers": inline_formset([]),
        "related_actors": inline_formset([]),
        "related_posts": inline_formset([]),
        **PROMOTE,
    }
    return page_add_url(BlogPage, index), data


def home_page_form(locale, title, slug):
    """Home pages exist once per language; the edit view of a new one stands for adding."""
    home = new_home(locale)
    data = {
        "title": title,
        "slug": slug,
        "intro": "",
        "featured_pages": streamfield([]),
        "sections": streamfield([]),
        "body": streamfield([]),
        "action-publish": "publish",
        **PROMOTE,
    }
    return reverse("wagtailadmin_pages:edit", args=[home.pk]), data


FORMS = {
    Topic: taxonomy(Topic),
    TargetGroup: taxonomy(TargetGroup),
    Place: taxonomy(Place),
    Actor: actor_form,
    Offer: offer_form,
    Author: author_form,
    HomePage: home_page_form,
    ContentPage: content_page_form,
    DirectoryPage: directory_page_form,
    BlogIndexPage: blog_index_form,
    BlogPage: blog_page_form,
}
MODELS = pytest.mark.parametrize("model", FORMS, ids=lambda model: model.__name__)


def save_in_admin(client, model, language_code, title, slug):
    """Post ``model``'s admin form with ``title`` and ``slug``; the saved object's slug."""
    locale = Locale.objects.get(language_code=language_code)
    url, data = FORMS[model](locale, title, slug)
    response = client.post(url, nested_form_data(data))
    assert response.status_code == 302, response.context["form"].errors
    title_field = "name" if model in (Topic, TargetGroup, Place, Actor, Author) else "title"
    return model.objects.get(locale=locale, **{title_field: title}).slug


@MODELS
@pytest.mark.parametrize("title", TITLES, ids=str)
def test_the_admin_saves_readable_ascii_slugs(admin_client, model, title):
    language_code, text, expected = TITLES[title]
    assert save_in_admin(admin_client, model, language_code, text, wagtail_slug(text)) == expected


@MODELS
def test_a_slug_left_empty_is_made_from_the_title(admin_client, model):
    language_code, text, expected = TITLES["umlaut"]
    assert save_in_admin(admin_client, model, language_code, text, "") == expected


@pytest.mark.parametrize("model", [Offer, ContentPage], ids=lambda model: model.__name__)
def test_a_title_pasted_into_the_slug_field_becomes_its_slug(admin_client, model):
    language_code, text, expected = TITLES["persian"]
    assert save_in_admin(admin_client, model, language_code, "Titel", text) == expected


def test_an_unchanged_slug_stays_as_it_is(admin_client):
    topic = Topic.objects.create(name="Alt", slug="Alte_Kurse", locale=Locale.get_default())
    url = reverse("wagtailsnippets_directory_topic:edit", args=[topic.pk])
    data = {"name": "Sprachkurse für Ältere", "slug": "Alte_Kurse", "parent": "", "icon": ""}
    assert admin_client.post(url, data).status_code == 302
    topic.refresh_from_db()
    assert (topic.name, topic.slug) == ("Sprachkurse für Ältere", "Alte_Kurse")


def test_an_existing_page_keeps_its_unicode_slug(admin_client, demo):
    page = demo["home"].add_child(instance=ContentPage(title="Über uns", slug="über-uns"))
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = {
        "title": "Über uns und das Netzwerk",
        "slug": "über-uns",
        "intro": "",
        "body": streamfield([]),
        "action-publish": "publish",
        **PROMOTE,
    }
    assert admin_client.post(url, nested_form_data(data)).status_code == 302
    page.refresh_from_db()
    assert (page.title, page.slug) == ("Über uns und das Netzwerk", "über-uns")
    assert admin_client.get("/de/%C3%BCber-uns/").status_code == 200


def formatters(client, language_code):
    """The replacements the admin's slug field makes while an offer's title is typed."""
    response = client.get(
        reverse("wagtailsnippets_directory_offer:add") + f"?locale={language_code}"
    )
    attrs = response.context["form"]["slug"].field.widget.attrs
    assert attrs["data-w-slug-locale-value"] == language_code
    return json.loads(attrs["data-w-slug-formatters-value"])


def replaced(formatters, text):
    """``text`` after the formatters, without what Wagtail's urlify then drops."""
    for (pattern, _flags), replacement in formatters:
        text = re.sub(pattern, replacement, text)
    return re.sub(r"[^-\w\s]", "", text, flags=re.ASCII)


def test_the_admin_fills_the_slug_in_by_the_rule_of_the_objects_language(admin_client):
    assert replaced(formatters(admin_client, "de"), "Ärzte für Straßen") == "Aerzte fuer Strassen"
    assert replaced(formatters(admin_client, "tr"), "Türkçe kursu, ığdır") == "Turkce kursu igdir"
    assert replaced(formatters(admin_client, "fa"), "مشاوره ۲") == "mshwrh 2"


def test_a_page_saved_without_a_slug_gets_one_by_the_rule(demo):
    page = demo["home"].add_child(instance=ContentPage(title="Ärztliche Hilfe für alle"))
    assert page.slug == "aerztliche-hilfe-fuer-alle"
    again = demo["home"].add_child(instance=ContentPage(title="Ärztliche Hilfe für alle"))
    assert again.slug == "aerztliche-hilfe-fuer-alle-1"


@pytest.mark.parametrize(
    ("source_code", "target_code", "typed", "expected"),
    [
        ("de", "uk", "про-мережу", "pro-merezhu"),
        ("en", "de", "hilfe-für-familien", "hilfe-fuer-familien"),
    ],
)
def test_a_translators_page_slug_follows_the_rule(demo, source_code, target_code, typed, expected):
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    source_locale = Locale.objects.get(language_code=source_code)
    target = Locale.objects.get(language_code=target_code)
    home = demo["home"].get_translation(source_locale)
    page = home.add_child(instance=ContentPage(title="Help", slug="help-for-families"))
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=target)
    for segment in source.stringsegment_set.select_related("string", "context"):
        if segment.context.path == "slug":
            StringTranslation.objects.create(
                translation_of=segment.string, locale=target, context=segment.context, data=typed
            )
    translation.save_target(publish=False)
    assert page.get_translation(target).slug == expected


@pytest.mark.parametrize(
    ("text", "language_code", "expected"),
    [
        ("Nähcafé für Frauen", "de", "naehcafe-fuer-frauen"),
        ("ÄRZTE UND ÖFFNUNGSZEITEN", "de", "aerzte-und-oeffnungszeiten"),
        ("Ba\u0308ckerei", "de", "baeckerei"),  # "ä" typed as "a" and a combining diaeresis
        ("Nähcafé für Frauen", "en", "nahcafe-fur-frauen"),
        ("Türkçe kursu, ığdır", "tr", "turkce-kursu-igdir"),
        ("دورة ٢ للنساء", "ar", "dwrh-2-llns"),
        ("Київ", "uk", "kiiv"),
    ],
)
def test_the_rule(text, language_code, expected):
    assert ascii_slug(text, language_code) == expected


def test_text_without_letters_gets_a_stable_code():
    first, again = ascii_slug("???", "de"), ascii_slug("???", "ar")
    assert first == again and first.isascii() and first.isalnum() and len(first) == 8
    assert ascii_slug("!!!", "de") != first
    assert ascii_slug("   ", "de") == ""


def test_a_long_title_gives_a_slug_within_the_fields_limit():
    slug = ascii_slug("Ärztliche Sprechstunde für Geflüchtete " * 5, "de", max_length=100)
    assert len(slug) <= 100 and not slug.endswith("-")
