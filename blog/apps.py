from django.apps import AppConfig


class BlogConfig(AppConfig):
    """News and articles of the network."""

    name = "blog"
    verbose_name = "Blog"
