"""The "Search" menu of the admin: editors' picks and what visitors search for."""

import django_filters
from django.db.models import Max, Sum
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Promotion, QueryStatistic


class PromotionViewSet(SnippetViewSet):
    model = Promotion
    icon = "pick"
    menu_label = _("Editors' picks")
    add_to_admin_menu = True
    menu_order = 180
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


register_snippet(PromotionViewSet)


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
        NumberColumn("most_results", label=_("Results"), sort_key="most_results"),
    ]
    list_export = ["query", "locale__language_code", "total_searches", "most_results"]
    export_headings = {
        "query": _("Search query"),
        "locale__language_code": _("Language"),
        "total_searches": _("Searches"),
        "most_results": _("Results"),
    }
    permission_policy = ModelPermissionPolicy(QueryStatistic)
    permission_required = "view"

    def get_base_queryset(self):
        return QueryStatistic.objects.values("query", "locale__language_code").annotate(
            total_searches=Sum("searches"), most_results=Max("results")
        )

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = self.get_base_queryset()
        return kwargs


@hooks.register("register_admin_urls")
def register_statistics_urls():
    view = QueryStatisticReportView
    return [
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
