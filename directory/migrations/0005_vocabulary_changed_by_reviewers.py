"""The vocabulary goes live when saved, without drafts or review: the general Translators
group no longer adds or changes topics, target groups and places. Each language's reviewers
change them instead (home.languages.reviewer_snippet_permissions, granted after migrate)."""

from django.db import migrations

VOCABULARY = ["topic", "targetgroup", "place"]


def narrow_translators(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    translators = Group.objects.filter(name="Translators").first()
    if translators:
        translators.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="directory",
                codename__in=[f"{action}_{model}" for action in ("add", "change") for model in VOCABULARY],
            )
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_verbose_names")]

    operations = [migrations.RunPython(narrow_translators, migrations.RunPython.noop)]
