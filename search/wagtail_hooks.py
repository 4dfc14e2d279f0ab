"""The search's parts of the admin: editors' picks, synonyms, hidden searches (the
"Site search" menu) and what visitors search for (a report)."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.admin_views import TranslatedSnippetViewSet

from .models import HiddenSearch, Promotion, QueryStatistic, SynonymSet, query_key


class PromotionViewSet(SnippetViewSet):
    model = Promotion
    icon = "pick"
    menu_label = _("Editors' picks")
    list_display = [
        "query",
        Column("locale", label=_("Language")),
        Column("target", label=_("Shown first")),
    ]
    list_filter = ["locale"]
    search_fields = ["query"]
    panels = [
        FieldRowPanel([FieldPanel("query"), FieldPanel("locale")]),
        MultiFieldPanel(
            [FieldPanel("offer"), FieldPanel("actor"), FieldPanel("page")],
            heading=_("Shown first (choose one)"),
        ),
        FieldRowPanel([FieldPanel("note"), FieldPanel("sort_order")]),
    ]


class SynonymSetViewSet(TranslatedSnippetViewSet):
    model = SynonymSet
    icon = "list-ul"
    menu_label = _("Synonyms")
    list_display = ["words"]
    search_fields = ["words"]
    panels = [
        # dir="auto": Arabic and Persian words run right to left in any admin language.
        FieldPanel("words", widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"})),
    ]


class HiddenSearchViewSet(SnippetViewSet):
    model = HiddenSearch
    icon = "view"
    menu_label = _("Hidden searches")
    list_display = ["words"]
    search_fields = ["words"]


class SearchViewSetGroup(SnippetViewSetGroup):
    items = (PromotionViewSet, SynonymSetViewSet, HiddenSearchViewSet)
    menu_icon = "search"
    menu_label = _("Site search")
    menu_name = "site-search"
    menu_order = 180


register_snippet(SearchViewSetGroup)


class QueryStatisticFilterSet(WagtailFilterSet):
    date = django_filters.DateFromToRangeFilter(
        label=pgettext_lazy("search statistics", "Period"), widget=DateRangePickerWidget
    )
    locale = django_filters.ModelChoiceFilter(label=_("Language"), queryset=Locale.objects.all())
    without_results = django_filters.BooleanFilter(
        label=_("Only searches without results"), method="filter_without_results"
    )

    class Meta:
        model = QueryStatistic
        fields = []

    def filter_without_results(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(most_results=0) if value else queryset.filter(most_results__gt=0)


class HideColumn(Column):
    """Whether editors hid a query from visitors, with a button that hides it."""

    cell_template_name = "search/admin/hide_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context["may_hide"] = request.user.has_perm("search.add_hiddensearch")
        context["csrf_token"] = get_token(request)
        return context


class QueryStatisticReportView(ReportView):
    """Queries by number of searches, per language, over a chosen period."""

    page_title = _("What visitors search for")
    header_icon = "search"
    index_url_name = "search_statistics"
    index_results_url_name = "search_statistics_results"
    filterset_class = QueryStatisticFilterSet
    default_ordering = "-total_searches"
    is_searchable = True
    search_fields = ["query"]
    columns = [
        Column("query", label=_("Search query"), sort_key="query"),
        Column("locale__language_code", label=_("Language"), sort_key="locale__language_code"),
        NumberColumn("total_searches", label=_("Searches"), sort_key="total_searches"),
        NumberColumn("total_visitors", label=_("Visitors"), sort_key="total_visitors"),
        NumberColumn("most_results", label=_("Results"), sort_key="most_results"),
        HideColumn("hidden", label=_("Shown to visitors")),
    ]
    list_export = [
        "query",
        "locale__language_code",
        "total_searches",
        "total_visitors",
        "most_results",
    ]
    export_headings = {
        "query": _("Search query"),
        "locale__language_code": _("Language"),
        "total_searches": _("Searches"),
        "total_visitors": _("Visitors"),
        "most_results": _("Results"),
    }
    permission_policy = ModelPermissionPolicy(QueryStatistic)
    permission_required = "view"

    def get_base_queryset(self):
        return QueryStatistic.objects.values("query", "locale__language_code").annotate(
            total_searches=Sum("searches"),
            total_visitors=Sum("visitors"),
            most_results=Max("results"),
        )

    def decorate_paginated_queryset(self, object_list):
        """Each row says whether editors hid its query from visitors."""
        hidden = list(HiddenSearch.objects.values_list("words_key", flat=True))
        rows = list(object_list)
        for row in rows:
            row["hidden"] = HiddenSearch.hides(row["query"], hidden)
        return rows

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = self.get_base_queryset()
        return kwargs


@require_POST
def hide_search(request):
    """Hide a query of the report from visitors (as a hidden search), then go back."""
    if not request.user.has_perm("search.add_hiddensearch"):
        raise PermissionDenied
    words = request.POST.get("query", "")
    key = query_key(words)
    if key and not HiddenSearch.objects.filter(words_key=key).exists():
        HiddenSearch.objects.create(words=words)
    if key:
        messages.success(
            request, _("“%(query)s” is not shown to visitors any more.") % {"query": words}
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("search_statistics")
    return redirect(back)


@hooks.register("register_admin_urls")
def register_statistics_urls():
    view = QueryStatisticReportView
    return [
        path("search-statistics/hide/", hide_search, name="search_statistics_hide"),
        path("search-statistics/", view.as_view(), name="search_statistics"),
        path(
            "search-statistics/results/",
            view.as_view(results_only=True),
            name="search_statistics_results",
        ),
    ]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_querystatistic")


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("What visitors search for"), reverse("search_statistics"), icon_name="search", order=700
    )
