"""The network's name moves from the network settings to the translatable footer text."""

import json

from django.conf import settings
from django.db import migrations, models

import wagtail.fields


def network_name_of_settings(apps):
    """The name in the default site's settings, else in any site's; "" if none was set."""
    NetworkSettings = apps.get_model("home", "NetworkSettings")
    named = NetworkSettings.objects.exclude(network_name="")
    chosen = named.filter(site__is_default_site=True).first() or named.first()
    return chosen.network_name if chosen else ""


def footer_text_versions(apps):
    """The saved revisions and the wagtail-localize sources of footer texts."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    content_type = ContentType.objects.filter(app_label="home", model="footertext").first()
    if content_type is None:
        return Revision.objects.none(), TranslationSource.objects.none()
    return (
        Revision.objects.filter(content_type=content_type),
        TranslationSource.objects.filter(specific_content_type=content_type),
    )


def move_name_to_footer_text(apps, schema_editor):
    """Every footer text gets the name (translators translate it from there), and so do
    their revisions and translation sources, so that no later publish empties it."""
    name = network_name_of_settings(apps)
    if not name:
        return
    FooterText = apps.get_model("home", "FooterText")
    FooterText.objects.filter(network_name="").update(network_name=name)
    if not FooterText.objects.exists():
        Locale = apps.get_model("wagtailcore", "Locale")
        locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
        FooterText.objects.create(
            network_name=name, body="", locale=locale or Locale.objects.first(), live=True
        )
    revisions, sources = footer_text_versions(apps)
    for revision in revisions:
        if not revision.content.get("network_name"):
            revision.content["network_name"] = name
            revision.save(update_fields=["content"])
    for source in sources:
        content = json.loads(source.content_json)
        if not content.get("network_name"):
            content["network_name"] = name
            source.content_json = json.dumps(content)
            source.save(update_fields=["content_json"])


def move_name_to_settings(apps, schema_editor):
    FooterText = apps.get_model("home", "FooterText")
    NetworkSettings = apps.get_model("home", "NetworkSettings")
    source = FooterText.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if source and source.network_name:
        NetworkSettings.objects.filter(network_name="").update(network_name=source.network_name)


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0006_verbose_names"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="footertext",
            name="network_name",
            field=models.CharField(
                default="",
                help_text="Shown in the header, in the title of every page and in the footer.",
                max_length=255,
                verbose_name="network name",
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="footertext",
            name="body",
            field=wagtail.fields.RichTextField(blank=True, verbose_name="text"),
        ),
        migrations.AlterModelOptions(
            name="footertext",
            options={
                "verbose_name": "network name and footer",
                "verbose_name_plural": "network name and footer",
            },
        ),
        migrations.RunPython(move_name_to_footer_text, move_name_to_settings),
        migrations.RemoveField(model_name="networksettings", name="network_name"),
    ]
