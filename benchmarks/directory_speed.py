"""Measure the directory with a large data set: import time, render time and queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/directory_benchmark \\
        .venv/bin/python benchmarks/directory_speed.py [--actors 500] [--offers 2500] [--runs 30]

The database named in DATABASE_URL is emptied and rebuilt (create it first:
``createdb -h 127.0.0.1 -U postgres directory_benchmark``). The figures are
printed and written to benchmarks/results/directory.json. Targets: the import
of 2,000 actors and 10,000 offers in under 2 minutes; the listing and the
detail pages in under 50 ms (median, in-process) with a query count that does
not depend on the data size. Lists keep their matching ids and facet counts in
the cache until the directory changes; the first request after a change
(``cold_ms``) computes them.
"""

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from production import ROOT, configure, fresh_demo_database


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--offers", type=int, default=2500)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    configure()
    from directory_data import generate
    from django.db import connection
    from django.test import Client

    from directory.exchange import import_directory
    from directory.models import DirectoryPage, Offer

    fresh_demo_database()

    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), args.actors, args.offers)
        start = time.perf_counter()
        counts = import_directory(folder).counts
        import_seconds = time.perf_counter() - start

    client = Client()
    page = DirectoryPage.objects.get(locale__language_code="de")
    offer = Offer.objects.filter(external_id="bench-offer-10", locale__language_code="de").get()
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
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "directory.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
