"""Moderators moderate comments: they see, change (approve, reject, mark as spam) and delete
them, and answer data-subject requests. Nobody adds comments in the admin."""

from django.db import migrations


def grant(apps, group_name, app_label, model, actions):
    """Give a group the permissions ``<action>_<model>``, creating them if need be (frozen as
    in 0002_roles)."""
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
    grant(apps, "Moderators", "blog", "comment", ["view", "change", "delete"])


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0005_comments_and_helpful_count"),
        ("home", "0004_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
