"""Delete the registrations for events that ended more than the retention period ago."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.registration import old_registrations


class Command(BaseCommand):
    help = (
        "Delete the registrations for events whose last date ended more than "
        "EVENT_REGISTRATION_RETENTION_DAYS days ago (and those of deleted events). "
        "Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep registrations this many days after the event instead of the setting's "
            f"{settings.EVENT_REGISTRATION_RETENTION_DAYS}.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would go; delete nothing."
        )

    def handle(self, days=None, dry_run=False, **options):
        if days is not None and days < 0:
            raise CommandError("--days must not be negative.")
        old = old_registrations(days=days)
        if dry_run:
            self.stdout.write(f"{old.count()} registrations would be deleted.")
            return
        deleted, _ = old.delete()
        self.stdout.write(self.style.SUCCESS(f"{deleted} registrations deleted."))
