"""German compounds match their parts both ways: a compound finds the texts with its parts,
a part finds the texts with its compounds, each below the texts with the word itself."""

import io

import pytest
from django.core.management import call_command

from search.compounds import Splitter, part_token, query_parts, readings
from search.text import stem, words

VOCABULARY = (
    "Sprache Kurs Deutsch Angebot Kinder Betreuung Platz Wohnung Suche Miete Frauen "
    "Beratung Tandem Hausaufgaben Hilfe kommen richten Fahrt Rad"
)


def splitter(vocabulary=VOCABULARY):
    return Splitter("de", {stem(word, "de") for word in words(vocabulary)})


@pytest.mark.parametrize(
    "compound, parts",
    [
        ("Sprachkurs", ("sprach", "kur")),
        ("Sprachtandem", ("sprach", "tand")),
        ("Mietwohnung", ("miet", "wohnung")),
        ("Wohnungssuche", ("wohnung", "such")),  # linking "s"
        ("Frauenberatung", ("frau", "berat")),  # linking "en"
        ("Kinderbetreuungsplatz", ("kind", "betreu", "platz")),  # three parts, "er" and "s"
        ("Deutschkursangebot", ("deutsch", "kur", "angebot")),
        ("Hausaufgabenhilfe", ("hausaufgab", "hilf")),
    ],
)
def test_a_compound_splits_into_the_stems_of_known_words(compound, parts):
    assert splitter().parts(words(compound)[0]) == parts


@pytest.mark.parametrize(
    "word",
    [
        "Sprache",  # a known word made of no two others
        "Beratungsgespräch",  # "Gespräch" is not a word of the site
        "Einkommen",  # "ein" is too short and a function word
        "Unterricht",  # "unter" is a function word
        "Fahrrad",  # "Rad" is too short to count as a part
    ],
)
def test_a_word_not_made_of_known_words_stays_whole(word):
    assert splitter().parts(words(word)[0]) == ()


def test_a_compound_reads_as_each_two_neighbouring_parts_as_words_or_parts():
    assert readings("kinderbetreuungsplatz", splitter()) == (
        (("kind", part_token("kind")), ("betreu", part_token("betreu"))),
        (("betreu", part_token("betreu")), ("platz", part_token("platz"))),
    )


def test_only_german_is_split():
    assert query_parts(["sprachkurs"], ["sprachkur"], "en") == [((), ())]


def publish(offer, title, summary):
    offer.title = title
    offer.summary = summary
    offer.save_revision().publish()


def offer_titles(client, query):
    response = client.get("/de/search/", {"q": query, "type": "offer"})
    assert response.status_code == 200
    return [result.title for result in response.context["results"]]


@pytest.mark.django_db
def test_a_compound_finds_its_parts_and_a_part_its_compounds_after_the_exact_word(client, small):
    publish(small["offers"]["t-course", "de"], "Harfe unter Wolken", "Wir spielen Harfe.")
    publish(small["offers"]["t-evening", "de"], "Wolkenharfe im Park", "Musik im Freien.")

    assert offer_titles(client, "Wolkenharfe")[:2] == ["Wolkenharfe im Park", "Harfe unter Wolken"]
    assert offer_titles(client, "Harfe")[:2] == ["Harfe unter Wolken", "Wolkenharfe im Park"]


@pytest.mark.django_db
def test_a_rebuild_splits_compounds_with_words_indexed_after_them(client, small):
    publish(small["offers"]["t-evening", "de"], "Wolkenharfe im Park", "Musik im Freien.")
    publish(small["offers"]["t-course", "de"], "Harfe unter Wolken", "Wir spielen Harfe.")
    assert "Wolkenharfe im Park" not in offer_titles(client, "Harfe")

    call_command("rebuild_search", stdout=io.StringIO())

    assert "Wolkenharfe im Park" in offer_titles(client, "Harfe")
