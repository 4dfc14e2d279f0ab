"""What wagtail-localize knows about a page's or snippet's languages, for the public site."""

from django.utils.translation import get_language_info
from wagtail_localize.models import StringTranslation, TranslationSource


def original_language(instance):
    """The language ``instance`` was first written in: its first translation source's locale."""
    source = (
        TranslationSource.objects.filter(object_id=instance.translation_key)
        .select_related("locale")
        .order_by("created_at")
        .first()
    )
    locale = source.locale if source else instance.locale
    return get_language_info(locale.language_code)


def is_machine_translated(instance):
    """Whether any text of this translation came from a machine translator."""
    return StringTranslation.objects.filter(
        locale_id=instance.locale_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        translation_of__segments__source__object_id=instance.translation_key,
    ).exists()
