"""Keeping translators to their languages in the admin, and the public pages' security policy."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation, TranslationSource

from .languages import may_publish_translation, translator_locales, works_in
from .localize import existing_version
from .permissions import LanguagePermissionPolicy

SNIPPET_NAMESPACE = "wagtailsnippets_"


def snippet_model(namespace):
    """The snippet model whose admin views have the URL namespace ``namespace``, or None."""
    for model in get_snippet_models():
        if model.snippet_viewset.url_namespace == namespace:
            return model
    return None


def snippet_locale_id(model, match, request):
    """The locale of the snippet a snippet admin view acts on (or creates), or None."""
    pk = match.kwargs.get("pk")
    if pk is not None:
        return model.objects.filter(pk=unquote(str(pk))).values_list("locale_id", flat=True).first()
    if match.url_name == "add":
        code = request.GET.get("locale") or request.POST.get("locale")
        locale = Locale.objects.filter(language_code=code).first() if code else None
        return (locale or Locale.get_default()).pk
    return None


def snippet_language(request, match):
    """Views of a snippet whose model follows ``LanguagePermissionPolicy`` (Wagtail checks
    only the model permission in views of one object, or of a new one): the object's
    language must be one the user may work in."""
    model = snippet_model(match.namespace)
    policy = policy_registry.get_by_type(model) if model else None
    if isinstance(policy, LanguagePermissionPolicy):
        locale_id = snippet_locale_id(model, match, request)
        if locale_id is not None and not works_in(request.user, locale_id):
            raise PermissionDenied


def require_locales(user, locale_ids):
    """Refuse a user restricted by language any of ``locale_ids`` outside their languages."""
    if not works_in(user, *locale_ids):
        raise PermissionDenied


# Rules for the admin views of wagtail-localize (and the project's views at their addresses).
# Each takes the request and its URL match and raises PermissionDenied; a test makes sure that
# every wagtail-localize URL has one, so that an upgrade cannot add a view nobody checked.


def guarded_by_the_view(request, match):
    """Views that check Wagtail's own permissions and touch no translation (locales
    management, the editor's string catalogue)."""


def unrestricted_users_only(request, match):
    """Views that list objects of every language: not for users restricted by language."""
    if translator_locales(request.user) is not None:
        raise PermissionDenied


def translation_language(request, match):
    """Views of one translation: its target language must be one of the user's."""
    locale_id = (
        Translation.objects.filter(pk=match.kwargs["translation_id"])
        .values_list("target_locale_id", flat=True)
        .first()
    )
    if locale_id is not None:
        require_locales(request.user, {locale_id})


def submitted_languages(request, match):
    """The "Translate" form: every language ticked must be one of the user's (ids that are no
    number count as the impossible locale 0, so that they are refused rather than ignored)."""
    if request.method == "POST":
        require_locales(
            request.user,
            {int(value) if value.isdigit() else 0 for value in request.POST.getlist("locales")},
        )


def updating_translations(request, match):
    """ "Update translations" refreshes the source of every translation of an object and may
    publish them all: the user must translate one of their languages, and may ask to publish
    only where they may publish."""
    source = TranslationSource.objects.filter(pk=match.kwargs["translation_source_id"]).first()
    if source is None:
        return
    translations = Translation.objects.filter(source=source, enabled=True).select_related(
        "target_locale"
    )
    allowed = translator_locales(request.user)
    if allowed is not None and not {t.target_locale_id for t in translations} & allowed:
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("publish_translations"):
        for translation in translations:
            locale = translation.target_locale
            existing = existing_version(source, locale)
            if not may_publish_translation(request.user, source, locale, existing):
                raise PermissionDenied


def converting_to_alias(request, match):
    """Turning a translated page back into an alias replaces its live text at once: only for
    those who may publish the page."""
    page = Page.objects.filter(pk=match.kwargs["page_id"]).select_related("locale").first()
    if page is None:
        return
    if not works_in(request.user, page.locale_id):
        raise PermissionDenied
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied


LOCALIZE_RULES = {
    "wagtail_localize:javascript_catalog": guarded_by_the_view,
    "wagtail_localize:submit_page_translation": submitted_languages,
    "wagtail_localize:submit_snippet_translation": submitted_languages,
    "wagtail_localize:update_translations": updating_translations,
    "wagtail_localize:edit_string_translation": translation_language,
    "wagtail_localize:edit_override": translation_language,
    "wagtail_localize:download_pofile": translation_language,
    "wagtail_localize:upload_pofile": translation_language,
    "wagtail_localize:machine_translate": translation_language,
    "wagtail_localize:preview_translation": translation_language,
    "wagtail_localize:stop_translation": translation_language,
    "wagtail_localize:convert_to_alias": converting_to_alias,
    "wagtail_localize:translations_report": unrestricted_users_only,
    "wagtail_localize:translations_report_results": unrestricted_users_only,
    "wagtail_localize:snippets_api_listing": unrestricted_users_only,
    "wagtail_localize:snippets_api_detail": unrestricted_users_only,
    "wagtaillocales:index": guarded_by_the_view,
    "wagtaillocales:index_results": guarded_by_the_view,
    "wagtaillocales:add": guarded_by_the_view,
    "wagtaillocales:edit": guarded_by_the_view,
    "wagtaillocales:delete": guarded_by_the_view,
    "wagtaillocales:history": guarded_by_the_view,
    "wagtaillocales:history_results": guarded_by_the_view,
    "wagtaillocales:usage": guarded_by_the_view,
    "wagtaillocales:copy": guarded_by_the_view,
    # The project's views at wagtail-localize's addresses, and beside them.
    "upload_pofile": translation_language,
    "edit_override": translation_language,
    "submit_translation_for_review": translation_language,
}


class TranslatorLanguageMiddleware:
    """Answers 403 when a translator opens or posts to an admin view of another language.

    Pages are guarded by the language teams' page permissions; this covers the views of
    one snippet (``snippet_language``) and wagtail-localize's views, each by its rule in
    ``LOCALIZE_RULES``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not request.user.is_authenticated:
            return None
        rule = LOCALIZE_RULES.get(match.view_name)
        if rule is not None:
            rule(request, match)
        elif match.namespace.startswith(SNIPPET_NAMESPACE):
            snippet_language(request, match)
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
