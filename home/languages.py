"""Language teams: who may translate and review which language.

Each content language other than the source has a team of two groups,
"Translators (<code>)" and "Reviewers (<code>)". Their members also belong to
"Translators", which gives access to the admin and to the snippets. Team
translators may add and edit pages in their language's tree and submit them;
reviewers may also publish there, and publish snippets (of their language
only, see ``middleware.py``). The language's tree has a workflow of its own, "Translation
review (<code>)", whose task the reviewers approve. Members of the general
"Translators" group without a team may translate nothing; editors,
moderators and superusers are not restricted by language.

A source page published for the first time appears as an alias in every
language tree that has its parent: the alias follows the source until someone
translates it. ``manage.py sync_language_trees`` reports the source pages
missing from the other trees and, with ``--repair``, adds them as aliases
(wagtail-localize's tree synchronisation), e.g. for a language whose tree was
started later.

A page type with ``stays_in_its_tree = True`` (the German offerings in easy language and sign
language) is never aliased into the other trees.

Page permissions sit on the language's top-level pages, so they are granted
when such a page is created (``grant_tree``), e.g. when wagtail-localize
creates a language's home page.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from wagtail.models import (
    DraftStateMixin,
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    TranslatableMixin,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.synctree import PageIndex, synchronize_tree

from .models import LanguageTeam

UNRESTRICTED_GROUPS = ["Editors", "Moderators"]
TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
REVIEWER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def team_for(locale):
    """The locale's team, created with its groups and workflow if need be; None for the source."""
    if locale.language_code == settings.LANGUAGE_CODE:
        return None
    team = LanguageTeam.objects.filter(locale=locale).first()
    if team:
        return team
    with transaction.atomic():
        translators, _ = Group.objects.get_or_create(name=f"Translators ({locale.language_code})")
        reviewers, _ = Group.objects.get_or_create(name=f"Reviewers ({locale.language_code})")
        team = LanguageTeam.objects.create(
            locale=locale, translators=translators, reviewers=reviewers
        )
        reviewers.permissions.add(*reviewer_snippet_permissions())
    for page in Page.objects.filter(locale=locale, depth=2):
        grant_tree(team, page)
    return team


def reviewer_snippet_permissions():
    """What approving a review publishes: publishing every translatable snippet with drafts,
    and changing the translatable snippets without drafts (the vocabulary), which go live
    when saved and are therefore changed by reviewers rather than translators.

    The language of the snippets a reviewer may reach is checked by the admin's
    language middleware.
    """
    translatable = [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]
    with_drafts = [model for model in translatable if issubclass(model, DraftStateMixin)]
    without_drafts = [model for model in translatable if not issubclass(model, DraftStateMixin)]
    types = ContentType.objects.get_for_models(*translatable)
    return Permission.objects.filter(
        Q(
            content_type__in=[types[model] for model in with_drafts],
            codename__startswith="publish_",
        )
        | Q(
            content_type__in=[types[model] for model in without_drafts],
            codename__regex=r"^(add|change)_",
        )
    )


def review_workflow(team):
    """The workflow in which the team's reviewers approve translations of its language."""
    code = team.locale.language_code
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=f"Translation review ({code})",
        defaults={"content_type": ContentType.objects.get_for_model(GroupApprovalTask)},
    )
    task.groups.add(team.reviewers)
    workflow, created = Workflow.objects.get_or_create(name=f"Translation review ({code})")
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def grant_tree(team, page):
    """Give the team its permissions on a top-level page of its language, and its workflow."""
    for group, codenames in (
        (team.translators, TRANSLATOR_PAGE_PERMISSIONS),
        (team.reviewers, REVIEWER_PAGE_PERMISSIONS),
    ):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": review_workflow(team)})


def top_level_page_created(sender, instance, created, **kwargs):
    """A new language tree gets its team's permissions and review workflow."""
    if created and isinstance(instance, Page) and instance.depth == 2:
        team = team_for(instance.locale)
        if team:
            grant_tree(team, instance)


class LanguageTreeError(Exception):
    """A published source page could not be added to the tree of one language."""

    def __init__(self, page, locale):
        self.page = page
        self.locale = locale
        super().__init__(f"“{page}” could not be added to the {locale.language_code} tree")


def follow_new_source_page(sender, instance, **kwargs):
    """A source page published for the first time appears as an alias in every language
    tree that has its parent, until it is translated there (menus find it everywhere).

    The aliases come all together or not at all: when one fails, LanguageTreeError names
    its language, and the publish that sent the signal fails with it (the admin's page
    views publish in one transaction, see ``page_views.py``).

    A page scheduled to go live later is published too, but stays unseen until then;
    its aliases come when it goes live, or they would show it at once.
    """
    page = instance
    if not page.live or page.alias_of_id or page.depth < 3 or stays_in_its_tree(page):
        return
    if page.locale.language_code != settings.LANGUAGE_CODE:
        return
    parent = page.get_parent()
    with transaction.atomic():
        for team in LanguageTeam.objects.select_related("locale"):
            locale = team.locale
            if parent.has_translation(locale) and not page.has_translation(locale):
                try:
                    page.copy_for_translation(locale, alias=True)
                except Exception as error:
                    raise LanguageTreeError(page, locale) from error


def locale_created(sender, instance, created, **kwargs):
    if created:
        team_for(instance)


def is_unrestricted(user):
    """Superusers, editors and moderators work in every language."""
    return user.is_superuser or user.groups.filter(name__in=UNRESTRICTED_GROUPS).exists()


def translator_locales(user):
    """The ids of the locales a user may translate, or None when not restricted by language."""
    if not user.is_authenticated:
        return set()
    if is_unrestricted(user):
        return None
    return set(
        LanguageTeam.objects.filter(translators__user=user).values_list("locale_id", flat=True)
    ) | set(LanguageTeam.objects.filter(reviewers__user=user).values_list("locale_id", flat=True))


def reviewer_locales(user):
    """The ids of the locales whose translations a user may publish (given the permission to
    publish), or None when not restricted by language."""
    if not user.is_authenticated:
        return set()
    if is_unrestricted(user):
        return None
    return set(
        LanguageTeam.objects.filter(reviewers__user=user).values_list("locale_id", flat=True)
    )


def in_locales(allowed, *locale_ids):
    """Whether every one of ``locale_ids`` is ``allowed`` (a set of locale ids, as
    ``translator_locales`` and ``reviewer_locales`` give; None allows every locale)."""
    return allowed is None or set(locale_ids) <= allowed


def works_in(user, *locale_ids):
    """Whether ``user`` may translate in every one of these locales."""
    return in_locales(translator_locales(user), *locale_ids)


def permission_name(action, model):
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def translated_parent(source, locale):
    """Where, in ``locale``, a page of a translation source goes: its parent's translation, else
    that of the nearest ancestor that has one (wagtail-localize copies the pages between), else
    the root."""
    for ancestor in source.get_source_instance().get_ancestors().reverse():
        if ancestor.depth == 1:
            return ancestor
        translation = ancestor.get_translation_or_none(locale)
        if translation is not None:
            return translation
    return None


def may_change_translation(user, source, locale, existing):
    """Whether ``user`` may write the version in ``locale`` of a translation source's object.

    ``existing`` is that version, or None; ``user`` None stands for the site itself.
    Snippets without drafts (the vocabulary) go live when saved: only reviewers of the
    language (and editors, moderators) change them.
    """
    if user is None or user.is_superuser:
        return True
    model = source.specific_content_type.model_class()
    if issubclass(model, Page):
        if existing is not None:
            return existing.permissions_for_user(user).can_edit()
        parent = translated_parent(source, locale)
        return parent is not None and parent.permissions_for_user(user).can_add_subpage()
    locales = (
        translator_locales(user) if issubclass(model, DraftStateMixin) else reviewer_locales(user)
    )
    action = "add" if existing is None else "change"
    return user.has_perm(permission_name(action, model)) and in_locales(locales, locale.pk)


def may_publish_translation(user, source, locale, existing):
    """Whether ``user`` may publish the version in ``locale`` of a translation source's object
    (reviewers of the language, moderators); see ``may_change_translation``."""
    if user is None or user.is_superuser:
        return True
    model = source.specific_content_type.model_class()
    if issubclass(model, Page):
        if existing is not None:
            return existing.permissions_for_user(user).can_publish()
        parent = translated_parent(source, locale)
        return parent is not None and parent.permissions_for_user(user).can_publish_subpage()
    if not issubclass(model, DraftStateMixin):
        return may_change_translation(user, source, locale, existing)
    return user.has_perm(permission_name("publish", model)) and in_locales(
        reviewer_locales(user), locale.pk
    )


def ensure_teams(**kwargs):
    """A team for every content language but the source; runs after every migrate, and gives
    existing reviewers the permissions of snippet models added since."""
    permissions = list(reviewer_snippet_permissions())
    for locale in Locale.objects.all():
        team = team_for(locale)
        if team:
            team.reviewers.permissions.add(*permissions)


def stays_in_its_tree(page_or_model):
    """Whether pages of this type stay in the tree of their language (no aliases elsewhere)."""
    return getattr(page_or_model, "stays_in_its_tree", False)


def shared_page_index():
    """wagtail-localize's index of the pages, in tree order, without those that stay in their
    language's tree."""
    index = PageIndex.from_database().sort_by_tree_position()
    return PageIndex(
        [entry for entry in index if not stays_in_its_tree(entry.content_type.model_class())]
    )


def missing_pages(index, source, locale):
    """Entries of the source tree with neither a translation nor an alias in ``locale``."""
    return [
        entry
        for entry in index.not_translated_into(locale)
        if source.pk in entry.locales and locale.pk not in entry.aliased_locales
    ]


def content_locales():
    """The locales of the content languages (``CONTENT_LANGUAGES``) other than the source."""
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    return Locale.objects.filter(language_code__in=codes).exclude(
        language_code=settings.LANGUAGE_CODE
    )


def languages_without_locale():
    """The content languages that have no locale yet: added to ``CONTENT_LANGUAGES`` since."""
    existing = set(Locale.objects.values_list("language_code", flat=True))
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code not in existing]


def complete_language_trees():
    """Give every content language its locale (and with it its team) and the source pages
    its tree lacks, as aliases that follow the source until they are translated
    (wagtail-localize's tree synchronisation).

    Translations are left as they are. Returns the number of pages added.
    """
    for code in languages_without_locale():
        Locale.objects.create(language_code=code)
    source = Locale.get_default()
    index = shared_page_index()
    added = 0
    for locale in content_locales().order_by("language_code"):
        missing = missing_pages(index, source, locale)
        if missing:
            synchronize_tree(source, locale, page_index=index)
            added += len(missing)
    return added
