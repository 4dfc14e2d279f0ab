"""Model rules: what is translated, what is synchronised, what is public."""

import datetime

import pytest
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from directory.models import Actor, DirectoryPage, Offer, Topic

pytestmark = pytest.mark.django_db


def kinds(model):
    return {
        field.field_name: "synchronised" if isinstance(field, SynchronizedField) else "translated"
        for field in get_translatable_fields(model)
    }


def test_words_are_translated_and_facts_synchronised():
    offer, actor = kinds(Offer), kinds(Actor)
    for name in ["title", "summary", "description", "schedule", "cost_note", "provider", "topics"]:
        assert offer[name] == "translated", name
    for name in [
        "slug",
        "external_id",
        "street",
        "postcode",
        "valid_until",
        "is_free",
        "languages",
    ]:
        assert offer[name] == "synchronised", name
    for name in ["phone", "email", "website", "latitude", "longitude", "kind", "opening_hours"]:
        assert actor[name] == "synchronised", name
    assert actor["name"] == actor["contacts"] == "translated"
    assert kinds(Topic)["slug"] == "synchronised"


def test_only_live_current_offers_of_active_actors_are_public(small):
    offer = small["offers"][("t-evening", "de")]
    public = Offer.objects.public()
    assert public.filter(pk=offer.pk).exists()
    offer.valid_until = datetime.date.today() - datetime.timedelta(days=1)
    offer.save()
    assert not public.filter(pk=offer.pk).exists()
    offer.valid_until, offer.status = None, Offer.Status.PAUSED
    offer.save()
    assert not public.filter(pk=offer.pk).exists()
    offer.status = Offer.Status.ACTIVE
    offer.save()
    offer.provider.active = False
    offer.provider.save()
    assert not Offer.objects.public().filter(pk=offer.pk).exists()


def test_an_offer_takes_place_where_its_location_says(small, client):
    offer = small["offers"][("t-evening", "de")]
    provider = offer.provider
    offer.street, offer.postcode = "Am Markt 3", "04109"
    offer.location = Offer.Location.PROVIDER
    assert offer.venue == (provider.street, provider.postcode, provider.place)
    offer.location = Offer.Location.OTHER
    assert offer.venue == ("Am Markt 3", "04109", offer.place)
    offer.location, offer.online_url = Offer.Location.ONLINE, "https://kurs.example/"
    assert offer.venue is None

    offer.location = Offer.Location.OTHER
    offer.save_revision().publish()
    page = DirectoryPage.for_locale(offer.locale_id)
    text = client.get(page.entry_url(offer)).content.decode()
    assert "<bdi>Am Markt 3</bdi>" in text
    assert provider.street and provider.street not in text


def translate_with_localize(instance, locale):
    """What a translator does in wagtail-localize's editor: translate every segment, publish."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": f"[ar] {segment.string.data}"},
        )
    translation.save_target(publish=True)
    return instance.get_translation(locale)


def test_translated_offer_points_at_translated_actor_and_topics(small):
    arabic = Locale.objects.get(language_code="ar")
    offer = small["offers"][("t-evening", "de")]
    topic = offer.topics.get().topic
    if not topic.has_translation(arabic):
        translate_with_localize(topic, arabic)
    translate_with_localize(offer.provider, arabic)
    offer_ar = translate_with_localize(offer, arabic)
    assert offer_ar.title == "[ar] Abendtestkurs"
    assert offer_ar.provider == offer.provider.get_translation(arabic)
    assert offer_ar.topics.get().topic == topic.get_translation(arabic)
    assert offer_ar.slug == offer.slug
    assert [row.language for row in offer_ar.languages.all()] == ["de", "en"]
    assert offer_ar.live
