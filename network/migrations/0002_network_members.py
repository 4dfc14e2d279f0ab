"""The "Network members" group, who may see the members' area.

It needs no permissions: the members' area's page and collection privacy name it
(network/members.py). Self-contained, as every data migration here: later code
cannot change what it does.
"""

from django.db import migrations

MEMBERS_GROUP = "Network members"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Group.objects.get_or_create(name=MEMBERS_GROUP)


def remove_group(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Group.objects.filter(name=MEMBERS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("network", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
