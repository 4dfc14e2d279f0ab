"""Keeping translators to their languages in the admin, and the public pages' security policy."""

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.models import Translation

from .languages import translator_locales

SNIPPET_NAMESPACE = "wagtailsnippets_"


def snippet_locale_id(match, request):
    """The locale of the snippet a snippet admin view acts on (or creates), or None."""
    _prefix, app_label, model_name = match.namespace.split("_", 2)
    model = apps.get_model(app_label, model_name)
    if not issubclass(model, TranslatableMixin):
        return None
    pk = match.kwargs.get("pk")
    if pk is not None:
        return model.objects.filter(pk=unquote(str(pk))).values_list("locale_id", flat=True).first()
    if match.url_name == "add":
        code = request.GET.get("locale") or request.POST.get("locale")
        locale = Locale.objects.filter(language_code=code).first() if code else None
        return (locale or Locale.get_default()).pk
    return None


def target_locale_id(match, request):
    """The locale an admin request would change, if it is one a translator might not touch."""
    if "translation_id" in match.kwargs:  # wagtail-localize's views, and submitting for review
        return (
            Translation.objects.filter(pk=match.kwargs["translation_id"])
            .values_list("target_locale_id", flat=True)
            .first()
        )
    if match.namespace.startswith(SNIPPET_NAMESPACE) and match.namespace.count("_") >= 2:
        return snippet_locale_id(match, request)
    return None


# wagtail-localize's "Translate" form: it offers every language and creates the copies.
SUBMIT_TRANSLATION_VIEWS = {
    "wagtail_localize:submit_page_translation",
    "wagtail_localize:submit_snippet_translation",
}


def submitted_locale_ids(request):
    """The locales a submitted "Translate" form asks for (ids that are no number count as
    the impossible locale 0, so that they are refused rather than ignored)."""
    if request.method != "POST":
        return set()
    return {int(value) if value.isdigit() else 0 for value in request.POST.getlist("locales")}


class TranslatorLanguageMiddleware:
    """Answers 403 when a translator opens or posts to an admin view of another language.

    Pages are guarded by the language teams' page permissions; this covers the
    snippets' views and wagtail-localize's translation views, which check only
    the model permission.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not (match.namespace or "translation_id" in match.kwargs):
            return None
        if match.view_name in SUBMIT_TRANSLATION_VIEWS:
            requested = submitted_locale_ids(request)
        else:
            locale_id = target_locale_id(match, request)
            requested = set() if locale_id is None else {locale_id}
        if not requested:
            return None
        allowed = translator_locales(request.user)
        if allowed is not None and not requested <= allowed:
            raise PermissionDenied
        return None


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """A strict Content-Security-Policy (no inline scripts or styles, nothing from other
    hosts) on everything but the admin, for visitors and signed-in users alike: Wagtail's
    user bar on public pages loads its script and styles from this site. The admin is left
    out, because Wagtail's admin uses inline scripts and styles."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(reverse("wagtailadmin_home")):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
