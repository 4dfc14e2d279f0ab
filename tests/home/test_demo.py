"""The demo network is complete, translated through wagtail-localize and safe to load again."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from directory.models import Actor, Offer, Place, TargetGroup, Topic
from home.models import FooterText, NetworkSettings

TAXONOMIES = (Topic, TargetGroup, Place)

pytestmark = pytest.mark.django_db


def test_demo_pages_exist_in_four_languages(demo):
    for code in ["de", "en", "ar", "uk"]:
        locale = Locale.objects.get(language_code=code)
        # the network's eight pages, the directory page, the blog and its twelve posts
        assert Page.objects.live().filter(locale=locale, depth__gte=2).count() == 22


def test_translations_are_wagtail_localize_translations(demo):
    # nine pages, the footer text, the blog, six authors and the posts not written in
    # that language: three of the twelve were written in English
    expected = {"en": 10 + 1 + 6 + 9, "ar": 10 + 1 + 6 + 12, "uk": 10 + 1 + 6 + 12}
    for code, count in expected.items():
        locale = Locale.objects.get(language_code=code)
        # and the imported directory: every entry and term not first written in that language
        count += sum(
            model.objects.filter(locale=locale, is_original=False).count()
            for model in (Actor, Offer)
        )
        count += sum(model.objects.filter(locale=locale).count() for model in TAXONOMIES)
        translations = Translation.objects.filter(target_locale=locale)
        assert translations.count() == count
        for translation in translations:
            progress, total = translation.get_progress()
            assert total > 0 and progress == total
    assert StringTranslation.objects.filter(locale__language_code="ar").exists()


def test_loading_again_changes_nothing(demo):
    pages_before = Page.objects.count()
    revisions_before = demo["home"].revisions.count()
    call_command("load_demo", verbosity=0)
    assert Page.objects.count() == pages_before
    assert demo["home"].revisions.count() == revisions_before
    assert FooterText.objects.count() == 4


def test_demo_settings_link_legal_pages(demo):
    network = NetworkSettings.objects.get()
    assert network.network_name
    assert network.imprint_page_id == demo["imprint"].pk
