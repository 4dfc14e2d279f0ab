"""Editors, Moderators and Translators, and the moderation workflow on the page tree.

Wagtail creates Editors (add and change pages) and Moderators (also publish)
with a "Moderators approval" workflow on the root page. This migration adds
Translators, who may create and edit pages and submit translations but not
publish, gives the groups their snippet and setting permissions, and makes
sure the moderation workflow covers every language's tree.
"""

from django.db import migrations


TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page"]

MODEL_PERMISSIONS = {
    "Editors": [
        ("home", "footertext", ["add", "change"]),
    ],
    "Moderators": [
        ("home", "footertext", ["add", "change", "delete", "publish"]),
        ("home", "networksettings", ["change"]),
    ],
    "Translators": [
        ("wagtailadmin", "admin", ["access"]),
        ("home", "footertext", ["change"]),
    ],
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


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    ContentType = apps.get_model("contenttypes.ContentType")

    root = Page.objects.get(depth=1)
    Permission = apps.get_model("auth.Permission")
    translators, _ = Group.objects.get_or_create(name="Translators")
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=translators,
            page=root,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    translators.permissions.add(
        Permission.objects.get(content_type__app_label="wagtail_localize", codename="submit_translation")
    )
    for group_name, entries in MODEL_PERMISSIONS.items():
        for app_label, model, actions in entries:
            grant(apps, group_name, app_label, model, actions)

    if not WorkflowPage.objects.filter(page=root).exists():
        moderators = Group.objects.get(name="Moderators")
        task_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task, _ = GroupApprovalTask.objects.get_or_create(
            name="Moderators approval", defaults={"content_type": task_type, "active": True}
        )
        task.groups.add(moderators)
        workflow, created = Workflow.objects.get_or_create(
            name="Moderators approval", defaults={"active": True}
        )
        if created:
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=root)


def remove_translators(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name="Translators").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_create_locales"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_translators)]
