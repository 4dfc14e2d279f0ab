"""Translations written outside wagtail-localize are in its memory, and no synchronisation
writes source text over a person's translation."""

import csv

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from blog.models import BlogIndexPage, BlogPage, BlogPageActor, BlogPageOffer, BlogPageTopic
from directory.exchange import import_directory
from directory.models import Actor, Offer, Topic

pytestmark = pytest.mark.django_db

LANGUAGE_CAFES_AR = "مقاهي اللغة"


@pytest.fixture
def arabic():
    return Locale.objects.get(language_code="ar")


def german_post(title, topics=(), offers=(), actors=()):
    """A published German post below the demo blog, linking the given German objects."""
    index = BlogIndexPage.objects.get(locale__language_code="de")
    post = BlogPage(title=title, slug=title.lower().replace(" ", "-"), teaser="Ein Anriss.")
    post.post_topics = [BlogPageTopic(topic=topic) for topic in topics]
    post.related_offers = [BlogPageOffer(offer=offer) for offer in offers]
    post.related_actors = [BlogPageActor(actor=actor) for actor in actors]
    index.add_child(instance=post)
    post.save_revision().publish()
    return post


def translate_page(client, page, locale):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, {"locales": [locale.pk]})
    assert response.status_code == 302, response.content[:500]


def texts(entry):
    """What visitors read of a directory entry."""
    fields = ["name"] if isinstance(entry, Actor) else ["title", "schedule", "registration_how"]
    return {field: getattr(entry, field) for field in ["summary", "description", *fields]}


def test_translating_a_post_keeps_the_arabic_name_of_its_topic(client, admin_user, arabic):
    topic = Topic.objects.get(slug="language-cafes", locale__language_code="de")
    assert topic.name == "Sprachcafés"
    post = german_post("Neues aus den Sprachcafés", topics=[topic])
    client.force_login(admin_user)

    translate_page(client, post, arabic)

    assert Topic.objects.get(slug="language-cafes", locale=arabic).name == LANGUAGE_CAFES_AR
    translated = BlogPage.objects.get(translation_key=post.translation_key, locale=arabic)
    assert [row.topic.name for row in translated.post_topics.all()] == [LANGUAGE_CAFES_AR]
    client.logout()
    facets = client.get("/ar/offers/").content.decode()
    assert LANGUAGE_CAFES_AR in facets
    assert "Sprachcafés" not in facets


def test_translating_a_post_keeps_its_related_offer_in_arabic(client, admin_user, arabic):
    offer = Offer.objects.get(external_id="svc-01", locale__language_code="de")
    before = Offer.objects.get(translation_key=offer.translation_key, locale=arabic)
    post = german_post("Willkommen im Landkreis", offers=[offer])
    client.force_login(admin_user)

    translate_page(client, post, arabic)

    after = Offer.objects.get(pk=before.pk)
    assert texts(after) == texts(before)
    assert after.live
    client.logout()
    page = client.get(f"/ar/offers/offers/{after.slug}/").content.decode()
    assert before.title in page


def test_translating_a_post_keeps_its_actor_and_the_actors_offers_in_arabic(
    client, admin_user, arabic
):
    actor = Actor.objects.get(external_id="org-01", locale__language_code="de")
    arabic_actor = Actor.objects.get(translation_key=actor.translation_key, locale=arabic)
    arabic_offers = {offer.pk: texts(offer) for offer in arabic_actor.offers.all()}
    assert arabic_offers
    before = texts(arabic_actor)
    post = german_post("Besuch beim Landratsamt", actors=[actor])
    client.force_login(admin_user)

    translate_page(client, post, arabic)

    arabic_actor.refresh_from_db()
    assert texts(arabic_actor) == before
    assert {offer.pk: texts(offer) for offer in arabic_actor.offers.all()} == arabic_offers


def test_imported_translations_are_in_the_translation_memory(arabic):
    offer = Offer.objects.get(external_id="svc-01", locale=arabic)
    translation = Translation.objects.get(
        source__object_id=offer.translation_key, target_locale=arabic
    )
    total, translated = translation.get_progress()
    assert total > 0 and translated == total
    title = StringTranslation.objects.get(
        locale=arabic,
        context__object_id=offer.translation_key,
        context__path="title",
    )
    assert title.data == offer.title


def test_updating_translations_keeps_arabic_text_of_a_changed_source(client, admin_user, arabic):
    german = Offer.objects.get(external_id="svc-01", locale__language_code="de")
    arabic_offer = Offer.objects.get(translation_key=german.translation_key, locale=arabic)
    arabic_title = arabic_offer.title
    german.title = "Willkommenssprechstunde für alle, die neu sind"
    german.save_revision().publish()
    translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale=arabic
    )
    client.force_login(admin_user)

    response = client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source_id]),
        {"publish_translations": "on"},
    )

    assert response.status_code == 302
    arabic_offer.refresh_from_db()
    assert arabic_offer.title == arabic_title
    changed = StringSegment.objects.get(source=translation.source, context__path="title")
    assert changed.string.data == german.title
    assert not StringTranslation.objects.filter(
        translation_of=changed.string, locale=arabic, context=changed.context
    ).exists(), "the changed title waits for its translator"


def test_an_edit_in_the_snippet_editor_goes_into_the_memory(client, admin_user, arabic):
    offer = Offer.objects.get(external_id="svc-02", locale=arabic)
    translation = Translation.objects.get(
        source__object_id=offer.translation_key, target_locale=arabic
    )
    client.force_login(admin_user)
    stop = reverse("wagtail_localize:stop_translation", args=[translation.pk])
    assert client.post(stop).status_code == 302
    offer.title = "عنوان جديد كتبه المحرر"
    offer.save_revision(user=admin_user).publish()

    memory = StringTranslation.objects.get(
        locale=arabic, context__object_id=offer.translation_key, context__path="title"
    )
    assert memory.data == "عنوان جديد كتبه المحرر"
    translation.enabled = True
    translation.save()
    translation.save_target(user=admin_user)
    offer.refresh_from_db()
    assert offer.title == "عنوان جديد كتبه المحرر"


def test_a_database_without_memory_is_brought_up_to_date(arabic):
    topic = Topic.objects.get(slug="language-cafes", locale=arabic)
    StringTranslation.objects.filter(context__object_id=topic.translation_key).delete()
    Translation.objects.filter(source__object_id=topic.translation_key).delete()

    call_command("record_translation_memory", verbosity=0)

    translation = Translation.objects.get(
        source__object_id=topic.translation_key, target_locale=arabic
    )
    assert translation.get_progress() == (1, 1)
    translation.save_target()
    topic.refresh_from_db()
    assert topic.name == LANGUAGE_CAFES_AR


def test_without_memory_a_synchronisation_still_keeps_the_arabic_text(arabic):
    topic = Topic.objects.get(slug="language-cafes", locale=arabic)
    StringTranslation.objects.filter(context__object_id=topic.translation_key).delete()
    translation = Translation.objects.get(
        source__object_id=topic.translation_key, target_locale=arabic
    )

    translation.save_target()

    topic.refresh_from_db()
    assert topic.name == LANGUAGE_CAFES_AR


def test_a_reimport_of_the_source_keeps_the_translations_synchronised(tmp_path, arabic):
    german = Offer.objects.get(external_id="svc-01", locale__language_code="de")
    arabic_offer = Offer.objects.get(translation_key=german.translation_key, locale=arabic)
    arabic_topic_keys = set(arabic_offer.topics.values_list("translation_key", flat=True))
    folder = tmp_path / "reimport"
    call_command("export_directory", str(folder), verbosity=0)
    for name in ("organizations.csv", "services.csv"):
        with open(folder / name, encoding="utf-8", newline="") as file:
            reader = csv.DictReader(file)
            columns, rows = reader.fieldnames, [row for row in reader if row["locale"] == "de"]
        with open(folder / name, "w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    (folder / "taxonomies.csv").unlink()
    (folder / "datapackage.json").unlink()

    import_directory(folder)

    german.refresh_from_db()
    assert set(german.topics.values_list("translation_key", flat=True)) == arabic_topic_keys
    translation = Translation.objects.get(
        source__object_id=german.translation_key, target_locale=arabic
    )
    before = texts(arabic_offer)
    translation.save_target()
    arabic_offer.refresh_from_db()
    assert texts(arabic_offer) == before
    assert [row.topic.locale_id for row in arabic_offer.topics.all()] == [arabic.pk] * len(
        arabic_topic_keys
    )
