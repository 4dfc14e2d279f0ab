"""Blog permissions for the site's groups: editors and translators write authors, moderators
also delete them. Posts are pages and follow the page permissions of each language tree."""

from django.db import migrations

from home.roles import grant


def grant_permissions(apps, schema_editor):
    grant(apps, "Editors", "blog", "author", ["add", "change"])
    grant(apps, "Moderators", "blog", "author", ["add", "change", "delete", "publish"])
    grant(apps, "Translators", "blog", "author", ["add", "change"])


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
        ("home", "0004_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
