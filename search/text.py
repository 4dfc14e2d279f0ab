"""Language-aware normalisation of text for the search index and of queries.

Documents and queries go through the same steps, in the language of the
document (or of the part of the index being searched):

1. lower case (Cyrillic and Latin alike; Turkish "İ", "I" and "ı" all become
   "i"), Unicode compatibility form;
2. invisible characters removed (the zero-width non-joiner that Persian writes
   inside words, joiners, direction marks, soft hyphens), so "می‌خواهم" and
   "میخواهم" are one word, and so is the middle dot that Leichte Sprache sets
   between the parts of a compound ("Deutsch·kurs" is "Deutschkurs");
3. diacritics removed ("Geflüchtete" and "Gefluchtete" match, so do "ё" and
   "е", and Turkish typed without its letters: "danismanlik", "danışmanlık"),
   except Cyrillic "й" and "ї", letters of their own; in Arabic script the
   short vowels and tatweel removed and the forms of alef, hamza, yeh, heh
   and teh marbuta folded (Persian keheh and yeh as well); digits of every
   script written 0-9 ("۱۲" and "١٢" are "12");
4. the Persian verb prefixes "می"/"نمی" and plural endings "ها"/"های" written
   apart joined to their word ("می خواهم" is "میخواهم", "کلاس ها" is "کلاسها");
5. each word reduced to its stem with the stemmer the language registry
   (``home/language_registry.py``) names: the language's Snowball stemmer
   ("Wohnungen" and "Wohnung" match, "квартиры" and "квартира"), or one of
   this module's own: light Arabic, Ukrainian and Persian stemmers that
   remove common prefixes and endings ("الشقة" and "شقة", "курсів" and
   "курс", "کلاس‌ها" and "کلاس"), and
   Snowball's Turkish for words folded to plain letters ("kursları" and
   "kurslari" are "kurs"). A language without a stemmer keeps its words
   whole; as every query word matches the beginnings of words, "pirtuk"
   still finds "pirtûkxane".

Steps 1 to 4 do not depend on the language, so a query has the same words in
every language it is searched in. Doing this here rather than in PostgreSQL's
text-search configurations keeps one configuration for all languages in the
database and gives SQLite and PostgreSQL the same behaviour. Whatever changes
here changes the stored stems: the index must then be rebuilt
(``manage.py rebuild_search``).
"""

import functools
import re
import threading
import unicodedata

import snowballstemmer

from home.language_registry import stemmer_name

COMPOUND_LANGUAGES = frozenset({"de"})  # languages that write compounds as one word
WORD = re.compile(r"\w+", re.UNICODE)
ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
LETTER_FOLDS = {
    "ı": "i",
    "ٱ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ک": "ك",
    "ة": "ه",
    "ە": "ه",
    "ہ": "ه",
    "ھ": "ه",
}
OWN_LETTERS = frozenset("йї")  # not "и" and "і" with a mark: letters of their own
MEDIOPUNKT = "\u00b7"  # the middle dot inside compounds of Leichte Sprache: "Deutsch·kurs"
ARABIC_LETTERS = "\u0620-\u064a\u066e-\u06d5"
MIN_STEM = 3


def has_compounds(language_code):
    """Whether the language writes its compounds as one word ("Sprachkurs")."""
    return language_code.split("-")[0] in COMPOUND_LANGUAGES


def fold_character(char):
    """One lower-case character as the index has it: without marks, folded, or nothing."""
    if char in OWN_LETTERS:
        return char
    if unicodedata.category(char) == "Cf" or char == MEDIOPUNKT:  # joiners, direction marks
        return ""
    folded = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.combining(part) or ARABIC_MARKS.match(part):
            continue
        if unicodedata.category(part) == "Nd":
            part = str(unicodedata.decimal(part))
        folded.append(LETTER_FOLDS.get(part, part))
    return "".join(folded)


class FoldingTable(dict):
    """Code point -> folded text, for ``str.translate``; each character computed once."""

    def __missing__(self, code_point):
        folded = self[code_point] = fold_character(chr(code_point))
        return folded


FOLDING = FoldingTable()


def fold(text):
    """Lower case, without diacritics and invisible characters, letter forms and digits
    folded."""
    return unicodedata.normalize("NFC", text).lower().translate(FOLDING)


DETACHED_PREFIX = re.compile(rf"(?<!\w)(ن?{fold('می')})\s+(?=[{ARABIC_LETTERS}])")
DETACHED_PLURAL = re.compile(rf"(?<=[{ARABIC_LETTERS}])\s+({fold('ها')}{fold('ی')}{{0,2}})(?!\w)")


def words(text):
    """The folded words of ``text``, Persian prefixes and plural endings joined to theirs."""
    folded = DETACHED_PREFIX.sub(r"\1", fold(text or ""))
    return WORD.findall(DETACHED_PLURAL.sub(r"\1", folded))


UKRAINIAN_ENDINGS = sorted(
    "ами ями ові еві ого ому ими іми ної ною ний ній ими ях ах ам ям ів їв ою ею ом ем ий ій ої "
    "их іх а я у ю о е и і ї ь й".split(),
    key=len,
    reverse=True,
)


class UkrainianStemmer:
    """A light stemmer: the longest common inflection ending goes, if three letters stay."""

    def stemWord(self, word):  # noqa: N802 (the Snowball stemmers' name)
        for ending in UKRAINIAN_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                return word[: -len(ending)]
        return word


def folded_endings(*endings):
    return tuple((fold(ending), min_stem) for ending, min_stem in endings)


class PersianStemmer:
    """A light stemmer for folded Persian words: plural, comparative and ezafe endings go,
    one after another, as long as the stem keeps three letters (four before "ان").

    The endings: "ها"/"های"/"هایی" (plural), "ترین"/"تر" (superlative, comparative),
    "ان"/"گان" (plural of people, not the "ستان" of places: "مهاجران" is "مهاجر"),
    "ات" (plural), "ی" of the ezafe after a vowel ("دانشجوی" is "دانشجو"), and a
    final silent "ه", so that "حرفه", "حرفه‌ای" and "حرفه‌ها" share their stem.
    """

    ENDINGS = folded_endings(
        ("هایی", MIN_STEM),
        ("های", MIN_STEM),
        ("ترین", MIN_STEM),
        ("گان", MIN_STEM + 1),
        ("ها", MIN_STEM),
        ("تر", MIN_STEM),
        ("ان", MIN_STEM + 1),
        ("ات", MIN_STEM),
        ("ی", MIN_STEM),
        ("ه", MIN_STEM),
    )
    EZAFE = fold("ی")
    PLURAL = fold("ان")
    PLACE = fold("ستان")
    VOWELS = frozenset(fold("اوه"))

    def stemWord(self, word):  # noqa: N802 (the Snowball stemmers' name)
        while stem := self.shorter(word):
            word = stem
        return word

    def shorter(self, word):
        """The word without its last ending, or None."""
        for ending, min_stem in self.ENDINGS:
            stem = word[: -len(ending)]
            if not word.endswith(ending) or len(stem) < min_stem:
                continue
            if ending == self.EZAFE and stem[-1] not in self.VOWELS:
                continue
            if ending == self.PLURAL and word.endswith(self.PLACE):
                continue
            return stem
        return None


class ArabicStemmer:
    """Larkey's light stemmer ("light10") for folded Arabic words: a leading "و" (and) goes
    if three letters stay, then one definite article ("ال", "وال", "بال", "كال", "فال",
    "لل"), then each of the common suffixes in turn (dual and plural endings, possessive
    "ها", the adjective ending "ية", teh marbuta), as long as two letters stay. So "الشقة"
    and "شقة" share their stem, and so do "الديون" and "ديون". Snowball's Arabic stemmer
    keeps the article where it also takes a suffix off, and roots that are not
    prefixes of their words would miss the prefix matching of query words.
    """

    CONJUNCTION = fold("و")
    ARTICLES = tuple(fold(article) for article in ("وال", "بال", "كال", "فال", "لل", "ال"))
    SUFFIXES = tuple(
        dict.fromkeys(
            fold(suffix) for suffix in ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")
        )
    )
    MIN_LETTERS = 2

    def stemWord(self, word):  # noqa: N802 (the Snowball stemmers' name)
        if word.startswith(self.CONJUNCTION) and len(word) > 3:
            word = word[1:]
        for article in self.ARTICLES:
            if word.startswith(article) and len(word) - len(article) >= self.MIN_LETTERS:
                word = word[len(article) :]
                break
        for suffix in self.SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= self.MIN_LETTERS:
                word = word[: -len(suffix)]
        return word


TURKISH_VOWELS = re.compile("[aeıioöuü]")
TURKISH_SOFT_G = re.compile("(?<=[aeıioöuü])g(?=[aeıioöuü])")
TURKISH_HIGH_VOWELS = {"i": ("i", "ı"), "o": ("ö", "o"), "u": ("ü", "u")}  # front, back
TURKISH_CONSONANTS = "bcçdfgğhjklmnprsştvyz"
ROOT_ENDING_IN_S = re.compile(f"[{TURKISH_CONSONANTS.replace('s', '')}]s[ıiuü]$")
TURKISH_ROUNDS = 4  # suffixes stacked on a word; Snowball takes off several in one round


def with_vowel_harmony(word):
    """A folded Turkish word with "ı", "ö", "ü" and "ğ" put back where vowel harmony says.

    Folding leaves "i", "o", "u" and "g" for both letters of each pair. A vowel
    takes the front or back of the "e" or "a" right after it, else of the vowel
    before it, so the endings harmonise with their stem again ("kurslari" is
    "kursları") and Snowball's rules, which check that harmony, apply. A "g"
    between vowels is taken for "ğ", the "k" of "danışmanlık" in "danışmanlığı".
    """
    letters = list(word)
    vowels = [match.start() for match in TURKISH_VOWELS.finditer(word)]
    front = None
    for number, position in enumerate(vowels):
        vowel = word[position]
        following = word[vowels[number + 1]] if number + 1 < len(vowels) else None
        if vowel in "ae":
            front = vowel == "e"
            continue
        if following in ("a", "e"):
            front = following == "e"
        elif front is None:
            front = vowel == "i"
        letters[position] = TURKISH_HIGH_VOWELS[vowel][0 if front else 1]
    return TURKISH_SOFT_G.sub("ğ", "".join(letters))


class TurkishStemmer:
    """Snowball's Turkish stemmer for folded words (typed with or without Turkish letters).

    Vowel harmony is restored first (``with_vowel_harmony``), and Snowball runs until
    the stem stays the same, so that "kadın" and "kadınlar" share a stem. Snowball
    takes an "s" after a consonant for a buffer letter; the "s" of a root such as
    "kurs" is kept ("kursa", "kursu" and "kurs" share "kurs"). The stem is folded again.
    """

    def __init__(self):
        self.snowball = snowballstemmer.stemmer("turkish")

    def stemWord(self, word):  # noqa: N802 (the Snowball stemmers' name)
        word = with_vowel_harmony(word)
        for _round in range(TURKISH_ROUNDS):
            stem = self.stem_once(word)
            if stem == word:
                break
            word = stem
        return fold(word)

    def stem_once(self, word):
        stem = self.snowball.stemWord(word)
        if stem == word and ROOT_ENDING_IN_S.search(word):
            return word[:-1]
        after_stem = word[len(stem) : len(stem) + 1] if word.startswith(stem) else ""
        if after_stem == "s" and stem and stem[-1] in TURKISH_CONSONANTS:
            return stem + "s"
        return stem


OWN_STEMMERS = {
    "arabic-light": ArabicStemmer,
    "ukrainian-light": UkrainianStemmer,
    "persian-light": PersianStemmer,
    "turkish-folded": TurkishStemmer,
}


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


@functools.lru_cache(maxsize=100_000)
def stem(word, language_code):
    """The stem of one folded word; remembered, since the same words come back all the time
    (queries, topic names, the words of result snippets that are highlighted)."""
    language_stemmer = stemmer(language_code)
    if not language_stemmer:
        return word
    # Once more on its own stem: Snowball takes one ending off a word, so "Deutschkurse"
    # gives "deutschkurs" but "Deutschkurs" gives "deutschkur"; the stem of the stem is
    # the same for both.
    return language_stemmer.stemWord(language_stemmer.stemWord(word))


def stems(text, language_code):
    """The folded, stemmed words of ``text`` in the given language."""
    return [stem(word, language_code) for word in words(text)]


def index_text(text, language_code):
    """What the index stores for ``text``: its stems, separated by spaces."""
    return " ".join(stems(text, language_code))
