"""Load the demo network's working groups, their monthly meetings and the members' area."""

import json
from datetime import datetime, time
from pathlib import Path

from dateutil.relativedelta import relativedelta, weekday
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from directory.models import Actor, Place, TargetGroup, Topic
from events.models import (
    EventIndexPage,
    EventKind,
    EventLanguage,
    EventOrganiser,
    EventPage,
    EventTargetGroup,
    EventTopic,
    Repeat,
)
from home.demo.references import references_indexed_once
from home.demo.translate import page_in_every_language, translate
from home.languages import complete_language_trees
from network.members import members_collection
from network.models import (
    MembersAreaDocument,
    MembersAreaPage,
    MinutesPage,
    WorkingGroupContact,
    WorkingGroupDocument,
    WorkingGroupIndexPage,
    WorkingGroupMember,
    WorkingGroupPage,
)

DEMO_DATA = Path(__file__).resolve().parents[2] / "demo" / "network.json"
PRIVATE_COLLECTION = "Mitgliederbereich"


def group_texts(texts, code):
    """The strings of a group's page in one language, as the demo translator reads them."""
    return {
        "title": texts["title"],
        "slug": texts["slug"],
        "teaser": texts["teaser"],
        "role": texts["role"],
        "body": [{"type": "paragraph", "html": f"<p>{texts['purpose']}</p>"}],
    }


def meeting_texts(teasers):
    """The strings of a group's meeting series in a language: the group's name, the teaser of
    every series."""

    def texts_of(texts, code):
        return {"title": texts["title"], "slug": texts["slug"], "teaser": teasers[code]}

    return texts_of


def update_translations(page):
    """Bring the translations of ``page`` up to date with its live version (its facts and
    child rows; their strings are translated already)."""
    source, _created = TranslationSource.update_or_create_from_instance(page)
    for translation in Translation.objects.filter(source=source):
        translation.save_target(publish=True)


class Command(BaseCommand):
    help = (
        "Create the demo working groups (translated with wagtail-localize), a monthly meeting "
        "series of each in the events, and the members' area with minutes and internal "
        "documents, from network/demo/network.json. Safe to run again: what exists is left "
        "as it is."
    )

    @references_indexed_once()
    def handle(self, **options):
        data = json.loads(DEMO_DATA.read_text(encoding="utf-8"))
        self.source_code = settings.LANGUAGE_CODE
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.source_locale = self.locales[self.source_code]
        index = page_in_every_language(WorkingGroupIndexPage, data["index"])
        events = EventIndexPage.objects.get(locale=self.source_locale)
        groups = {}
        created = 0
        for entry in data["groups"]:
            group, is_new = self.load_group(entry, index)
            groups[entry["key"]] = group
            created += is_new
            if is_new:
                self.load_meetings(entry, group, events, data["meeting_teaser"])
        area = page_in_every_language(MembersAreaPage, data["members_area"])
        self.load_members_area(area, data, groups)
        self.load_public_documents(data, groups)
        complete_language_trees()
        self.stdout.write(self.style.SUCCESS(f"Demo working groups ready: {created} new groups."))

    def translate_all(self, page, entry, texts_of):
        source = texts_of(entry["translations"][self.source_code], self.source_code)
        for code, target in entry["translations"].items():
            if code != self.source_code and code in self.locales:
                where = f"{page._meta.model_name} {entry['key']} in {code}"
                translate(page, self.locales[code], source, texts_of(target, code), where)

    def load_group(self, entry, index):
        """The group's page in the source language, created and translated if missing."""
        texts = entry["translations"][self.source_code]
        existing = WorkingGroupPage.objects.filter(slug=texts["slug"], locale=self.source_locale)
        if existing.exists():
            return existing.get(), False
        contact = entry["contact"]
        group = WorkingGroupPage(
            title=texts["title"],
            slug=texts["slug"],
            teaser=texts["teaser"],
            body=[("paragraph", f"<p>{texts['purpose']}</p>")],
        )
        group.members = [
            WorkingGroupMember(actor=Actor.objects.get(external_id=key, locale=self.source_locale))
            for key in entry["members"]
        ]
        group.contacts = [
            WorkingGroupContact(
                name=contact["name"],
                role=texts["role"],
                phone=contact["phone"],
                email=contact["email"],
                is_public=contact["is_public"],
            )
        ]
        index.add_child(instance=group)
        group.save_revision().publish()
        self.translate_all(group, entry, group_texts)
        return group, True

    def load_meetings(self, entry, group, events, teasers):
        """A monthly series of the group's meetings, begun three months ago."""
        meeting = entry["meeting"]
        locale = self.source_locale
        today = timezone.localdate()
        nth = weekday(meeting["weekday"], meeting["week_of_month"])
        day = today + relativedelta(months=-3, day=1, weekday=nth)
        texts = entry["translations"][self.source_code]
        existing = EventPage.objects.child_of(events).filter(slug=meeting.get("series", ""))
        if existing.exists():
            self.link_meetings(existing.get(), group)
            return

        def at(clock):
            return timezone.make_aware(datetime.combine(day, time.fromisoformat(clock)))

        event = EventPage(
            title=texts["title"],
            slug=texts["slug"],
            teaser=teasers[self.source_code],
            kind=EventKind.WORKING_GROUP,
            start=at(meeting["start"]),
            end=at(meeting["end"]),
            repeat=Repeat.MONTHLY,
            repeat_week_of_month=meeting["week_of_month"],
            repeat_until=today + relativedelta(years=1),
            street=meeting["street"],
            postcode=meeting["postcode"],
            place=Place.objects.get(slug=meeting["place"], locale=locale),
            working_group=group,
        )
        event.organisers = [
            EventOrganiser(actor=Actor.objects.get(external_id=entry["members"][0], locale=locale))
        ]
        event.topics = [EventTopic(topic=Topic.objects.get(slug=meeting["topic"], locale=locale))]
        event.target_groups = [
            EventTargetGroup(target_group=TargetGroup.objects.get(slug="all", locale=locale))
        ]
        event.languages = [EventLanguage(language=self.source_code)]
        events.add_child(instance=event)
        event.save_revision().publish()
        self.translate_all(event, entry, meeting_texts(teasers))

    def link_meetings(self, event, group):
        """Name ``group`` on an existing series and bring its translations up to date."""
        event.working_group = group
        event.save_revision().publish()
        update_translations(event)

    def document(self, spec, collection):
        """The demo document ``spec`` in ``collection``, uploaded if missing."""
        Document = get_document_model()
        found = Document.objects.filter(title=spec["title"], collection=collection).first()
        if found:
            return found
        document = Document(title=spec["title"], collection=collection)
        document.file.save(spec["filename"], ContentFile(spec["text"].encode()), save=False)
        document.save()
        return document

    def load_members_area(self, area, data, groups):
        """Minutes below the members' area, and internal documents in the private collection."""
        collection = members_collection(PRIVATE_COLLECTION)
        if not area.documents.exists():
            area.documents = [
                MembersAreaDocument(document=self.document(spec, collection))
                for spec in data["internal_documents"]
            ]
            area.save_revision().publish()
            update_translations(area)
        today = timezone.localdate()
        for spec in data["minutes"]:
            if area.get_children().filter(slug=spec["slug"]).exists():
                continue
            minutes = MinutesPage(
                title=spec["title"],
                slug=spec["slug"],
                meeting_date=today - relativedelta(months=spec["months_ago"]),
                working_group=groups.get(spec["group"]),
                body=[("paragraph", f"<p>{spec['text']}</p>")],
            )
            area.add_child(instance=minutes)
            minutes.save_revision().publish()

    def load_public_documents(self, data, groups):
        """Documents that anyone may download, on the pages of their groups."""
        Document = get_document_model()
        root = Document._meta.get_field("collection").related_model.get_first_root_node()
        for spec in data["public_documents"]:
            group = groups[spec["group"]]
            if group.documents.exists():
                continue
            group.documents = [WorkingGroupDocument(document=self.document(spec, root))]
            group.save_revision().publish()
            update_translations(group)
