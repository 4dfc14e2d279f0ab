"""The demo network is complete, translated through wagtail-localize, has a tree in every
language and is safe to load again."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from directory.models import Actor, Offer, Place, TargetGroup, Topic
from home.models import FooterText, NetworkSettings
from search.models import SynonymSet

TAXONOMIES = (Topic, TargetGroup, Place)

pytestmark = pytest.mark.django_db


def test_demo_pages_exist_in_every_language(demo):
    for code in ["de", "en", "ar", "uk", "fa", "ru", "tr"]:
        locale = Locale.objects.get(language_code=code)
        # the network's eight pages, the directory page, the blog and its twelve posts, the
        # events index and its six events and four working-group series, the working groups'
        # index and its five groups, the members' area and its three minutes, the join and
        # contact forms, the accessibility statement; in German also the five pages in
        # Leichte Sprache and sign language, which stay in the German tree
        german_only = 5 if code == "de" else 0
        assert Page.objects.live().filter(locale=locale, depth__gte=2).count() == 46 + german_only
    translated = Page.objects.filter(locale__language_code__in=["en", "ar", "uk"], depth__gte=2)
    # the minutes are kept in German only
    aliases = translated.filter(alias_of__isnull=False)
    assert set(aliases.values_list("content_type__model", flat=True)) == {"minutespage"}
    # Persian, Russian and Turkish show the German pages (or the German translations of the
    # posts written in English) until they are translated; the home page, the events and
    # working groups are translated
    for code in ["fa", "ru", "tr"]:
        pages = Page.objects.filter(locale__language_code=code, depth__gte=2)
        assert pages.filter(alias_of__locale__language_code="de").count() == 24


def test_translations_are_wagtail_localize_translations(demo):
    # nine pages, the footer text, the blog, six authors and the posts not written in
    # that language: three of the twelve were written in English
    # Persian, Russian and Turkish: the home page, the network's name and footer
    # every language: the events index and its six events; the working groups' index, its
    # five groups, their four new series and the members' area; the join and contact forms;
    # the accessibility statement
    expected = {
        "en": 10 + 1 + 6 + 9 + 7 + 11 + 2 + 1,
        "ar": 10 + 1 + 6 + 12 + 7 + 11 + 2 + 1,
        "uk": 10 + 1 + 6 + 12 + 7 + 11 + 2 + 1,
        "fa": 1 + 1 + 7 + 11 + 2 + 1,
        "ru": 1 + 1 + 7 + 11 + 2 + 1,
        "tr": 1 + 1 + 7 + 11 + 2 + 1,
    }
    for code, count in expected.items():
        locale = Locale.objects.get(language_code=code)
        # and the imported directory: every entry and term not first written in that language
        count += sum(
            model.objects.filter(locale=locale, is_original=False).count()
            for model in (Actor, Offer)
        )
        count += sum(model.objects.filter(locale=locale).count() for model in TAXONOMIES)
        count += SynonymSet.objects.filter(locale=locale).count()  # the search's vocabulary
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
    call_command("load_directory_demo", verbosity=0)
    call_command("load_blog_demo", verbosity=0)
    assert Page.objects.count() == pages_before
    assert demo["home"].revisions.count() == revisions_before
    assert FooterText.objects.count() == 7


def test_demo_settings_link_legal_pages(demo):
    network = NetworkSettings.objects.get()
    assert network.street and network.email
    assert network.imprint_page_id == demo["imprint"].pk


def test_demo_names_the_network_in_every_language(demo):
    names = dict(FooterText.objects.values_list("locale__language_code", "network_name"))
    assert names["de"] == "Integrationsnetzwerk Lindental"
    assert names["fa"] == "شبکه ادغام لیندنتال"
    assert len(set(names.values())) == len(names) == 7


def test_the_demos_reference_index_is_what_a_full_rebuild_makes(demo):
    """The loaders index each object's references once, at their end (``home/demo/
    references.py``), the directory's import its entries in bulk: the admin's usage counts
    are what Wagtail's own rebuild gives."""
    from wagtail.models import ReferenceIndex

    def references():
        return set(
            ReferenceIndex.objects.values_list(
                "content_type_id", "object_id", "to_content_type_id", "to_object_id", "content_path"
            )
        )

    loaded = references()
    call_command("rebuild_references_index", verbosity=0)
    assert loaded == references()
    assert len(loaded) > 100
