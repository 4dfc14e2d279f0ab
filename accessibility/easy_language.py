"""Hints for writing in Leichte Sprache (easy German), after the rules of the Netzwerk Leichte
Sprache: short sentences, short or divided words, no negations, no passive voice, no
subjunctive, numbers as digits, no abbreviations.

``check(text)`` returns the hints for a text. They are hints for the editor, never errors:
a rule of thumb sometimes meets a good sentence.
"""

import re
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

MAX_WORDS = 15  # words in a sentence
MAX_LETTERS = 12  # letters in a word (or in each part of a divided word)

# Known abbreviations; their full stops do not end a sentence.
ABBREVIATIONS = re.compile(
    r"\b(?:z\.\s?B\.|d\.\s?h\.|u\.\s?a\.|o\.\s?ä\.|u\.\s?U\.|bzw\.|usw\.|ggf\.|evtl\.|etc\.|"
    r"vgl\.|inkl\.|ca\.|Nr\.|Str\.|Tel\.|bspw\.|sog\.)",
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
WORD = re.compile(r"[^\W_]+(?:[·\-‐][^\W_]+)*")
WORD_PARTS = re.compile(r"[·\-‐]")

NEGATIONS = {
    "nicht",
    "kein",
    "keine",
    "keinen",
    "keinem",
    "keiner",
    "keines",
    "nie",
    "niemals",
    "niemand",
    "niemanden",
    "niemandem",
    "nichts",
    "nirgends",
    "nirgendwo",
    "weder",
}
WERDEN = {"wird", "werden", "werde", "wirst", "werdet", "wurde", "wurden", "wurdest", "worden"}
PARTICIPLE = re.compile(
    r"^(?:[a-zäöüß]*ge[a-zäöüß]{2,}(?:t|en)|(?:be|er|ver|zer|ent|emp|miss)[a-zäöüß]{2,}t"
    r"|[a-zäöüß]{2,}iert)$"
)
SUBJUNCTIVE = {
    "würde",
    "würden",
    "würdest",
    "könnte",
    "könnten",
    "hätte",
    "hätten",
    "wäre",
    "wären",
    "müsste",
    "müssten",
    "dürfte",
    "dürften",
    "sollte",
    "sollten",
}
UNITS = "(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)"
NUMBER_WORD = re.compile(
    r"^(?:eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf"
    r"|(?:drei|vier|fünf|sech|sieb|acht|neun)zehn"
    rf"|(?:{UNITS}und)?(?:zwan|drei|vier|fünf|sech|sieb|acht|neun)(?:zig|ßig)"
    rf"|{UNITS}?(?:hundert|tausend)\w*|millionen?|milliarden?)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Hint:
    """A rule a sentence breaks: the rule's name, the sentence, and the words concerned."""

    rule: str
    sentence: str
    words: tuple = ()

    @property
    def message(self):
        return MESSAGES[self.rule] % {"max": MAX_WORDS}


MESSAGES = {
    "long_sentence": _("Long sentence: write at most %(max)s words in a sentence."),
    "long_word": _("Long word: divide it with a hyphen point, e.g. “Bürger·meister”."),
    "negation": _("Negation: say what is, not what is not."),
    "passive": _("Passive voice: say who does something."),
    "subjunctive": _("Subjunctive: write directly what is."),
    "number_word": _("Number written as a word: write numbers as digits, e.g. “3”."),
    "abbreviation": _("Abbreviation: write the words out."),
}


def text_of_html(html):
    """The words of rich text, each paragraph and list item on a line of its own."""
    return strip_tags(re.sub(r"</(?:p|li|h\d)>|<br\s*/?>", "\n", html))


def sentences(text):
    """The sentences of ``text``: full stops of abbreviations and ordinals do not end one."""
    protected = ABBREVIATIONS.sub(lambda match: match.group().replace(".", "\0"), text)
    protected = re.sub(r"\b(\d+)\.(?=\s)", "\\1\0", protected)
    for sentence in SENTENCE_END.split(protected):
        sentence = sentence.replace("\0", ".").strip()
        if WORD.search(sentence):
            yield sentence


def sentence_hints(sentence):
    """The hints for one sentence."""
    words = WORD.findall(sentence)
    if len(words) > MAX_WORDS:
        yield Hint("long_sentence", sentence, (str(len(words)),))
    long_words = tuple(
        word
        for word in words
        if any(len(part) > MAX_LETTERS for part in WORD_PARTS.split(word)) and not word.isdigit()
    )
    if long_words:
        yield Hint("long_word", sentence, long_words)
    for rule, found in (
        ("negation", [word for word in words if word.lower() in NEGATIONS]),
        ("subjunctive", [word for word in words if word.lower() in SUBJUNCTIVE]),
        ("number_word", [word for word in words if NUMBER_WORD.match(word)]),
    ):
        if found:
            yield Hint(rule, sentence, tuple(found))
    auxiliaries = [word for word in words if word.lower() in WERDEN]
    participles = [word for word in words if PARTICIPLE.match(word)]
    if auxiliaries and participles:
        yield Hint("passive", sentence, (auxiliaries[0], participles[-1]))
    abbreviations = tuple(match.group() for match in ABBREVIATIONS.finditer(sentence))
    if abbreviations:
        yield Hint("abbreviation", sentence, abbreviations)


def check(text):
    """The hints for a text, sentence by sentence."""
    return [hint for sentence in sentences(text) for hint in sentence_hints(sentence)]
