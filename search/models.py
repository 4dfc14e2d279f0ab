"""The site search's own index: one document per public page, post, actor and offer.

A document holds what the results page shows (title, summary, address, facts
for the facets) and the normalised text that is searched (see ``text.py``).
Full-text matching runs on a column or table that the database provides:
a generated ``tsvector`` column on PostgreSQL, an FTS5 table on SQLite (both
created by migration 0002).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        OFFER = "offer", _("Offer")
        ACTOR = "actor", _("Actor")
        POST = "post", _("Blog post")
        PAGE = "page", _("Page")

    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveIntegerField()
    translation_key = models.UUIDField()
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    provider = models.CharField(max_length=255, blank=True)
    place = models.CharField(max_length=100, blank=True)
    place_name = models.CharField(max_length=255, blank=True)
    topics = models.CharField(max_length=1000, blank=True)
    target_groups = models.CharField(max_length=1000, blank=True)
    languages = models.CharField(max_length=200, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    title_terms = models.TextField(blank=True)
    terms = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="unique_search_document"
            )
        ]
        indexes = [models.Index(fields=["locale", "kind"])]

    def __str__(self):
        return self.title

    @property
    def language_codes(self):
        return self.languages.split()


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
