"""The editors' synonyms of each language, as the search uses them.

A synonym set (``models.SynonymSet``) lists words or short phrases that mean the same.
The search reads them from here, cached per language under a version that every save
or delete of a set renews, so that a new set counts with the next search and no
document is indexed again; Elasticsearch's synonyms set of the language is rewritten then.
"""

from collections import defaultdict

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .models import SynonymSet, new_version, synonym_entries, version
from .text import stems, words

VERSION_KEY = "search:synonyms-version"


def expansions(language_code):
    """Stem -> the frozenset of stems that a query word with this stem may match as well.

    The keys are the stems of the single-word entries of the language's sets (stemmed as
    ``text.stems`` stems them in that language); each maps to the stems of the other
    single-word entries of every set the word is in, itself excluded. A query is matched
    word by word, and the words of a phrase alone mean something else ("Deutsch" of
    "Deutsch lernen" begins "Deutschland"), so a multi-word entry counts only in the
    Elasticsearch lines (``synonym_lines``).
    """
    return cached_synonyms(language_code)["expansions"]


def synonym_lines(language_code):
    """The language's sets as lines for an Elasticsearch synonym filter: "a, b c, d",
    each entry as its folded words (``text.words``), in the order the sets are listed."""
    return cached_synonyms(language_code)["lines"]


def cached_synonyms(language_code):
    """The language's expansions and lines, read with one query per language and version."""
    key = f"search:synonyms:{language_code}"
    found = cache.get_many([VERSION_KEY, key])  # one round trip to Redis
    current = found.get(VERSION_KEY) or version(VERSION_KEY)
    stored_version, stored = found.get(key, (None, None))
    if stored_version == current:
        return stored
    texts = SynonymSet.objects.filter(locale__language_code=language_code).values_list(
        "words", flat=True
    )
    sets = [[entry for entry in synonym_entries(text) if words(entry)] for text in texts]
    computed = {
        "expansions": expanded(sets, language_code),
        "lines": [", ".join(" ".join(words(entry)) for entry in entries) for entries in sets],
    }
    # Kept with the version it was read under: a change while it was read shows next time.
    cache.set(key, (current, computed), timeout=None)
    return computed


def expanded(sets, language_code):
    """The expansions of ``sets`` (each a list of entries), as ``expansions`` describes."""
    alternatives = defaultdict(set)
    for entries in sets:
        single = {
            own[0] for own in (stems(entry, language_code) for entry in entries) if len(own) == 1
        }
        for stem in single:
            alternatives[stem].update(single)
    return {
        stem: frozenset(found - {stem}) for stem, found in alternatives.items() if found - {stem}
    }


def synonyms_changed(instance, **kwargs):
    """Start a new synonyms version (every language's cached synonyms become stale) and,
    once the change is committed, give Elasticsearch the set's language anew."""
    from .elasticsearch import update_synonyms  # it reads this module's lines

    new_version(VERSION_KEY)
    code = instance.locale.language_code
    transaction.on_commit(lambda: update_synonyms(code))


def connect():
    post_save.connect(synonyms_changed, sender=SynonymSet, dispatch_uid="search-synonyms-save")
    post_delete.connect(synonyms_changed, sender=SynonymSet, dispatch_uid="search-synonyms-delete")
