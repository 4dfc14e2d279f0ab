"""Delete the reports of barriers sent more than the retention period ago."""

from accessibility.models import BarrierReport
from home.retention import RetentionCommand


class Command(RetentionCommand):
    help = (
        "Delete the reports of barriers sent more than BARRIER_REPORT_RETENTION_DAYS days ago. "
        "Run it daily, e.g. from cron."
    )
    setting = "BARRIER_REPORT_RETENTION_DAYS"
    noun = "barrier reports"

    def old(self, days):
        return BarrierReport.older_than(days=days)
