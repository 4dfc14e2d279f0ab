from django.apps import AppConfig


class EventsConfig(AppConfig):
    """The network's own events and meetings."""

    name = "events"
    verbose_name = "Events"
