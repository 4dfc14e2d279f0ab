"""PostgreSQL: the titles' words get a ``tsvector`` column of their own, with a GIN index.

A title was matched through the weight its words have in ``vector``, which the index does
not hold: every document with a word of that beginning anywhere was read to find those
with it in the title (the suggestions match titles only). SQLite's FTS5 table has a
column of the titles already.
"""

from django.db import migrations

POSTGRES = [
    (
        "ALTER TABLE search_searchdocument ADD COLUMN title_vector tsvector GENERATED ALWAYS AS "
        "(to_tsvector('simple', title_terms)) STORED",
        "ALTER TABLE search_searchdocument DROP COLUMN title_vector",
    ),
    (
        "CREATE INDEX search_document_title_vector ON search_searchdocument "
        "USING GIN (title_vector) WITH (fastupdate = off)",
        "DROP INDEX search_document_title_vector",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for forward, _backward in POSTGRES:
            schema_editor.execute(forward)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _forward, backward in reversed(POSTGRES):
            schema_editor.execute(backward)


class Migration(migrations.Migration):
    dependencies = [("search", "0012_gin_indexes_without_pending_list")]

    operations = [migrations.RunPython(create, drop)]
