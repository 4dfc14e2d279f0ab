"""Admin registration of the home app: the network name and footer snippet, the translation
overview and the translation editor's script."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet

from . import language_registry
from .admin_views import TranslatedSnippetViewSet
from .languages import translator_locales
from .models import FooterText
from .page_views import page_viewset
from .translation_views import (
    TranslationPanel,
    edit_override,
    submit_for_review,
    translation_overview,
    upload_pofile,
)


class FooterTextViewSet(TranslatedSnippetViewSet):
    model = FooterText
    icon = "doc-full"
    menu_label = _("Network name and footer")
    list_display = ["__str__", "locale", "live"]
    list_filter = ["locale"]


register_snippet(FooterTextViewSet)


@hooks.register("register_admin_urls", order=-1)
def register_translation_urls():
    """The translation overview, and a PO upload and an override editing that check what they
    get before wagtail-localize's (registered first, so that they answer at its addresses)."""
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
        path(
            "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            edit_override,
            name="edit_override",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_overview_menu_item():
    return MenuItem(
        _("Translation overview"), reverse("translation_overview"), icon_name="site", order=650
    )


@hooks.register("insert_editor_js")
def translation_editor_script():
    """Right-to-left translations and a translated heading in wagtail-localize's editor."""
    return format_html(
        '<script src="{}" data-rtl-languages="{}"></script>',
        static("js/translation-editor.js"),
        " ".join(language_registry.right_to_left_codes()),
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


@hooks.register("construct_page_chooser_queryset")
def pages_in_the_users_languages(pages, request):
    """A user restricted by language chooses among the pages of their languages; the chooser
    would otherwise list every language's drafts by their titles."""
    allowed = translator_locales(request.user)
    return pages if allowed is None else pages.filter(locale_id__in=allowed)


@hooks.register("register_admin_viewset")
def register_page_viewset():
    """The page editor of page_views.py for every page type (registered after Wagtail's own,
    order -1, which it replaces)."""
    return page_viewset
