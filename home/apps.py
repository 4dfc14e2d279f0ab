from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class HomeConfig(AppConfig):
    """Home and content pages, shared blocks, site settings, roles and demo content."""

    name = "home"
    verbose_name = "Home"

    def ready(self):
        from wagtail.models import Locale
        from wagtail.signals import page_published, published

        from . import (
            accounts,
            cache,
            language_registry,
            languages,
            localize,
            notifications,
            privacy,
        )

        language_registry.describe_to_django()
        cache.connect()
        accounts.connect()
        privacy.connect()
        localize.install()
        # Translations published or saved outside wagtail-localize's editor go into its memory.
        published.connect(localize.record_published_translation, dispatch_uid="home-memory")
        post_save.connect(localize.record_saved_translation, dispatch_uid="home-memory-save")

        post_migrate.connect(languages.ensure_teams, sender=self, dispatch_uid="home-teams")
        post_save.connect(languages.locale_created, sender=Locale, dispatch_uid="home-team-locale")
        post_save.connect(languages.top_level_page_created, dispatch_uid="home-team-tree")
        page_published.connect(languages.follow_new_source_page, dispatch_uid="home-alias")
        # Sent for pages and snippets alike.
        published.connect(notifications.source_published, dispatch_uid="home-notify-translators")
