"""How wagtail-localize writes translations on this site.

wagtail-localize writes a translated page or snippet in one place,
``Translation.save_target``: when a page is submitted for translation (also for
the snippets it refers to), when translations are updated, and when the
translation editor publishes. Its own rules there would destroy work and bypass
review (issue references in README.md, "Translating content"):

- a string without a translation gets the source text, even where the version
  holds a person's translation that has no memory (``translation_memory``);
- it publishes whenever the source is live, whoever asks, and saving a "draft"
  of a live page or snippet changes the live row at once;
- it keeps no revision of what it replaces.

``install()`` puts this site's rules in: text a person wrote is kept
(``keep_written_text``) and overrides are checked again (``translation_checks``);
a version is written only by someone who may change it in its language,
published only by someone who may publish there (reviewers, moderators) and
otherwise saved as a draft revision for review; and a version without any
revision gets one of its current state before it changes.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ObjectDoesNotExist
from wagtail.models import DraftStateMixin, Page, RevisionMixin, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation, TranslationLog, TranslationSource

from .languages import may_change_translation, may_publish_translation
from .translation_checks import without_refused_overrides
from .translation_memory import keep_written_text, record_translation, versions_of

_not_recorded = ContextVar("not_recorded", default=False)
_original_segments = TranslationSource._get_segments_for_translation
_original_save_target = Translation.save_target


@contextmanager
def not_recorded():
    """Saves in this block do not go into the translation memory on their own: they are
    wagtail-localize's (built from the memory), or their writer records them itself."""
    token = _not_recorded.set(True)
    try:
        yield
    finally:
        _not_recorded.reset(token)


def segments_for_translation(source, locale, fallback=False):
    """wagtail-localize's segments for a translation, keeping what a person wrote and leaving
    out overrides that a link or field may not take (``translation_checks``)."""
    segments = _original_segments(source, locale, fallback=fallback)
    if fallback:
        segments = keep_written_text(source, locale, segments)
    return without_refused_overrides(source, locale, segments)


def existing_version(source, locale):
    """The version in ``locale`` (an alias included), or None."""
    try:
        return source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        return None


def keep_revision(instance):
    """Give a version without any revision (imported, say) one of its current state, so that
    what a synchronisation replaces can be restored from its history."""
    if not isinstance(instance, RevisionMixin) or getattr(instance, "alias_of_id", None):
        return
    if instance.latest_revision_id is not None:
        return
    revision = instance.save_revision(changed=False, clean=False)
    if isinstance(instance, DraftStateMixin) and instance.live:
        instance.live_revision = revision
        instance.save(update_fields=["live_revision"])


def save_draft(translation, user):
    """Save the translation as a new revision of its version, leaving the live one as it is.

    Returns the revision; reviewers publish it (e.g. through the language's review).
    """
    draft = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    with not_recorded():
        revision = draft.save_revision(user=user, log_action=True)
        TranslationLog.objects.create(
            source=translation.source, locale=translation.target_locale, revision=revision
        )
    return revision


def is_live(instance):
    return isinstance(instance, DraftStateMixin | Page) and instance.live


def save_target(translation, user=None, publish=True):
    """wagtail-localize's ``save_target`` with this site's rules (see the module's text).

    ``user`` None means the site itself (management commands), which may do anything.
    """
    source, locale = translation.source, translation.target_locale
    existing = existing_version(source, locale)
    if not may_change_translation(user, source, locale, existing):
        return
    publish = publish and may_publish_translation(user, source, locale, existing)
    if existing is not None:
        keep_revision(existing)
        if not publish and is_live(existing) and not getattr(existing, "alias_of_id", None):
            save_draft(translation, user)
            return
    with not_recorded():
        _original_save_target(translation, user=user, publish=publish)


def record_published_translation(sender, instance, revision=None, **kwargs):
    """A translation published from an editor other than wagtail-localize's (its translation
    was stopped, or never synchronised) goes into the translation memory."""
    if not isinstance(instance, TranslatableMixin) or _not_recorded.get():
        return
    if revision is not None and TranslationLog.objects.filter(revision=revision).exists():
        return  # wagtail-localize's own write
    if len(versions_of(instance)) > 1:
        record_translation(instance)


def record_saved_translation(sender, instance, raw=False, **kwargs):
    """The same for translatable snippets without drafts (the vocabulary): saving publishes."""
    if raw or _not_recorded.get() or sender not in get_snippet_models():
        return
    if isinstance(instance, TranslatableMixin) and not isinstance(instance, RevisionMixin):
        if len(versions_of(instance)) > 1:
            record_translation(instance)


def install():
    """Put this site's rules into wagtail-localize (called once, from HomeConfig.ready)."""
    TranslationSource._get_segments_for_translation = segments_for_translation
    Translation.save_target = save_target
