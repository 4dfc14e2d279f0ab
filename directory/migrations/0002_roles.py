"""Directory permissions for the site's groups, and moderation of actors and offers.

Editors write actors and offers and submit them; moderators publish; translators
may create and change entries so that they can save translations. Actors and
offers go through the "Moderators approval" workflow like pages.
"""

from django.db import migrations


ENTRIES = ["actor", "offer"]
VOCABULARY = ["topic", "targetgroup", "place"]


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
    for model in ENTRIES:
        grant(apps, "Editors", "directory", model, ["add", "change", "lock", "unlock"])
        grant(apps, "Moderators", "directory", model, ["add", "change", "delete", "publish", "lock", "unlock"])
        grant(apps, "Translators", "directory", model, ["add", "change"])
    for model in VOCABULARY:
        grant(apps, "Editors", "directory", model, ["add", "change"])
        grant(apps, "Moderators", "directory", model, ["add", "change", "delete"])
        grant(apps, "Translators", "directory", model, ["add", "change"])

    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")
    ContentType = apps.get_model("contenttypes.ContentType")
    workflow = Workflow.objects.filter(name="Moderators approval").first()
    if workflow:
        for model in ENTRIES:
            content_type, _ = ContentType.objects.get_or_create(app_label="directory", model=model)
            WorkflowContentType.objects.get_or_create(
                content_type=content_type, defaults={"workflow": workflow}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
        ("home", "0004_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
