"""Delete the comments kept longer than the retention period, and yesterday's helpful-count
hashes with their salts."""

from blog.comments import forget_past_visitors, old_comments
from home.retention import RetentionCommand


class Command(RetentionCommand):
    help = (
        "Delete the comments written more than COMMENT_RETENTION_DAYS days ago, and the "
        "visitor hashes of the helpful count from before today. Run it daily, e.g. from cron."
    )
    setting = "COMMENT_RETENTION_DAYS"
    noun = "comments"

    def old(self, days):
        return old_comments(days=days)

    def delete(self, old):
        deleted = 0
        for comment in old.order_by("-parent_id"):  # one by one: shown ones leave their post
            deleted += comment.delete()[0]
        forget_past_visitors()
        return deleted
