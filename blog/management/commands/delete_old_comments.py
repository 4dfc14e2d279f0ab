"""Delete the comments kept longer than the retention period, and yesterday's helpful-count
hashes with their salts."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from blog.comments import forget_past_visitors, old_comments


class Command(BaseCommand):
    help = (
        "Delete the comments written more than COMMENT_RETENTION_DAYS days ago, and the "
        "visitor hashes of the helpful count from before today. Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep comments this many days instead of the setting's "
            f"{settings.COMMENT_RETENTION_DAYS}.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would go; delete nothing."
        )

    def handle(self, days=None, dry_run=False, **options):
        if days is not None and days < 0:
            raise CommandError("--days must not be negative.")
        old = old_comments(days=days)
        if dry_run:
            self.stdout.write(f"{old.count()} comments would be deleted.")
            return
        deleted = 0
        for comment in old.order_by("-parent_id"):  # one by one: shown ones leave their post
            deleted += comment.delete()[0]
        forget_past_visitors()
        self.stdout.write(self.style.SUCCESS(f"{deleted} comments deleted."))
