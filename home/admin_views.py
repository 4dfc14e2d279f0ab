"""Parts of the apps' admin screens: snippet views that speak the user's language, choosers
that show one language's vocabulary at once, and lists that start at the source language.

Wagtail builds some labels of snippet views once, when it registers them, in the language
active at start-up (the source language): the breadcrumbs' "Home", the chooser's title and
its buttons ("Choose topic", "Choose another topic"). The classes here build them anew for
every request, in the user's language.
"""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import TranslatableMixin
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

from .permissions import LanguagePermissionPolicy


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


class FieldSearchForm(forms.Form):
    """Searches the chooser's list in the database, over the fields its viewset names."""

    search_fields = ()
    q = forms.CharField(
        label=gettext_lazy("Search term"),
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Search")}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        if query := self.cleaned_data.get("q"):
            matches = Q()
            for field in self.search_fields:
                matches |= Q(**{f"{field}__icontains": query})
            objects = objects.filter(matches)
            self.is_searching = True
            self.search_query = query
        return objects


class ChooserViewMixin:
    """The chooser's list: searchable in the database over its viewset's ``search_fields``
    (directory entries and vocabulary are outside Wagtail's search index: the site search has
    its own), and its language filter labelled (Wagtail leaves it unlabelled)."""

    search_fields = None

    def get_filter_form_class(self):
        form_class = super().get_filter_form_class()
        if not self.search_fields:
            return form_class
        return type(
            "FilterForm", (FieldSearchForm, form_class), {"search_fields": self.search_fields}
        )

    def get_filter_form(self):
        form = super().get_filter_form()
        if "locale" in form.fields:
            form.fields["locale"].label = gettext_lazy("Language")
        return form


class ChooseView(ChooserViewMixin, chooser.ChooseView):
    pass


class ChooseResultsView(ChooserViewMixin, chooser.ChooseResultsView):
    pass


class SnippetChooserViewSet(chooser.SnippetChooserViewSet):
    """Wagtail's snippet chooser with its labels translated per request.

    Wagtail opens the chooser with the language of the page or snippet being edited, so it
    lists that language's entries.
    """

    base_widget_class = SnippetChooserWidget
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    choose_one_text = gettext_lazy("Choose")
    choose_another_text = gettext_lazy("Choose another")
    edit_item_text = gettext_lazy("Edit")
    search_tab_label = gettext_lazy("Search")
    create_action_label = gettext_lazy("Create")
    search_fields = None

    def construct_view(self, view_class, **kwargs):
        if issubclass(view_class, ChooserViewMixin):
            kwargs["search_fields"] = self.search_fields
        return super().construct_view(view_class, **kwargs)


class TranslatedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose breadcrumbs and chooser speak the user's language, and whose
    model, if translatable, follows ``LanguagePermissionPolicy``: its list shows a user
    restricted by language their languages and the source language, bulk actions keep to
    their languages, and ``middleware.snippet_language`` refuses them the views of one object
    in another language."""

    chooser_viewset_class = SnippetChooserViewSet

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.translatable = issubclass(self.model, TranslatableMixin)
        if self.translatable and not policy_registry.get_by_type(self.model, fallback=False):
            register_permission_policy(
                self.model, LanguagePermissionPolicy(self.model), exact_class=True
            )

    @property
    def chooser_viewset(self):
        """Wagtail's chooser viewset, searching the fields the list searches."""
        viewset = super().chooser_viewset
        viewset.search_fields = self.search_fields
        return viewset

    def get_queryset(self, request):
        if not self.translatable:
            return None  # Wagtail's own
        return policy_registry.get_by_type(self.model).listed_instances(request.user)

    @property
    def breadcrumbs_items(self):
        items = [{"url": reverse_lazy("wagtailadmin_home"), "label": gettext_lazy("Home")}]
        if not self.get_menu_item_is_registered():
            items.append(
                {"url": reverse_lazy("wagtailsnippets:index"), "label": gettext_lazy("Snippets")}
            )
        return items


class SourceLanguageFirst:
    """A filter set for a list of translatable objects that shows the source language until
    the user picks another language, or "All", in its language filter (Wagtail's "Locale")."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "locale" not in data:
            data = data.copy()
            data["locale"] = settings.LANGUAGE_CODE
        super().__init__(data, *args, **kwargs)
        if "locale" in self.filters:
            self.filters["locale"].label = gettext_lazy("Language")
            # The default is no active filter to show and remove.
            self.filters["locale"].extra["initial"] = settings.LANGUAGE_CODE


class SourceLanguageFilterSet(SourceLanguageFirst, WagtailFilterSet):
    """Wagtail's filter set (a language filter for translatable models), starting at the source
    language."""


def source_language_filterset(model):
    """A filter set for ``model``'s admin list with only the language filter, starting at the
    source language."""
    meta = type("Meta", (), {"model": model, "fields": []})
    return type(f"{model.__name__}FilterSet", (SourceLanguageFilterSet,), {"Meta": meta})
