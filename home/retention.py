"""Personal data kept no longer than needed: the base of the daily delete commands."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class RetentionCommand(BaseCommand):
    """Deletes what was kept longer than a retention setting, or with ``--dry-run`` counts it.

    A subclass names its ``setting`` (days), what it deletes (``noun``, plural) and gives
    ``old(days)``, the queryset of what is due; ``delete`` may do more than delete it."""

    setting = ""
    noun = ""

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Keep {self.noun} this many days instead of the setting's "
            f"{getattr(settings, self.setting)}.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would go; delete nothing."
        )

    def old(self, days):
        raise NotImplementedError

    def delete(self, old):
        """Delete ``old`` and return how many were deleted."""
        return old.delete()[0]

    def handle(self, days=None, dry_run=False, **options):
        if days is not None and days < 0:
            raise CommandError("--days must not be negative.")
        old = self.old(days)
        if dry_run:
            self.stdout.write(f"{old.count()} {self.noun} would be deleted.")
            return
        self.stdout.write(self.style.SUCCESS(f"{self.delete(old)} {self.noun} deleted."))
