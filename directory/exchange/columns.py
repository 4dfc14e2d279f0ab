"""The exchange files and their columns: one definition for reading, validating and exporting."""

import functools
from dataclasses import dataclass

from ..models import Actor, Offer, Place, TargetGroup, Topic


@dataclass(frozen=True)
class Column:
    """A column of an exchange file: whether a file must have it, and the model field or child
    relation it fills, so that a model's validation error names the column it came from."""

    name: str
    required: bool = False
    field: str = ""


TAXONOMY_MODELS = {"topic": Topic, "target_group": TargetGroup, "place": Place}

FILES = {
    "taxonomies.csv": (
        Column("type", required=True),
        Column("slug", required=True, field="slug"),
        Column("parent", required=True, field="parent"),
        Column("locale", required=True),
        Column("name", required=True, field="name"),
        Column("icon", field="icon"),
    ),
    "organizations.csv": (
        Column("id", required=True, field="external_id"),
        Column("locale", required=True),
        Column("name", required=True, field="name"),
        Column("description", required=True, field="description"),
        Column("kind", required=True, field="kind"),
        Column("email", required=True, field="email"),
        Column("phone", required=True, field="phone"),
        Column("website", required=True, field="website"),
        Column("street", required=True, field="street"),
        Column("postcode", required=True, field="postcode"),
        Column("place", required=True, field="place"),
        Column("latitude", required=True, field="latitude"),
        Column("longitude", required=True, field="longitude"),
        Column("languages", required=True, field="languages"),
        Column("topics", required=True, field="topics"),
        Column("slug", field="slug"),
        Column("summary", field="summary"),
        Column("opening_hours", field="opening_hours"),
        Column("step_free", field="step_free"),
        Column("accessibility_notes", field="accessibility_notes"),
        Column("contacts", field="contacts"),
        Column("active", field="active"),
    ),
    "services.csv": (
        Column("id", required=True, field="external_id"),
        Column("locale", required=True),
        Column("organization_id", required=True, field="provider"),
        Column("name", required=True, field="title"),
        Column("description", required=True, field="description"),
        Column("topics", required=True, field="topics"),
        Column("target_groups", required=True, field="target_groups"),
        Column("languages", required=True, field="languages"),
        Column("cost", required=True, field="is_free"),
        Column("place", required=True, field="place"),
        Column("slug", field="slug"),
        Column("summary", field="summary"),
        Column("cost_note", field="cost_note"),
        Column("registration", field="registration_required"),
        Column("registration_how", field="registration_how"),
        Column("eligibility", field="eligibility"),
        Column("location", field="location"),
        Column("street", field="street"),
        Column("postcode", field="postcode"),
        Column("online_url", field="online_url"),
        Column("schedule", field="schedule"),
        Column("opening_hours", field="opening_hours"),
        Column("valid_from", field="valid_from"),
        Column("valid_until", field="valid_until"),
        Column("status", field="status"),
    ),
}

FILE_OF_ENTRIES = {Actor: "organizations.csv", Offer: "services.csv"}


def column_names(file_name):
    """The columns of a file in the order an export writes them."""
    return [column.name for column in FILES[file_name]]


def required_columns(file_name):
    return [column.name for column in FILES[file_name] if column.required]


@functools.cache
def column_of(file_name, field):
    """The column that fills a model field or child relation ("" for none: the whole row)."""
    return next((column.name for column in FILES[file_name] if column.field == field), "")


def imported_fields(file_name):
    """The model fields and child relations that a file's columns fill."""
    return {column.field for column in FILES[file_name] if column.field}
