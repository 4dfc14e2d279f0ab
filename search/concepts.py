"""The vocabulary as meaning: topics, target groups and places as concepts of the search.

A document carries one token per topic (with the topics above it), target group
and place it has (``tokens``), among its searched words. A query word that
names a term of the vocabulary, in any of the languages the term has a name in
and in any word form, also searches those tokens (``concepts``): "Kita" typed
anywhere finds what has the topic "Kinderbetreuung", "مسکن" what has the topic
"Wohnen", and a main topic's name finds the entries of its subtopics. The
names of those terms in each document's language are searched as well
(``name_forms``): "konut" (Turkish for housing) ranks a German offer with
"Wohnung" in its title above one that only has the topic.

A name matches a query word when one of the stems of the name's meaningful
words (``stopwords.py``), in the name's language, equals the word's stem in that
language, or begins it and has at least ``MIN_NAME_STEM`` letters and half of the
word's ("Wohnungen" names "Wohnen", "Kinderbetreuung" does not name "Kinder").
In a language that writes compounds as one word, what follows the name's stem
must be at least ``MIN_REST`` letters, a part of a compound or a suffix
("Kinderbetreuungsplatz" names "Kinderbetreuung"), not the letter or two of
another word ("Schulden" does not name "Schule").
"""

import re

from django.core.cache import cache

from directory.models import Place, TargetGroup, Topic
from home.cache import content_version

from .stopwords import meaningful
from .text import has_compounds, stems

VOCABULARY = {"topic": Topic, "target_group": TargetGroup, "place": Place}
PREFIX = "zq"  # begins no word of the seven languages
KIND_LETTERS = {"topic": "t", "target_group": "g", "place": "p"}
MIN_NAME_STEM = 4
MIN_REST = 3


def token(kind, slug):
    """The searched word that stands for a term: "zqt" + the slug's letters and digits."""
    return PREFIX + KIND_LETTERS[kind] + re.sub(r"[^a-z0-9]", "", slug.lower())


def is_token(word):
    return word.startswith(PREFIX)


def tokens(**slugs):
    """The tokens of the terms with these slugs (space-separated, by kind)."""
    return " ".join(token(kind, slug) for kind, text in slugs.items() for slug in text.split())


def term_names():
    """(kind, slug) -> {language code: name} of every topic, target group and place;
    cached until the content changes."""

    def load():
        names = {}
        for kind, model in VOCABULARY.items():
            rows = model.objects.values_list("slug", "locale__language_code", "name")
            for slug, code, name in rows:
                names.setdefault((kind, slug), {})[code] = name
        return names

    return cache.get_or_set(f"search:term-names:{content_version()}", load, timeout=3600)


def name_stems():
    """Language code -> {stem of a term's name in that language: the terms' tokens};
    cached until the content changes."""

    def load():
        index = {}
        for (kind, slug), names in term_names().items():
            for code, name in names.items():
                for stem in stems(meaningful(name, code), code):
                    index.setdefault(code, {}).setdefault(stem, set()).add(token(kind, slug))
        return index

    return cache.get_or_set(f"search:name-stems:{content_version()}", load, timeout=3600)


def name_forms(named, codes):
    """Language code (of ``codes``) -> for each query word, the stems of the names in that
    language of the terms it names (``named``, as ``concepts`` gives them): the words in
    which a text of that language speaks of them. One cache read for all."""

    def load():
        by_term = {}
        for code, index in name_stems().items():
            for stem, terms in index.items():
                for term in terms:
                    by_term.setdefault(code, {}).setdefault(term, set()).add(stem)
        return by_term

    by_term = cache.get_or_set(f"search:term-stems:{content_version()}", load, timeout=3600)
    return {
        code: [
            tuple(sorted({stem for term in terms for stem in by_term.get(code, {}).get(term, ())}))
            for terms in named
        ]
        for code in codes
    }


def concepts(query_words):
    """For each of the query's words (folded), the tokens of the terms it names, in any
    language; the names' stems are read once for all the words."""
    index = name_stems()
    return [named_terms(word, index) for word in query_words]


def named_terms(word, index):
    found = set()
    for code, language_index in index.items():
        for stem in stems(word, code):
            for name_stem, terms in language_index.items():
                if name_stem == stem or (
                    len(name_stem) >= max(MIN_NAME_STEM, len(stem) / 2)
                    and stem.startswith(name_stem)
                    and (len(stem) - len(name_stem) >= MIN_REST or not has_compounds(code))
                ):
                    found |= terms
    return tuple(sorted(found))
