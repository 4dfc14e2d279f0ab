"""Editors and moderators see the registrations for events; moderators may delete them."""

from django.db import migrations

MODEL_PERMISSIONS = {
    "Editors": ["view"],
    "Moderators": ["view", "delete"],
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
        grant(apps, group_name, "events", "eventregistration", actions)


def revoke_permissions(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group_name, actions in MODEL_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="events",
                    codename__in=[f"{action}_eventregistration" for action in actions],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_registration"),
        ("home", "0004_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, revoke_permissions)]
