"""Admin registration of the home app: the network name and footer snippet, and the
translation overview."""

from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .languages import translator_locales
from .models import FooterText
from .translation_views import (
    TranslationPanel,
    submit_for_review,
    translation_overview,
    upload_pofile,
)


class FooterTextViewSet(SnippetViewSet):
    model = FooterText
    icon = "doc-full"
    menu_label = _("Network name and footer")
    list_display = ["__str__", "locale", "live"]
    list_filter = ["locale"]


register_snippet(FooterTextViewSet)


@hooks.register("register_admin_urls", order=-1)
def register_translation_urls():
    """The translation overview, and a PO upload that checks the file before wagtail-localize's
    (registered first, so that it answers at wagtail-localize's address)."""
    return [
        path("translations/", translation_overview, name="translation_overview"),
        path(
            "translations/<int:translation_id>/submit/",
            require_POST(submit_for_review),
            name="submit_translation_for_review",
        ),
        path(
            "localize/translate/<int:translation_id>/pofile/upload/",
            require_POST(upload_pofile),
            name="upload_pofile",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_overview_menu_item():
    return MenuItem(
        _("Translation overview"), reverse("translation_overview"), icon_name="site", order=650
    )


@hooks.register("construct_homepage_panels")
def add_translation_panel(request, panels):
    """Counts of the work waiting in the user's languages (all but the source, if unrestricted)."""
    locales = Locale.objects.exclude(language_code=settings.LANGUAGE_CODE)
    allowed = translator_locales(request.user)
    if allowed is not None:
        locales = locales.filter(pk__in=allowed)
    if locales:
        panels.append(TranslationPanel(list(locales)))
