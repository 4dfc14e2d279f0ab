"""The admin's view that turns a join request into a draft actor, and its history entry."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from . import views
from .conversion import CONVERTED

admin_urls = (
    [path("join-requests/<int:pk>/create-actor/", views.create_actor, name="create_actor")],
    "contact",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("contact/", include(admin_urls, namespace="contact"))]


@hooks.register("register_log_actions")
def register_conversion_action(actions):
    """The history of an actor made from a join request says so."""

    @actions.register_action(CONVERTED)
    class Converted(LogFormatter):
        label = _("Created from a join request")

        def format_message(self, log_entry):
            return _("Created as a draft from join request %(join_request)s") % log_entry.data
