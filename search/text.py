"""Language-aware normalisation of text for the search index and of queries.

Documents and queries go through the same steps, in the language of the
document (or of the part of the index being searched):

1. lower case (Cyrillic and Latin alike), Unicode compatibility form;
2. diacritics removed ("Geflüchtete" and "Gefluchtete" match), and in Arabic
   script the short vowels and tatweel removed and the forms of alef, hamza,
   yeh and teh marbuta folded (Persian keheh and yeh as well);
3. each word reduced to its stem with the stemmer the language registry
   (``home/language_registry.py``) names: the language's Snowball stemmer
   ("Wohnungen" and "Wohnung" match), or for Ukrainian, which has none, a
   light stemmer that removes the common case and number endings ("курси",
   "курсів" and "курс" match). A language without a stemmer keeps its words
   whole; as every query word matches the beginnings of words, "pirtuk"
   still finds "pirtûkxane".

Doing this here rather than in PostgreSQL's text-search configurations keeps
one configuration for all languages in the database and gives SQLite and
PostgreSQL the same behaviour.
"""

import functools
import re
import threading
import unicodedata

import snowballstemmer

from home.language_registry import stemmer_name

WORD = re.compile(r"\w+", re.UNICODE)
ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ARABIC_FOLDS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ة": "ه",
        "ی": "ي",
        "ک": "ك",
    }
)
MIN_PREFIX = 3


UKRAINIAN_ENDINGS = sorted(
    "ами ями ові еві ого ому ими іми ної ною ний ній ими ях ах ам ям ів їв ою ею ом ем ий ій ої "
    "их іх а я у ю о е и і ї ь й".split(),
    key=len,
    reverse=True,
)
MIN_STEM = 3


class UkrainianStemmer:
    """A light stemmer: the longest common inflection ending goes, if three letters stay."""

    def stemWord(self, word):  # noqa: N802 (the Snowball stemmers' name)
        for ending in UKRAINIAN_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                return word[: -len(ending)]
        return word


OWN_STEMMERS = {"ukrainian-light": UkrainianStemmer}


def new_stemmer(language_code):
    algorithm = stemmer_name(language_code)
    if algorithm in OWN_STEMMERS:
        return OWN_STEMMERS[algorithm]()
    return snowballstemmer.stemmer(algorithm) if algorithm else None


per_thread = threading.local()


def stemmer(language_code):
    """The language's stemmer, one per thread: a Snowball stemmer keeps its word in itself
    while it works, so two threads sharing one garble each other's words."""
    stemmers = per_thread.__dict__.setdefault("stemmers", {})
    if language_code not in stemmers:
        stemmers[language_code] = new_stemmer(language_code)
    return stemmers[language_code]


def fold(text):
    """Lower case, without diacritics, with the Arabic-script letter forms folded."""
    text = ARABIC_MARKS.sub("", text.lower()).translate(ARABIC_FOLDS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    """The folded words of ``text``."""
    return WORD.findall(fold(text or ""))


@functools.lru_cache(maxsize=100_000)
def stem(word, language_code):
    """The stem of one folded word; remembered, since the same words come back all the time
    (queries, topic names, the words of result snippets that are highlighted)."""
    language_stemmer = stemmer(language_code)
    return language_stemmer.stemWord(word) if language_stemmer else word


def stems(text, language_code):
    """The folded, stemmed words of ``text`` in the given language."""
    return [stem(word, language_code) for word in words(text)]


def index_text(text, language_code):
    """What the index stores for ``text``: its stems, separated by spaces."""
    return " ".join(stems(text, language_code))
