"""Validating the rows of an import: first what the file says (known ids, slugs, terms and
the format of each cell), then the entries built from it, by the models' own rules."""

import functools
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.functional import cached_property
from wagtail.admin.panels import InlinePanel
from wagtail.models import Locale

from home.slugs import ascii_slug

from ..models import Actor, Offer
from .columns import FILE_OF_ENTRIES, TAXONOMY_MODELS, column_of, imported_fields
from .reading import ImportFailed
from .values import HOURS, NO, YES, date, opening_hours


@functools.cache
def required_relations(model):
    """The child relations of which the admin's form asks for at least one row
    (the ``min_num`` of the model's inline panels)."""

    def walk(panels):
        for panel in panels:
            if isinstance(panel, InlinePanel) and panel.min_num:
                yield panel.relation_name
            yield from walk(getattr(panel, "children", []))

    return list(walk(model.panels))


def unchecked_fields(model, file_name=None):
    """The fields that model validation leaves alone: relations (the import resolves them from
    checked slugs and ids), the order of child rows, and the fields no column of the file fills."""
    filled = imported_fields(file_name) if file_name else None
    return {
        field.name
        for field in model._meta.fields
        if field.is_relation
        or field.name in ("translation_key", "sort_order")
        or (filled is not None and field.name not in filled)
    }


def errors_of(instance, exclude):
    """field -> messages: what the instance's field validators and ``clean()`` find wrong."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return error.message_dict
    return {}


class Validation:
    """The checks of an import's rows; problems are collected, then raised together."""

    def __init__(self, tables):
        self.tables = tables
        self.problems = []
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.terms = {
            (kind, term.slug, term.locale_id): term
            for kind, model in TAXONOMY_MODELS.items()
            for term in model.objects.all()
        }
        self.known_slugs = {(kind, slug) for kind, slug, _locale in self.terms}
        self.unchecked = {}
        self.child_errors = {}  # (child model, its checked values) -> the models' errors

    def raise_problems(self):
        if self.problems:
            raise ImportFailed(self.problems)

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

    def check_flag(self, row, column):
        value = row[column].lower()
        self.check(not value or value in YES | NO, row, column, "write yes or no")

    def check_hours(self, row):
        for item in row.items("opening_hours"):
            if not self.check(
                HOURS.match(item), row, "opening_hours", f"“{item}” is not like “mo 09:00-12:00”"
            ):
                continue
            try:
                opening_hours(item)
            except ValueError:
                self.problems.append(row.problem("opening_hours", f"“{item}” has no valid times"))

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
            other = slugs.setdefault((slug, row["locale"]), row["id"])
            self.check(other == row["id"], row, "slug", f"slug “{slug}” is used by “{other}” too")

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

    def check_taxonomies(self, rows):
        seen = {}
        for row in rows:
            kind_ok = self.check(
                row["type"] in TAXONOMY_MODELS,
                row,
                "type",
                f"unknown type “{row['type']}”; use topic, target_group or place",
            )
            self.check_locale(row)
            key = (row["type"], row["slug"], row["locale"])
            self.check(
                key not in seen, row, "slug", f"appears twice (first in row {seen.get(key)})"
            )
            seen.setdefault(key, row.number)
            if kind_ok:
                self.known_slugs.add((row["type"], row["slug"]))
        for row in rows:
            if row["parent"]:
                self.check(
                    row["type"] == "topic" and ("topic", row["parent"]) in self.known_slugs,
                    row,
                    "parent",
                    f"unknown parent topic “{row['parent']}”",
                )

    def check_organizations(self, rows):
        self.check_entries(rows, Actor)
        for row in rows:
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
            self.check_hours(row)
            self.check_flag(row, "step_free")
            self.check_flag(row, "active")
            for contact in row.items("contacts"):
                parts = [part.strip() for part in contact.split("|")]
                self.check(
                    len(parts) in (4, 5),
                    row,
                    "contacts",
                    f"“{contact}” is not like “name|role|phone|email|public”",
                )
                self.check(
                    len(parts) != 5 or parts[4].lower() in YES | NO,
                    row,
                    "contacts",
                    f"“{contact}”: write yes or no after the last | (shown on the public site)",
                )

    def check_services(self, rows):
        self.check_entries(rows, Offer)
        known_organizations = {row["id"] for row in self.tables.get("organizations.csv", [])}
        known_organizations |= set(
            Actor.objects.exclude(external_id="").values_list("external_id", flat=True)
        )
        for row in rows:
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
            self.check(row["cost"] in {"free", "fee", ""}, row, "cost", "write free or fee")
            self.check(
                row["registration"] in {"required", "not_required", ""},
                row,
                "registration",
                "write required or not_required",
            )
            for column in ("valid_from", "valid_until"):
                try:
                    date(row[column])
                except ValueError:
                    self.problems.append(row.problem(column, "not a date like 2027-03-31"))
            self.check_hours(row)

    def check_rows(self):
        """Check what the files say, before anything is built from them."""
        self.check_taxonomies(self.tables.get("taxonomies.csv", []))
        self.check_organizations(self.tables.get("organizations.csv", []))
        self.check_services(self.tables.get("services.csv", []))
        self.raise_problems()

    # The models' rules

    def check_model(self, instance, row, exclude, column="", label=""):
        """Validate an instance as the admin does (its fields' validators and ``clean()``),
        naming the row's column of each error: the field's own, else ``column``."""
        self.report(errors_of(instance, exclude), row, column, label)

    def report(self, errors, row, column, label):
        for field, messages in errors.items():
            name = column or (
                "" if field == NON_FIELD_ERRORS else column_of(row.file, field) or field
            )
            self.problems.extend(row.problem(name, label + message) for message in messages)

    def check_child(self, child, row, column, label):
        """``check_model`` for a child row; the models' verdict on a child with the same values
        (a language, opening hours that many entries share) is reused."""
        model = type(child)
        exclude = self.unchecked_of(model)
        checked = [field.attname for field in model._meta.fields if field.name not in exclude]
        if len(checked) <= 1:  # nothing but its id to check
            return
        key = (model, *(getattr(child, name) for name in checked if name != "id"))
        if key not in self.child_errors:
            self.child_errors[key] = errors_of(child, exclude)
        self.report(self.child_errors[key], row, column, label)

    def check_entry(self, entry, row, children):
        """An actor or offer and its child rows (``children``: relation -> [(item, child)])."""
        model = type(entry)
        self.check_model(entry, row, self.unchecked_of(model))
        for relation in required_relations(model):
            self.check(
                children.get(relation),
                row,
                column_of(row.file, relation),
                "missing; the admin asks for at least one",
            )
        for relation, items in children.items():
            column = column_of(row.file, relation)
            for item, child in items:
                self.check_child(child, row, column, f"“{item}”: ")

    def unchecked_of(self, model):
        """The fields that validation of a model leaves alone (``unchecked_fields``)."""
        if model not in self.unchecked:
            file_name = FILE_OF_ENTRIES.get(model)
            if model in TAXONOMY_MODELS.values():
                file_name = "taxonomies.csv"
            self.unchecked[model] = unchecked_fields(model, file_name)
        return self.unchecked[model]
