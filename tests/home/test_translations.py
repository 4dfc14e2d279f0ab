"""Every content language has a complete, compiled UI catalogue."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def po_msgids(language):
    """The msgids of a .po file, with continuation lines joined; a context is prefixed the way
    gettext keys it ("context\x04msgid")."""
    text = (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    ids = set()
    entries = re.findall(r'^(?:msgctxt "(.*)"\n)?msgid ((?:".*"\n)+)', text, flags=re.MULTILINE)
    for context, block in entries:
        msgid = "".join(re.findall(r'"(.*)"', block))
        if msgid:
            msgid = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            ids.add(f"{context}\x04{msgid}" if context else msgid)
    return ids


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_catalogue_is_complete_and_compiled(language):
    with open(LOCALE_DIR / language / "LC_MESSAGES" / "django.mo", "rb") as mo:
        catalogue = gettext.GNUTranslations(mo)._catalog
    compiled = {key[0] if isinstance(key, tuple) else key for key in catalogue if key}
    assert po_msgids(language) == compiled
    assert all(str(value).strip() for key, value in catalogue.items() if key)


def test_all_languages_translate_the_same_strings():
    reference = po_msgids("de")
    for language in TRANSLATED_LANGUAGES:
        assert po_msgids(language) == reference, language
