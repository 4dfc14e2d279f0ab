"""Import and export of the directory as CSV (Open Referral HSDS names) or a JSON datapackage.

A folder holds up to three files: ``taxonomies.csv``, ``organizations.csv`` and
``services.csv`` (see DESIGN.md, "Directory data exchange"). Everything is
validated before anything is written; each problem names its file, row and
column, and one problem means nothing is imported. Rows sharing an ``id`` in
several locales are translations of one entry; re-importing updates entries
by ``id``.
"""

import csv
import datetime
import json
import re
import sys
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import connection, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import escape, strip_tags
from wagtail.admin.rich_text.converters.editor_html import DbWhitelister, EditorHTMLConverter
from wagtail.models import Locale
from wagtail.search.backends import get_search_backends
from wagtail_localize.models import TranslationSource

from home.blocks import RICH_TEXT_FEATURES
from home.localize import not_recorded
from home.slugs import ascii_slug
from home.translation_memory import choose_source, record_translations
from home.translation_sources import update_sources

from .models import (
    LANGUAGE_CODES,
    WEEKDAY_CODES,
    Actor,
    ActorContact,
    ActorLanguage,
    ActorOpeningHours,
    ActorTopic,
    Offer,
    OfferLanguage,
    OfferOpeningHours,
    OfferTargetGroup,
    OfferTopic,
    Place,
    TargetGroup,
    Topic,
)
from .signals import content_changed, directory_imported

TAXONOMY_MODELS = {"topic": Topic, "target_group": TargetGroup, "place": Place}
FILES = {
    "taxonomies.csv": {
        "required": ["type", "slug", "parent", "locale", "name"],
        "optional": ["icon"],
    },
    "organizations.csv": {
        "required": [
            "id",
            "locale",
            "name",
            "description",
            "kind",
            "email",
            "phone",
            "website",
            "street",
            "postcode",
            "place",
            "latitude",
            "longitude",
            "languages",
            "topics",
        ],
        "optional": [
            "slug",
            "summary",
            "opening_hours",
            "step_free",
            "accessibility_notes",
            "contacts",
            "active",
        ],
    },
    "services.csv": {
        "required": [
            "id",
            "locale",
            "organization_id",
            "name",
            "description",
            "topics",
            "target_groups",
            "languages",
            "cost",
            "place",
        ],
        "optional": [
            "slug",
            "summary",
            "cost_note",
            "registration",
            "registration_how",
            "eligibility",
            "location",
            "street",
            "postcode",
            "online_url",
            "schedule",
            "opening_hours",
            "valid_from",
            "valid_until",
            "status",
        ],
    },
}
TABLES_TO_ANALYZE = [
    model._meta.db_table
    for model in (
        Actor,
        ActorTopic,
        ActorLanguage,
        Offer,
        OfferTopic,
        OfferTargetGroup,
        OfferLanguage,
    )
]
YES, NO = {"yes", "true", "1", "ja"}, {"no", "false", "0", "nein"}
HOURS = re.compile(r"^(mo|tu|we|th|fr|sa|su) (?:(\d\d:\d\d)-(\d\d:\d\d)|appointment)$")
SUMMARY_LENGTH = 300


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self):
        where = f"{self.file}, row {self.row}"
        if self.column:
            where += f", column “{self.column}”"
        return f"{where}: {self.message}"


class ImportFailed(Exception):
    """The data has problems; nothing was imported."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class Row:
    file: str
    number: int
    values: dict

    def __getitem__(self, column):
        return (self.values.get(column) or "").strip()

    def problem(self, column, message):
        return Problem(self.file, self.number, column, message)

    def items(self, column):
        return [item.strip() for item in self[column].split(";") if item.strip()]


def read_csv(path):
    """The rows of a CSV file, numbered as a spreadsheet shows them (header is row 1)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ImportFailed(
            [Problem(path.name, line, "", "is not UTF-8 text; save the file as UTF-8 CSV")]
        ) from error
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = reader.fieldnames or []
    problems = []
    spec = FILES[path.name]
    for column in spec["required"]:
        if column not in header:
            problems.append(Problem(path.name, 1, column, "required column is missing"))
    for column in header:
        if column not in spec["required"] + spec["optional"]:
            problems.append(Problem(path.name, 1, column, "unknown column"))
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            problems.append(Problem(path.name, number, "", "has more cells than the header"))
            continue
        if any((value or "").strip() for value in row.values()):
            rows.append(Row(path.name, number, row))
    if problems:
        raise ImportFailed(problems)
    return rows


def read_datapackage(path):
    """Rows from a JSON datapackage whose resources list rows inline or name CSV files."""
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportFailed([Problem(path.name, 1, "", f"is not valid JSON: {error}")]) from error
    tables = {}
    for resource in package.get("resources", []):
        name = resource.get("name", "")
        file_name = f"{name}.csv"
        if file_name not in FILES:
            continue
        if "path" in resource:
            tables[file_name] = read_csv(path.parent / resource["path"])
            continue
        rows = []
        for number, values in enumerate(resource.get("data", []), start=2):
            unknown = set(values) - set(FILES[file_name]["required"] + FILES[file_name]["optional"])
            if unknown:
                raise ImportFailed(
                    [Problem(file_name, number, sorted(unknown)[0], "unknown column")]
                )
            text_values = {
                key: ";".join(map(str, value)) if isinstance(value, list) else str(value or "")
                for key, value in values.items()
            }
            rows.append(Row(file_name, number, text_values))
        tables[file_name] = rows
    return tables


def read_source(path):
    """The tables of a folder of CSV files or of a datapackage.json (or a folder holding one)."""
    path = Path(path)
    if path.is_dir() and (path / "datapackage.json").exists():
        path = path / "datapackage.json"
    if path.is_file():
        return read_datapackage(path)
    if not path.is_dir():
        raise ImportFailed([Problem(str(path), 0, "", "no such folder or file")])
    return {name: read_csv(path / name) for name in FILES if (path / name).exists()}


class ImportedHTMLWhitelister(DbWhitelister):
    """The rich-text editor's whitelist of the description's features, for imported HTML.

    Links to pages and documents in the database's format (as exported) stay links, and
    scripts and style sheets go with their content rather than becoming text.
    """

    def clean_tag_node(self, doc, tag):
        if tag.name in ("script", "style"):
            tag.decompose()
            return
        if tag.name == "a":
            tag.attrs.pop("data-linktype", None)  # the editor's format is never imported
            link_type, link_id = tag.attrs.pop("linktype", None), tag.attrs.pop("id", "")
            if link_type in self.link_handlers and str(link_id).isdigit():
                tag.attrs.update({"data-linktype": link_type, "data-id": link_id})
        super().clean_tag_node(doc, tag)


def rich_text(text):
    """Plain text with blank lines between paragraphs, or HTML (with ``<p>``), as rich text
    HTML of no more than the editor's features (``RICH_TEXT_FEATURES``)."""
    if not re.search(r"<p[\s>]", text, flags=re.IGNORECASE):
        paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
        text = "".join(f"<p>{escape(part)}</p>".replace("\n", "<br>") for part in paragraphs)
    converter = EditorHTMLConverter(features=RICH_TEXT_FEATURES)
    return ImportedHTMLWhitelister(converter.converter_rules).clean(text)


class DirectoryImport:
    """Validates the tables of a source and writes them in one transaction."""

    def __init__(self, tables, progress=None):
        self.tables = tables
        self.progress = progress or (lambda done, total: None)
        self.problems = []
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.terms = {
            (kind, term.slug, term.locale_id): term
            for kind, model in TAXONOMY_MODELS.items()
            for term in model.objects.all()
        }
        self.known_slugs = {(kind, slug) for kind, slug, _locale in self.terms}
        self.counts = {"taxonomies": 0, "organizations": 0, "services": 0}
        self.written = {Actor: [], Offer: [], **{model: [] for model in TAXONOMY_MODELS.values()}}

    # Validation helpers

    def check(self, condition, row, column, message):
        if not condition:
            self.problems.append(row.problem(column, message))
        return condition

    def check_locale(self, row):
        return self.check(
            row["locale"] in self.locales,
            row,
            "locale",
            f"unknown locale “{row['locale']}”; use one of {', '.join(sorted(self.locales))}",
        )

    def check_terms(self, row, column, kind):
        for slug in row.items(column):
            self.check((kind, slug) in self.known_slugs, row, column, f"unknown {kind} “{slug}”")

    def check_languages(self, row, column="languages"):
        for code in row.items(column):
            self.check(code in LANGUAGE_CODES, row, column, f"unknown language code “{code}”")

    def check_flag(self, row, column):
        value = row[column].lower()
        self.check(not value or value in YES | NO, row, column, "write yes or no")

    def check_hours(self, row):
        for item in row.items("opening_hours"):
            match = HOURS.match(item)
            if self.check(
                match, row, "opening_hours", f"“{item}” is not like “mo 09:00-12:00”"
            ) and match.group(2):
                try:
                    opens = datetime.time.fromisoformat(match.group(2))
                    closes = datetime.time.fromisoformat(match.group(3))
                except ValueError:
                    opens = closes = None
                self.check(
                    opens and closes and opens < closes,
                    row,
                    "opening_hours",
                    f"“{item}” has no valid times",
                )

    def check_value(self, validator, row, column, message):
        if row[column]:
            try:
                validator(row[column])
            except ValidationError:
                self.problems.append(row.problem(column, message))

    def check_entries(self, rows, model):
        """Every entry: id and locale given, each locale once, a slug unique in its locale."""
        seen = {}
        slugs = {
            (slug, code): external_id or "an entry edited in the admin"
            for slug, code, external_id in model.objects.values_list(
                "slug", "locale__language_code", "external_id"
            )
        }
        for row in rows:
            self.check(row["id"], row, "id", "missing")
            self.check_locale(row)
            self.check(row["name"], row, "name", "missing")
            key = (row["id"], row["locale"])
            if key in seen:
                self.problems.append(
                    row.problem(
                        "id",
                        f"“{row['id']}” appears twice in locale “{row['locale']}”"
                        f" (first in row {seen[key]})",
                    )
                )
            seen.setdefault(key, row.number)
        firsts = {}
        for row in rows:
            slug = self.slug_of(row, firsts.setdefault(row["id"], row))
            if not self.check(
                re.fullmatch(r"[-\w]+", slug, re.ASCII), row, "slug", "use a-z, 0-9, -"
            ):
                continue
            other = slugs.setdefault((slug, row["locale"]), row["id"])
            self.check(
                other == row["id"],
                row,
                "slug",
                f"slug “{slug}” is used by “{other}” too",
            )

    def slug_of(self, row, first):
        """The row's slug; without one, the entry's slug from an earlier import (addresses stay),
        else one made from the name in the entry's ``first`` row (or from the id, if that name
        is missing) by the site's rule for its language (home/slugs.py)."""
        return (
            row["slug"]
            or first["slug"]
            or self.imported_slugs.get((row.file, row["id"]))
            or ascii_slug(first["name"] or row["id"], first["locale"])
        )

    @cached_property
    def imported_slugs(self):
        """The slugs of the entries imported before, by file and id (the original's first)."""
        slugs = {}
        for file, model in (("organizations.csv", Actor), ("services.csv", Offer)):
            entries = model.objects.exclude(external_id="").order_by("-is_original")
            for external_id, slug in entries.values_list("external_id", "slug"):
                slugs.setdefault((file, external_id), slug)
        return slugs

    # Validation

    def validate(self):
        taxonomies = self.tables.get("taxonomies.csv", [])
        organizations = self.tables.get("organizations.csv", [])
        services = self.tables.get("services.csv", [])
        seen = {}
        for row in taxonomies:
            kind_ok = self.check(
                row["type"] in TAXONOMY_MODELS,
                row,
                "type",
                f"unknown type “{row['type']}”; use topic, target_group or place",
            )
            self.check(re.fullmatch(r"[a-z0-9-]+", row["slug"]), row, "slug", "use a-z, 0-9, -")
            self.check(row["name"], row, "name", "missing")
            self.check_locale(row)
            key = (row["type"], row["slug"], row["locale"])
            self.check(
                key not in seen, row, "slug", f"appears twice (first in row {seen.get(key)})"
            )
            seen.setdefault(key, row.number)
            if kind_ok:
                self.known_slugs.add((row["type"], row["slug"]))
        for row in taxonomies:
            if row["parent"]:
                self.check(
                    row["type"] == "topic" and ("topic", row["parent"]) in self.known_slugs,
                    row,
                    "parent",
                    f"unknown parent topic “{row['parent']}”",
                )

        self.check_entries(organizations, Actor)
        known_organizations = {row["id"] for row in organizations} | set(
            Actor.objects.exclude(external_id="").values_list("external_id", flat=True)
        )
        kinds = {code for code, _label in Actor.Kind.choices}
        email = EmailValidator()
        url = URLValidator(schemes=["http", "https"])
        for number, row in enumerate(organizations, start=1):
            self.progress(number, len(organizations) + len(services))
            self.check(row["kind"] in kinds, row, "kind", f"unknown kind “{row['kind']}”")
            self.check_value(email, row, "email", "not an e-mail address")
            self.check_value(url, row, "website", "not a web address (https://…)")
            for column, limit in (("latitude", 90), ("longitude", 180)):
                if row[column]:
                    try:
                        valid = abs(Decimal(row[column])) <= limit
                    except InvalidOperation:
                        valid = False
                    self.check(valid, row, column, "not a coordinate")
            self.check_terms(row, "topics", "topic")
            if row["place"]:
                self.check_terms(row, "place", "place")
            self.check_languages(row)
            self.check_hours(row)
            self.check_flag(row, "step_free")
            self.check_flag(row, "active")
            for contact in row.items("contacts"):
                parts = [part.strip() for part in contact.split("|")]
                if not self.check(
                    len(parts) in (4, 5) and parts[0],
                    row,
                    "contacts",
                    f"“{contact}” is not like “name|role|phone|email|public”",
                ):
                    continue
                if parts[3]:
                    try:
                        email(parts[3])
                    except ValidationError:
                        self.problems.append(
                            row.problem("contacts", f"“{parts[3]}” is not an e-mail address")
                        )
                self.check(
                    len(parts) == 4 or parts[4].lower() in YES | NO,
                    row,
                    "contacts",
                    f"“{contact}”: write yes or no after the last | (shown on the public site)",
                )

        self.check_entries(services, Offer)
        statuses = {code for code, _label in Offer.Status.choices}
        locations = {code for code, _label in Offer.Location.choices}
        for number, row in enumerate(services, start=len(organizations) + 1):
            self.progress(number, len(organizations) + len(services))
            self.check(
                row["organization_id"] in known_organizations,
                row,
                "organization_id",
                f"no organisation with id “{row['organization_id']}”",
            )
            self.check_terms(row, "topics", "topic")
            self.check_terms(row, "target_groups", "target_group")
            if row["place"]:
                self.check_terms(row, "place", "place")
            self.check_languages(row)
            self.check(row["cost"] in {"free", "fee", ""}, row, "cost", "write free or fee")
            self.check(
                row["registration"] in {"required", "not_required", ""},
                row,
                "registration",
                "write required or not_required",
            )
            self.check(
                row["status"] in statuses | {""}, row, "status", f"use one of {sorted(statuses)}"
            )
            location = row["location"] or "provider"
            if self.check(
                location in locations, row, "location", f"use one of {sorted(locations)}"
            ):
                if location == "online":
                    self.check(row["online_url"], row, "online_url", "missing for an online offer")
                if location == "other":
                    self.check(row["street"], row, "street", "missing for another address")
            self.check_value(url, row, "online_url", "not a web address (https://…)")
            dates = {}
            for column in ("valid_from", "valid_until"):
                if row[column]:
                    try:
                        dates[column] = datetime.date.fromisoformat(row[column])
                    except ValueError:
                        self.problems.append(row.problem(column, "not a date like 2027-03-31"))
            if len(dates) == 2:
                self.check(
                    dates["valid_from"] <= dates["valid_until"],
                    row,
                    "valid_until",
                    "is before valid_from",
                )
            self.check_hours(row)
        if self.problems:
            raise ImportFailed(self.problems)

    # Writing

    def run(self, dry_run=False):
        """Validate, then write everything in one transaction (rolled back for a dry run)."""
        self.validate()
        with transaction.atomic():
            with not_recorded():
                self.write_taxonomies(self.tables.get("taxonomies.csv", []))
                self.write_entries(Actor, self.tables.get("organizations.csv", []))
                actors = {}
                for actor in Actor.objects.exclude(external_id="").order_by("pk"):
                    actors.setdefault(actor.external_id, {})[actor.locale_id] = actor
                self.write_entries(Offer, self.tables.get("services.csv", []), actors)
            self.record_translations()
            if dry_run:
                transaction.set_rollback(True)
        if not dry_run:
            # Bulk writes send no signals, so the caches and the site search learn of it here.
            content_changed()
            directory_imported.send(
                sender=type(self), actors=self.written[Actor], offers=self.written[Offer]
            )
        if not dry_run and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Fresh statistics, so that the planner knows the new size of the directory.
                cursor.execute(f"ANALYZE {', '.join(TABLES_TO_ANALYZE)}")
        return self.counts

    def group(self, rows):
        """Rows by entry id, in the order ids first appear; each entry's rows in file order."""
        groups = {}
        for row in rows:
            groups.setdefault(row["id"], []).append(row)
        return groups

    def write_taxonomies(self, rows):
        by_key = {}
        for (kind, slug, _locale), term in self.terms.items():
            by_key.setdefault((kind, slug), term.translation_key)
        for row in rows:
            model = TAXONOMY_MODELS[row["type"]]
            locale = self.locales[row["locale"]]
            term = self.terms.get((row["type"], row["slug"], locale.pk))
            if term is None:
                term = model(slug=row["slug"], locale=locale)
                if (row["type"], row["slug"]) in by_key:
                    term.translation_key = by_key[(row["type"], row["slug"])]
            term.name = row["name"]
            if row["type"] == "topic":
                term.icon = row["icon"]
            term.save()
            self.written[model].append(term.pk)
            by_key.setdefault((row["type"], row["slug"]), term.translation_key)
            self.terms[(row["type"], row["slug"], locale.pk)] = term
            self.counts["taxonomies"] += 1
        for row in rows:
            if row["type"] == "topic":
                term = self.terms[("topic", row["slug"], self.locales[row["locale"]].pk)]
                parent = (
                    self.term("topic", row["parent"], term.locale_id) if row["parent"] else None
                )
                if term.parent_id != (parent.pk if parent else None):
                    term.parent = parent
                    term.save(update_fields=["parent"])

    def term(self, kind, slug, locale_id):
        """A term in the given locale, else the same term in the source language, else any."""
        term = self.terms.get((kind, slug, locale_id))
        if term is None:
            source = self.locales.get(settings.LANGUAGE_CODE)
            term = self.terms.get((kind, slug, source.pk if source else None))
        if term is None:
            term = next(t for (k, s, _l), t in self.terms.items() if k == kind and s == slug)
        return term

    def write_entries(self, model, rows, actors=None):
        """Create or update actors or offers with their translations and child rows."""
        existing = {
            (entry.external_id, entry.locale_id): entry
            for entry in model.objects.filter(external_id__in={row["id"] for row in rows})
        }
        keys = {external_id: entry.translation_key for (external_id, _), entry in existing.items()}
        now = timezone.now()
        created, updated, entries = [], [], {}
        for external_id, group in self.group(rows).items():
            for row in group:
                locale = self.locales[row["locale"]]
                entry = existing.get((external_id, locale.pk))
                if entry is None:
                    entry = model(external_id=external_id, locale=locale)
                    if external_id in keys:
                        entry.translation_key = keys[external_id]
                        entry.is_original = False
                    keys[external_id] = entry.translation_key
                    entry.first_published_at = now
                    created.append(entry)
                else:
                    updated.append(entry)
                entry.slug = self.slug_of(row, group[0])
                entry.live, entry.has_unpublished_changes, entry.last_published_at = (
                    True,
                    False,
                    now,
                )
                self.fill(entry, row, actors)
                entries[(external_id, locale.pk)] = entry
        model.objects.bulk_create(created, batch_size=500)
        fields = self.entry_fields(model)
        model.objects.bulk_update(updated, fields, batch_size=500)
        self.write_children(model, rows, entries)
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, created + updated)
        self.written[model] += [entry.pk for entry in created + updated]
        self.counts["organizations" if model is Actor else "services"] += len(rows)

    def entry_fields(self, model):
        common = [
            "slug",
            "summary",
            "description",
            "street",
            "postcode",
            "place",
            "live",
            "has_unpublished_changes",
            "last_published_at",
        ]
        if model is Actor:
            return common + [
                "name",
                "kind",
                "phone",
                "email",
                "website",
                "latitude",
                "longitude",
                "step_free",
                "accessibility_notes",
                "active",
            ]
        return common + [
            "title",
            "provider",
            "location",
            "online_url",
            "schedule",
            "is_free",
            "cost_note",
            "registration_required",
            "registration_how",
            "eligibility",
            "valid_from",
            "valid_until",
            "status",
        ]

    def fill(self, entry, row, actors):
        description = rich_text(row["description"])
        entry.description = description
        entry.summary = row["summary"] or strip_tags(description)[:SUMMARY_LENGTH]
        entry.place = self.term("place", row["place"], entry.locale_id) if row["place"] else None
        entry.street, entry.postcode = row["street"], row["postcode"]
        if isinstance(entry, Actor):
            entry.name = row["name"]
            entry.kind = row["kind"]
            entry.phone, entry.email, entry.website = row["phone"], row["email"], row["website"]
            entry.latitude = Decimal(row["latitude"]) if row["latitude"] else None
            entry.longitude = Decimal(row["longitude"]) if row["longitude"] else None
            step_free = row["step_free"].lower()
            entry.step_free = True if step_free in YES else False if step_free in NO else None
            entry.accessibility_notes = row["accessibility_notes"]
            entry.active = row["active"].lower() not in NO
            return
        entry.title = row["name"]
        entry.provider = self.provider_for(row["organization_id"], entry.locale_id, actors)
        entry.location = row["location"] or Offer.Location.PROVIDER
        entry.online_url, entry.schedule = row["online_url"], row["schedule"]
        entry.is_free = row["cost"] != "fee"
        entry.cost_note = row["cost_note"]
        entry.registration_required = row["registration"] == "required"
        entry.registration_how, entry.eligibility = row["registration_how"], row["eligibility"]
        entry.valid_from = (
            datetime.date.fromisoformat(row["valid_from"]) if row["valid_from"] else None
        )
        entry.valid_until = (
            datetime.date.fromisoformat(row["valid_until"]) if row["valid_until"] else None
        )
        entry.status = row["status"] or Offer.Status.ACTIVE

    def provider_for(self, external_id, locale_id, actors):
        """The organisation in the offer's locale, else its original version."""
        versions = actors.get(external_id, {})
        return versions.get(locale_id) or next(iter(versions.values()))

    def write_children(self, model, rows, entries):
        """Replace the topics, languages, hours (and contacts, target groups) of the entries."""
        is_actor = model is Actor
        relations = (
            [ActorTopic, ActorLanguage, ActorOpeningHours, ActorContact]
            if is_actor
            else [OfferTopic, OfferTargetGroup, OfferLanguage, OfferOpeningHours]
        )
        parent = "actor" if is_actor else "offer"
        ids = [entry.pk for entry in entries.values()]
        earlier = self.child_keys(relations, parent, entries.values())
        for relation in relations:
            for start in range(0, len(ids), 500):
                relation.objects.filter(**{f"{parent}_id__in": ids[start : start + 500]}).delete()
        children = {relation: [] for relation in relations}
        for row in rows:
            entry = entries[(row["id"], self.locales[row["locale"]].pk)]
            link = {parent: entry}
            translatable = {**link, "locale_id": entry.locale_id}
            topic_model = ActorTopic if is_actor else OfferTopic
            for order, slug in enumerate(row.items("topics")):
                children[topic_model].append(
                    topic_model(
                        **translatable,
                        topic=self.term("topic", slug, entry.locale_id),
                        sort_order=order,
                    )
                )
            language_model = ActorLanguage if is_actor else OfferLanguage
            for order, code in enumerate(dict.fromkeys(row.items("languages"))):
                children[language_model].append(
                    language_model(**link, language=code, sort_order=order)
                )
            hours_model = ActorOpeningHours if is_actor else OfferOpeningHours
            for order, item in enumerate(row.items("opening_hours")):
                match = HOURS.match(item)
                children[hours_model].append(
                    hours_model(
                        **link,
                        weekday=WEEKDAY_CODES.index(match.group(1)),
                        opens=datetime.time.fromisoformat(match.group(2))
                        if match.group(2)
                        else None,
                        closes=datetime.time.fromisoformat(match.group(3))
                        if match.group(3)
                        else None,
                        by_appointment=match.group(2) is None,
                        sort_order=order,
                    )
                )
            if is_actor:
                for order, contact in enumerate(row.items("contacts")):
                    name, role, phone, email, *public = (
                        part.strip() for part in contact.split("|")
                    )
                    children[ActorContact].append(
                        ActorContact(
                            **translatable,
                            name=name,
                            role=role,
                            phone=phone,
                            email=email,
                            is_public=bool(public) and public[0].lower() in YES,
                            sort_order=order,
                        )
                    )
            else:
                for order, slug in enumerate(row.items("target_groups")):
                    children[OfferTargetGroup].append(
                        OfferTargetGroup(
                            **translatable,
                            target_group=self.term("target_group", slug, entry.locale_id),
                            sort_order=order,
                        )
                    )
        self.link_child_translations(children, earlier)
        for relation, objects in children.items():
            relation.objects.bulk_create(objects, batch_size=1000)

    def child_keys(self, relations, parent, entries):
        """relation -> {(entry's translation key, sort order): translation key} of the child
        rows that the entries' versions in any locale have now."""
        entry_keys = list({entry.translation_key for entry in entries})
        found = {}
        for relation in relations:
            if not hasattr(relation, "translation_key"):
                continue
            rows = found.setdefault(relation, {})
            for start in range(0, len(entry_keys), 500):
                for entry_key, order, key in relation.objects.filter(
                    **{f"{parent}__translation_key__in": entry_keys[start : start + 500]}
                ).values_list(f"{parent}__translation_key", "sort_order", "translation_key"):
                    rows.setdefault((entry_key, order), key)
        return found

    def record_translations(self):
        """Put the imported translations into wagtail-localize's translation memory, as the
        translations of their entries' source versions (home/translation_memory.py), so that
        the translation editor shows them and no synchronisation writes source text over them.
        Rows in other locales are translations of the entry's source version."""
        for model, pks in self.written.items():
            written = set(pks)
            keys = set()
            for start in range(0, len(pks), 1000):
                keys |= set(
                    model.objects.filter(pk__in=pks[start : start + 1000]).values_list(
                        "translation_key", flat=True
                    )
                )
            first_sources = {}
            for object_id, locale_id in (
                TranslationSource.objects.filter(object_id__in=keys)
                .order_by("-created_at")
                .values_list("object_id", "locale_id")
            ):
                first_sources[object_id] = locale_id
            by_key = {}
            for version in self.with_text(model).filter(translation_key__in=keys).order_by("pk"):
                by_key.setdefault(version.translation_key, []).append(version)
            translated = {key: versions for key, versions in by_key.items() if len(versions) > 1}
            chosen = {
                key: choose_source(versions, first_sources.get(key))
                for key, versions in translated.items()
            }
            sources = update_sources([source for source in chosen.values() if source.pk in written])
            record_translations(
                [
                    version
                    for key, versions in translated.items()
                    for version in versions
                    if version.pk in written and version.pk != chosen[key].pk
                ],
                explicit=True,
                sources=sources,
            )

    def with_text(self, model):
        """The model's objects with what their translatable text refers to, in few queries."""
        if model in (Actor, Offer):
            return model.objects.for_display()
        if model is Topic:
            return model.objects.select_related("locale", "parent")
        return model.objects.select_related("locale")

    def link_child_translations(self, children, earlier):
        """Give translatable child rows of one entry the same translation key in every locale,
        the key its row in that place had before the import if there was one (``earlier``:
        relation -> {(entry's translation key, sort order): key}), so that translations made
        with wagtail-localize still find them."""
        for relation, objects in children.items():
            if not hasattr(relation, "translation_key"):
                continue
            parent = "actor_id" if hasattr(relation, "actor_id") else "offer_id"
            keys = earlier.get(relation, {})
            for child in objects:
                entry = getattr(child, parent[:-3])
                key = (entry.translation_key, child.sort_order)
                child.translation_key = keys.setdefault(key, child.translation_key)


def import_directory(path, dry_run=False, progress=None):
    """Import a folder or datapackage; return rows per file, or raise ImportFailed."""
    return DirectoryImport(read_source(path), progress).run(dry_run=dry_run)


def progress_bar(stream=sys.stderr, width=30):
    """A progress callback drawing a bar on a terminal, or nothing elsewhere."""
    if not stream.isatty():
        return None

    def draw(done, total):
        if total and (done == total or done % 100 == 0):
            filled = width * done // total
            stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                stream.write("\n")
            stream.flush()

    return draw


def hours_code(rows):
    return ";".join(row.as_code() for row in rows)


def yes_no(value):
    return "" if value is None else "yes" if value else "no"


def export_rows():
    """The directory as the rows of the three exchange files, every locale, live entries only."""
    taxonomies = []
    for kind, model in TAXONOMY_MODELS.items():
        terms = model.objects.select_related("locale").order_by("pk")
        if model is Topic:
            terms = terms.select_related("parent")
        for term in terms:
            taxonomies.append(
                {
                    "type": kind,
                    "slug": term.slug,
                    "parent": term.parent.slug if kind == "topic" and term.parent else "",
                    "locale": term.locale.language_code,
                    "name": term.name,
                    "icon": term.icon if kind == "topic" else "",
                }
            )

    def common(entry):
        return {
            "id": entry.external_id or str(entry.translation_key),
            "locale": entry.locale.language_code,
            "slug": entry.slug,
            "summary": entry.summary,
            "description": entry.description,
            "street": entry.street,
            "postcode": entry.postcode,
            "place": entry.place.slug if entry.place else "",
            "languages": ";".join(row.language for row in entry.languages.all()),
            "topics": ";".join(row.topic.slug for row in entry.topics.all()),
            "opening_hours": hours_code(entry.opening_hours.all()),
        }

    organizations = []
    actors = (
        Actor.objects.filter(live=True)
        .select_related("locale", "place")
        .prefetch_related("languages", "topics__topic", "opening_hours", "contacts")
        .order_by("pk")
    )
    for actor in actors:
        organizations.append(
            {
                **common(actor),
                "name": actor.name,
                "kind": actor.kind,
                "email": actor.email,
                "phone": actor.phone,
                "website": actor.website,
                "latitude": "" if actor.latitude is None else str(actor.latitude),
                "longitude": "" if actor.longitude is None else str(actor.longitude),
                "step_free": yes_no(actor.step_free),
                "accessibility_notes": actor.accessibility_notes,
                "contacts": ";".join(
                    f"{c.name}|{c.role}|{c.phone}|{c.email}|{yes_no(c.is_public)}"
                    for c in actor.contacts.all()
                ),
                "active": yes_no(actor.active),
            }
        )
    services = []
    offers = (
        Offer.objects.filter(live=True)
        .select_related("locale", "place", "provider")
        .prefetch_related(
            "languages", "topics__topic", "target_groups__target_group", "opening_hours"
        )
        .order_by("pk")
    )
    for offer in offers:
        services.append(
            {
                **common(offer),
                "organization_id": offer.provider.external_id
                or str(offer.provider.translation_key),
                "name": offer.title,
                "target_groups": ";".join(
                    row.target_group.slug for row in offer.target_groups.all()
                ),
                "cost": "free" if offer.is_free else "fee",
                "cost_note": offer.cost_note,
                "registration": "required" if offer.registration_required else "not_required",
                "registration_how": offer.registration_how,
                "eligibility": offer.eligibility,
                "location": offer.location,
                "online_url": offer.online_url,
                "schedule": offer.schedule,
                "valid_from": offer.valid_from.isoformat() if offer.valid_from else "",
                "valid_until": offer.valid_until.isoformat() if offer.valid_until else "",
                "status": offer.status,
            }
        )
    return {
        "taxonomies.csv": taxonomies,
        "organizations.csv": organizations,
        "services.csv": services,
    }


def export_directory(folder):
    """Write the three CSV files and a datapackage.json describing them into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = export_rows()
    resources = []
    for name, rows in tables.items():
        columns = FILES[name]["required"] + FILES[name]["optional"]
        with open(folder / name, "w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        resources.append(
            {
                "name": name.removesuffix(".csv"),
                "path": name,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [{"name": column, "type": "string"} for column in columns]},
            }
        )
    package = {
        "name": "integration-network-directory",
        "profile": "tabular-data-package",
        "resources": resources,
    }
    (folder / "datapackage.json").write_text(
        json.dumps(package, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    return {name: len(rows) for name, rows in tables.items()}
