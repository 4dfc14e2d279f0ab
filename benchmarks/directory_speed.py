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
them in the same run and interleaved, every other kind of public page of the German
tree (home, a content page, the blog's index, archives and a post, the events index
with and without a filter, an event once and as a series, the working groups' index
and a group, the search page, the contact and join forms), each once for an
anonymous visitor and once for a signed-in member. CPU is this process's (with
SQLite, the database's too) plus, on PostgreSQL, that of the connection's server
process; each page's figure is the median over ``--rounds`` of batches of
``--batch`` requests, also as a ratio to the offer list and offer page, and the
member's as a ratio to the anonymous visitor's. ``--profile N`` then runs N
anonymous uncached requests to each page under cProfile and names the three parts
of the stack (Django's templates, the ORM and database, Wagtail, the site's apps,
...) and the three functions with the most time of their own. With ``--actors 0
--offers 0`` only the demo's data is measured (issue 16's budget: 12 ms a page);
with ``--reuse-database``, the data already in the database, such as ``load/run.py``'s
(``load_benchmark``: issue 16's budget there is 20 ms a page; pictures not rendered yet
need their originals, so set MEDIA_ROOT to the media folder the data was built with).
"""

import argparse
import io
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


def uncached_get(client, url):
    """A request to ``url`` past the anonymous page cache (a query parameter no view answers)."""
    uncached_get.serial += 1
    separator = "&" if "?" in url else "?"
    response = client.get(f"{url}{separator}uncached={uncached_get.serial}")
    assert response.status_code == 200, (url, response.status_code)


uncached_get.serial = 0


def uncached_cpu(clients, pages, rounds, batch):
    """Server CPU in ms per uncached request to each of ``pages`` (name: url) for each of
    ``clients`` (the first anonymous, the second signed in), interleaved."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    anonymous, signed_in = clients
    pids = database_pids()
    samples = {(client, name): [] for client in clients for name in pages}
    queries = {}
    for client in clients:
        for url in pages.values():
            uncached_get(client, url)  # the per-process lookups of this content version
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as captured:
            uncached_get(anonymous, url)
        queries[name] = len(captured)
    for _ in range(rounds):
        for name, url in pages.items():
            for client in clients:
                start, database = time.process_time(), cpu_seconds(pids)
                for _ in range(batch):
                    uncached_get(client, url)
                used = time.process_time() - start + cpu_seconds(pids) - database
                samples[client, name].append(used * 1000 / batch)
    cpu = {key: statistics.median(values) for key, values in samples.items()}
    return {
        name: {
            "cpu_ms": round(cpu[anonymous, name], 1),
            "to_offer_list": round(cpu[anonymous, name] / cpu[anonymous, "offer_list"], 2),
            "to_offer_detail": round(cpu[anonymous, name] / cpu[anonymous, "offer_detail"], 2),
            "signed_in_cpu_ms": round(cpu[signed_in, name], 1),
            "signed_in_to_anonymous": round(cpu[signed_in, name] / cpu[anonymous, name], 2),
            "queries": queries[name],
        }
        for name in pages
    }


AREAS = [
    ("/django/template/", "Django templates"),
    ("/django/db/", "ORM and database"),
    ("sqlite3", "ORM and database"),
    ("psycopg", "ORM and database"),
    ("/wagtail/", "Wagtail"),
    ("/modelcluster/", "Wagtail"),
    ("/django/", "Django (other)"),
]


def profile(client, pages, requests):
    """Where the CPU of an uncached request to each page goes (cProfile), in ms per request:
    the three parts of the stack with the most time of their own, and the three functions
    of the site's own code with the most time in all (callees included, so one may contain
    another; those with half the request or more, which wrap it, are left out)."""
    import cProfile
    import pstats

    import home

    site_root = str(Path(home.__file__).resolve().parents[1]) + "/"

    def area_of(filename):
        if filename.startswith(site_root) and "/site-packages/" not in filename:
            return "site: " + filename.removeprefix(site_root).split("/")[0]
        return next((area for part, area in AREAS if part in filename), "Python and other")

    figures = {}
    for name, url in pages.items():
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            uncached_get(client, url)
        profiler.disable()
        areas, functions = {}, {}
        for (filename, line, function), row in pstats.Stats(profiler).stats.items():
            area = area_of(filename)
            areas[area] = areas.get(area, 0) + row[2] * 1000 / requests
            if area.startswith("site: "):
                where = f"{filename.removeprefix(site_root)}:{line}({function})"
                functions[where] = row[3] * 1000 / requests
        total = sum(areas.values())
        # Leave out the views that only wrap the whole request.
        functions = {where: ms for where, ms in functions.items() if ms < 0.5 * total}

        def biggest(costs):
            ranked = sorted(costs.items(), key=lambda item: -item[1])[:3]
            return {key: round(ms, 2) for key, ms in ranked}

        figures[name] = {"areas_ms": biggest(areas), "site_functions_ms": biggest(functions)}
    return figures


def public_pages():
    """Every kind of public page of the German tree besides the directory's, by name."""
    from blog.models import Author, BlogIndexPage, BlogPage, BlogPageTag, BlogPageTopic
    from contact.models import ContactFormPage, JoinFormPage
    from events.models import EventIndexPage, EventPage, EventTopic
    from home.models import ContentPage, HomePage
    from network.models import WorkingGroupIndexPage, WorkingGroupPage

    def live(model):
        return model.objects.live().filter(locale__language_code="de").order_by("path")

    index = live(EventIndexPage).get()
    events = live(EventPage)
    single = (
        events.filter(repeat="").exclude(working_group=None).first()
        or events.filter(repeat="").first()
    )
    series = events.exclude(repeat="").exclude(working_group=None).first()
    topic = EventTopic.objects.filter(page__in=events).order_by("pk").first().topic
    blog = live(BlogIndexPage).get().url
    post = live(BlogPage).first()
    author = Author.objects.filter(locale__language_code="de").order_by("pk").first()
    post_topic = BlogPageTopic.objects.filter(page=post).first().topic
    tag = BlogPageTag.objects.filter(content_object__locale__language_code="de").first().tag
    groups = live(WorkingGroupIndexPage).get()
    group = WorkingGroupPage.objects.live().child_of(groups).order_by("path").first()
    return {
        "home": live(HomePage).get().url,
        "content_page": live(ContentPage).exclude(depth=2).first().url,
        "blog_index": blog,
        "blog_author": f"{blog}authors/{author.slug}/",
        "blog_topic": f"{blog}topics/{post_topic.slug}/",
        "blog_tag": f"{blog}tags/{tag.slug}/",
        "blog_post": post.url,
        "events_index": index.url,
        "events_index_filtered": index.url + f"?topic={topic.slug}",
        "event_single": single.url,
        "event_series": series.url,
        "working_groups_index": groups.url,
        "working_group": group.url,
        "search": "/de/search/",
        "contact_form": live(ContactFormPage).get().url,
        "join_form": live(JoinFormPage).get().url,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--offers", type=int, default=2500)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument(
        "--profile", type=int, default=0, metavar="REQUESTS", help="profile each uncached page"
    )
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="measure the data in DATABASE_URL's database as it is (e.g. load/run.py's)",
    )
    args = parser.parse_args()

    configure()
    from directory_data import generate
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from directory.exchange import import_directory
    from directory.models import DirectoryPage, Offer

    counts, import_seconds = {}, 0
    if not args.reuse_database:
        fresh_demo_database()
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
        "actor_list": page.url + "actors/",
        "actor_detail": page.url + f"actors/{offer.provider.slug}/",
        **public_pages(),
    }
    call_command("ensure_member", username="benchmark-member", stdout=io.StringIO())
    member = Client()
    member.force_login(get_user_model().objects.get(username="benchmark-member"))
    figures["uncached"] = uncached_cpu((client, member), pages, args.rounds, args.batch)
    if args.profile:
        figures["profile"] = profile(client, pages, args.profile)
    figures["load_average"] = [round(load, 2) for load in os.getloadavg()]
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "directory.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
