"""PostgreSQL: the full-text and trigram indexes take new entries at once.

A GIN index first collects new entries in a pending list, which every search reads
through until VACUUM (or autovacuum) merges it; after ``rebuild_search`` that list held
thousands of documents, and each search scanned it once per language. Without it
writing the index costs more and searching it less, as PostgreSQL's documentation
advises where response time matters more than update speed. What is pending is merged
now. SQLite has no such indexes.
"""

from django.db import migrations

INDEXES = ("search_document_vector", "search_term_trigram")


def without_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES:
        schema_editor.execute(f"ALTER INDEX {index} SET (fastupdate = off)")
        schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])


def with_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in INDEXES:
        schema_editor.execute(f"ALTER INDEX {index} RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [("search", "0011_translatable_synonyms")]

    operations = [migrations.RunPython(without_pending_list, with_pending_list)]
