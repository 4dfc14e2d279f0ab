"""Template tags of the search page."""

import html
import re
from functools import lru_cache

from django import template
from django.utils.safestring import mark_safe

from search.text import stems

register = template.Library()
WORD = re.compile(r"(\w+)", re.UNICODE)
EXCERPT_LENGTH = 300


@lru_cache(maxsize=50_000)
def word_stems(word, language_code):
    """The stems of a word of an excerpt, or of a query; remembered, as the same words recur
    in every result."""
    return tuple(stems(word, language_code))


@lru_cache(maxsize=50_000)
def marked(word, language_code, wanted):
    """The word, marked if one of its stems begins with one of the ``wanted`` stems."""
    stems_of_word = word_stems(word, language_code)
    found = any(stem.startswith(term) for stem in stems_of_word for term in wanted)
    return f"<mark>{word}</mark>" if found else word


@register.simple_tag
def highlight(text, query, language_code):
    """``text`` (shortened) with the words that match the query marked. A word has no
    character that HTML escapes; the text between words is escaped."""
    wanted = word_stems(query, language_code)
    if len(text) > EXCERPT_LENGTH:
        text = text[:EXCERPT_LENGTH].rsplit(" ", 1)[0] + " …"
    parts = WORD.split(text)
    parts[0::2] = map(html.escape, parts[0::2])
    parts[1::2] = (marked(word, language_code, wanted) for word in parts[1::2])
    return mark_safe("".join(parts))
