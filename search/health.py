"""The search backend's health check (see home/health.py)."""

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale

from .engine import database_engine


def search_backend():
    """Elasticsearch counts the site index when it is configured; otherwise the database
    engine runs a full-text query of its index (without the cache, checked on its own)."""
    if settings.ELASTICSEARCH_URL:
        from .elasticsearch import ElasticsearchEngine, index_name

        ElasticsearchEngine().client.count(index=index_name())
        return
    database_engine().probe(Locale.get_default().pk, timezone.localdate())
