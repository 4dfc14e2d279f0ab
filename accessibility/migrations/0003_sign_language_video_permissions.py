"""Editors and moderators upload sign-language videos; moderators may also delete them. The
pages in Leichte Sprache and sign language follow the page permissions of the German tree."""

from django.db import migrations

MODEL_PERMISSIONS = {
    "Editors": ["add", "change"],
    "Moderators": ["add", "change", "delete"],
}


def grant(apps, group_name, app_label, model, actions):
    """Give a group the permissions ``<action>_<model>``, creating them if need be.

    Permissions are normally created after all migrations have run, so a data
    migration that assigns them creates the ones it needs. Frozen here as it was
    when this migration was written: later code cannot change what it does.
    """
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    group, _ = Group.objects.get_or_create(name=group_name)
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    for action in actions:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_{model}",
            defaults={"name": f"Can {action} {model}"},
        )
        group.permissions.add(permission)


def grant_permissions(apps, schema_editor):
    for group_name, actions in MODEL_PERMISSIONS.items():
        grant(apps, group_name, "accessibility", "signlanguagevideo", actions)


class Migration(migrations.Migration):
    dependencies = [
        ("accessibility", "0002_easy_language_and_sign_language"),
        ("home", "0004_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
