"""Popular searches: visitors counted per query and day, and the searches editors hide.

Editors and moderators may hide searches, as they choose editors' picks.
"""

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
        grant(apps, group, "search", "hiddensearch", ["add", "change", "delete", "view"])


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0005_documents_in_every_language'),
        ('home', '0004_roles'),
    ]

    operations = [
        migrations.CreateModel(
            name='HiddenSearch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('words', models.CharField(help_text='Searches containing these words are never shown to visitors as often searched. Capitals and accents do not matter.', max_length=200, verbose_name='words')),
                ('words_key', models.CharField(db_index=True, editable=False, max_length=200)),
            ],
            options={
                'verbose_name': 'hidden search',
                'verbose_name_plural': 'hidden searches',
                'ordering': ['words_key'],
            },
        ),
        migrations.AddField(
            model_name='querystatistic',
            name='visitors',
            field=models.PositiveIntegerField(default=0, verbose_name='visitors'),
        ),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
