from django.apps import AppConfig


class AccessibilityConfig(AppConfig):
    """The accessibility statement (BITV 2.0) and the visitors' reports of barriers."""

    name = "accessibility"
    verbose_name = "Accessibility"

    def ready(self):
        from django.db.models.signals import post_save, pre_delete

        from . import models, signals

        post_save.connect(
            signals.video_changed,
            sender=models.SignLanguageVideo,
            dispatch_uid="accessibility-video-changed",
        )
        pre_delete.connect(
            signals.video_deleted,
            sender=models.SignLanguageVideo,
            dispatch_uid="accessibility-video-deleted",
        )
