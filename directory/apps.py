from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """The network's actors and their offers."""

    name = "directory"
    verbose_name = "Directory"

    def ready(self):
        from . import models, signals

        signals.connect(
            [
                models.Actor,
                models.ActorContact,
                models.ActorLanguage,
                models.ActorOpeningHours,
                models.ActorTopic,
                models.Offer,
                models.OfferLanguage,
                models.OfferOpeningHours,
                models.OfferTargetGroup,
                models.OfferTopic,
                models.Place,
                models.TargetGroup,
                models.Topic,
            ]
        )
