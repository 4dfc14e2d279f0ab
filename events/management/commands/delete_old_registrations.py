"""Delete the registrations for events that ended more than the retention period ago."""

from events.registration import old_registrations
from home.retention import RetentionCommand


class Command(RetentionCommand):
    help = (
        "Delete the registrations for events whose last date ended more than "
        "EVENT_REGISTRATION_RETENTION_DAYS days ago (and those of deleted events). "
        "Run it daily, e.g. from cron."
    )
    setting = "EVENT_REGISTRATION_RETENTION_DAYS"
    noun = "registrations"

    def old(self, days):
        return old_registrations(days=days)
