"""Parts of the apps' admin screens: snippet views that speak the user's language.

Wagtail builds some labels of snippet views once, when it registers them, in the language
active at start-up (the source language): the breadcrumbs' "Home", the chooser's title and
its buttons ("Choose topic", "Choose another topic"). The classes here build them anew for
every request, in the user's language.
"""

from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser


def object_text(template, model):
    """``template``, one of Wagtail's strings with ``%(object)s``, for ``model``."""
    return gettext(template) % {"object": model._meta.verbose_name}


lazy_object_text = lazy(object_text, str)

# Wagtail's own strings (its catalogues translate them), filled in with the model's name.
CHOOSER_BUTTON_TEXTS = {
    "choose_one_text": "Choose %(object)s",
    "choose_another_text": "Choose another %(object)s",
    "link_to_chosen_text": "Edit this %(object)s",
}


class SnippetChooserWidget(AdminSnippetChooser):
    """Wagtail's snippet chooser, with button texts in the language of each request."""

    def __init__(self, model=None, **kwargs):
        super().__init__(model, **kwargs)
        for attribute, template in CHOOSER_BUTTON_TEXTS.items():
            if attribute not in kwargs:
                setattr(self, attribute, lazy_object_text(template, self.model))


class SnippetChooserViewSet(chooser.SnippetChooserViewSet):
    """Wagtail's snippet chooser with its labels translated per request.

    Wagtail opens the chooser with the language of the page or snippet being edited, so it
    lists that language's entries.
    """

    base_widget_class = SnippetChooserWidget
    choose_one_text = gettext_lazy("Choose")
    choose_another_text = gettext_lazy("Choose another")
    edit_item_text = gettext_lazy("Edit")
    search_tab_label = gettext_lazy("Search")
    create_action_label = gettext_lazy("Create")


class TranslatedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose breadcrumbs and chooser speak the user's language."""

    chooser_viewset_class = SnippetChooserViewSet

    @property
    def breadcrumbs_items(self):
        items = [{"url": reverse_lazy("wagtailadmin_home"), "label": gettext_lazy("Home")}]
        if not self.get_menu_item_is_registered():
            items.append(
                {"url": reverse_lazy("wagtailsnippets:index"), "label": gettext_lazy("Snippets")}
            )
        return items
