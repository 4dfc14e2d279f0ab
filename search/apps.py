from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The site search: its index, page, suggestions and statistics."""

    name = "search"
    verbose_name = "Search"

    def ready(self):
        from home.health import register

        from . import signals, synonyms
        from .health import search_backend

        signals.connect()
        synonyms.connect()
        register("search", search_backend)
