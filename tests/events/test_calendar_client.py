"""A real calendar client, khal, subscribes to a feed and shows its dates in local time."""

import pytest

from events.models import EventPage

from .test_feeds import feed_url, republish, weekly_across_both_changes

cli = pytest.importorskip(
    "khal.cli", reason="khal (a calendar client, in the dev extras) is missing"
)
pytestmark = pytest.mark.django_db

CONFIG = """[calendars]
[[termine]]
path = {folder}
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Europe/Berlin
default_timezone = Europe/Berlin
[sqlite]
path = {database}
"""


def khal(config, *arguments):
    from click.testing import CliRunner

    result = CliRunner().invoke(cli.main_khal, ["-c", str(config), *arguments])
    assert result.exit_code == 0, result.output
    return result.output


def test_khal_imports_a_feed_and_lists_its_dates_in_local_time_again_after_a_change(
    client, indexes, make_event, tmp_path
):
    event = weekly_across_both_changes(make_event)
    (tmp_path / "calendar").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(CONFIG.format(folder=tmp_path / "calendar", database=tmp_path / "khal.db"))
    year = event.start.year

    def subscribe():
        """Fetch the feed, import it as a subscribed calendar does, and list the meeting's
        dates as khal shows them."""
        feed = tmp_path / "termine.ics"
        feed.write_bytes(client.get(feed_url(indexes["de"], kind="other")).content)
        khal(config, "import", "--batch", "-a", "termine", str(feed))
        shown = khal(
            config,
            "list",
            "--day-format",
            "",
            "--format",
            "{start} {end} {status}{title}",
            f"{year}-01-01",
            f"{year}-12-31",
        )
        return [line for line in shown.splitlines() if "AG Arbeit" in line]

    def expected():
        return [
            f"{d.start:%Y-%m-%d %H:%M} {d.end:%Y-%m-%d %H:%M} "
            + ("CANCELLED Abgesagt: AG Arbeit" if d.is_cancelled else "CONFIRMED AG Arbeit")
            for d in EventPage.objects.get(pk=event.pk).dates()
        ]

    lines = subscribe()
    assert lines == expected()
    # 17:00 in Berlin on every date, in winter and summer time alike
    assert len(lines) > 30 and all(line[11:16] == "17:00" for line in lines)

    # a date is cancelled, another moved: the same entry changes, nothing is added
    dates = event.dates()
    cancelled, moved = dates[5].start, dates[8].start
    republish(
        event,
        date_changes=[
            {"date": cancelled.date(), "cancelled": True},
            {"date": moved.date(), "new_start": moved.replace(hour=18)},
        ],
    )
    lines = subscribe()
    assert lines == expected()
    assert len(lines) == len(dates)
    assert sum("CANCELLED" in line for line in lines) == 1
    assert sum(line[11:16] == "18:00" for line in lines) == 1
