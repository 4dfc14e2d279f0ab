"""Search documents say whether they are the original version, carry the slug of a directory
entry and the names of their terms in every language.

On SQLite, adding these columns makes Django rebuild the documents' table, which drops the
triggers that keep the FTS5 table in step (migration 0002); they are created again here.
Existing documents get their new values from ``manage.py rebuild_search``.
"""

from django.db import migrations, models

# The triggers of migration 0002, as they were when this migration was written.
TRIGGERS = [
    "CREATE TRIGGER search_document_insert AFTER INSERT ON search_searchdocument BEGIN "
    "INSERT INTO search_document_fts(rowid, title_terms, terms) "
    "VALUES (new.id, new.title_terms, new.terms); END",
    "CREATE TRIGGER search_document_delete AFTER DELETE ON search_searchdocument BEGIN "
    "INSERT INTO search_document_fts(search_document_fts, rowid, title_terms, terms) "
    "VALUES ('delete', old.id, old.title_terms, old.terms); END",
    "CREATE TRIGGER search_document_update AFTER UPDATE ON search_searchdocument BEGIN "
    "INSERT INTO search_document_fts(search_document_fts, rowid, title_terms, terms) "
    "VALUES ('delete', old.id, old.title_terms, old.terms); "
    "INSERT INTO search_document_fts(rowid, title_terms, terms) "
    "VALUES (new.id, new.title_terms, new.terms); END",
]


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for create in TRIGGERS:
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
