"""The search backend's health check (see home/health.py)."""

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale

from .engine import Language, Scope, database_engine


def search_backend():
    """Elasticsearch counts the site index when it is configured; otherwise the database
    engine runs a search in the source language."""
    if settings.ELASTICSEARCH_URL:
        from .elasticsearch import ElasticsearchEngine, index_name

        ElasticsearchEngine().client.count(index=index_name())
        return
    locale = Locale.get_default()
    language = Language(locale.pk, locale.language_code)
    database_engine().match_scope(Scope(language), "health", timezone.localdate(), 1)
