"""Reading time of a text in the language it is written in, at that language's reading
speed (see ``home/language_registry.py``)."""

import math
import re

from home.language_registry import words_per_minute

WORD = re.compile(r"\w+(?:['’-]\w+)*")


def word_count(text):
    """Words of any script: runs of letters and digits, joined by apostrophes or hyphens."""
    return len(WORD.findall(text))


def reading_minutes(text, language_code):
    """Whole minutes to read ``text``, at least one."""
    return max(1, math.ceil(word_count(text) / words_per_minute(language_code)))
