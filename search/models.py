"""The site search's index (one document per public page, post, actor and offer), the
editors' picks and synonyms, and the statistics of what visitors search for.

A document holds what the results page shows (title, summary, address, facts
for the facets) and the normalised text that is searched (see ``text.py``).
Full-text matching runs on a column or table that the database provides:
a generated ``tsvector`` column on PostgreSQL (and one of the titles' words,
migration 0013), an FTS5 table on SQLite (both created by migration 0002).
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin

from home.cache import kept_per_version, start_version, version

from .text import words
from .visitors import first_time_today


class SearchDocument(models.Model):
    """A public page, post, event, actor or offer in one language, as the search shows and finds it.

    ``is_original`` marks the version an object was first written in: visitors whose
    language has no version of it search that one. ``labels`` holds the names of its
    topics, target groups and place in the other languages (language code -> names), so
    that a visitor's own words find an original written in another language.
    """

    class Kind(models.TextChoices):
        OFFER = "offer", _("Offer")
        ACTOR = "actor", _("Actor")
        POST = "post", _("Blog post")
        PAGE = "page", _("Page")
        EVENT = "event", _("Event")

    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveIntegerField()
    translation_key = models.UUIDField()
    is_original = models.BooleanField(default=False)
    slug = models.CharField(max_length=255, blank=True)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    provider = models.CharField(max_length=255, blank=True)
    # An offer's provider (its translation key), which its matches lift in the results.
    provider_key = models.UUIDField(null=True, blank=True)
    place = models.CharField(max_length=100, blank=True)
    place_name = models.CharField(max_length=255, blank=True)
    topics = models.CharField(max_length=1000, blank=True)
    target_groups = models.CharField(max_length=1000, blank=True)
    languages = models.CharField(max_length=200, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True)
    labels = models.JSONField(default=dict, blank=True)
    title_terms = models.TextField(blank=True)
    terms = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="unique_search_document"
            )
        ]
        indexes = [
            models.Index(fields=["locale", "kind"]),
            models.Index(fields=["translation_key", "locale"], name="search_document_translations"),
        ]

    def __str__(self):
        return self.title

    @property
    def language_codes(self):
        return self.languages.split()


INDEX_VERSION_KEY = "search:index-version"
PICKS_VERSION_KEY = "search:picks-version"


def new_version(key):
    """Start a new version under ``key`` now and again when the transaction commits, so that
    nothing cached in between outlives the change."""
    start_version(key)
    transaction.on_commit(lambda: start_version(key))


def index_version():
    """A token that changes whenever search documents are written, for caches of the index."""
    return version(INDEX_VERSION_KEY)


def index_changed():
    """Start a new index version; what was cached from the index becomes stale."""
    new_version(INDEX_VERSION_KEY)


class SearchTerm(models.Model):
    """A stem that occurs in a language's documents; the vocabulary for typo correction."""

    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["locale", "term"], name="unique_search_term")
        ]

    def __str__(self):
        return self.term


def query_key(query):
    """A query as promotions and statistics compare it: folded words, in order."""
    return " ".join(words(query))[:200]


class Promotion(models.Model):
    """An editor's pick: an offer, actor or page shown first for a query in one language."""

    query = models.CharField(
        _("search query"),
        max_length=200,
        help_text=_("As visitors type it; capitals and accents do not matter."),
    )
    query_key = models.CharField(max_length=200, editable=False, db_index=True)
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    offer = models.ForeignKey(
        "directory.Offer", verbose_name=_("offer"), null=True, blank=True, on_delete=models.CASCADE
    )
    actor = models.ForeignKey(
        "directory.Actor", verbose_name=_("actor"), null=True, blank=True, on_delete=models.CASCADE
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, blank=True, on_delete=models.CASCADE
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("Shown with the result, e.g. why it is recommended. Optional."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    TARGETS = ["offer", "actor", "page"]

    class Meta:
        verbose_name = _("editors' pick")
        verbose_name_plural = _("editors' picks")
        ordering = ["query_key", "sort_order"]

    def __str__(self):
        return f"{self.query} → {self.target}"

    def save(self, *args, **kwargs):
        self.query_key = query_key(self.query)
        super().save(*args, **kwargs)

    @property
    def target(self):
        return next(
            (getattr(self, name) for name in self.TARGETS if getattr(self, f"{name}_id")), None
        )

    def clean(self):
        chosen = [name for name in self.TARGETS if getattr(self, f"{name}_id")]
        if len(chosen) != 1:
            raise ValidationError(_("Choose exactly one offer, actor or page."))
        if not query_key(self.query):
            raise ValidationError({"query": _("The query needs at least one word.")})


class QueryStatistic(models.Model):
    """How often a query was searched in a language on one day, by how many distinct
    visitors, and how many results it had.

    Searches are counted by their folded words (``query``); ``typed`` keeps the first
    wording of the day, for showing the query to visitors. Visitors are counted as
    ``visitors.py`` describes; nothing that identifies them is stored.
    """

    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    query = models.CharField(_("search query"), max_length=200)
    typed = models.CharField(_("as typed"), max_length=200)
    date = models.DateField(_("date"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    visitors = models.PositiveIntegerField(_("visitors"), default=0)
    results = models.PositiveIntegerField(_("results"), default=0)

    class Meta:
        verbose_name = _("search statistic")
        verbose_name_plural = _("search statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "query", "date"], name="unique_query_statistic"
            )
        ]

    def __str__(self):
        return self.query

    @classmethod
    def record(cls, locale, query, results, visitor=""):
        """Count one search for ``query`` today, with the number of results it gave, by
        ``visitor`` (today's pseudonym, see ``visitors.py``)."""
        key, today = query_key(query), timezone.localdate()
        if not key:
            return
        new_visitor = int(first_time_today(visitor, locale.pk, key))
        counts = {
            "searches": F("searches") + 1,
            "visitors": F("visitors") + new_visitor,
            "results": results,
        }
        updated = cls.objects.filter(locale=locale, query=key, date=today).update(**counts)
        if not updated:
            try:
                with transaction.atomic():
                    cls.objects.create(
                        locale=locale,
                        query=key,
                        typed=query[:200],
                        date=today,
                        searches=1,
                        visitors=new_visitor,
                        results=results,
                    )
            except IntegrityError:  # another request created it meanwhile
                cls.objects.filter(locale=locale, query=key, date=today).update(**counts)


class HiddenSearch(models.Model):
    """Words that keep a search out of what visitors are shown as often searched.

    A search is hidden when its words contain these words, in this order; capitals
    and accents do not matter.
    """

    words = models.CharField(
        _("words"),
        max_length=200,
        help_text=_(
            "Searches containing these words are never shown to visitors as often searched. "
            "Capitals and accents do not matter."
        ),
    )
    words_key = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        verbose_name = _("hidden search")
        verbose_name_plural = _("hidden searches")
        ordering = ["words_key"]

    def __str__(self):
        return self.words

    def save(self, *args, **kwargs):
        self.words_key = query_key(self.words)
        super().save(*args, **kwargs)

    def clean(self):
        if not query_key(self.words):
            raise ValidationError({"words": _("Enter at least one word.")})

    @classmethod
    def hides(cls, key, hidden_keys):
        """Whether a query (its folded words, ``key``) contains one of ``hidden_keys``."""
        return any(f" {hidden} " in f" {key} " for hidden in hidden_keys)


SYNONYM_SEPARATORS = re.compile("[,\u060c]")  # the comma, and the Arabic comma of ar and fa
SYNONYM_ENTRY_WORDS = 4


def synonym_entries(text):
    """The entries of a synonym set's text: what stands between its commas, trimmed."""
    return [entry.strip() for entry in SYNONYM_SEPARATORS.split(text)]


class SynonymSet(TranslatableMixin, models.Model):
    """Words or short phrases that mean the same in one language: a search for one of them
    finds the others too (see ``synonyms.py``). The versions of a set in other languages
    (its translations) name the same concept: a word of any of them finds the words of the
    version in each document's language."""

    words = models.CharField(
        _("words"),
        max_length=500,
        help_text=_(
            "Words or short phrases that mean the same, separated by commas, e.g. "
            "“apartment, flat, housing”. A search for one of them also finds the others. "
            "Capitals and accents do not matter."
        ),
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("synonyms")
        verbose_name_plural = _("synonyms")
        ordering = ["words"]

    def __str__(self):
        return self.words

    def has_other_versions(self):
        """Whether the set has versions in other languages: then a single word is a set
        too, the word the language has for the concept."""
        return self.get_translations().exists()

    def clean(self):
        if not self.words.strip():
            return  # the field's own check says that it is required
        entries = synonym_entries(self.words)
        problems, seen = [], set()
        for entry in entries:
            entry_words = tuple(words(entry))
            if not entry:
                problems.append(
                    _(
                        "Remove the empty entry: two commas follow each other, or a "
                        "comma stands at the beginning or the end."
                    )
                )
            elif not entry_words:
                problems.append(_("“%(entry)s” contains no word.") % {"entry": entry})
            elif len(entry_words) > SYNONYM_ENTRY_WORDS:
                problems.append(
                    _(
                        "“%(entry)s” has more than %(limit)d words; enter single words or short "
                        "phrases."
                    )
                    % {"entry": entry, "limit": SYNONYM_ENTRY_WORDS}
                )
            elif entry_words in seen:
                problems.append(_("“%(entry)s” is entered twice.") % {"entry": entry})
            seen.add(entry_words)
        if not problems and len(entries) < 2 and not self.has_other_versions():
            problems.append(_("Enter at least two words or phrases, separated by commas."))
        if problems:
            raise ValidationError({"words": problems})


def refresh_query_keys():
    """Compute the keys of editors' picks and hidden searches anew from their words, as the
    normalisation of words (``text.py``) has them now."""
    for model, words_field, key_field in [
        (Promotion, "query", "query_key"),
        (HiddenSearch, "words", "words_key"),
    ]:
        rows = list(model.objects.all())
        for row in rows:
            setattr(row, key_field, query_key(getattr(row, words_field)))
        model.objects.bulk_update(rows, [key_field], batch_size=500)
    picks_changed()


def picks_changed(**kwargs):
    """Start a new version of the editors' picks: the queries that have some are read anew."""
    new_version(PICKS_VERSION_KEY)


@kept_per_version(lambda: version(PICKS_VERSION_KEY))
def picked_queries(locale_id):
    """The keys of the queries that editors picked results for in a language, kept in this
    process until a pick changes: most searches have none, and need not ask."""
    return frozenset(
        Promotion.objects.filter(locale_id=locale_id).values_list("query_key", flat=True)
    )
