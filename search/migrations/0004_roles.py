"""Search permissions: editors and moderators choose editors' picks and read the statistics."""

from django.db import migrations

from home.roles import grant


def grant_permissions(apps, schema_editor):
    for group in ("Editors", "Moderators"):
        grant(apps, group, "search", "promotion", ["add", "change", "delete", "view"])
        grant(apps, group, "search", "querystatistic", ["view"])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_promotions_and_statistics"),
        ("home", "0004_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
