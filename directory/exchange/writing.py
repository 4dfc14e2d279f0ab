"""Writing an import: build the entries in memory, validate them, then write them in bulk."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail_localize.models import TranslationSource

from home.cache import content_changed
from home.localize import not_recorded
from home.translation_memory import choose_source, record_translations
from home.translation_sources import update_sources

from ..models import (
    SUMMARY_LENGTH,
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
    Topic,
)
from ..signals import directory_imported
from .columns import FILE_OF_ENTRIES, TAXONOMY_MODELS, imported_fields
from .reading import read_source
from .references import index_references
from .trail import leave_trail, serialised
from .validating import Validation
from .values import date, flag, opening_hours, rich_text

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
CHILD_MODELS = {
    Actor: {
        "topics": ActorTopic,
        "languages": ActorLanguage,
        "opening_hours": ActorOpeningHours,
        "contacts": ActorContact,
    },
    Offer: {
        "topics": OfferTopic,
        "target_groups": OfferTargetGroup,
        "languages": OfferLanguage,
        "opening_hours": OfferOpeningHours,
    },
}


def updated_fields(model):
    """The fields an update writes: those the file's columns fill, and the publishing state."""
    concrete = {field.name for field in model._meta.concrete_fields}
    filled = (imported_fields(FILE_OF_ENTRIES[model]) & concrete) - {"external_id"}
    return sorted(filled) + ["live", "has_unpublished_changes", "last_published_at"]


@dataclass
class Report:
    """What an import did: rows written per file, and the entries it left alone because an
    editor's unpublished changes would have been overwritten (``kept_drafts``, problems)."""

    counts: dict
    kept_drafts: list = field(default_factory=list)


@dataclass
class EntryPlan:
    """The actors or offers of one file, built in memory and not yet written."""

    model: type
    rows: list
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    entries: dict = field(default_factory=dict)
    children: dict = field(default_factory=dict)


class DirectoryImport(Validation):
    """Validates the tables of a source and writes them in one transaction."""

    def __init__(self, tables, progress=None, user=None, by="", overwrite_drafts=False):
        super().__init__(tables)
        self.progress = progress or (lambda done, total: None)
        self.user = user
        self.by = str(user) if user else by or "an import"
        self.overwrite_drafts = overwrite_drafts
        self.counts = {"taxonomies": 0, "organizations": 0, "services": 0}
        self.kept_drafts = []
        # model -> {pk: the instance as written}, for the signal and the translation memory
        self.written = {Actor: {}, Offer: {}, **{model: {} for model in TAXONOMY_MODELS.values()}}
        # model -> {pk: revision content} of the written actors and offers
        self.contents = {}

    def run(self, dry_run=False):
        """Validate, then write everything in one transaction (rolled back for a dry run)."""
        self.check_rows()
        terms = self.plan_taxonomies(self.tables.get("taxonomies.csv", []))
        actors = self.plan_entries(Actor, self.tables.get("organizations.csv", []))
        providers = {}
        for actor in Actor.objects.exclude(external_id="").order_by("pk"):
            providers.setdefault(actor.external_id, {})[actor.locale_id] = actor
        for (external_id, locale_id), actor in actors.entries.items():
            providers.setdefault(external_id, {})[locale_id] = actor
        offers = self.plan_entries(Offer, self.tables.get("services.csv", []), providers)
        self.raise_problems()
        with transaction.atomic():
            with not_recorded():
                self.write_taxonomies(terms)
                for plan in (actors, offers):
                    self.write_entries(plan)
                    contents = serialised(plan.created + plan.updated)
                    leave_trail(plan, contents, FILE_OF_ENTRIES[plan.model], self.user, self.by)
                    self.contents[plan.model] = contents
            self.record_translations()
            if dry_run:
                transaction.set_rollback(True)
            else:
                for model in (Actor, Offer):
                    index_references(model, self.written[model])
        if not dry_run:
            # Bulk writes send no signals, so the caches and the site search learn of it here.
            content_changed()
            directory_imported.send(
                sender=type(self),
                actors=list(self.written[Actor]),
                offers=list(self.written[Offer]),
            )
        if not dry_run and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Fresh statistics, so that the planner knows the new size of the directory.
                cursor.execute(f"ANALYZE {', '.join(TABLES_TO_ANALYZE)}")
        return Report(self.counts, self.kept_drafts)

    # Vocabulary

    def plan_taxonomies(self, rows):
        """The terms of the rows, new or updated, each with its parent topic (or None) and
        whether the row changes it."""
        by_key = {}
        for (kind, slug, _locale), term in self.terms.items():
            by_key.setdefault((kind, slug), term.translation_key)
        planned = []
        for row in rows:
            model = TAXONOMY_MODELS[row["type"]]
            locale = self.locales[row["locale"]]
            term = self.terms.get((row["type"], row["slug"], locale.pk))
            if term is None:
                term = model(slug=row["slug"], locale=locale)
                if (row["type"], row["slug"]) in by_key:
                    term.translation_key = by_key[(row["type"], row["slug"])]
            before = (term.name, getattr(term, "icon", None))
            term.name = row["name"]
            if row["type"] == "topic":
                term.icon = row["icon"]
            changed = term.pk is None or (term.name, getattr(term, "icon", None)) != before
            self.check_model(term, row, self.unchecked_of(model))
            by_key.setdefault((row["type"], row["slug"]), term.translation_key)
            self.terms[(row["type"], row["slug"], locale.pk)] = term
            planned.append((row, term, changed))
        return [
            (
                term,
                self.term("topic", row["parent"], term.locale_id) if row["parent"] else None,
                changed,
            )
            for row, term, changed in planned
        ]

    def write_taxonomies(self, terms):
        """Save the new and changed terms (a vocabulary imported again is mostly unchanged)."""
        for term, _parent, changed in terms:
            if changed:
                term.save()
            self.written[type(term)][term.pk] = term
            self.counts["taxonomies"] += 1
        for term, parent, _changed in terms:
            if isinstance(term, Topic) and term.parent_id != (parent.pk if parent else None):
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

    # Actors and offers

    def group(self, rows):
        """Rows by entry id, in the order ids first appear; each entry's rows in file order."""
        groups = {}
        for row in rows:
            groups.setdefault(row["id"], []).append(row)
        return groups

    def plan_entries(self, model, rows, providers=None):
        """Actors or offers with their translations and child rows, built and validated; an
        entry with an editor's unpublished changes is left alone unless drafts are overwritten."""
        plan = EntryPlan(model, rows)
        existing = {
            (entry.external_id, entry.locale_id): entry
            for entry in model.objects.filter(external_id__in={row["id"] for row in rows})
        }
        keys = {external_id: entry.translation_key for (external_id, _), entry in existing.items()}
        now = timezone.now()
        built = []
        total = sum(len(table) for name, table in self.tables.items() if name != "taxonomies.csv")
        done = len(self.tables.get("organizations.csv", [])) if model is Offer else 0
        for external_id, group in self.group(rows).items():
            for row in group:
                done += 1
                self.progress(done, total)
                locale = self.locales[row["locale"]]
                entry = existing.get((external_id, locale.pk))
                if entry is None:
                    entry = model(external_id=external_id, locale=locale)
                    if external_id in keys:
                        entry.translation_key = keys[external_id]
                        entry.is_original = False
                    keys[external_id] = entry.translation_key
                    entry.first_published_at = now
                    plan.created.append(entry)
                elif entry.has_unpublished_changes and not self.overwrite_drafts:
                    self.kept_drafts.append(
                        row.problem(
                            "id",
                            f"“{external_id}” has unpublished changes in the admin; kept them "
                            "(import with --overwrite-drafts to replace them)",
                        )
                    )
                    continue
                else:
                    plan.updated.append(entry)
                entry.slug = self.slug_of(row, group[0])
                entry.live, entry.has_unpublished_changes, entry.last_published_at = (
                    True,
                    False,
                    now,
                )
                self.fill(entry, row, providers)
                plan.entries[(external_id, locale.pk)] = entry
                built.append((entry, row))
        earlier = self.child_keys(model, plan.entries.values())
        for entry, row in built:
            children = self.children(entry, row)
            self.check_entry(entry, row, children)
            for relation, items in children.items():
                objects = [child for _item, child in items]
                setattr(entry, relation, objects)  # in memory, for the entry's revision
                plan.children.setdefault(CHILD_MODELS[model][relation], []).extend(objects)
        self.link_child_translations(plan.children, earlier)
        self.counts[FILE_OF_ENTRIES[model].removesuffix(".csv")] += len(built)
        return plan

    def fill(self, entry, row, providers):
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
            entry.step_free = flag(row["step_free"])
            entry.accessibility_notes = row["accessibility_notes"]
            entry.active = flag(row["active"]) is not False
            return
        entry.title = row["name"]
        entry.provider = self.provider_for(row["organization_id"], entry.locale_id, providers)
        entry.location = row["location"] or Offer.Location.PROVIDER
        entry.online_url, entry.schedule = row["online_url"], row["schedule"]
        entry.is_free = row["cost"] != "fee"
        entry.cost_note = row["cost_note"]
        entry.registration_required = row["registration"] == "required"
        entry.registration_how, entry.eligibility = row["registration_how"], row["eligibility"]
        entry.valid_from, entry.valid_until = date(row["valid_from"]), date(row["valid_until"])
        entry.status = row["status"] or Offer.Status.ACTIVE

    def provider_for(self, external_id, locale_id, providers):
        """The organisation in the offer's locale, else its original version."""
        versions = providers.get(external_id, {})
        return versions.get(locale_id) or next(iter(versions.values()))

    def children(self, entry, row):
        """relation -> [(the cell's item, child row)]: the topics, languages, hours (and
        contacts or target groups) of an entry, built from its row."""
        models = CHILD_MODELS[type(entry)]
        parent = "actor" if isinstance(entry, Actor) else "offer"
        link = {parent: entry}
        translatable = {**link, "locale_id": entry.locale_id}
        children = {relation: [] for relation in models}
        for order, slug in enumerate(row.items("topics")):
            topic = self.term("topic", slug, entry.locale_id)
            children["topics"].append(
                (slug, models["topics"](**translatable, topic=topic, sort_order=order))
            )
        for order, code in enumerate(dict.fromkeys(row.items("languages"))):
            children["languages"].append(
                (code, models["languages"](**link, language=code, sort_order=order))
            )
        for order, item in enumerate(row.items("opening_hours")):
            hours = models["opening_hours"](**link, **opening_hours(item), sort_order=order)
            children["opening_hours"].append((item, hours))
        for order, item in enumerate(row.items("contacts")):
            name, role, phone, email, *public = (part.strip() for part in item.split("|"))
            contact = ActorContact(
                **translatable,
                name=name,
                role=role,
                phone=phone,
                email=email,
                is_public=bool(public) and flag(public[0]) is True,
                sort_order=order,
            )
            children["contacts"].append((item, contact))
        for order, slug in enumerate(row.items("target_groups")):
            group = self.term("target_group", slug, entry.locale_id)
            children["target_groups"].append(
                (slug, OfferTargetGroup(**translatable, target_group=group, sort_order=order))
            )
        return children

    def child_keys(self, model, entries):
        """relation -> {(entry's translation key, sort order): translation key} of the child
        rows that the entries' versions in any locale have now."""
        parent = "actor" if model is Actor else "offer"
        entry_keys = list({entry.translation_key for entry in entries})
        found = {}
        for relation in CHILD_MODELS[model].values():
            if not hasattr(relation, "translation_key"):
                continue
            rows = found.setdefault(relation, {})
            for start in range(0, len(entry_keys), 500):
                for entry_key, order, key in relation.objects.filter(
                    **{f"{parent}__translation_key__in": entry_keys[start : start + 500]}
                ).values_list(f"{parent}__translation_key", "sort_order", "translation_key"):
                    rows.setdefault((entry_key, order), key)
        return found

    def link_child_translations(self, children, earlier):
        """Give translatable child rows of one entry the same translation key in every locale,
        the key its row in that place had before the import if there was one (``earlier``:
        relation -> {(entry's translation key, sort order): key}), so that translations made
        with wagtail-localize still find them."""
        for relation, objects in children.items():
            if not hasattr(relation, "translation_key"):
                continue
            parent = "actor" if hasattr(relation, "actor_id") else "offer"
            keys = earlier.get(relation, {})
            for child in objects:
                key = (getattr(child, parent).translation_key, child.sort_order)
                child.translation_key = keys.setdefault(key, child.translation_key)

    def write_entries(self, plan):
        """Write the planned entries and replace their child rows, in bulk."""
        model = plan.model
        model.objects.bulk_create(plan.created, batch_size=500)
        model.objects.bulk_update(plan.updated, updated_fields(model), batch_size=500)
        parent = "actor" if model is Actor else "offer"
        ids = [entry.pk for entry in plan.updated]
        # One statement per batch: nothing refers to child rows, and wagtail-localize's cleanup
        # after each deleted translatable row (some ten queries) finds nothing under its key:
        # child rows are translated as part of their entry, and the new rows keep the keys.
        for relation in CHILD_MODELS[model].values():
            for start in range(0, len(ids), 500):
                rows = relation.objects.filter(**{f"{parent}_id__in": ids[start : start + 500]})
                rows._raw_delete(rows.db)
        for relation, objects in plan.children.items():
            relation.objects.bulk_create(objects, batch_size=1000)
        self.written[model].update((entry.pk, entry) for entry in plan.created + plan.updated)

    # Translation memory

    def record_translations(self):
        """Put the imported translations into wagtail-localize's translation memory, as the
        translations of their entries' source versions (home/translation_memory.py), so that
        the translation editor shows them and no synchronisation writes source text over them.
        Rows in other locales are translations of the entry's source version."""
        for model, written in self.written.items():
            by_key = self.versions_by_key(model, written)
            translated = {key: versions for key, versions in by_key.items() if len(versions) > 1}
            first_sources = {}
            for object_id, locale_id in (
                TranslationSource.objects.filter(object_id__in=translated)
                .order_by("-created_at")
                .values_list("object_id", "locale_id")
            ):
                first_sources[object_id] = locale_id
            chosen = {
                key: choose_source(versions, first_sources.get(key))
                for key, versions in translated.items()
            }
            sources = update_sources(
                [source for source in chosen.values() if source.pk in written],
                self.contents.get(model),
            )
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

    def versions_by_key(self, model, written):
        """translation key -> every version of the written objects (pk order): the written
        ones as they are in memory, the others (earlier imports, the admin) loaded with
        what their translatable text refers to."""
        keys = {instance.translation_key for instance in written.values()}
        others = [
            pk
            for pk, key in model.objects.filter(translation_key__in=keys).values_list(
                "pk", "translation_key"
            )
            if pk not in written
        ]
        versions = list(written.values())
        for start in range(0, len(others), 1000):
            versions += self.with_text(model).filter(pk__in=others[start : start + 1000])
        by_key = {}
        for version in sorted(versions, key=lambda version: version.pk):
            by_key.setdefault(version.translation_key, []).append(version)
        return by_key

    def with_text(self, model):
        """The model's objects with what their translatable text refers to, in few queries."""
        if model in (Actor, Offer):
            return model.objects.for_display()
        if model is Topic:
            return model.objects.select_related("locale", "parent")
        return model.objects.select_related("locale")


def import_directory(path, dry_run=False, progress=None, user=None, by="", overwrite_drafts=False):
    """Import a folder or datapackage and return its Report, or raise ImportFailed.

    ``user`` (or, without one, ``by``: the command or script) is named in each entry's history.
    """
    tables = read_source(path)
    return DirectoryImport(tables, progress, user, by, overwrite_drafts).run(dry_run=dry_run)
