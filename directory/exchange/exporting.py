"""Exporting the directory: the three exchange files and a datapackage.json describing them."""

import csv
import json
from pathlib import Path

from ..models import Actor, Offer, Topic
from .columns import TAXONOMY_MODELS, column_names


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
        columns = column_names(name)
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
