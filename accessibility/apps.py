from django.apps import AppConfig


class AccessibilityConfig(AppConfig):
    """The accessibility statement (BITV 2.0) and the visitors' reports of barriers."""

    name = "accessibility"
    verbose_name = "Accessibility"
