"""Admin views of join requests: their listing with the directory column, and turning one
into a draft actor."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import SubmissionsListView

from .conversion import AlreadyConverted, create_draft_actor
from .models import JoinRequest


def directory_cell(join_request, url_finder):
    """The listing's cell of a join request: its draft actor, or the button that makes one."""
    if join_request.converted_at is None:
        return format_html(
            '<a class="button button-small" href="{}">{}</a>',
            reverse("contact:create_actor", args=[join_request.pk]),
            _("Create draft actor"),
        )
    if join_request.actor is None:
        return _("Converted; the actor was deleted")
    return format_html(
        '{} <a href="{}">{}</a>',
        _("Converted:"),
        url_finder.get_edit_url(join_request.actor) or "",
        join_request.actor.name,
    )


class JoinRequestsListView(SubmissionsListView):
    """Wagtail's listing of submissions, with a column for the directory."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("actor")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_export:
            return context
        url_finder = AdminURLFinder(self.request.user)
        cells = {
            join_request.pk: directory_cell(join_request, url_finder)
            for join_request in context["submissions"]
        }
        context["data_headings"].append(
            {"name": "directory", "label": gettext_lazy("Directory"), "order": None}
        )
        for row in context["data_rows"]:
            row["fields"].append(cells[row["model_id"]])
        return context


@require_http_methods(["GET", "POST"])
def create_actor(request, pk):
    """Confirm (GET) and create (POST) the draft actor of a join request."""
    join_request = get_object_or_404(JoinRequest.objects.select_related("page"), pk=pk)
    if not (
        request.user.has_perm("directory.add_actor")
        and get_forms_for_user(request.user).filter(pk=join_request.page_id).exists()
    ):
        raise PermissionDenied
    listing = reverse("wagtailforms:list_submissions", args=[join_request.page_id])
    if join_request.converted_at is not None:
        messages.error(request, _("This request has already been turned into an actor."))
        return redirect(listing)
    if request.method == "POST":
        try:
            actor = create_draft_actor(join_request, request.user)
        except AlreadyConverted:
            messages.error(request, _("This request has already been turned into an actor."))
            return redirect(listing)
        messages.success(
            request,
            _("Draft actor “%(name)s” created. Complete it and submit it for moderation.")
            % {"name": actor.name},
        )
        return redirect(AdminURLFinder(request.user).get_edit_url(actor) or listing)
    return TemplateResponse(
        request,
        "contact/admin/create_actor.html",
        {
            "join_request": join_request,
            "data": join_request.get_data(),
            "listing": listing,
            "header_title": _("Create draft actor"),
        },
    )
