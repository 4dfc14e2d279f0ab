"""Actors, offers and authors leave Wagtail's search index: the site search has its own
documents of actors and offers, and the admin searches all three in the database."""

from django.db import migrations

LEFT_THE_INDEX = {"directory": ["actor", "offer"], "blog": ["author"]}


def forget_their_index_entries(apps, schema_editor):
    # Wagtail's own model: on SQLite its full-text rows follow the entries it deletes.
    from wagtail.search.models import IndexEntry

    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, models in LEFT_THE_INDEX.items():
        types = ContentType.objects.filter(app_label=app_label, model__in=models)
        IndexEntry.objects.filter(
            content_type__in=list(types.values_list("pk", flat=True))
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0008_offer_providers"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(forget_their_index_entries, migrations.RunPython.noop)]
