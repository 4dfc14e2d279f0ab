"""Synonym sets become translatable: the versions of a set in other languages name the
same concept, and a word of one finds the words of the others. Each existing set starts
as a concept of its own. Translators translate them, in their languages, as they
translate other snippets."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def give_each_set_its_own_key(apps, schema_editor):
    SynonymSet = apps.get_model("search", "SynonymSet")
    for synonym_set in SynonymSet.objects.all():
        synonym_set.translation_key = uuid.uuid4()
        synonym_set.save(update_fields=["translation_key"])


def grant_translators(apps, schema_editor):
    """Translators may add, change and view synonym sets (frozen as written here)."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    translators, _ = Group.objects.get_or_create(name="Translators")
    content_type, _ = ContentType.objects.get_or_create(app_label="search", model="synonymset")
    for action in ("add", "change", "view"):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_synonymset",
            defaults={"name": f"Can {action} synonym set"},
        )
        translators.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0010_event_documents'),
        ('home', '0004_roles'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.AddField(
            model_name='synonymset',
            name='translation_key',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_set_its_own_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='synonymset',
            name='translation_key',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name='synonymset',
            name='locale',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AlterUniqueTogether(
            name='synonymset',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.RunPython(grant_translators, migrations.RunPython.noop),
    ]
