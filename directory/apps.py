from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """The network's actors and their offers."""

    name = "directory"
    verbose_name = "Directory"
