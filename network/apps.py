from django.apps import AppConfig
from django.db.models.signals import post_save


class NetworkConfig(AppConfig):
    """The network's working groups and its members' area."""

    name = "network"
    verbose_name = "Network"

    def ready(self):
        from .members import members_area_created
        from .models import MembersAreaPage

        post_save.connect(
            members_area_created, sender=MembersAreaPage, dispatch_uid="network-members-area"
        )
