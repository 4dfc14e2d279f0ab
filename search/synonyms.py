"""The editors' synonyms of each language, as the search uses them.

A synonym set (``models.SynonymSet``) lists words or short phrases that mean the same.
Its versions in other languages (its translations) name the same concept, so a set and
its translations are read together: in the documents of a language, a word of any
version finds the words of that language's version ("daire" typed on the Turkish site
finds the German offers about a "Wohnung"). The search reads them from here, kept in each
process per language under a version that every save or delete of a set renews, so that
a new set counts with the next search and no document is indexed again; Elasticsearch's synonyms
sets are rewritten then.
"""

import threading
from collections import defaultdict

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .models import SYNONYM_ENTRY_WORDS, SynonymSet, new_version, synonym_entries, version
from .stopwords import meaningful
from .text import stem, words

VERSION_KEY = "search:synonyms-version"


def expansions(language_code):
    """Stem -> the frozenset of stems that a query word with this stem may match as well,
    in the documents of the language.

    The values are the stems of the single-word entries of the language's sets (stemmed as
    ``text.stems`` stems them in that language); the keys are the stems, in the language,
    of the single-word entries of those sets and of their versions in other languages.
    A key maps to the stems of every set it is in, itself excluded. The entries of the other
    versions are keys twice: by their stem in the language, and as (their language code,
    their stem in their own language), so that a word typed in another language finds the
    language's words in any form its own language stems alike: "hamileyim" ("I am
    pregnant", stemmed "hamil" in Turkish) typed on the Turkish site finds the German
    "schwanger", which the Turkish entry "hamile" names. A query is matched
    word by word, and the words of a phrase alone mean something else ("Deutsch" of
    "Deutsch lernen" begins "Deutschland"), so a multi-word entry counts only in the
    Elasticsearch lines (``synonym_lines``).
    """
    return KEPT.get(language_code)["expansions"]


def phrases(language_code):
    """(stems of a phrase) -> the frozenset of stems that each of a query's words that
    together read as the phrase may match as well, in the documents of the language.

    The keys are the phrases (entries of two to four meaningful words) of the language's
    sets and of their versions in other languages, each without the function words of
    its own language and stemmed in this one; each maps to the stems of the one-word
    entries of the language's version: "kiralık daire" typed on the Turkish site finds
    the German "Wohnung" through the Turkish version of the German set. As with
    ``expansions``, the phrases of the other versions are keys once more, stemmed in their
    own language after their language code: ("tr", "kiralik", "ev") for "kiralık ev".
    """
    return KEPT.get(language_code)["phrases"]


def phrased(query_stems, language_code, written_in=None):
    """For each of a query's stems (in the language, or in the language ``written_in``),
    the stems of the language it may match as well because it is part of a run of the
    query's words that reads as a phrase of a set."""
    known = phrases(language_code)
    tag = (written_in,) if written_in else ()
    found = [set() for _stem in query_stems]
    for start in range(len(query_stems)):
        for end in range(start + 2, min(start + SYNONYM_ENTRY_WORDS, len(query_stems)) + 1):
            targets = known.get(tag + tuple(query_stems[start:end]))
            if targets:
                for position in range(start, end):
                    found[position] |= targets
    return [frozenset(stems) for stems in found]


def entry_words(language_code):
    """Stem -> the folded one-word entries of the language's sets with that stem: the words
    that the stems of ``expansions`` and ``phrased`` stand for, for Elasticsearch, which
    analyses words itself."""
    return KEPT.get(language_code)["words"]


def synonym_lines(language_code):
    """The language's sets as lines for an Elasticsearch synonym filter, each entry as its
    folded words (``text.words``), in the order the sets are listed: "a, b c, d" for a set
    without versions in other languages, "a, b c, d, x, y => a, b c, d" for one with, so
    that the words of the other versions (x, y) find those of the language's."""
    return KEPT.get(language_code)["lines"]


class KeptSynonyms:
    """Each language's expansions, phrases and lines, made once per process from its sets:
    a search reads only the synonyms version from the cache, and when that is new (a set
    changed, or the cache was emptied) the language's sets, which are made into stems
    again only if they differ from those the process has."""

    def __init__(self):
        self.lock = threading.Lock()
        self.current = {}  # language code -> (synonyms version, rows read, made of them)

    def get(self, language_code):
        current = version(VERSION_KEY)
        made, rows, computed = self.current.get(language_code, (None, None, None))
        if made != current:
            read = read_rows(language_code)
            if read != rows:
                concepts = concepts_of(read, language_code)
                computed = {
                    "expansions": expanded(concepts, language_code),
                    "phrases": phrase_expansions(concepts, language_code),
                    "words": words_by_stem(concepts, language_code),
                    "lines": [line(own, others) for own, others in concepts],
                }
            # Kept with the version it was read under: a change while it was read shows
            # next time.
            with self.lock:
                self.current[language_code] = (current, read, computed)
        return computed


KEPT = KeptSynonyms()


def read_rows(language_code):
    """(translation key, language code, words) of the language's sets and of their
    versions in other languages, in the sets' order: one query."""
    keys = SynonymSet.objects.filter(locale__language_code=language_code)
    rows = SynonymSet.objects.filter(translation_key__in=keys.values("translation_key"))
    return list(rows.values_list("translation_key", "locale__language_code", "words"))


def concepts_of(rows, language_code):
    """``[(own entries, (entry, language code) of the other versions)]``: the language's
    sets in ``rows``, in their order, each with the entries of its translations."""
    own, others = {}, defaultdict(list)
    for translation_key, code, text in rows:
        if code == language_code:
            own[translation_key] = entries_of(text)
        else:
            others[translation_key].extend((entry, code) for entry in entries_of(text))
    return [(entries, others[translation_key]) for translation_key, entries in own.items()]


def entries_of(text):
    return [entry for entry in synonym_entries(text) if words(entry)]


def line(own, others):
    """A set's Elasticsearch line (see ``synonym_lines``)."""
    own_words = [" ".join(words(entry)) for entry in own]
    foreign = dict.fromkeys(" ".join(words(entry)) for entry, _code in others)
    foreign = [folded for folded in foreign if folded not in own_words]
    if not foreign:
        return ", ".join(own_words)
    return f"{', '.join(own_words + foreign)} => {', '.join(own_words)}"


def expanded(concepts, language_code):
    """The expansions of ``concepts`` (as ``concepts_of`` gives them), as ``expansions``
    describes."""
    alternatives = defaultdict(set)
    for own, others in concepts:
        targets = single_stems(own, language_code)
        foreign = [entry for entry, _code in others]
        in_own_language = {
            (code, stem) for entry, code in others for stem in single_stems([entry], code)
        }
        for key in targets | single_stems(foreign, language_code) | in_own_language:
            alternatives[key].update(targets)
    return {key: frozenset(found - {key}) for key, found in alternatives.items() if found - {key}}


def phrase_expansions(concepts, language_code):
    """The phrases of ``concepts`` (as ``concepts_of`` gives them), as ``phrases``
    describes."""
    found = defaultdict(set)
    for own, others in concepts:
        targets = single_stems(own, language_code)
        for entry, entry_language in [*((entry, language_code) for entry in own), *others]:
            folded = words(meaningful(entry, entry_language))
            if len(folded) > 1 and targets:
                found[tuple(stem(word, language_code) for word in folded)] |= targets
                if entry_language != language_code:
                    in_own_language = (stem(word, entry_language) for word in folded)
                    found[(entry_language, *in_own_language)] |= targets
    return {key: frozenset(targets) for key, targets in found.items()}


def words_by_stem(concepts, language_code):
    """The ``entry_words`` of ``concepts`` (as ``concepts_of`` gives them)."""
    found = defaultdict(set)
    for own, _others in concepts:
        for single in (words(entry) for entry in own):
            if len(single) == 1:
                found[stem(single[0], language_code)].add(single[0])
    return {key: frozenset(folded) for key, folded in found.items()}


def single_stems(entries, language_code):
    """The stems, in the language, of the entries that are one word."""
    folded = (words(entry) for entry in entries)
    return {stem(single[0], language_code) for single in folded if len(single) == 1}


def synonyms_changed(instance, **kwargs):
    """Start a new synonyms version (every language's cached synonyms become stale) and,
    once the change is committed, give Elasticsearch every language's sets anew: a set's
    words count in the languages of its translations too."""
    from .elasticsearch import update_synonyms  # it reads this module's lines

    new_version(VERSION_KEY)
    transaction.on_commit(update_synonyms)


def connect():
    post_save.connect(synonyms_changed, sender=SynonymSet, dispatch_uid="search-synonyms-save")
    post_delete.connect(synonyms_changed, sender=SynonymSet, dispatch_uid="search-synonyms-delete")
