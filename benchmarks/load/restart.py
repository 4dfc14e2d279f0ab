"""Recovery of the site from a PostgreSQL restart under load.

    .venv/bin/python benchmarks/load/restart.py [--reuse-database] [--load pages|mix]

The site runs as in run.py (gunicorn, production settings, PostgreSQL database
``load_benchmark``, the shared Redis cache) and wrk drives it for ``--seconds``
with the cached pages (``--load pages``) or the mix with searches (``mix``).
Beside it a poller asks every 50 ms (or as soon as the last answer came) for an
offer or actor page with a random query string, which no cache has seen, so
each one needs the database. After ``--restart-after`` seconds PostgreSQL is
restarted with ``pg_ctlcluster --skip-systemctl-redirect VERSION main restart``.

The poller's record shows what visitors lose: the failed requests, the time of
the first and last failure and of the first success after them, which gives the
recovery time; wrk's counts show the errors among the load. Requests that need
the database fail while it is down (in flight, or arriving then); the site
recovers by itself, because the database settings check a persistent
connection before each request (``conn_health_checks``) and open a new one when
the old one died. PostgreSQL is started again if it is not running when the
script ends, whatever happened. The figures go to
benchmarks/results/load_restart.json.
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
    get,
    gunicorn,
    mix,
    prepare,
    remove_collected_static,
    site_urls,
    warm,
    wrk,
)

POLL_INTERVAL = 0.05
DATABASE_ERROR = re.compile(r"^django\.db\.utils\.\w+: (?P<message>.*)$")


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
    """Asks for an uncached page every 50 ms (or as soon as the last one was answered) and
    records the outcome of each: seconds since ``start`` when answered, status or error name.

    The pages are offer and actor pages with a query string of random digits, which
    the page cache has not seen, so each one needs the database.
    """

    def __init__(self, base, paths, start):
        super().__init__(daemon=True)
        self.base, self.paths, self.start_time = base, paths, start
        self.stopping = threading.Event()
        self.record = []
        self.rng = random.Random()

    def run(self):
        next_tick = time.monotonic()
        while not self.stopping.is_set():
            path = f"{self.rng.choice(self.paths)}?{urlencode({'poll': self.rng.random()})}"
            try:
                outcome = get(self.base, path, timeout=10)
            except OSError as error:
                outcome = type(error).__name__
            self.record.append((time.monotonic() - self.start_time, outcome))
            next_tick = max(next_tick + POLL_INTERVAL, time.monotonic())
            self.stopping.wait(next_tick - time.monotonic())


def recovery(record, restart_began, restart_ended):
    """What the poller saw of the restart: failures and when the site answered again."""
    failures = [(answered, outcome) for answered, outcome in record if outcome != 200]
    by_outcome = {}
    for _answered, outcome in failures:
        by_outcome[str(outcome)] = by_outcome.get(str(outcome), 0) + 1
    last_failure = failures[-1][0] if failures else restart_began
    successes = [answered for answered, outcome in record if outcome == 200]
    recovered = next((answered for answered in successes if answered > last_failure), None)
    figures = {
        "polled": len(record),
        "mean_poll_interval_ms": round(record[-1][0] / len(record) * 1000) if record else None,
        "failed": len(failures),
        "failures_by_outcome": by_outcome,
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


def database_errors(log_path):
    """How often each database error ended a request, from gunicorn's log."""
    counts = {}
    for line in log_path.read_text(encoding="utf-8").splitlines():
        found = DATABASE_ERROR.match(line)
        if found:
            reason = found["message"].rsplit("failed: ", 1)[-1].removeprefix("FATAL:").strip()
            counts[reason] = counts.get(reason, 0) + 1
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
    args = parser.parse_args()
    if args.restart_after >= args.seconds - 3:
        parser.error("--restart-after must leave at least 3 s of the run after it")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    try:
        prepare(args)
        urls = site_urls()
        kinds = [kind for kind in WEIGHTS if args.load == "mix" or kind != "search"]
        paths = mix(urls, kinds)
        server = {"workers": args.workers, "threads": args.threads}
        RESULTS.mkdir(exist_ok=True)
        log_path = RESULTS / "load-restart.log"
        with gunicorn("netsite.settings", "/de/", **server, log_path=log_path) as base:
            warm(base, [path for found in urls.values() for path in found])
            load = {}
            loader = threading.Thread(
                target=lambda: load.update(wrk(base, paths, args.seconds, args)),
                daemon=True,
            )
            start = time.monotonic()
            poller = Poller(base, urls["detail"], start)
            loader.start()
            poller.start()
            time.sleep(args.restart_after)
            print("Restarting PostgreSQL")
            restart_began = time.monotonic() - start
            pg_ctlcluster("restart")
            restart_ended = time.monotonic() - start
            loader.join()
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
        "load": {"paths": args.load, **load},
        "poller": recovery(poller.record, restart_began, restart_ended),
        # "terminating connection due to administrator command": the requests in flight.
        "requests_failed_by_database_error": database_errors(log_path),
    }
    (RESULTS / "load_restart.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
