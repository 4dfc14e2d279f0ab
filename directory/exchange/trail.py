"""The trail an import leaves in each entry's history: a revision and a log entry."""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision

from home.bulk import bulk_insert

IMPORTED = "directory.import"

# What changes on every import without changing the entry: ids of the recreated child rows,
# the publishing state and dates.
VOLATILE = {
    "pk",
    "id",
    "latest_revision",
    "live_revision",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
}


def comparable(content):
    """Revision content without what changes on every import, as JSON would store it."""
    if isinstance(content, dict):
        return {key: comparable(value) for key, value in content.items() if key not in VOLATILE}
    if isinstance(content, list):
        return [comparable(value) for value in content]
    return content


def serialised(entries):
    """pk -> revision content (``serializable_data()``) of each entry, made once for the
    revisions and the translation sources (``home.translation_sources.update_sources``)."""
    return {entry.pk: entry.serializable_data() for entry in entries}


def changed_entries(plan, contents):
    """The plan's new entries, and its updated entries whose content differs from their live
    revision (or that have none, or a newer draft), each with its revision content
    (``contents``: pk -> content)."""
    revision_ids = [
        entry.live_revision_id
        for entry in plan.updated
        if entry.live_revision_id and entry.latest_revision_id == entry.live_revision_id
    ]
    earlier = {}
    for start in range(0, len(revision_ids), 500):
        earlier.update(
            Revision.objects.filter(pk__in=revision_ids[start : start + 500]).values_list(
                "pk", "content"
            )
        )
    changed = []
    for entry in plan.created + plan.updated:
        content = contents[entry.pk]
        before = earlier.get(entry.live_revision_id)
        now = json.loads(json.dumps(content, cls=DjangoJSONEncoder)) if before else None
        if before is None or comparable(before) != comparable(now):
            changed.append((entry, content))
    return changed


def leave_trail(plan, contents, file_name, user, by):
    """For each created or changed entry of a written plan, a published revision and an
    "imported from <file> by <user or command>" log entry, as Wagtail's ``save_revision()``
    and ``log()`` write them, in bulk; the revision becomes the entry's latest and live one.
    ``contents`` holds each entry's content (``serialised``)."""
    changed = changed_entries(plan, contents)
    if not changed:
        return
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(plan.model)
    base_content_type = changed[0][0].get_base_content_type()
    revisions = bulk_insert(
        Revision,
        [
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(entry.pk),
                created_at=now,
                user=user,
                object_str=str(entry),
                content=content,
            )
            for entry, content in changed
        ],
        batch_size=500,
    )
    log_content_type = ContentType.objects.get_for_model(plan.model, for_concrete_model=False)
    # Without a uuid, as log() writes outside a request: the history shows one entry per uuid.
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=log_content_type,
                object_id=str(entry.pk),
                label=str(entry),
                action=IMPORTED,
                data={"file": file_name, "by": by},
                timestamp=now,
                user=user,
                revision=revision,
                content_changed=True,
            )
            for (entry, _content), revision in zip(changed, revisions, strict=True)
        ],
        batch_size=500,
    )
    # The new revisions become the entries' latest and live ones in one statement per batch
    # (a bulk_update of thousands of rows spends its time building CASE expressions).
    newest = (
        Revision.objects.filter(
            base_content_type=base_content_type, object_id=Cast(OuterRef("pk"), CharField())
        )
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    ids = [entry.pk for entry, _content in changed]
    for start in range(0, len(ids), 1000):
        plan.model.objects.filter(pk__in=ids[start : start + 1000]).update(
            latest_revision=Subquery(newest), live_revision=Subquery(newest)
        )
