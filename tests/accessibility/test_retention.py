"""Barrier reports are personal data: deleted after the retention period."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accessibility.models import BarrierReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(statements):
    """Reports sent 10, 100 and 200 days ago."""
    sent = {}
    for days in (10, 100, 200):
        report = BarrierReport.objects.create(
            page=statements["de"], form_data={"description": f"{days} days old"}
        )
        BarrierReport.objects.filter(pk=report.pk).update(
            submit_time=timezone.now() - timedelta(days=days)
        )
        sent[days] = report
    return sent


def kept():
    return set(BarrierReport.objects.values_list("form_data__description", flat=True))


def test_reports_older_than_the_setting_are_deleted(reports, settings):
    settings.BARRIER_REPORT_RETENTION_DAYS = 180
    out = io.StringIO()
    call_command("delete_old_barrier_reports", "--dry-run", stdout=out)
    assert "1 barrier reports would be deleted" in out.getvalue()
    assert BarrierReport.objects.count() == 3
    call_command("delete_old_barrier_reports", stdout=io.StringIO())
    assert kept() == {"10 days old", "100 days old"}


def test_days_override_the_setting(reports):
    call_command("delete_old_barrier_reports", "--days", "30", stdout=io.StringIO())
    assert kept() == {"10 days old"}


def test_negative_days_are_refused(reports):
    with pytest.raises(CommandError):
        call_command("delete_old_barrier_reports", "--days", "-1")
    assert BarrierReport.objects.count() == 3
