"""The translation overview in the admin, and its panel on the dashboard."""

import tempfile

import polib
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.auth import require_admin_access
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import Locale, ModelLogEntry, Page
from wagtail_localize.models import OverridableSegment, Translation
from wagtail_localize.views import edit_translation as localize_views
from wagtail_localize.views.edit_translation import user_can_edit_instance

from .languages import review_workflow, translator_locales
from .localize import save_draft
from .models import LanguageTeam
from .translation_checks import override_problem, string_problem
from .translation_status import (
    NEEDS_WORK,
    STATES,
    counts_by_locale,
    model_by_label,
    overview,
    translatable_models,
)

PER_PAGE = 50


def work_url(row, url_finder):
    """Where to do the work of a row: start, continue or update its translation."""
    source = row.source
    if row.target is None and row.translation_source is None:
        if isinstance(source, Page):
            return reverse("wagtail_localize:submit_page_translation", args=[source.pk])
        meta = source._meta
        return reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[meta.app_label, meta.model_name, source.pk],
        )
    if row.state == "outdated" and row.translation_source is not None:
        return reverse("wagtail_localize:update_translations", args=[row.translation_source.pk])
    return url_finder.get_edit_url(row.target or source)


def translation_overview(request):
    """Every page and translatable snippet in every language, filterable by language,
    type and state; those waiting longest come first."""
    locales = Locale.objects.all()
    locale = locales.filter(language_code=request.GET.get("locale", "")).first()
    model = model_by_label(request.GET.get("type", ""))
    state = request.GET.get("state", "")
    rows = overview(locales=[locale] if locale else locales, models=[model] if model else None)
    if state == "needs_work":
        rows = [row for row in rows if row.state in NEEDS_WORK]
    elif state in STATES:
        rows = [row for row in rows if row.state == state]
    if request.GET.get("order") == "newest":
        rows.reverse()
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    url_finder = AdminURLFinder(request.user)
    for row in page.object_list:
        row.work_url = work_url(row, url_finder)
    return TemplateResponse(
        request,
        "home/admin/translation_overview.html",
        {
            "rows": page,
            "locales": locales,
            "models": [
                (f"{m._meta.app_label}.{m._meta.model_name}", m._meta.verbose_name)
                for m in translatable_models()
            ],
            "states": STATES,
            "chosen": request.GET,
            "query": request.GET.copy(),
        },
    )


class TranslationPanel(Component):
    """How many items need work in each language, for the dashboard."""

    name = "translations"
    order = 90
    template_name = "home/admin/translation_panel.html"

    def __init__(self, locales):
        self.locales = locales

    def get_context_data(self, parent_context):
        by_locale = counts_by_locale(self.locales)
        return {
            "languages": [
                {
                    "locale": locale,
                    "counts": by_locale.get(locale.pk, dict.fromkeys(STATES, 0)),
                    "needs_work": sum(
                        by_locale.get(locale.pk, {}).get(state, 0) for state in NEEDS_WORK
                    ),
                }
                for locale in self.locales
            ],
            "states": {state: STATES[state] for state in NEEDS_WORK},
            "overview_url": reverse("translation_overview"),
            "title": _("Translations"),
        }


def read_po(upload):
    """The uploaded PO file parsed, or None. It is read from a file of its own: given text,
    polib would take text that names a file for that file's name."""
    with tempfile.NamedTemporaryFile(suffix=".po") as copy:
        copy.write(upload.read())
        copy.flush()
        upload.seek(0)
        try:
            return polib.pofile(copy.name)
        except (OSError, UnicodeDecodeError, ValueError):
            return None


def refuse_invalid_strings(po):
    """Take the entries whose translations wagtail-localize would reject out of ``po``, so that
    the strings they translate keep their present translations; their line numbers and problems.
    """
    refused = []
    for entry in list(po):
        problem = entry.msgstr and string_problem(entry.msgid, entry.msgstr)
        if problem:
            refused.append((entry.linenum, problem))
            po.remove(entry)
    return refused


@api_view(["PUT", "DELETE"])
@permission_classes([IsAuthenticated])
@authentication_classes([SessionAuthentication])
def edit_override(request, translation_id, overridable_segment_id):
    """wagtail-localize's override of a link, address or chosen object in a translation,
    answering 400 with the reason to a value its segment cannot take (nothing is stored)."""
    if request.method == "PUT":
        translation = get_object_or_404(Translation, id=translation_id)
        segment = get_object_or_404(
            OverridableSegment.objects.select_related("context"),
            id=overridable_segment_id,
            context__object_id=translation.source.object_id,
        )
        if not user_can_edit_instance(request.user, translation.get_target_instance()):
            raise PermissionDenied
        problem = override_problem(
            translation.source.as_instance(), segment.context, request.data.get("value", "")
        )
        if problem:
            return Response({"error": str(problem)}, status=status.HTTP_400_BAD_REQUEST)
    return localize_views.edit_override(request._request, translation_id, overridable_segment_id)


def upload_pofile(request, translation_id):
    """Import the translations of an uploaded PO file, like wagtail-localize, but refusing a
    file that is no PO file of this translation, and strings it would reject.

    wagtail-localize fails with an error page when the file lacks its translation header;
    here every such file gets a message and changes nothing. A string with markup that is
    not allowed would replace a good translation with one marked as an error, which a page
    leaves out; here it is reported with its line and the present translation stays.
    """
    translation = get_object_or_404(Translation, id=translation_id)
    if not user_can_edit_instance(request.user, translation.get_target_instance()):
        raise PermissionDenied
    next_url = get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
    upload = request.FILES.get("file")
    problem = None
    if upload is None:
        problem = _("Choose a PO file to upload.")
    else:
        po = read_po(upload)
        if po is None or "X-WagtailLocalize-TranslationID" not in po.metadata:
            problem = _("This is not a PO file exported from this site's translation editor.")
        elif po.metadata["X-WagtailLocalize-TranslationID"] != str(translation.uuid):
            problem = _("This PO file belongs to another translation; nothing was imported.")
    if problem:
        messages.error(request, problem)
        return redirect(next_url)
    refused = refuse_invalid_strings(po)
    translation.import_po(po, user=request.user, tool_name="PO File")
    if refused:
        messages.warning(
            request,
            ngettext(
                "One string was not imported and keeps its translation: %(lines)s",
                "%(count)d strings were not imported and keep their translations: %(lines)s",
                len(refused),
            )
            % {
                "count": len(refused),
                "lines": "; ".join(
                    _("line %(line)d: %(problem)s") % {"line": line, "problem": problem}
                    for line, problem in refused
                ),
            },
        )
    else:
        messages.success(request, _("Successfully imported translations from PO File."))
    return redirect(next_url)


def submit_for_review(request, translation_id):
    """Save a translation's strings as a new revision of its target and start its workflow.

    wagtail-localize's editor can only publish; translators, who may not, submit
    here, and the reviewers of the language approve the revision in its
    "Translation review" workflow (pages and snippets alike), which publishes it. The revision
    leaves the live version as it is (``localize.save_draft``).
    """
    translation = get_object_or_404(Translation, id=translation_id, enabled=True)
    allowed = translator_locales(request.user)
    if allowed is not None and translation.target_locale_id not in allowed:
        raise PermissionDenied
    target = translation.get_target_instance()
    if not user_can_edit_instance(request.user, target):
        raise PermissionDenied
    team = LanguageTeam.objects.filter(locale_id=translation.target_locale_id).first()
    workflow = review_workflow(team) if team else target.get_workflow()
    if workflow is None or target.current_workflow_state is not None:
        messages.error(request, _("This translation cannot be submitted for review now."))
    else:
        save_draft(translation, request.user)
        target.refresh_from_db()
        workflow.start(target, request.user)
        messages.success(
            request,
            _("“%(title)s” was submitted for review.") % {"title": str(target)},
        )
    return redirect(get_valid_next_url_from_request(request) or reverse("translation_overview"))


class SiteHistoryView(LogEntriesView):
    """Wagtail's site history, where a user restricted by language sees the snippets of their
    own languages only: Wagtail shows every snippet whose model they may edit, with the titles
    of other languages' drafts. (Pages are limited to those the user may explore already.)"""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        allowed = translator_locales(self.request.user)
        if allowed is None or queryset.model is not ModelLogEntry:
            return queryset
        for model in translatable_models()[1:]:
            others = (
                model.objects.exclude(locale_id__in=allowed)
                .annotate(key=Cast("pk", output_field=CharField()))
                .values("key")
            )
            queryset = queryset.exclude(
                content_type=ContentType.objects.get_for_model(model), object_id__in=others
            )
        return queryset


site_history = never_cache(require_admin_access(SiteHistoryView.as_view()))
site_history_results = never_cache(require_admin_access(SiteHistoryView.as_view(results_only=True)))
