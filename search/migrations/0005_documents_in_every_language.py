"""Search documents say whether they are the original version, carry the slug of a directory
entry and the names of their terms in every language.

On SQLite, adding these columns makes Django rebuild the documents' table, which drops the
triggers that keep the FTS5 table in step (migration 0002); they are created again here.
Existing documents get their new values from ``manage.py rebuild_search``.
"""

from importlib import import_module

from django.db import migrations, models

FULL_TEXT = import_module("search.migrations.0002_full_text")
TRIGGERS = [statement for statement in FULL_TEXT.SQLITE if "TRIGGER" in statement[0]]


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for create, _drop in TRIGGERS:
            schema_editor.execute(create)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("search", "0004_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        # Reversed last: the table rebuilt by removing the fields needs its triggers again.
        migrations.RunPython(migrations.RunPython.noop, create_triggers),
        migrations.AddField(
            model_name="searchdocument",
            name="is_original",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="labels",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="slug",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                fields=["translation_key", "locale"], name="search_document_translations"
            ),
        ),
        migrations.RunPython(create_triggers, migrations.RunPython.noop),
    ]
