"""Editors keep synonyms per language; the search reads them at once, without a reindex."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, ModelLogEntry

from search.models import SynonymSet
from search.synonyms import expansions, synonym_lines

pytestmark = pytest.mark.django_db

ADMIN = "wagtailsnippets_search_synonymset"


def user_in(django_user_model, group_name):
    user = django_user_model.objects.create_user(username=group_name, password="x" * 20)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def locale(code):
    return Locale.objects.get(language_code=code)


@pytest.fixture
def no_synonyms():
    """Without the demo's synonyms, so that a test sees only the sets it makes."""
    SynonymSet.objects.all().delete()


def errors_of(text):
    """The messages of an invalid set, in English."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            SynonymSet(locale=locale("de"), words=text).full_clean()
        return [str(message) for message in raised.value.message_dict["words"]]


@pytest.mark.parametrize(
    "text, message",
    [
        ("Wohnung", "Enter at least two words or phrases, separated by commas."),
        ("Wohnung, , Unterkunft", "Remove the empty entry"),
        ("Wohnung, Unterkunft,", "Remove the empty entry"),
        ("Wohnung, ***", "“***” contains no word."),
        ("Wohnung, WOHNUNG", "“WOHNUNG” is entered twice."),
        ("Kita, Ort an dem Kinder tagsüber sind", "has more than 4 words"),
        ("Wohnung, " + "Unterkunft" * 50, "at most 500 characters"),
        ("", "This field cannot be blank."),
    ],
)
def test_a_synonym_set_names_what_is_wrong_with_it(text, message):
    assert any(message in error for error in errors_of(text))


def test_a_synonym_set_takes_words_and_short_phrases_with_either_comma():
    SynonymSet(locale=locale("de"), words="Kita, Kindergarten, Kinder betreuen").full_clean()
    SynonymSet(locale=locale("ar"), words="سكن، شقة، مسكن").full_clean()


def test_editors_keep_synonyms_in_the_admin_and_every_change_is_logged(client, django_user_model):
    client.force_login(user_in(django_user_model, "Editors"))
    listing = reverse(f"{ADMIN}:list")
    assert listing in client.get(reverse("wagtailadmin_home")).content.decode()

    refused = client.post(reverse(f"{ADMIN}:add"), {"locale": locale("de").pk, "words": "Kita"})
    assert refused.status_code == 200  # in German, the admin's language until one is chosen
    assert "Geben Sie mindestens zwei Wörter oder Wendungen ein" in refused.content.decode()

    created = client.post(
        reverse(f"{ADMIN}:add"),
        {"locale": locale("de").pk, "words": "Kita, Krippe, Kindertagesstätte"},
    )
    assert created.status_code == 302
    synonym_set = SynonymSet.objects.get(words="Kita, Krippe, Kindertagesstätte")
    assert "kripp" in expansions("de")["kita"]

    german = client.get(listing, {"locale": locale("de").pk, "q": "krippe"})
    assert list(german.context["object_list"]) == [synonym_set]
    english = client.get(listing, {"locale": locale("en").pk, "q": "krippe"})
    assert list(english.context["object_list"]) == []

    edited = client.post(
        reverse(f"{ADMIN}:edit", args=[synonym_set.pk]),
        {"locale": locale("de").pk, "words": "Kita, Tagesstätte"},
    )
    assert edited.status_code == 302
    assert expansions("de")["kita"] >= {"tagesstatt"}
    assert "kripp" not in expansions("de")["kita"]

    assert client.post(reverse(f"{ADMIN}:delete", args=[synonym_set.pk])).status_code == 302
    assert not SynonymSet.objects.filter(pk=synonym_set.pk).exists()
    logged = ModelLogEntry.objects.filter(object_id=str(synonym_set.pk)).order_by("timestamp")
    logged = logged.filter(content_type__model="synonymset")
    assert [entry.action for entry in logged] == [
        "wagtail.create",
        "wagtail.edit",
        "wagtail.delete",
    ]


def test_the_groups_that_choose_editors_picks_keep_the_synonyms(client, django_user_model):
    for name in ("Editors", "Moderators"):
        permissions = set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="search")
            .values_list("codename", flat=True)
        )
        assert {f"{action}_synonymset" for action in ("add", "change", "delete", "view")} <= (
            permissions
        )
        assert "add_promotion" in permissions
    client.force_login(user_in(django_user_model, "Translators"))
    assert client.get(reverse(f"{ADMIN}:list")).status_code in (302, 403)


def test_a_word_expands_to_the_other_words_of_every_set_it_is_in(no_synonyms):
    SynonymSet.objects.create(locale=locale("de"), words="Wohnung, Mietwohnung, Unterkunft")
    SynonymSet.objects.create(locale=locale("de"), words="Unterkunft, Notunterkunft")
    SynonymSet.objects.create(locale=locale("de"), words="Deutschkurs, Sprachkurs, Deutsch lernen")
    SynonymSet.objects.create(locale=locale("en"), words="flat, apartment")
    assert expansions("de") == {
        "wohnung": frozenset({"mietwohn", "unterkunft"}),
        "mietwohn": frozenset({"wohnung", "unterkunft"}),
        "unterkunft": frozenset({"wohnung", "mietwohn", "notunterkunft"}),
        "notunterkunft": frozenset({"unterkunft"}),
        # a phrase neither expands nor is an alternative: "deutsch" alone would be too much
        "deutschkur": frozenset({"sprachkur"}),
        "sprachkur": frozenset({"deutschkur"}),
    }
    assert expansions("en") == {"flat": frozenset({"apart"}), "apart": frozenset({"flat"})}
    assert expansions("fa") == {}


def test_words_of_the_same_stem_do_not_expand_to_themselves(no_synonyms):
    SynonymSet.objects.create(locale=locale("de"), words="Wohnung, Wohnungen, Bleibe")
    assert expansions("de") == {
        "wohnung": frozenset({"bleib"}),
        "bleib": frozenset({"wohnung"}),
    }


def test_synonym_lines_hold_the_folded_words_for_elasticsearch(no_synonyms):
    SynonymSet.objects.create(locale=locale("de"), words="Kita,Kindertagesstätte , Krippe")
    SynonymSet.objects.create(locale=locale("ar"), words="رَوضة أطفال، حضانة")
    assert synonym_lines("de") == ["kita, kindertagesstatte, krippe"]
    assert synonym_lines("ar") == ["روضه اطفال, حضانه"]
    assert synonym_lines("uk") == []


def test_synonyms_cost_one_query_per_language_until_a_set_changes(
    no_synonyms, django_assert_num_queries
):
    synonym_set = SynonymSet.objects.create(locale=locale("de"), words="Arzt, Doktor")
    with django_assert_num_queries(1):
        assert expansions("de")["arzt"] == {"doktor"}
        assert synonym_lines("de") == ["arzt, doktor"]
        expansions("de")
    with django_assert_num_queries(1):
        assert expansions("en") == {}
        synonym_lines("en")

    synonym_set.words = "Arzt, Ärztin"
    synonym_set.save()
    with django_assert_num_queries(1):
        assert expansions("de")["arzt"] == {"arztin"}
        expansions("de")
    synonym_set.delete()
    with django_assert_num_queries(1):
        assert expansions("de") == {}
        assert synonym_lines("de") == []


def test_synonyms_read_before_a_change_commits_are_read_again_after_it(
    no_synonyms, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        SynonymSet.objects.create(locale=locale("tr"), words="doktor, hekim")
        expansions("tr")  # as another request might, before the commit
    with django_assert_num_queries(1):
        assert expansions("tr")["doktor"] == {"hek"}


def test_the_demo_has_synonyms_in_every_language_and_loads_them_once():
    codes = ["de", "en", "ar", "uk", "fa", "ru", "tr"]
    counts = {code: SynonymSet.objects.filter(locale__language_code=code).count() for code in codes}
    assert all(count >= 5 for count in counts.values()), counts
    assert {"unterkunft", "mietwohn"} <= expansions("de")["wohnung"]
    assert "شغل" in expansions("ar")["عمل"]

    SynonymSet.objects.filter(locale__language_code="fa").delete()
    call_command("load_search_demo", verbosity=0)
    call_command("load_search_demo", verbosity=0)
    again = {code: SynonymSet.objects.filter(locale__language_code=code).count() for code in codes}
    assert again == counts
