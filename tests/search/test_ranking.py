"""Every word of a query is optional: documents are ranked by how many words they match,
how rare the words are and where they stand, never filtered out for missing one."""

import datetime
import math
import uuid

import pytest

from search.engine import (
    CONCEPT_WEIGHT,
    ONE_OFFER_WEIGHT,
    PROVIDER_WEIGHT,
    TITLE_WEIGHT,
    Branch,
    Word,
    database_engine,
    one_per_object,
)
from search.stopwords import meaningful

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)


@pytest.fixture
def indexed(db):
    """Index documents of one language from (title, text) pairs, as the search stores their
    words; returns a function that gives their ids in the order given."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale

    from search.models import SearchDocument

    locale = Locale.objects.get(language_code="de")
    content_type = ContentType.objects.get_for_model(SearchDocument)

    def index(*documents):
        return [
            SearchDocument.objects.create(
                locale=locale,
                kind=SearchDocument.Kind.OFFER,
                content_type=content_type,
                object_id=number,
                translation_key=uuid.uuid4(),
                is_original=True,
                title=title,
                url="/",
                title_terms=title,
                terms=text,
            ).pk
            for number, (title, text) in enumerate(documents, start=1)
        ]

    index.locale = locale
    return index


def order(indexed, *words):
    """The ids of the documents that the ``Word``s find, best first."""
    hits = database_engine().match_branches([Branch(indexed.locale.pk, words)], TODAY)
    return [match.id for match in one_per_object(hits, indexed.locale.pk, TODAY)]


def test_more_words_rank_higher_and_titles_count_more(indexed):
    both_in_text, first_in_title, first_in_text, *_others = indexed(
        ("", "alpha bravo"), ("alpha", ""), ("", "alpha"), *[("", "zulu")] * 20
    )
    assert order(indexed, Word(("alpha",)), Word(("bravo",))) == [
        both_in_text,
        first_in_title,
        first_in_text,
    ]


def test_the_score_is_rarity_times_field_weight_times_the_share_of_words_matched(indexed):
    """One of two words, in the title of one document: BM25's inverse document frequency
    of a word found once among the language's documents, three times for the title,
    halved."""
    from search.models import SearchDocument

    indexed(("alpha", ""), ("charlie", "charlie"))
    hits = database_engine().match_branches(
        [Branch(indexed.locale.pk, (Word(("alpha",)), Word(("bravo",))))], TODAY
    )
    documents = SearchDocument.objects.filter(locale=indexed.locale).count()
    rarity = math.log(1 + (documents - 1 + 0.5) / (1 + 0.5))
    assert [hit.rank for hit in hits] == [pytest.approx(TITLE_WEIGHT * rarity / 2)]


def test_every_way_a_word_matches_adds_to_the_score(indexed):
    """The word and the topic it names, both in the text: a hit and half a hit, at the
    rarity of the word (found exactly in two documents)."""
    from search.models import SearchDocument

    word_and_topic, word_only, *_others = indexed(
        ("", "alpha tophousing"), ("", "alpha"), *[("", "zulu")] * 5
    )
    alpha = Word(("alpha",), concepts=("tophousing",))
    hits = database_engine().match_branches([Branch(indexed.locale.pk, (alpha,))], TODAY)
    documents = SearchDocument.objects.filter(locale=indexed.locale).count()
    rarity = math.log(1 + (documents - 2 + 0.5) / (2 + 0.5))
    assert {hit.id: hit.rank for hit in hits} == {
        word_and_topic: pytest.approx(rarity * (1 + CONCEPT_WEIGHT)),
        word_only: pytest.approx(rarity),
    }


def test_a_rare_word_counts_more_than_a_common_one(indexed):
    rare, *_common = indexed(("", "bravo"), *[("", "alpha")] * 30)
    assert order(indexed, Word(("alpha",)), Word(("bravo",)))[0] == rare


def test_the_names_of_a_concept_tell_apart_the_documents_that_have_it(indexed):
    """ "konut" names the topic housing: an offer with "Wohnung" (a German name of the topic's
    words) in its title ranks above one that only has the topic; the name counts nowhere
    the topic is missing."""
    topic_only, topic_and_name, name_without_topic, word_only = indexed(
        ("", "tophousing"), ("wohnix", "tophousing"), ("wohnix", "konut"), ("", "konut")
    )
    konut = Word(("konut",), concepts=("tophousing",), names=("wohnix",))
    assert order(indexed, konut) == [topic_and_name, name_without_topic, word_only, topic_only]
    hits = database_engine().match_branches([Branch(indexed.locale.pk, (konut,))], TODAY)
    ranks = {hit.id: hit.rank for hit in hits}
    assert ranks[name_without_topic] == ranks[word_only]


def test_a_corrected_hit_never_outranks_an_exact_one(indexed):
    corrected_in_titles, exact_in_text = indexed(("alpha bravo", ""), ("", "alphx"))
    words = (Word(("alphx",), corrected=("alpha",)), Word(("bravx",), corrected=("bravo",)))
    assert order(indexed, *words) == [exact_in_text, corrected_in_titles]
    only_corrected = order(indexed, Word(("zulux",), corrected=("alpha",)))
    assert only_corrected == [corrected_in_titles]


def test_a_synonym_counts_almost_as_much_as_the_word_and_more_than_a_correction(indexed):
    word_in_text, synonym_in_title, synonym_in_text, corrected_in_title = indexed(
        ("", "alpha"), ("bravo", ""), ("", "bravo"), ("charlie", "")
    )
    word = Word(("alpha",), synonyms=("bravo",), corrected=("charlie",))
    assert order(indexed, word) == [
        synonym_in_title,
        word_in_text,
        synonym_in_text,
        corrected_in_title,
    ]


def test_documents_of_equal_score_come_in_a_stable_order(indexed):
    first, second = indexed(("", "alpha"), ("", "alpha"))
    assert order(indexed, Word(("alpha",))) == [first, second]


def test_documents_far_below_the_best_are_left_out(indexed):
    best, _stray = indexed(("alpha bravo charlie", ""), ("", "charlie"))
    words = [Word((stem,)) for stem in ("alpha", "bravo", "charlie")]
    assert order(indexed, *words) == [best]


def test_function_words_are_not_searched_unless_there_is_nothing_else():
    assert meaningful("Wo finde ich eine Wohnung?", "de") == "wohnung"
    assert meaningful("where can I learn German", "de") == "learn german"
    assert meaningful("أين أجد سكن", "ar") == "اجد سكن"
    assert meaningful("Где курсы", "ru") == "курсы"
    assert meaningful("die", "de") == "die"


def test_the_verbs_of_asking_for_something_are_not_searched():
    assert meaningful("Arbeit suchen", "de") == "arbeit"
    assert meaningful("ev arıyorum", "tr") == "ev"
    assert meaningful("iş bulmak", "tr") == "is"
    # The noun stays: it is a part of compounds ("Wohnungssuche").
    assert meaningful("Suche Wohnung", "de") == "suche wohnung"


def test_a_function_word_of_another_language_is_dropped_only_as_that_language_writes_it():
    # Turkish "iş" (work) folds to English "is"; typed as "is" it is the English word.
    assert meaningful("iş ilanı", "tr") == "is ilani"
    assert meaningful("is ilanı", "tr") == "ilani"
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
    assert PostgresEngine().expression(["is", "kurs"], True, False) == "'is' | 'kurs':*"
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


def test_an_organisation_with_several_matching_offers_ranks_above_one_with_a_single_one(
    indexed,
):
    """Both are lifted by their best offer; the one with a single matching offer (a
    cultural association's one course of a kind) at ``ONE_OFFER_WEIGHT`` of that."""
    from search.models import SearchDocument

    school, association = uuid.uuid4(), uuid.uuid4()
    first, second, single = indexed(("alpha", ""), ("alpha", ""), ("alpha", ""))
    SearchDocument.objects.filter(pk__in=[first, second]).update(provider_key=school)
    SearchDocument.objects.filter(pk=single).update(provider_key=association)
    actors = {
        key: SearchDocument.objects.create(
            locale=indexed.locale,
            kind=SearchDocument.Kind.ACTOR,
            content_type_id=SearchDocument.objects.get(pk=first).content_type_id,
            object_id=number,
            translation_key=key,
            is_original=True,
            title=f"actor {number}",
            url="/",
            title_terms="zulu",
        ).pk
        for number, key in enumerate((school, association), start=100)
    }
    hits = database_engine().match_branches([Branch(indexed.locale.pk, (Word(("alpha",)),))], TODAY)
    found = one_per_object(hits, indexed.locale.pk, TODAY, with_providers=True)
    assert [match.id for match in found] == [
        first,
        second,
        single,
        actors[school],
        actors[association],
    ]
    offer = found[0].rank
    assert [match.rank for match in found[3:]] == pytest.approx(
        [offer * PROVIDER_WEIGHT, offer * PROVIDER_WEIGHT * ONE_OFFER_WEIGHT]
    )


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


def test_only_a_word_that_no_language_knows_is_corrected(demo):
    """The German "Wohnung" is no typo of an English or Turkish word: no language looks for
    its correction, while every language does for the typo "Wohnug" beside it."""
    from unittest import mock

    from wagtail.models import Locale

    from search.engine import database_engine, scope_branches
    from search.models import index_changed
    from search.query import search_scope

    index_changed()  # nothing looked up before counts
    engine = database_engine()
    scope = search_scope(Locale.objects.get(language_code="de"))
    branches = scope_branches(scope, "Wohnung Wohnug")
    closest_terms = engine.closest_terms
    asked = set()

    def asking(pairs):
        asked.update(pairs)
        return closest_terms(pairs)

    with mock.patch.object(engine, "closest_terms", side_effect=asking):
        corrected = engine.with_corrections(branches)
    assert asked == {
        (branch.locale_id, stem) for branch in branches for stem in branch.words[1].forms
    }
    assert corrected[0].words[1].corrected == ("wohnung",)
    assert not any(branch.words[0].corrected for branch in corrected)


def test_a_typo_is_corrected_alike_whatever_the_order_of_the_vocabulary(db):
    """Of two equally similar known stems, both databases choose the same one."""
    from wagtail.models import Locale

    from search.engine import database_engine
    from search.models import SearchTerm, index_changed

    locale = Locale.objects.get(language_code="de")
    for terms in (["abcx", "abcy"], ["abcy", "abcx"]):
        SearchTerm.objects.filter(locale=locale).delete()
        SearchTerm.objects.bulk_create([SearchTerm(locale=locale, term=term) for term in terms])
        index_changed()  # the vocabulary changes with the index
        assert database_engine().closest_terms({(locale.pk, "abcz")}) == {
            (locale.pk, "abcz"): "abcy"
        }


def test_an_unknown_word_stands_for_the_longest_beginning_the_site_knows(db):
    """Where no known word is spelt alike, a word the site does not know is searched by its
    longest beginning that begins a known word: "Kleiderkammer" by "kleider" of
    "Kleiderstube". Shorter than five letters or than 40 % of the word, it stays unknown."""
    from wagtail.models import Locale

    from search.models import SearchTerm, index_changed

    locale = Locale.objects.get(language_code="de")
    terms = ["kleiderstub", "kleidung", "fahrrad", "fahrradwerkstatt"]
    SearchTerm.objects.filter(locale=locale).delete()
    SearchTerm.objects.bulk_create([SearchTerm(locale=locale, term=term) for term in terms])
    index_changed()
    pairs = [(locale.pk, "kleiderkamm"), (locale.pk, "fahrradreparatur"), (locale.pk, "kleixyz")]
    assert database_engine().known_beginnings(pairs) == {
        (locale.pk, "kleiderkamm"): "kleider",
        (locale.pk, "fahrradreparatur"): "fahrrad",
    }
    assert database_engine().known_beginnings([(locale.pk, "fahrradzubehorverleih")]) == {}


def test_a_word_that_begins_a_known_one_stays_and_an_unknown_one_is_corrected(db):
    """Typo correction keeps a stem that a known stem begins with (the visitor may still be
    typing it) and corrects one that begins none into the most similar known stem."""
    from wagtail.models import Locale

    from search.models import SearchTerm, index_changed

    locale = Locale.objects.get(language_code="de")
    SearchTerm.objects.filter(locale=locale).delete()
    SearchTerm.objects.bulk_create(
        [SearchTerm(locale=locale, term=term) for term in ["kinderbetreuung", "wohnung"]]
    )
    index_changed()
    stems = ["kinderbetr", "kinderbetreuuung", "xyz"]
    closest = database_engine().closest_terms({(locale.pk, stem) for stem in stems})
    assert [closest.get((locale.pk, stem)) for stem in stems] == [
        "kinderbetr",
        "kinderbetreuung",
        None,
    ]


def test_suggestions_are_the_best_of_all_matches(demo):
    """The database hands over only the versions that can be among the suggestions; they are
    the first of the whole ranking, ties included (a tie goes to the lower document id)."""
    from wagtail.models import Locale

    from search.models import SearchDocument
    from search.query import search_scope

    engine, today = database_engine(), datetime.date.today()
    kinds = [SearchDocument.Kind.OFFER, SearchDocument.Kind.ACTOR]
    for language, prefix in [("de", "Ber"), ("de", "W"), ("en", "Cou"), ("fa", "Deu")]:
        scope = search_scope(Locale.objects.get(language_code=language))
        every = [
            (match.id, match.rank)
            for match in engine.match_scope(scope, prefix, today, None, kinds, titles_only=True)
        ]
        assert len(every) > 3, (language, prefix)
        for limit in (1, 3, 8):
            found = engine.match_scope(scope, prefix, today, limit, kinds, titles_only=True)
            assert [(match.id, match.rank) for match in found] == every[:limit], (prefix, limit)


def test_a_compound_whose_last_part_the_site_does_not_know_finds_its_first(client, demo):
    found = search(client, "de", "Kinderbetreuungsgutschein")
    assert found and "Kinderbetreuung" in found[0], found


def test_sqlite_finds_the_candidates_through_the_full_text_index(demo):
    """The documents are read by id for each full-text match, not each document of a locale
    matched on its own (which made a first search on the demo three times as slow)."""
    from django.db import connection

    from search.engine import Branch, SqliteEngine

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's query plan")
    german = demo["home"].locale_id
    sql, params = SqliteEngine().branch_select(
        Branch(german, (Word(("deutschkur",)),)), TODAY, None, False
    )
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        steps = [row[-1] for row in cursor.fetchall()]
    assert steps[0].startswith("SCAN search_document_fts VIRTUAL TABLE"), steps
    assert steps[1] == "SEARCH d USING INTEGER PRIMARY KEY (rowid=?)", steps


def python_ranking(engine, branches, limit):
    """What ``one_per_object`` makes of the engine's matches: the reference that the
    database's own ranking (``shown_matches``) follows."""
    matches = engine.match_branches(branches, TODAY)
    return one_per_object(matches, branches[0].locale_id, TODAY, with_providers=True, limit=limit)


def test_the_database_shows_the_visitors_version_lifts_providers_and_skips_what_is_not_shown(
    indexed,
):
    """The database ranks and shows objects as ``one_per_object`` does: a match only in
    another language is shown in the visitor's language, else as the original; a version
    outside its validity is not shown; an actor is lifted by its offers only where a
    version of it is shown."""
    from wagtail.models import Locale

    from search.models import SearchDocument

    english = Locale.objects.get(language_code="en")
    content_type_id = SearchDocument.objects.get(pk=indexed(("zulu", ""))[0]).content_type_id
    numbers = iter(range(1000, 2000))

    def document(locale, key, title="", original=False, **fields):
        return SearchDocument.objects.create(
            locale=locale,
            kind=fields.pop("kind", SearchDocument.Kind.OFFER),
            content_type_id=content_type_id,
            object_id=next(numbers),
            translation_key=key,
            is_original=original,
            title=title,
            url="/",
            title_terms=title,
            **fields,
        ).pk

    translated, english_only, expired_here = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    shown_actor, hidden_actor = uuid.uuid4(), uuid.uuid4()
    document(english, translated, "alpha alpha", original=True)
    translated_here = document(indexed.locale, translated, "zulu")
    only_english = document(english, english_only, "alpha", original=True)
    expired_original = document(english, expired_here, "alpha", original=True)
    yesterday = TODAY - datetime.timedelta(days=1)
    document(indexed.locale, expired_here, "zulu", valid_until=yesterday)
    offer = document(indexed.locale, uuid.uuid4(), "alpha alpha alpha", provider_key=shown_actor)
    document(indexed.locale, uuid.uuid4(), "alpha", provider_key=hidden_actor)
    actor = document(indexed.locale, shown_actor, "zulu", kind=SearchDocument.Kind.ACTOR)
    document(english, hidden_actor, "zulu", kind=SearchDocument.Kind.ACTOR)  # not an original

    engine = database_engine()
    branches = [
        Branch(indexed.locale.pk, (Word(("alpha",)),)),
        Branch(english.pk, (Word(("alpha",)),)),
    ]
    found = engine.shown_matches(branches, TODAY, 50)
    ids = [match.id for match in found]
    assert ids[0] == offer
    lifted = found[ids.index(actor)].rank
    assert lifted == pytest.approx(found[0].rank * PROVIDER_WEIGHT * ONE_OFFER_WEIGHT)
    assert {translated_here, only_english, expired_original} < set(ids)
    assert len(ids) == 6  # the hidden actor is not among them
    assert found == python_ranking(engine, branches, 50)


@pytest.mark.parametrize("limit", [5, 2000])
def test_the_database_ranks_the_demos_searches_as_one_per_object_does(demo, limit):
    """Across languages, typos and organisations, the database's ranking of objects is
    ``one_per_object``'s, score for score."""
    from wagtail.models import Locale

    from search.engine import scope_branches
    from search.query import search_scope

    engine = database_engine()
    queries = {
        "de": ["Deutschkurs", "Beratung Wohnen", "Kinderbetreung", "Sprachkurs für Frauen"],
        "en": ["German course", "counselling", "help with housing"],
        "ar": ["دورة لغة ألمانية", "استشارة"],
        "uk": ["житло", "курси німецької"],
        "fa": ["کلاس زبان آلمانی"],
        "tr": ["Almanca kursu"],
    }
    lifted = other_language = 0
    for code, texts in queries.items():
        scope = search_scope(Locale.objects.get(language_code=code))
        for text in texts:
            branches = engine.with_corrections(scope_branches(scope, text))
            found = engine.shown_matches(branches, TODAY, limit)
            assert found == python_ranking(engine, branches, limit), (code, text)
            assert len(found) <= limit
            lifted += sum(match.kind == "actor" for match in found)
            other_language += sum(match.locale_id != scope.language.id for match in found)
    assert lifted and other_language  # the comparison covers both
