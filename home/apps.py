from django.apps import AppConfig


class HomeConfig(AppConfig):
    """Home and content pages, shared blocks, site settings, roles and demo content."""

    name = "home"
    verbose_name = "Home"
