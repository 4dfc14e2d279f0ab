from django.apps import AppConfig


class ContactConfig(AppConfig):
    """The network's public forms: joining the network and contacting its office."""

    name = "contact"
    verbose_name = "Contact"
