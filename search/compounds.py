"""German compounds as their parts: "Sprachkurs" is "Sprache" and "Kurs".

A compound is split into parts that are words of the site itself: pieces whose
stems are in the vocabulary of the language (``SearchTerm``, the stems of the
indexed documents), each of at least ``MIN_PART`` letters and none a function
word, joined directly or by a linking element ("Wohnung-s-suche",
"Kind-er-betreuung", "Frau-en-beratung"). Of the ways to split a word, the one
with the fewest parts wins, and each part is split again, so
"Kinderbetreuungsplatz" has the parts "kind", "betreu" and "platz" (stems). A
word that is not made of known words stays whole: the site's own words decide,
no general dictionary.

Both ways round:

- a document stores, besides its stems, a token for each part of each of its
  compounds (``part_tokens``), so a query word finds the compounds it is a part
  of ("Kurs" finds "Sprachkurs", "Betreuung" "Kinderbetreuung");
- a query word that is a compound also matches the documents that contain two
  neighbouring parts of it, as words or as parts of their compounds
  (``readings``): "Sprachtandem" finds "Tandem für Sprachen",
  "Deutschkursangebot" finds "Kurs für Deutsch".

Such matches count less than the word itself (``engine.PART_WEIGHT`` and
``READING_WEIGHT``), so texts with the exact word come first. Only languages of
``text.COMPOUND_LANGUAGES`` are split.
"""

import threading
from itertools import pairwise

from .concepts import PREFIX
from .models import SearchTerm, index_version
from .stopwords import STOPWORDS
from .text import MIN_STEM, has_compounds, stem

PART_PREFIX = PREFIX + "c"  # begins no word; the vocabulary leaves such tokens out
MIN_PART = 4
LINKS = ("s", "es", "n", "en", "er", "e", "ens")  # the German linking elements


def part_token(part):
    """The searched word that says a document has a compound with this part (a stem)."""
    return PART_PREFIX + part


def is_part_token(word):
    return word.startswith(PART_PREFIX)


class Splitter:
    """Splits the folded words of a language into parts whose stems it knows; each word's
    split is remembered."""

    def __init__(self, language_code, *known):
        self.language_code = language_code
        self.known = known  # collections of stems
        self.splits = {}

    def parts(self, word):
        """The stems of the parts of a compound, each split down as far as it goes, or ()
        if the word is none."""
        if word not in self.splits:
            found = self.fewest_parts(word) if len(word) >= 2 * MIN_PART else []
            self.splits[word] = tuple(
                dict.fromkeys(part for piece, own in found for part in self.parts(piece) or (own,))
            )
        return self.splits[word]

    def fewest_parts(self, word):
        """The fewest (piece, stem) pairs, at least two, that ``word`` is made of, else []."""
        best = {len(word): []}  # position -> the fewest pieces from there to the end
        for start in range(len(word) - MIN_PART, -1, -1):
            options = [
                [(piece, own), *best[end]]
                for end in range(start + MIN_PART, len(word) + 1)
                if end in best and (start, end) != (0, len(word))
                for piece, own in self.cores(word[start:end], last=end == len(word))[:1]
            ]
            if options:
                best[start] = min(options, key=len)
        return best.get(0, [])

    def cores(self, piece, last):
        """(word, known stem) pairs a piece of a compound may stand for: the piece itself,
        or, before another part, the piece without its linking element."""
        pieces = [piece]
        if not last:
            pieces += [piece[: -len(link)] for link in LINKS if piece.endswith(link)]
        found = []
        for word in pieces:
            if len(word) >= MIN_PART and word not in STOPWORDS and self.begins_known(word):
                own = stem(word, self.language_code)
                if self.knows(own):
                    found.append((word, own))
        return found

    def knows(self, stem):
        return any(stem in stems for stems in self.known)

    def begins_known(self, word):
        """Whether a known stem begins the word: only then is it worth stemming, as a
        German stem begins its word (with "ß" as "ss")."""
        word = word.replace("ß", "ss")
        return any(self.knows(word[:end]) for end in range(len(word), MIN_STEM - 1, -1))


class Splitters:
    """A splitter per language over the stems of its documents, made anew when the index
    changes (one set per process)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.current = {}  # language code -> (index version, Splitter)

    def get(self, language_code):
        version = index_version()
        made, splitter = self.current.get(language_code, (None, None))
        if made != version:
            splitter = Splitter(language_code, known_stems(language_code))
            with self.lock:
                self.current[language_code] = (version, splitter)
        return splitter


SPLITTERS = Splitters()


def known_stems(language_code):
    """The stems of the language's documents (the vocabulary of its locales)."""
    return frozenset(
        SearchTerm.objects.filter(locale__language_code=language_code).values_list(
            "term", flat=True
        )
    )


def splitter(language_code, more_stems=()):
    """The splitter of the language's compounds as its documents are now, or None for a
    language without compounds; ``more_stems``: stems about to join the vocabulary."""
    if not has_compounds(language_code):
        return None
    current = SPLITTERS.get(language_code)
    return Splitter(language_code, *current.known, more_stems) if more_stems else current


def part_tokens(folded_words, splitter):
    """The part tokens of the compounds among the words, each once, space-separated."""
    if splitter is None:
        return ""
    tokens = (part_token(part) for word in folded_words for part in splitter.parts(word))
    return " ".join(dict.fromkeys(tokens))


def readings(folded_word, splitter):
    """What a query word also matches as a compound: each two neighbouring parts, each
    part as a stem of the text or as a part of its compounds."""
    if splitter is None:
        return ()
    parts = splitter.parts(folded_word)
    return tuple(tuple((part, part_token(part)) for part in pair) for pair in pairwise(parts))


def query_parts(folded_words, stems, language_code):
    """For each word of a query (folded) with its stem in the language: what it matches
    through compounds, its part tokens and its ``readings`` (both empty in a language
    without compounds)."""
    language_splitter = splitter(language_code)
    if language_splitter is None:
        return [((), ())] * len(stems)
    return [
        ((part_token(own),), readings(word, language_splitter))
        for word, own in zip(folded_words, stems, strict=True)
    ]
