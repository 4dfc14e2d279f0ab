"""Inserting many rows of JSON at once.

On PostgreSQL, Django's ``bulk_create`` sends a batch as one array per column
(``INSERT ... SELECT * FROM UNNEST(...)``), and psycopg writes each text element of
those arrays in Python, escaping its double quotes one by one: for rows holding a whole
object as JSON (revisions, translation sources) that takes about three times as long as
writing the same rows as ``VALUES``, which Django does for a batch in which a row holds
an expression. For other rows the arrays are quicker.
"""

from django.db import connection
from django.db.models import Value


def bulk_insert(model, objects, batch_size=500):
    """``model.objects.bulk_create(objects)`` in batches of ``batch_size``, written as
    ``VALUES`` rows on PostgreSQL (a value of the batch's first object is given as an
    expression); return the objects, with their primary keys."""
    objects = list(objects)
    field = next(
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and not field.is_relation and not field.generated
    )
    for start in range(0, len(objects), batch_size):
        batch = objects[start : start + batch_size]
        first = batch[0]
        value = getattr(first, field.attname)
        if connection.vendor == "postgresql" and len(batch) > 1:
            setattr(first, field.attname, Value(value, output_field=field))
        try:
            model.objects.bulk_create(batch)
        finally:
            setattr(first, field.attname, value)
    return objects
