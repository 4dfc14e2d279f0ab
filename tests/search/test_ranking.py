"""Every word of a query is optional: documents are ranked by how many words they match,
how rare the words are and where they stand, never filtered out for missing one."""

import uuid

import pytest

from search.engine import WAYS, Candidate, ranked, within
from search.stopwords import meaningful

pytestmark = pytest.mark.django_db

NO_HIT = (False, False)
IN_TITLE = (True, True)
IN_TEXT = (False, True)


def candidate(number, exact, tie=0.0, **ways):
    """A candidate document ``number`` of branch 0 with its per-word hits through each of
    the other ways (``synonyms``, ``concepts``, ``names``, ``parts``, ``readings``,
    ``corrected``)."""
    row = (number, "offer", "", "", "", "", str(uuid.UUID(int=number)), 1, True, None)
    none = [NO_HIT] * len(exact)
    hits = [list(exact), *(ways.get(way.forms, none) for way in WAYS[1:])]
    return Candidate(0, row, tie, hits)


def order(candidates, documents=1000):
    return [match.id for match in ranked(candidates, documents)]


def test_more_words_rank_higher_and_titles_count_more():
    both_in_text = candidate(1, [IN_TEXT, IN_TEXT])
    first_in_title = candidate(2, [IN_TITLE, NO_HIT])
    first_in_text = candidate(3, [IN_TEXT, NO_HIT])
    assert order([first_in_text, first_in_title, both_in_text]) == [1, 2, 3]


def test_a_rare_word_counts_more_than_a_common_one():
    common = [candidate(number, [IN_TEXT, NO_HIT]) for number in range(10, 60)]
    rare = candidate(1, [NO_HIT, IN_TEXT])
    assert order([*common, rare], documents=100)[0] == 1


def test_the_names_of_a_concept_tell_apart_the_documents_that_have_it():
    """ "konut" names the topic housing: an offer with "Wohnung" (a German name of the topic's
    words) in its title ranks above one that only has the topic; the name counts nowhere
    the topic is missing."""
    names = [way.forms for way in WAYS].index("names")
    topic_only = candidate(1, [NO_HIT], concepts=[IN_TEXT])
    topic_and_name = candidate(2, [NO_HIT], concepts=[IN_TEXT], names=[IN_TITLE])
    for found in (topic_only, topic_and_name):
        found.hits = within(found.hits)
    assert order([topic_only, topic_and_name]) == [2, 1]
    name_without_topic = candidate(3, [IN_TEXT], names=[IN_TITLE])
    assert within(name_without_topic.hits)[names] == [NO_HIT]


def test_a_corrected_hit_never_outranks_an_exact_one():
    corrected_in_titles = candidate(1, [NO_HIT, NO_HIT], corrected=[IN_TITLE, IN_TITLE])
    exact_in_text = candidate(2, [IN_TEXT, NO_HIT])
    assert order([corrected_in_titles, exact_in_text]) == [2, 1]
    assert order([corrected_in_titles]) == [1]


def test_a_synonym_counts_almost_as_much_as_the_word_and_more_than_a_correction():
    word_in_text = candidate(1, [IN_TEXT])
    synonym_in_title = candidate(2, [NO_HIT], synonyms=[IN_TITLE])
    synonym_in_text = candidate(3, [NO_HIT], synonyms=[IN_TEXT])
    corrected_in_title = candidate(4, [NO_HIT], corrected=[IN_TITLE])
    assert order([synonym_in_text, corrected_in_title, word_in_text, synonym_in_title]) == [
        2,
        1,
        3,
        4,
    ]


def test_the_databases_rank_orders_equal_scores():
    assert order([candidate(1, [IN_TEXT], tie=0.1), candidate(2, [IN_TEXT], tie=0.9)]) == [2, 1]


def test_documents_far_below_the_best_are_left_out():
    best = candidate(1, [IN_TITLE, IN_TITLE, IN_TITLE])
    stray = candidate(2, [NO_HIT, NO_HIT, IN_TEXT])
    assert order([best, stray]) == [1]


def test_function_words_are_not_searched_unless_there_is_nothing_else():
    assert meaningful("Wo finde ich eine Wohnung?", "de") == "wohnung"
    assert meaningful("where can I learn German", "de") == "learn german"
    assert meaningful("أين أجد سكن", "ar") == "اجد سكن"
    assert meaningful("Где курсы", "ru") == "курсы"
    assert meaningful("die", "de") == "die"


def test_a_function_word_of_another_language_is_dropped_only_as_that_language_writes_it():
    # Turkish "iş" (work) folds to English "is"; typed as "is" it is the English word.
    assert meaningful("iş bulmak", "tr") == "is bulmak"
    assert meaningful("is bulmak", "tr") == "bulmak"
    # A language's own function words go however they are typed.
    assert meaningful("Kurs fur Frauen", "de") == "kurs frauen"
    assert meaningful("اين اجد سكن", "ar") == "اجد سكن"
    # Another language's function words go on any site when written as that language does.
    assert meaningful("wo finde ich eine Wohnung", "tr") == "wohnung"


def search(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return [result.title for result in response.context["results"]]


def test_two_words_find_what_matches_one_of_them_well(client, demo):
    found = search(client, "de", "Impfung Kinderbetreuung")
    assert any("Impf" in title for title in found), found
    assert any("Kinderbetreuung" in title for title in found), found


def test_a_question_in_a_full_sentence_finds_its_subject_first(client, demo):
    assert "Wohnung" in search(client, "de", "Wo finde ich eine Wohnung?")[0]
    assert search(client, "en", "where can I learn German")[0].startswith("German")


def test_an_editors_synonyms_count_at_once_without_a_reindex(client, demo):
    from wagtail.models import Locale

    from search.models import SynonymSet

    assert not any("Wohnung" in title for title in search(client, "de", "Bleibe"))
    SynonymSet.objects.create(
        locale=Locale.objects.get(language_code="de"), words="Bleibe, Wohnung"
    )
    assert "Wohnung" in search(client, "de", "Bleibe")[0]


def test_short_words_match_whole_words_unless_the_visitor_is_typing():
    from search.engine import PostgresEngine, SqliteEngine

    assert SqliteEngine().expression(["is", "kurs"], False, False) == '"is" OR "kurs"*'
    assert SqliteEngine().expression(["is"], True, True) == 'title_terms : ("is"*)'
    assert PostgresEngine().expression(["is", "kurs"], True, False) == "'is':A | 'kurs':*A"
    assert PostgresEngine().expression(["is"], False, False) == "'is'"


def test_an_organisation_ranks_through_its_offers_below_them(client, demo):
    from search.models import SearchDocument

    actor = SearchDocument.objects.get(
        title="Islamische Gemeinde Bergfeld", locale__language_code="de"
    )
    assert "deutschkur" not in f"{actor.title_terms} {actor.terms}"  # its own words lack it
    found = search(client, "de", "Deutschkurs")
    offer = "Deutschkurs für Frauen in der Moscheegemeinde"  # which it offers
    assert found.index(offer) < found.index(actor.title), found


def test_a_words_correction_is_looked_up_once_until_the_index_changes(demo):
    """Typo correction asks the vocabulary only for the (language, stem) pairs it has not
    looked up since the index last changed."""
    import datetime
    from unittest import mock

    from wagtail.models import Locale

    from search.engine import database_engine
    from search.models import index_changed
    from search.query import search_scope

    engine = database_engine()
    scope = search_scope(Locale.objects.get(language_code="de"))
    today = datetime.date.today()
    asked = []

    def closest_terms(pairs):
        asked.append(set(pairs))
        return {}

    with mock.patch.object(engine, "closest_terms", side_effect=closest_terms):
        engine.find(scope, "Kinderbetreuuung", today, 10)
        engine.find(scope, "Kinderbetreuuung Wohnug", today, 10)
        index_changed()
        engine.find(scope, "Kinderbetreuuung", today, 10)
    first, second, after_change = asked
    assert {stem for _locale, stem in second}.isdisjoint({stem for _locale, stem in first})
    assert second and after_change == first


def test_a_typo_is_corrected_alike_whatever_the_order_of_the_vocabulary(db):
    """Of two equally similar known stems, both databases choose the same one."""
    from wagtail.models import Locale

    from search.engine import database_engine
    from search.models import SearchTerm

    locale = Locale.objects.get(language_code="de")
    for terms in (["abcx", "abcy"], ["abcy", "abcx"]):
        SearchTerm.objects.filter(locale=locale).delete()
        SearchTerm.objects.bulk_create([SearchTerm(locale=locale, term=term) for term in terms])
        assert database_engine().closest_terms({(locale.pk, "abcz")}) == {
            (locale.pk, "abcz"): "abcy"
        }
