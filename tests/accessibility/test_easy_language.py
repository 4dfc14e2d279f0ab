"""The easy-language checker: each rule finds what it is for in real German sentences, and
leaves sentences in Leichte Sprache alone."""

import pytest
from django.utils import translation

from accessibility.easy_language import check, sentences, text_of_html


def rules(text):
    return {hint.rule: hint.words for hint in check(text)}


@pytest.mark.parametrize(
    ("rule", "sentence", "words"),
    [
        (
            "long_sentence",
            "Das Netzwerk ist eine Gruppe von vielen Menschen, die im Landkreis zusammen "
            "arbeiten und sich jeden Monat treffen.",
            ("18",),
        ),
        ("long_word", "Der Bürgermeister eröffnet das Fest.", ("Bürgermeister",)),
        ("long_word", "Die Integrationskurse beginnen im Mai.", ("Integrationskurse",)),
        ("negation", "Die Beratung kostet kein Geld.", ("kein",)),
        ("negation", "Sie müssen nicht warten.", ("nicht",)),
        ("negation", "Niemand muss allein bleiben.", ("Niemand",)),
        ("negation", "Das ist nichts Schlimmes.", ("nichts",)),
        ("passive", "Der Antrag wird vom Amt geprüft.", ("wird", "geprüft")),
        ("passive", "Die Schule wurde 1990 eröffnet.", ("wurde", "eröffnet")),
        ("passive", "Der Kurs wird vom Jobcenter bezahlt.", ("wird", "bezahlt")),
        ("passive", "Die Formulare werden kontrolliert.", ("werden", "kontrolliert")),
        ("subjunctive", "Sie könnten morgen anrufen.", ("könnten",)),
        ("subjunctive", "Das wäre schön.", ("wäre",)),
        ("number_word", "Der Kurs dauert zwei Wochen.", ("zwei",)),
        ("number_word", "Zwölf Menschen lernen zusammen.", ("Zwölf",)),
        ("number_word", "Der Kurs hat dreihundert Stunden.", ("dreihundert",)),
        ("number_word", "Sie ist fünfundzwanzig Jahre alt.", ("fünfundzwanzig",)),
        ("abbreviation", "Bringen Sie z. B. Ihren Pass mit.", ("z. B.",)),
        ("abbreviation", "Sie brauchen ggf. einen Termin.", ("ggf.",)),
    ],
)
def test_a_rule_finds_what_it_is_for(rule, sentence, words):
    assert rules(sentence)[rule] == words


@pytest.mark.parametrize(
    ("rule", "sentence"),
    [
        ("long_sentence", "Das Netzwerk ist eine Gruppe. Die Menschen arbeiten zusammen."),
        ("long_word", "Der Bürger·meister eröffnet das Fest."),
        ("long_word", "Die Integrations-kurse beginnen im Mai."),
        ("long_word", "Die Nummer ist 0123456789012345."),
        ("negation", "Die Beratung ist kostenlos."),
        ("negation", "Sie können sofort kommen."),
        ("passive", "Das Amt prüft den Antrag."),
        ("passive", "Wir werden morgen gehen."),
        ("passive", "Sie werden Lehrerin."),
        ("subjunctive", "Rufen Sie morgen an."),
        ("number_word", "Der Kurs dauert 2 Wochen."),
        ("number_word", "Ein Kurs kostet Geld."),
        ("number_word", "Eine Frau hilft."),
        ("abbreviation", "Bringen Sie zum Beispiel Ihren Pass mit."),
    ],
)
def test_a_rule_leaves_easy_sentences_alone(rule, sentence):
    assert rule not in rules(sentence)


def test_a_sentence_in_leichte_sprache_gets_no_hints():
    text = "Sie wollen Deutsch lernen? Hier steht: So finden Sie einen Deutsch·kurs."
    assert check(text) == []


def test_abbreviations_and_dates_do_not_end_a_sentence():
    text = "Am 3. Mai gibt es z. B. ein Fest. Alle kommen!\nDas ist schön"
    assert list(sentences(text)) == [
        "Am 3. Mai gibt es z. B. ein Fest.",
        "Alle kommen!",
        "Das ist schön",
    ]


def test_paragraphs_and_list_items_of_rich_text_are_sentences_of_their_own():
    html = "<p>Zum Beispiel:</p><ul><li>die Gemeinden</li><li>Vereine</li></ul>"
    assert list(sentences(text_of_html(html))) == ["Zum Beispiel:", "die Gemeinden", "Vereine"]


def test_a_hint_says_what_to_do():
    (hint,) = check("Sie müssen nicht warten.")
    assert hint.sentence == "Sie müssen nicht warten."
    (long,) = check(" ".join(["Wort"] * 16) + ".")
    with translation.override("en"):
        assert str(hint.message) == "Negation: say what is, not what is not."
        assert str(long.message) == "Long sentence: write at most 15 words in a sentence."
    with translation.override("de"):
        assert str(hint.message) != "Negation: say what is, not what is not."
