"""Throughput of the site under gunicorn, driven by wrk, against a trivial Django view.

    .venv/bin/python benchmarks/load/run.py [--reuse-database] [--workers 2 --threads 4]

The site runs as in production: gunicorn (2 workers of 4 threads, which keep
connections open; sync workers close each one), ``DEBUG=0``, PostgreSQL (the database
``load_benchmark``, created when missing, emptied and rebuilt unless
``--reuse-database`` finds the data of an earlier run), a Redis cache that the
workers share (database 7 of the local Redis, emptied at the start), static
files collected and served by WhiteNoise, plain HTTP. The data is the demo
network plus the directory's benchmark data (2,000 actors and 10,000 offers in
four languages) and the search benchmark's 200 pages and 500 posts.

The URLs are home pages, directory lists with and without filters, offer and
actor pages, the blog index and posts, and searches, in de, en, ar and uk.
Every URL is fetched once (it must answer 200), which fills the cache; then
wrk (``-t2 -c16``, ``urls.lua`` drawing paths at random and asking for gzip as
browsers do) measures, after 3 s not counted, for 20 s each:

- ``pages``: every page but the search, which the page cache may answer;
- ``mix``: the same with searches among them (15 % of the requests);
- ``search``: searches only (not run unless named in ``--scenarios``);
- ``ceiling``: the same settings and middleware with a URLconf of one view
  returning ``HttpResponse("ok")`` (``ceiling_settings.py``, ``ceiling.py``).

Besides requests per second and latency (p50, p95, p99), each run reports the CPU
time per request of gunicorn's processes (``app_cpu_ms``) and of the PostgreSQL
backends connected to the benchmark database (``database_cpu_ms``; none when a
connection ended during the run, as its time is lost), read from ``/proc`` before
and after it, so that the cost of a request compares with the
ceiling's on the same machine whatever else runs on it.

The scenarios take turns for ``--rounds`` rounds (3), so that other work on the
machine weighs on each alike; each is reported by its median round, with the
errors of all rounds (answers outside 2xx/3xx, socket errors). Targets:
``pages`` reaches at least half the ceiling's requests per second, with no
errors; ``search`` answers at least 150 requests/s with a p95 under 100 ms and
at most 25 ms of CPU per search. The table is printed and the figures go to
benchmarks/results/load.json (gunicorn's logs beside it). ``restart.py``
restarts PostgreSQL under load and measures the recovery.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from directory_data import generate
from production import ROOT, configure, cpu_seconds, fresh_demo_database

HERE = Path(__file__).resolve().parent
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/load_benchmark"
REDIS_URL = "redis://127.0.0.1:6379/7"
LANGUAGES = ["de", "en", "ar", "uk"]
# Share of the requests per kind of URL in the mix.
WEIGHTS = {
    "home": 10,
    "directory": 20,
    "directory_filtered": 15,
    "detail": 25,
    "blog": 15,
    "search": 15,
}
RESULTS = ROOT / "benchmarks" / "results"


def create_database(url):
    """Create the database named in ``url`` unless it exists."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))


def has_benchmark_data():
    from django.db import connection

    from directory.models import Offer

    return Offer._meta.db_table in connection.introspection.table_names() and (
        Offer.objects.filter(external_id__startswith="bench-offer-").exists()
    )


def build(actors, offers, pages, posts):
    """The demo network, the directory's benchmark data, pages, posts and the search index."""
    from django.db import connection
    from search_speed import add_pages_and_posts

    from directory.exchange import import_directory
    from search.documents import rebuild

    fresh_demo_database()
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), actors, offers)
        import_directory(folder)
    add_pages_and_posts(pages, posts)
    rebuild()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def prepare(args):
    """Production settings in this process, the database built (or reused), the cache empty."""
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["REDIS_URL"] = args.redis_url
    create_database(args.database_url)
    configure()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    if args.reuse_database and has_benchmark_data():
        call_command("migrate", verbosity=0)
        print("Reusing the benchmark data in the database")
    else:
        print("Building the database (a few minutes)")
        start = time.perf_counter()
        build(args.actors, args.offers, args.pages, args.posts)
        print(f"Built in {time.perf_counter() - start:.0f} s")
    cache.clear()
    connection.close()


def remove_collected_static():
    """Delete the folder that ``configure`` collected the static files into."""
    if "STATIC_ROOT" in os.environ:
        shutil.rmtree(os.environ["STATIC_ROOT"], ignore_errors=True)


def site_urls(per_kind=10, seed=3):
    """Paths of each kind of page in each of the four languages."""
    from search_speed import FACETS, QUERIES
    from wagtail.models import Locale

    from blog.models import BlogIndexPage, BlogPage
    from directory.filters import public_actors, public_offers
    from directory.models import DirectoryPage, Place, TargetGroup, Topic
    from home.models import HomePage

    rng = random.Random(seed)
    topics = sorted(set(Topic.objects.values_list("slug", flat=True)))
    places = sorted(set(Place.objects.values_list("slug", flat=True)))
    groups = sorted(set(TargetGroup.objects.values_list("slug", flat=True)))
    urls = {kind: [] for kind in WEIGHTS}
    for code in LANGUAGES:
        locale = Locale.objects.get(language_code=code)
        urls["home"].append(HomePage.objects.live().get(locale=locale).url)
        directory = DirectoryPage.objects.live().get(locale=locale).url
        urls["directory"] += [directory, f"{directory}?page=2", f"{directory}?page=7"]
        urls["directory"] += [f"{directory}actors/", f"{directory}actors/?page=3"]
        filters = [
            {"topic": "counselling", "language": "ar", "free": "1"},
            {"topic": rng.choice(topics)},
            {"place": rng.choice(places)},
            {"target_group": rng.choice(groups), "sort": "newest"},
            {"topic": rng.choice(topics), "place": rng.choice(places), "page": "2"},
        ]
        urls["directory_filtered"] += [f"{directory}?{urlencode(query)}" for query in filters]
        urls["directory_filtered"] += [
            f"{directory}actors/?{urlencode({'kind': 'association'})}",
            f"{directory}actors/?{urlencode({'place': rng.choice(places)})}",
        ]
        offers = list(public_offers(locale).order_by("pk").values_list("slug", flat=True))
        actors = list(public_actors(locale).order_by("pk").values_list("slug", flat=True))
        urls["detail"] += [f"{directory}offers/{slug}/" for slug in rng.sample(offers, per_kind)]
        urls["detail"] += [f"{directory}actors/{slug}/" for slug in rng.sample(actors, per_kind)]
        blog = BlogIndexPage.objects.live().get(locale=locale).url
        posts = list(BlogPage.objects.live().filter(locale=locale).order_by("pk"))
        urls["blog"] += [blog, f"{blog}?page=2"]
        urls["blog"] += [post.url for post in rng.sample(posts, min(per_kind, len(posts)))]
        for query in rng.sample(QUERIES[code], per_kind):
            params = {"q": query, **rng.choice(FACETS)}
            urls["search"].append(f"/{code}/search/?{urlencode(params)}")
    return urls


def mix(urls, kinds, count=2000, seed=5):
    """``count`` paths of the given kinds, each kind as often as its weight says."""
    rng = random.Random(seed)
    weights = [WEIGHTS[kind] for kind in kinds]
    return [rng.choice(urls[kind]) for kind in rng.choices(kinds, weights, k=count)]


class Server(NamedTuple):
    """A running gunicorn: its base URL and the process id of its master."""

    url: str
    pid: int


def children(pid):
    """The process ids of the children of ``pid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def database_backends(database_url):
    """The process ids of the PostgreSQL backends connected to the database of ``database_url``."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(database_url)
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"] or None,
        dbname=config["NAME"],
    ) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
    return [pid for (pid,) in rows]


def server_cpu(server, database_url):
    """CPU seconds used so far by the gunicorn ``server`` (master and workers) and by the
    database backends connected to its database, with those backends' ids."""
    backends = database_backends(database_url)
    return {
        "app": cpu_seconds([server.pid, *children(server.pid)]),
        "database": cpu_seconds(backends),
        "backends": set(backends),
    }


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(base, path, timeout=10):
    """The status and headers of a GET of ``path`` (redirects are not followed)."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.headers
    finally:
        connection.close()


def get(base, path, timeout=10):
    """The status of a GET of ``path`` (redirects are not followed)."""
    return fetch(base, path, timeout)[0]


@contextmanager
def gunicorn(settings_module, ready_path, workers, threads, log_path):
    """A gunicorn serving the site with ``settings_module``; yields it as a ``Server``."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "netsite.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
        "--pythonpath", str(HERE), "--error-logfile", "-", "--no-control-socket",
    ]  # fmt: skip
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {log_path}")
            try:
                if get(base, ready_path) == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not answer {ready_path}; see {log_path}")
            time.sleep(0.2)
        yield Server(base, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def warm(base, paths):
    """Fetch each path once; every one must answer 200."""
    failures = {}
    for path in dict.fromkeys(paths):
        status = get(base, path, timeout=30)
        if status != 200:
            failures[path] = status
    if failures:
        raise SystemExit(f"Pages that did not answer 200: {failures}")


def wrk(base, paths, seconds, args):
    """Run wrk over ``paths`` and return its figures (latency in milliseconds)."""
    with tempfile.TemporaryDirectory() as folder:
        path_file = Path(folder) / "paths.txt"
        path_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
        command = [
            "wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{seconds}s",
            "--timeout", "10s", "-s", str(HERE / "urls.lua"), base,
            "--", str(path_file), args.accept_encoding,
        ]  # fmt: skip
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    raw = json.loads(line.removeprefix("RESULT "))
    socket_errors = sum(
        raw[name] for name in ("connect_errors", "read_errors", "write_errors", "timeouts")
    )
    return {
        "requests": raw["requests"],
        "requests_per_second": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "kib_per_request": round(raw["bytes"] / max(raw["requests"], 1) / 1024, 1),
        "p50_ms": round(raw["latency_p50_us"] / 1000, 1),
        "p90_ms": round(raw["latency_p90_us"] / 1000, 1),
        "p95_ms": round(raw["latency_p95_us"] / 1000, 1),
        "p99_ms": round(raw["latency_p99_us"] / 1000, 1),
        "max_ms": round(raw["latency_max_us"] / 1000, 1),
        "non_2xx_3xx": raw["status_errors"],
        "socket_errors": socket_errors,
        "socket_errors_by_kind": {
            name: raw[name]
            for name in ("connect_errors", "read_errors", "write_errors", "timeouts")
        },
    }


def measure(server, paths, args):
    """A short wrk run that is not counted (every worker warm), then the measured one, with
    the server's CPU time per request in milliseconds."""
    if args.warmup_seconds:
        wrk(server.url, paths, args.warmup_seconds, args)
    before = server_cpu(server, args.database_url)
    figures = wrk(server.url, paths, args.seconds, args)
    after = server_cpu(server, args.database_url)
    for part in ("app", "database"):
        used = after[part] - before[part]
        figures[f"{part}_cpu_ms"] = round(used * 1000 / max(figures["requests"], 1), 2)
    if before["backends"] != after["backends"]:  # a connection ended: its time is lost
        figures["database_cpu_ms"] = None
    return figures


def median_run(runs):
    """The run with the median requests per second, with every run's rate and all errors."""
    ranked = sorted(runs, key=lambda run: run["requests_per_second"])
    figures = dict(ranked[(len(ranked) - 1) // 2])
    figures["requests_per_second_each_round"] = [run["requests_per_second"] for run in runs]
    figures["load_average_each_round"] = [run["load"] for run in runs]
    figures["non_2xx_3xx"] = sum(run["non_2xx_3xx"] for run in runs)
    figures["socket_errors"] = sum(run["socket_errors"] for run in runs)
    figures["requests_all_rounds"] = sum(run["requests"] for run in runs)
    del figures["socket_errors_by_kind"], figures["load"]
    return figures


def commit():
    run = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
    )
    return run.stdout.strip()


def table(scenarios):
    header = (
        f"{'scenario':10} {'requests':>9} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
        f" {'app cpu ms':>10} {'db cpu ms':>9}"
    )
    lines = [header + f" {'non-2xx/3xx':>11} {'socket err':>10}"]
    for name, figures in scenarios.items():
        database_cpu = "-" if figures["database_cpu_ms"] is None else figures["database_cpu_ms"]
        lines.append(
            f"{name:10} {figures['requests']:>9} {figures['requests_per_second']:>8} "
            f"{figures['p50_ms']:>7} {figures['p95_ms']:>7} {figures['p99_ms']:>7} "
            f"{figures['app_cpu_ms']:>10} {database_cpu:>9} "
            f"{figures['non_2xx_3xx']:>11} {figures['socket_errors']:>10}"
        )
    return "\n".join(lines)


def add_arguments(parser):
    """Options shared with restart.py."""
    parser.add_argument("--database-url", default=DATABASE_URL, help="emptied and rebuilt")
    parser.add_argument("--redis-url", default=REDIS_URL, help="a Redis database of its own")
    parser.add_argument(
        "--reuse-database", action="store_true", help="keep the data of an earlier run"
    )
    parser.add_argument("--actors", type=int, default=500, help="actor ids (x4 locales)")
    parser.add_argument("--offers", type=int, default=2500, help="offer ids (x4 locales)")
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--accept-encoding", default="gzip", help="wrk's Accept-Encoding header ('' for none)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--seconds", type=int, default=20, help="of each measured wrk run")
    parser.add_argument("--warmup-seconds", type=int, default=3, help="of a run not counted")
    parser.add_argument("--rounds", type=int, default=3, help="of each scenario, interleaved")
    parser.add_argument(
        "--scenarios", default="pages,mix,ceiling", help="of pages, mix, search, ceiling"
    )
    args = parser.parse_args()
    scenarios = args.scenarios.split(",")

    prepare(args)
    from django.conf import settings

    urls = site_urls()
    paths = {
        "pages": mix(urls, [kind for kind in WEIGHTS if kind != "search"]),
        "mix": mix(urls, list(WEIGHTS)),
        "search": urls["search"],
        "ceiling": ["/"],
    }
    RESULTS.mkdir(exist_ok=True)
    server = {"workers": args.workers, "threads": args.threads}
    runs = {name: [] for name in scenarios}
    try:
        with ExitStack() as servers:
            site = servers.enter_context(
                gunicorn("netsite.settings", "/de/", **server, log_path=RESULTS / "load.log")
            )
            ceiling = servers.enter_context(
                gunicorn("ceiling_settings", "/", **server, log_path=RESULTS / "load-ceiling.log")
            )
            warm(site.url, [path for found in urls.values() for path in found])
            for round_number in range(1, args.rounds + 1):
                for name in scenarios:
                    base = ceiling if name == "ceiling" else site
                    load = round(os.getloadavg()[0], 1)
                    print(f"Round {round_number}: {name} (load average {load})")
                    runs[name].append({**measure(base, paths[name], args), "load": load})
    finally:
        remove_collected_static()

    measured = {name: median_run(found) for name, found in runs.items()}
    figures = {
        "commit": commit(),
        "page_cache": [name for name in settings.MIDDLEWARE if name.startswith("home.cache")],
        "gunicorn": server,
        "wrk": {
            "threads": args.wrk_threads,
            "connections": args.connections,
            "accept_encoding": args.accept_encoding,
        },
        "seconds": args.seconds,
        "rounds": args.rounds,
        "urls": {kind: len(found) for kind, found in urls.items()},
        "scenarios": measured,
    }
    if "pages" in measured and "ceiling" in measured:
        figures["pages_to_ceiling"] = round(
            measured["pages"]["requests_per_second"] / measured["ceiling"]["requests_per_second"],
            2,
        )
    (RESULTS / "load.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(table(measured))
    if "pages_to_ceiling" in figures:
        print(f"pages / ceiling: {figures['pages_to_ceiling']} (target at least 0.5)")
    print(f"commit {figures['commit']}, page cache: {figures['page_cache'] or 'none'}")


if __name__ == "__main__":
    main()
