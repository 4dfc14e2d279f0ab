"""wagtail-localize translation sources for many objects at once.

``TranslationSource.update_or_create_from_instance`` writes one source and its
segments with some 120 queries for an offer: fine in the editor, too slow for an
import of thousands of entries. ``update_sources`` does the same for many
versions of one model in a fixed number of queries per batch, with
wagtail-localize's own models and hashes, so that its editor cannot tell the
difference.
"""

import json
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    Template,
    TemplateSegment,
    TranslatableObject,
    TranslationContext,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments

from .bulk import bulk_insert

BATCH = 1000


def content_json(instance, content=None):
    """The source content as wagtail-localize serialises it; ``content``, if given, is the
    instance's ``serializable_data()``, made already."""
    if content is None:
        if isinstance(instance, ClusterableModel):
            content = instance.serializable_data()
        else:
            content = get_serializable_data_for_fields(instance)
    return json.dumps(content, cls=DjangoJSONEncoder)


def field_path(model, path):
    """The field path of a segment path (what ``TranslationContext.get_field_path`` computes
    from an instance): child rows' translation keys left out. None for a StreamField, whose
    path needs the value."""
    names = path.split(".")
    field = model._meta.get_field(names[0])
    if isinstance(field, StreamField):
        return None
    if (
        isinstance(field, models.ManyToOneRel)
        and isinstance(field.remote_field, ParentalKey)
        and issubclass(field.related_model, TranslatableMixin)
    ):
        rest = field_path(field.related_model, ".".join(names[2:]))
        return None if rest is None else f"{names[0]}.{rest}"
    return names[0]


def in_batches(items):
    items = list(items)
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


@transaction.atomic
def update_sources(instances, contents=None):
    """Create or update the translation sources of ``instances`` (versions of one model, each
    the source version of its object) with their segments; return them by translation key.
    ``contents`` may hold the instances' ``serializable_data()`` by pk, where the caller has it.

    A source whose content is unchanged is left as it is, as wagtail-localize does.
    """
    contents = contents or {}
    if not instances:
        return {}
    model = type(instances[0])
    object_type = ContentType.objects.get_for_model(instances[0].get_translation_model())
    specific_type = ContentType.objects.get_for_model(model)
    keys = [instance.translation_key for instance in instances]
    for batch in in_batches(keys):
        TranslatableObject.objects.bulk_create(
            [TranslatableObject(translation_key=key, content_type=object_type) for key in batch],
            ignore_conflicts=True,
        )
    existing = {}
    for batch in in_batches(keys):
        for source in TranslationSource.objects.filter(object_id__in=batch):
            existing[(source.object_id, source.locale_id)] = source
    now, schema = timezone.now(), get_schema_version(model._meta.app_label)
    sources, created, changed, refresh = {}, [], [], []
    for instance in instances:
        content = content_json(instance, contents.get(instance.pk))
        source = existing.get((instance.translation_key, instance.locale_id))
        if source is not None and json.loads(source.content_json) == json.loads(content):
            sources[instance.translation_key] = source
            continue
        if source is None:
            source = TranslationSource(
                object_id=instance.translation_key,
                specific_content_type=specific_type,
                locale_id=instance.locale_id,
            )
            created.append(source)
        else:
            changed.append(source)
        source.content_json, source.schema_version = content, schema
        source.object_repr, source.last_updated_at = str(instance)[:200], now
        sources[instance.translation_key] = source
        refresh.append((source, instance))
    bulk_insert(TranslationSource, created, batch_size=BATCH)
    TranslationSource.objects.bulk_update(
        changed,
        ["content_json", "schema_version", "object_repr", "last_updated_at"],
        batch_size=BATCH,
    )
    write_segments(refresh)
    return sources


def write_segments(pairs):
    """Replace the segments of each (source, instance) by those extracted from the instance."""
    if not pairs:
        return
    refreshed = [source.pk for source, _instance in pairs]
    for segment_model in (StringSegment, TemplateSegment, RelatedObjectSegment, OverridableSegment):
        for batch in in_batches(refreshed):
            segment_model.objects.filter(source_id__in=batch).delete()
    rows = [
        (source, instance, value)
        for source, instance in pairs
        for value in extract_segments(instance)
    ]
    contexts = get_contexts(rows)
    strings = get_strings(
        {
            (source.locale_id, value.string.data)
            for source, _instance, value in rows
            if isinstance(value, StringSegmentValue)
        }
    )
    templates = get_templates(
        {
            (value.format, value.template, value.string_count)
            for _source, _instance, value in rows
            if isinstance(value, TemplateSegmentValue)
        }
    )
    objects = get_objects(
        {
            (value.content_type.pk, value.translation_key)
            for _source, _instance, value in rows
            if isinstance(value, RelatedObjectSegmentValue)
        }
    )
    segments = {model: [] for model in (StringSegment, TemplateSegment, RelatedObjectSegment)}
    segments[OverridableSegment] = []
    for source, _instance, value in rows:
        common = {
            "source": source,
            "context": contexts[(source.object_id, value.path)],
            "order": value.order,
        }
        if isinstance(value, StringSegmentValue):
            segments[StringSegment].append(
                StringSegment(
                    **common,
                    string_id=strings[(source.locale_id, value.string.data)],
                    attrs=json.dumps(value.attrs, cls=DjangoJSONEncoder),
                )
            )
        elif isinstance(value, TemplateSegmentValue):
            template = templates[(value.format, value.template)]
            segments[TemplateSegment].append(TemplateSegment(**common, template_id=template))
        elif isinstance(value, RelatedObjectSegmentValue):
            target = objects[(value.content_type.pk, value.translation_key)]
            segments[RelatedObjectSegment].append(RelatedObjectSegment(**common, object_id=target))
        elif isinstance(value, OverridableSegmentValue):
            segments[OverridableSegment].append(
                OverridableSegment(
                    **common, data_json=json.dumps(value.data, cls=DjangoJSONEncoder)
                )
            )
    for segment_model, objects_of_model in segments.items():
        segment_model.objects.bulk_create(objects_of_model, batch_size=BATCH)


def get_contexts(rows):
    """(object id, path) -> TranslationContext of the rows' segments, created if missing."""
    wanted = {}
    for source, instance, value in rows:
        wanted.setdefault((source.object_id, value.path), instance)
    for batch in in_batches(wanted.items()):
        TranslationContext.objects.bulk_create(
            [
                TranslationContext(
                    object_id=object_id,
                    path=path,
                    path_id=TranslationContext._get_path_id(path),
                    field_path=field_path(type(instance), path) or "",
                )
                for (object_id, path), instance in batch
            ],
            ignore_conflicts=True,
        )
    found = {}
    for batch in in_batches({object_id for object_id, _path in wanted}):
        for context in TranslationContext.objects.filter(object_id__in=batch):
            found[(context.object_id, context.path)] = context
    for key, instance in wanted.items():
        if not found[key].field_path:  # a StreamField's path, which needs the value
            found[key].get_field_path(instance)
    return found


def get_strings(texts):
    """(locale id, text) -> String id, created if missing."""
    hashes = {(locale_id, String._get_data_hash(text)): text for locale_id, text in texts}
    for batch in in_batches(hashes.items()):
        String.objects.bulk_create(
            [
                String(locale_id=locale_id, data_hash=data_hash, data=text)
                for (locale_id, data_hash), text in batch
            ],
            ignore_conflicts=True,
        )
    found = {}
    for batch in in_batches({data_hash for _locale_id, data_hash in hashes}):
        for string_id, locale_id, data_hash in String.objects.filter(
            data_hash__in=batch
        ).values_list("pk", "locale_id", "data_hash"):
            if (locale_id, data_hash) in hashes:
                found[(locale_id, hashes[(locale_id, data_hash)])] = string_id
    return found


def template_uuid(template_format, template):
    """The key wagtail-localize gives a rich-text template (``Template.from_value``)."""
    namespace = uuid.uuid5(Template.BASE_UUID_NAMESPACE, template_format)
    return uuid.uuid5(namespace, template)


def get_templates(values):
    """(format, template) -> Template id, created if missing."""
    uuids = {
        template_uuid(template_format, template): (template_format, template, count)
        for template_format, template, count in values
    }
    for batch in in_batches(uuids.items()):
        Template.objects.bulk_create(
            [
                Template(uuid=key, template=template, template_format=fmt, string_count=count)
                for key, (fmt, template, count) in batch
            ],
            ignore_conflicts=True,
        )
    found = {}
    for batch in in_batches(uuids):
        for template_id, key in Template.objects.filter(uuid__in=batch).values_list("pk", "uuid"):
            template_format, template, _count = uuids[key]
            found[(template_format, template)] = template_id
    return found


def get_objects(keys):
    """(content type id, translation key) -> TranslatableObject id (its translation key)."""
    for batch in in_batches(keys):
        TranslatableObject.objects.bulk_create(
            [
                TranslatableObject(translation_key=key, content_type_id=content_type_id)
                for content_type_id, key in batch
            ],
            ignore_conflicts=True,
        )
    return {(content_type_id, key): key for content_type_id, key in keys}
