"""Delete the reports of barriers sent more than the retention period ago."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accessibility.models import BarrierReport


class Command(BaseCommand):
    help = (
        "Delete the reports of barriers sent more than BARRIER_REPORT_RETENTION_DAYS days ago. "
        "Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep reports this many days instead of the setting's "
            f"{settings.BARRIER_REPORT_RETENTION_DAYS}.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would go; delete nothing."
        )

    def handle(self, days=None, dry_run=False, **options):
        if days is not None and days < 0:
            raise CommandError("--days must not be negative.")
        old = BarrierReport.older_than(days=days)
        if dry_run:
            self.stdout.write(f"{old.count()} barrier reports would be deleted.")
            return
        deleted, _ = old.delete()
        self.stdout.write(self.style.SUCCESS(f"{deleted} barrier reports deleted."))
