"""The references of imported entries in Wagtail's reference index: what the admin shows
as the usage of a topic, target group, place, picture or actor, and what it warns about
before one is deleted. The import writes its entries in bulk, without the signals that
keep the index up to date on a save, so it indexes them here, in bulk as well."""

from django.contrib.contenttypes.models import ContentType
from modelcluster.models import get_all_child_relations
from wagtail.models import ReferenceIndex

BATCH = 500


def index_references(model, pks):
    """Replace the reference index's rows of the entries of ``model`` with ``pks`` by the
    references they have now: a few queries per ``BATCH`` entries."""
    content_type = ContentType.objects.get_for_model(model)
    relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    pks = sorted(pks)
    for start in range(0, len(pks), BATCH):
        batch = pks[start : start + BATCH]
        entries = model.objects.filter(pk__in=batch).prefetch_related(*relations)
        rows = [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(entry.pk),
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for entry in entries
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(entry)
            )
        ]
        stale = ReferenceIndex.objects.filter(
            base_content_type=content_type,
            object_id__in=[str(pk) for pk in batch],
        )
        stale._raw_delete(stale.db)
        ReferenceIndex.objects.bulk_create(rows, batch_size=1000)
