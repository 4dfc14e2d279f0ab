"""Reading time of a text in the language it is written in.

Reading speeds are words per minute of adults reading their mother tongue,
measured with the standardised IReST texts (Trauzettel-Klosinski and Dietz,
2012). Languages without a measured figure take the figure of a language of
the same script: Persian reads like Arabic, Ukrainian like Russian.
"""

import math
import re

WORDS_PER_MINUTE = {
    "ar": 138,
    "fa": 138,
    "de": 179,
    "en": 228,
    "ru": 184,
    "uk": 184,
    "tr": 166,
}
DEFAULT_WORDS_PER_MINUTE = 180
WORD = re.compile(r"\w+(?:['’-]\w+)*")


def word_count(text):
    """Words of any script: runs of letters and digits, joined by apostrophes or hyphens."""
    return len(WORD.findall(text))


def reading_minutes(text, language_code):
    """Whole minutes to read ``text``, at least one."""
    speed = WORDS_PER_MINUTE.get(language_code, DEFAULT_WORDS_PER_MINUTE)
    return max(1, math.ceil(word_count(text) / speed))
