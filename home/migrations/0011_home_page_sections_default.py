"""Home pages that exist keep what their template showed before it had sections: the next
events and the latest posts, on the page and in its latest revision."""

import json
import uuid

from django.db import migrations

DEFAULT_SECTIONS = ["next_events", "latest_posts"]


def default_sections():
    return [{"type": kind, "value": {"count": 3}, "id": str(uuid.uuid4())} for kind in DEFAULT_SECTIONS]


def add_default_sections(apps, schema_editor):
    HomePage = apps.get_model("home", "HomePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    for page in HomePage.objects.all():
        if page.sections.raw_data:
            continue
        sections = default_sections()
        HomePage.objects.filter(pk=page.pk).update(sections=sections)
        revision = Revision.objects.filter(pk=page.latest_revision_id).first()
        if revision is not None and not revision.content.get("sections"):
            revision.content["sections"] = json.dumps(sections)
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [("home", "0010_home_page_sections")]

    operations = [migrations.RunPython(add_default_sections, migrations.RunPython.noop)]
