"""The languages the site knows, one entry each: every fact about a language lives here.

Settings, the templates' ``lang``/``dir`` attributes, the directory's spoken
languages, the search's stemmers and Elasticsearch analysers and the blog's
reading time all read this registry. Which of its languages are content
languages is a setting (``CONTENT_LANGUAGES``); adding one that is listed here
takes that setting and its translation catalogue, nothing else.

The registry sits in ``home``, the bottom layer that every app may import, and
holds plain data only (no models, no app registry), so ``settings.py`` can read
it before Django is set up; ``site/`` keeps project configuration only.

Reading speeds are words per minute of adults reading their mother tongue,
measured with the standardised IReST texts (Trauzettel-Klosinski and Dietz,
2012). A language without a measured figure takes that of its ``fallback``, a
close language of the same script (Persian reads like Arabic, Ukrainian like
Russian), else ``DEFAULT_WORDS_PER_MINUTE``.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

LEFT_TO_RIGHT = "ltr"
RIGHT_TO_LEFT = "rtl"
# ISO 15924 codes of the scripts written right to left: Arabic, Hebrew, Syriac, Thaana,
# N'Ko, Adlam (Fula), Hanifi Rohingya.
RIGHT_TO_LEFT_SCRIPTS = {"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg"}
FOLDED_ANALYZER = "folded"
DEFAULT_WORDS_PER_MINUTE = 180


def gettext_noop(text):
    """Marks a name for translation (``makemessages`` finds it) without translating it:
    settings read the registry before translations can be (Django's global settings do
    the same)."""
    return text


@dataclass(frozen=True)
class Language:
    """What the site needs to know about one language.

    ``name`` is English and marked for translation (the name a visitor reads in
    their own language), ``native_name`` the language's name for itself,
    ``script`` an ISO 15924 code, which gives the text's ``direction``. ``stemmer``
    is the Snowball algorithm that reduces its words to stems, one of
    ``search/text.py``'s own (``"arabic-light"``, ``"ukrainian-light"``, ``"persian-light"``,
    ``"turkish-folded"``), or None: words are then matched by their beginnings. ``analyzer`` is the
    Elasticsearch analyser of its fields: one Elasticsearch ships, or one that
    ``search/elasticsearch.py`` defines with the site's own rules (the folded
    one lower-cases and folds words of any language).
    """

    code: str
    name: str
    native_name: str
    script: str
    stemmer: str | None = None
    analyzer: str = FOLDED_ANALYZER
    words_per_minute: int | None = None
    fallback: str | None = None

    @property
    def direction(self):
        return RIGHT_TO_LEFT if self.script in RIGHT_TO_LEFT_SCRIPTS else LEFT_TO_RIGHT


LANGUAGES = {
    language.code: language
    for language in [
        Language(
            "de",
            gettext_noop("German"),
            "Deutsch",
            "Latn",
            stemmer="german",
            analyzer="german",
            words_per_minute=179,
        ),
        Language(
            "en",
            gettext_noop("English"),
            "English",
            "Latn",
            stemmer="english",
            analyzer="english",
            words_per_minute=228,
        ),
        Language(
            "ar",
            gettext_noop("Arabic"),
            "العربية",
            "Arab",
            stemmer="arabic-light",
            analyzer="arabic",
            words_per_minute=138,
        ),
        Language(
            "uk",
            gettext_noop("Ukrainian"),
            "Українська",
            "Cyrl",
            stemmer="ukrainian-light",
            fallback="ru",
        ),
        Language(
            "ru",
            gettext_noop("Russian"),
            "Русский",
            "Cyrl",
            stemmer="russian",
            analyzer="russian_folded",
            words_per_minute=184,
        ),
        Language(
            "fa",
            gettext_noop("Persian / Dari"),
            "فارسی",
            "Arab",
            stemmer="persian-light",
            analyzer="persian_folded",
            fallback="ar",
        ),
        Language(
            "tr",
            gettext_noop("Turkish"),
            "Türkçe",
            "Latn",
            stemmer="turkish-folded",
            analyzer="turkish_folded",
            words_per_minute=166,
        ),
        Language("ku", gettext_noop("Kurdish"), "Kurdî", "Latn"),
        Language("ps", gettext_noop("Pashto"), "پښتو", "Arab"),
        Language("ti", gettext_noop("Tigrinya"), "ትግርኛ", "Ethi"),
        Language("so", gettext_noop("Somali"), "Soomaali", "Latn"),
        Language(
            "fr",
            gettext_noop("French"),
            "Français",
            "Latn",
            stemmer="french",
            analyzer="french",
            words_per_minute=195,
        ),
        Language(
            "es",
            gettext_noop("Spanish"),
            "Español",
            "Latn",
            stemmer="spanish",
            analyzer="spanish",
            words_per_minute=218,
        ),
        Language(
            "it",
            gettext_noop("Italian"),
            "Italiano",
            "Latn",
            stemmer="italian",
            analyzer="italian",
            words_per_minute=188,
        ),
        Language(
            "pl",
            gettext_noop("Polish"),
            "Polski",
            "Latn",
            stemmer="polish",
            words_per_minute=166,
        ),
        Language(
            "ro",
            gettext_noop("Romanian"),
            "Română",
            "Latn",
            stemmer="romanian",
            analyzer="romanian",
        ),
        Language("bg", gettext_noop("Bulgarian"), "Български", "Cyrl", analyzer="bulgarian"),
        Language("sq", gettext_noop("Albanian"), "Shqip", "Latn"),
        Language("sr", gettext_noop("Serbian"), "Српски", "Cyrl", stemmer="serbian"),
        Language("vi", gettext_noop("Vietnamese"), "Tiếng Việt", "Latn"),
        Language("zh", gettext_noop("Chinese"), "中文", "Hans", analyzer="cjk"),
    ]
}


def language(code):
    """The entry of a language code ("ar", or a regional "ar-dz"), None for an unknown one."""
    return LANGUAGES.get(code) or LANGUAGES.get(code.split("-")[0])


def text_direction(code):
    """The direction of a language's script: "rtl" (right to left) or "ltr"."""
    entry = language(code)
    return entry.direction if entry else LEFT_TO_RIGHT


def stemmer_name(code):
    """The stemming algorithm of a language, None where its words are matched by beginnings."""
    entry = language(code)
    return entry.stemmer if entry else None


def analyzer(code):
    """The Elasticsearch analyser of a language's fields."""
    entry = language(code)
    return entry.analyzer if entry else FOLDED_ANALYZER


def words_per_minute(code):
    """How fast a language is read: its own figure, its fallback's, or the default."""
    entry = language(code)
    while entry is not None:
        if entry.words_per_minute:
            return entry.words_per_minute
        entry = LANGUAGES.get(entry.fallback)
    return DEFAULT_WORDS_PER_MINUTE


def right_to_left_codes():
    """The codes of the languages written right to left (Django's ``LANGUAGES_BIDI``)."""
    return [code for code, entry in LANGUAGES.items() if entry.direction == RIGHT_TO_LEFT]


def content_languages(codes):
    """``LANGUAGES`` for these content language codes: (code, native name), in their order.

    Codes the registry does not know are a configuration error.
    """
    unknown = sorted(set(codes) - set(LANGUAGES))
    if unknown or not codes:
        raise ImproperlyConfigured(
            f"CONTENT_LANGUAGES may only name languages of {', '.join(LANGUAGES)} "
            f"(home/language_registry.py); got {', '.join(unknown) or 'nothing'}."
        )
    return [(code, LANGUAGES[code].native_name) for code in codes]


def describe_to_django():
    """Give Django's language information (``get_language_info``, Wagtail's locale names)
    the registry's native names and directions, and the languages Django does not know.

    Django keeps its own English names of the languages it knows; the others get the
    registry's.
    """
    from django.conf.locale import LANG_INFO

    for code, entry in LANGUAGES.items():
        info = LANG_INFO.setdefault(code, {"name": entry.name})
        info.update(
            code=code,
            name_local=entry.native_name,
            bidi=entry.direction == RIGHT_TO_LEFT,
        )
