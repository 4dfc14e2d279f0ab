from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The public search page."""

    name = "search"
    verbose_name = "Search"
