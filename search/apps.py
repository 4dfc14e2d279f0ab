from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The site search: its index, page, suggestions and statistics."""

    name = "search"
    verbose_name = "Search"

    def ready(self):
        from . import signals

        signals.connect()
