"""The full-text side of the search index, in the form each database provides.

PostgreSQL: a generated ``tsvector`` column with a GIN index (the 'simple'
configuration: the text is already normalised per language), and trigram
indexes (pg_trgm) on the vocabulary for typo correction.
SQLite: an FTS5 table over the documents, kept in step by triggers. A later
migration that makes Django rebuild the documents' table on SQLite drops these
triggers and must create them again.
"""

from django.db import migrations

POSTGRES = [
    (
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "SELECT 1",
    ),
    (
        "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('simple', title_terms), 'A') || "
        "setweight(to_tsvector('simple', terms), 'B')) STORED",
        "ALTER TABLE search_searchdocument DROP COLUMN vector",
    ),
    (
        "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (vector)",
        "DROP INDEX search_document_vector",
    ),
    (
        "CREATE INDEX search_term_trigram ON search_searchterm USING GIN (term gin_trgm_ops)",
        "DROP INDEX search_term_trigram",
    ),
]
SQLITE = [
    (
        "CREATE VIRTUAL TABLE search_document_fts USING fts5("
        "title_terms, terms, content='search_searchdocument', content_rowid='id')",
        "DROP TABLE search_document_fts",
    ),
    (
        "CREATE TRIGGER search_document_insert AFTER INSERT ON search_searchdocument BEGIN "
        "INSERT INTO search_document_fts(rowid, title_terms, terms) "
        "VALUES (new.id, new.title_terms, new.terms); END",
        "DROP TRIGGER search_document_insert",
    ),
    (
        "CREATE TRIGGER search_document_delete AFTER DELETE ON search_searchdocument BEGIN "
        "INSERT INTO search_document_fts(search_document_fts, rowid, title_terms, terms) "
        "VALUES ('delete', old.id, old.title_terms, old.terms); END",
        "DROP TRIGGER search_document_delete",
    ),
    (
        "CREATE TRIGGER search_document_update AFTER UPDATE ON search_searchdocument BEGIN "
        "INSERT INTO search_document_fts(search_document_fts, rowid, title_terms, terms) "
        "VALUES ('delete', old.id, old.title_terms, old.terms); "
        "INSERT INTO search_document_fts(rowid, title_terms, terms) "
        "VALUES (new.id, new.title_terms, new.terms); END",
        "DROP TRIGGER search_document_update",
    ),
]


def run(statements, reverse=False):
    def apply(apps, schema_editor):
        vendor_statements = {"postgresql": POSTGRES, "sqlite": SQLITE}[schema_editor.connection.vendor]
        if statements is not vendor_statements:
            return
        ordered = reversed(statements) if reverse else statements
        for forward, backward in ordered:
            schema_editor.execute(backward if reverse else forward)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(run(POSTGRES), run(POSTGRES, reverse=True)),
        migrations.RunPython(run(SQLITE), run(SQLITE, reverse=True)),
    ]
