"""Synonyms: words or short phrases that mean the same in one language, kept by editors.

Editors and moderators keep them, as they choose editors' picks.
"""

import django.db.models.deletion
from django.db import migrations, models


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
    for group in ("Editors", "Moderators"):
        grant(apps, group, "search", "synonymset", ["add", "change", "delete", "view"])


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0006_popular_searches'),
        ('home', '0004_roles'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='SynonymSet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('words', models.CharField(help_text='Words or short phrases that mean the same, separated by commas, e.g. “apartment, flat, housing”. A search for one of them also finds the others. Capitals and accents do not matter.', max_length=500, verbose_name='words')),
                ('locale', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.locale', verbose_name='language')),
            ],
            options={
                'verbose_name': 'synonyms',
                'verbose_name_plural': 'synonyms',
                'ordering': ['words'],
            },
        ),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
