from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """The network's actors and their offers."""

    name = "directory"
    verbose_name = "Directory"

    def ready(self):
        from wagtail.signals import published, unpublished

        from . import models, signals

        for model in (models.Actor, models.Offer):
            published.connect(signals.purge_frontend_cache, sender=model)
            unpublished.connect(signals.purge_frontend_cache, sender=model)
        signals.directory_imported.connect(
            signals.announce_imported_entries, dispatch_uid="directory-imported-entries"
        )
