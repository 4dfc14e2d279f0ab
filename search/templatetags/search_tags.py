"""Template tags of the search page."""

import re
from functools import lru_cache

from django import template
from django.utils.html import escape
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


@register.simple_tag
def highlight(text, query, language_code):
    """``text`` (shortened) with the words that match the query marked."""
    wanted = word_stems(query, language_code)
    if len(text) > EXCERPT_LENGTH:
        text = text[:EXCERPT_LENGTH].rsplit(" ", 1)[0] + " …"
    parts = []
    for position, part in enumerate(WORD.split(text)):
        is_word = position % 2 == 1
        found = is_word and any(
            stem.startswith(term) for stem in word_stems(part, language_code) for term in wanted
        )
        parts.append(f"<mark>{escape(part)}</mark>" if found else escape(part))
    return mark_safe("".join(parts))
