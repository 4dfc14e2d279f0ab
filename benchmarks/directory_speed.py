"""Measure the directory with a large data set: import time, render time and queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/directory_benchmark \\
        .venv/bin/python benchmarks/directory_speed.py [--actors 500] [--offers 2500] [--runs 30]
    .venv/bin/python benchmarks/directory_speed.py --actors 0 --offers 0   # the demo, SQLite

The database named in DATABASE_URL is emptied and rebuilt (create it first:
``createdb -h 127.0.0.1 -U postgres directory_benchmark``). The figures are
printed and written to benchmarks/results/directory.json. Targets: the import
of 2,000 actors and 10,000 offers in under 2 minutes; the listing and the
detail pages in under 50 ms (median, in-process) with a query count that does
not depend on the data size. Lists keep their matching ids and facet counts in
the cache until the directory changes; the first request after a change
(``cold_ms``) computes them.

``uncached`` measures the server CPU of one request to each page past the anonymous
page cache (a query parameter no view answers, so nothing is stored), with the
per-process lookups of the current content version warm, as a signed-in visitor or
the second visitor after a publish meets them: the directory's pages and, beside
them in the same run and interleaved, the events index (with and without a filter),
an event once and as a series, the working groups' index and a working group. CPU is
this process's (with SQLite, the database's too) plus, on PostgreSQL, that of the
connection's server process; each page's figure is the median over ``--rounds`` of
batches of ``--batch`` requests, also as a ratio to the offer list and offer page.
With ``--actors 0 --offers 0`` only the demo's data is measured (issue 16's budget:
12 ms a page).
"""

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from production import ROOT, configure, cpu_seconds, fresh_demo_database


def timed_get(client, url, runs):
    """The first request's time (caches cold), then median and 95th percentile in
    milliseconds of the following ones, and the queries of one request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start = time.perf_counter()
    client.get(url)
    cold = (time.perf_counter() - start) * 1000
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        durations.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    durations.sort()
    return {
        "cold_ms": round(cold, 1),
        "median_ms": round(statistics.median(durations), 1),
        "p95_ms": round(durations[int(len(durations) * 0.95) - 1], 1),
        "queries": len(queries),
    }


def database_pids():
    """The server process of this connection, where its CPU can be read (PostgreSQL here)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    return [pid] if os.path.exists(f"/proc/{pid}/stat") else []


def uncached_cpu(client, pages, rounds, batch):
    """Server CPU in ms per uncached request to each of ``pages`` (name: url), interleaved."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pids = database_pids()
    samples = {name: [] for name in pages}
    queries = {}
    serial = 0

    def get(url):
        nonlocal serial
        serial += 1
        response = client.get(url + ("&" if "?" in url else "?") + f"uncached={serial}")
        assert response.status_code == 200, (url, response.status_code)

    for url in pages.values():
        get(url)  # the per-process lookups of this content version
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as captured:
            get(url)
        queries[name] = len(captured)
    for _ in range(rounds):
        for name, url in pages.items():
            start, database = time.process_time(), cpu_seconds(pids)
            for _ in range(batch):
                get(url)
            used = time.process_time() - start + cpu_seconds(pids) - database
            samples[name].append(used * 1000 / batch)
    cpu = {name: statistics.median(values) for name, values in samples.items()}
    return {
        name: {
            "cpu_ms": round(cpu[name], 1),
            "to_offer_list": round(cpu[name] / cpu["offer_list"], 2),
            "to_offer_detail": round(cpu[name] / cpu["offer_detail"], 2),
            "queries": queries[name],
        }
        for name in pages
    }


def event_pages():
    """The events' and working groups' pages of the German tree, by name."""
    from events.models import EventIndexPage, EventPage, EventTopic
    from network.models import WorkingGroupIndexPage, WorkingGroupPage

    index = EventIndexPage.objects.live().get(locale__language_code="de")
    events = EventPage.objects.live().filter(locale__language_code="de").order_by("path")
    single = (
        events.filter(repeat="").exclude(working_group=None).first()
        or events.filter(repeat="").first()
    )
    series = events.exclude(repeat="").exclude(working_group=None).first()
    topic = EventTopic.objects.filter(page__in=events).order_by("pk").first().topic
    groups = WorkingGroupIndexPage.objects.live().get(locale__language_code="de")
    group = WorkingGroupPage.objects.live().child_of(groups).order_by("path").first()
    return {
        "events_index": index.url,
        "events_index_filtered": index.url + f"?topic={topic.slug}",
        "event_single": single.url,
        "event_series": series.url,
        "working_groups_index": groups.url,
        "working_group": group.url,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--offers", type=int, default=2500)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--batch", type=int, default=10)
    args = parser.parse_args()

    configure()
    from directory_data import generate
    from django.db import connection
    from django.test import Client

    from directory.exchange import import_directory
    from directory.models import DirectoryPage, Offer

    fresh_demo_database()

    counts, import_seconds = {}, 0
    if args.actors or args.offers:
        with tempfile.TemporaryDirectory() as folder:
            generate(Path(folder), args.actors, args.offers)
            start = time.perf_counter()
            counts = import_directory(folder).counts
            import_seconds = time.perf_counter() - start

    client = Client()
    page = DirectoryPage.objects.get(locale__language_code="de")
    offers = Offer.objects.filter(locale__language_code="de").order_by("pk")
    offer = offers.filter(external_id="bench-offer-10").first() or offers.first()
    figures = {
        "database": connection.vendor,
        "offers": Offer.objects.count(),
        "import": {"rows": counts, "seconds": round(import_seconds, 1)},
        "offer_list": timed_get(client, page.url, args.runs),
        "offer_list_filtered": timed_get(
            client, page.url + "?topic=counselling&language=ar&free=1", args.runs
        ),
        "offer_list_page_40": timed_get(client, page.url + "?page=40", args.runs),
        "offer_detail": timed_get(client, page.url + f"offers/{offer.slug}/", args.runs),
        "actor_list": timed_get(client, page.url + "actors/", args.runs),
        "actor_detail": timed_get(client, page.url + f"actors/{offer.provider.slug}/", args.runs),
    }
    pages = {
        "offer_list": page.url,
        "offer_list_filtered": page.url + "?topic=counselling&language=ar&free=1",
        "offer_detail": page.url + f"offers/{offer.slug}/",
        **event_pages(),
    }
    figures["uncached"] = uncached_cpu(client, pages, args.rounds, args.batch)
    figures["load_average"] = [round(load, 2) for load in os.getloadavg()]
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "directory.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
