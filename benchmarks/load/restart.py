"""Recovery of the site from a PostgreSQL restart or outage under load.

    .venv/bin/python benchmarks/load/restart.py [--reuse-database] [--load pages|mix]
        [--outage SECONDS]

The site runs as in run.py (gunicorn, production settings, PostgreSQL database
``load_benchmark``, the shared Redis cache) and wrk drives it for ``--seconds``
with the cached pages (``--load pages``) or the mix with searches (``mix``).
Beside it two pollers ask every 50 ms (or as soon as the last answer came): one
for an offer or actor page with a random query string, which no cache has seen,
so each one needs the database; the other for the home, directory and blog
pages that warming put into the page cache. After ``--restart-after`` seconds
PostgreSQL is restarted with ``pg_ctlcluster --skip-systemctl-redirect VERSION
main restart``, or, with ``--outage``, stopped for that many seconds and started
again.

The pollers' records show what visitors get: for the uncached pages the failed
requests by status (503 with ``Retry-After`` while the database is down, no
500), the time of the first and last failure and of the first success after
them, which gives the recovery time; for the cached pages, that they keep
answering 200. wrk's counts show the errors among the load, and gunicorn's log
one line per failed request with its reason. The site recovers by itself,
because the database settings check a persistent connection before each
request (``conn_health_checks``) and open a new one when the old one died.
PostgreSQL is started again if it is not running when the script ends,
whatever happened. The figures go to benchmarks/results/load_restart.json.

It stops the machine's PostgreSQL cluster: run it only where nothing else
uses that cluster.
"""

import argparse
import json
import random
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from run import (
    RESULTS,
    WEIGHTS,
    add_arguments,
    commit,
    fetch,
    gunicorn,
    mix,
    prepare,
    remove_collected_static,
    site_urls,
    warm,
    wrk,
)

POLL_INTERVAL = 0.05
# A request error's line in the log (home/operations.py).
REQUEST_ERROR = re.compile(
    r"^\w+ home\.requests \[\S+\] \S+ \S+ (?P<status>\d{3})"
    r"(?: (?P<error>\w+)(?: \((?P<reason>.*?)\))?(?: at .*)?)?$"
)


def cluster_version():
    return sorted(path.name for path in Path("/etc/postgresql").iterdir())[-1]


def pg_ctlcluster(action):
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster_version(), "main", action],
        check=True,
    )


def postgres_running():
    status = subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster_version(), "main", "status"],
        capture_output=True,
    )
    return status.returncode == 0


def ensure_postgres_running():
    if not postgres_running():
        print("Starting PostgreSQL again")
        pg_ctlcluster("start")


class Poller(threading.Thread):
    """Asks for a page every 50 ms (or as soon as the last one was answered) and records the
    outcome of each: seconds since ``start`` when answered, status or error name, and
    whether the answer said when to retry.

    With ``fresh``, each path gets a query string of random digits, which the page cache
    has not seen, so each one needs the database.
    """

    def __init__(self, base, paths, start, fresh):
        super().__init__(daemon=True)
        self.base, self.paths, self.start_time, self.fresh = base, paths, start, fresh
        self.stopping = threading.Event()
        self.record = []
        self.rng = random.Random()

    def run(self):
        next_tick = time.monotonic()
        while not self.stopping.is_set():
            path = self.rng.choice(self.paths)
            if self.fresh:
                path = f"{path}?{urlencode({'poll': self.rng.random()})}"
            try:
                outcome, headers = fetch(self.base, path)
                retry_after = "Retry-After" in headers
            except OSError as error:
                outcome, retry_after = type(error).__name__, False
            self.record.append((time.monotonic() - self.start_time, outcome, retry_after))
            next_tick = max(next_tick + POLL_INTERVAL, time.monotonic())
            self.stopping.wait(next_tick - time.monotonic())


def recovery(record, restart_began, restart_ended):
    """What a poller saw of the restart: failures and when the site answered again."""
    failures = [(answered, outcome) for answered, outcome, _retry in record if outcome != 200]
    told_when = [retry for _answered, outcome, retry in record if outcome != 200 and retry]
    by_outcome = {}
    for _answered, outcome in failures:
        by_outcome[str(outcome)] = by_outcome.get(str(outcome), 0) + 1
    last_failure = failures[-1][0] if failures else restart_began
    successes = [answered for answered, outcome, _retry in record if outcome == 200]
    recovered = next((answered for answered in successes if answered > last_failure), None)
    figures = {
        "polled": len(record),
        "mean_poll_interval_ms": round(record[-1][0] / len(record) * 1000) if record else None,
        "failed": len(failures),
        "failures_by_outcome": by_outcome,
        "failures_with_retry_after": len(told_when),
        "restart_began_s": round(restart_began, 3),
        "restart_command_took_s": round(restart_ended - restart_began, 3),
        "first_failure_s": round(failures[0][0], 3) if failures else None,
        "last_failure_s": round(last_failure, 3) if failures else None,
        "first_success_after_s": round(recovered, 3) if recovered else None,
        "recovered_after_restart_began_s": (
            round(recovered - restart_began, 3) if recovered else None
        ),
    }
    return figures


def request_errors(log_path):
    """How often each status and reason ended a request, from the site's log in gunicorn's."""
    counts = {}
    for line in log_path.read_text(encoding="utf-8").splitlines():
        found = REQUEST_ERROR.match(line)
        if found:
            reason = " ".join(part for part in (found["error"], found["reason"]) if part)
            key = f"{found['status']} {reason}".strip()
            counts[key] = counts.get(key, 0) + 1
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    parser.add_argument("--seconds", type=int, default=20, help="of the wrk run")
    parser.add_argument("--restart-after", type=float, default=6, help="seconds into the run")
    parser.add_argument(
        "--load",
        choices=["pages", "mix"],
        default="pages",
        help="wrk's paths: the cached pages, or the mix with searches",
    )
    parser.add_argument(
        "--outage",
        type=float,
        default=0,
        help="stop PostgreSQL for this many seconds instead of restarting it",
    )
    args = parser.parse_args()
    if args.restart_after + args.outage >= args.seconds - 3:
        parser.error("--restart-after and --outage must leave at least 3 s of the run after them")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    try:
        prepare(args)
        urls = site_urls()
        kinds = [kind for kind in WEIGHTS if args.load == "mix" or kind != "search"]
        paths = mix(urls, kinds)
        server = {"workers": args.workers, "threads": args.threads}
        RESULTS.mkdir(exist_ok=True)
        log_path = RESULTS / "load-restart.log"
        with gunicorn("netsite.settings", "/de/", **server, log_path=log_path) as site:
            base = site.url
            warm(base, [path for found in urls.values() for path in found])
            load = {}
            loader = threading.Thread(
                target=lambda: load.update(wrk(base, paths, args.seconds, args)),
                daemon=True,
            )
            start = time.monotonic()
            cached = [path for kind in ("home", "directory", "blog") for path in urls[kind]]
            pollers = {
                "uncached": Poller(base, urls["detail"], start, fresh=True),
                "cached": Poller(base, cached, start, fresh=False),
            }
            loader.start()
            for poller in pollers.values():
                poller.start()
            time.sleep(args.restart_after)
            restart_began = time.monotonic() - start
            if args.outage:
                print(f"Stopping PostgreSQL for {args.outage} s")
                pg_ctlcluster("stop")
                time.sleep(args.outage)
                pg_ctlcluster("start")
            else:
                print("Restarting PostgreSQL")
                pg_ctlcluster("restart")
            restart_ended = time.monotonic() - start
            loader.join()
            for poller in pollers.values():
                poller.stopping.set()
                poller.join()
    finally:
        ensure_postgres_running()
        remove_collected_static()

    figures = {
        "commit": commit(),
        "gunicorn": server,
        "wrk": {
            "threads": args.wrk_threads,
            "connections": args.connections,
            "accept_encoding": args.accept_encoding,
        },
        "seconds": args.seconds,
        "database": f"stopped for {args.outage} s" if args.outage else "restarted",
        "load": {"paths": args.load, **load},
        "pollers": {
            name: recovery(poller.record, restart_began, restart_ended)
            for name, poller in pollers.items()
        },
        # "terminating connection due to administrator command": the requests in flight;
        # "connection failed: …": those that arrived while the database was down.
        "request_errors": request_errors(log_path),
    }
    (RESULTS / "load_restart.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
