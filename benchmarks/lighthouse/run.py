"""Lighthouse scores of the public pages, served as in production, in German and Arabic.

    npm ci --prefix benchmarks/lighthouse
    .venv/bin/python benchmarks/lighthouse/run.py [--runs N] [--port N] [PAGE ...]

The site runs under gunicorn with DEBUG=0 and its static files collected and
served by WhiteNoise, on the demo content in a fresh database: a temporary
SQLite file, or the database named in DATABASE_URL, which is emptied first.
Lighthouse (the npm package pinned in package.json) drives Debian's Chromium
(CHROME_PATH, /usr/bin/chromium by default) in its default mobile emulation
over the pages of tests/standards (each kind of public page in both
directions of writing). The four category scores of each page are printed as
a table and written to benchmarks/results/lighthouse.json, with the audits
that did not pass; the last full report of each page goes to
benchmarks/results/lighthouse/. With --runs N each page is measured N times
and the run with the median performance score counts.
Targets: accessibility, best practices and SEO 100, performance at least 95;
search results and "my list" are kept out of search engines on purpose, so Lighthouse's
is-crawlable audit is the one SEO failure allowed there. The exit status is 1
when a page misses a target. Run it on an otherwise idle machine: Lighthouse
simulates a slow phone from what it measures, so a busy CPU lowers performance.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from production import (  # noqa: E402 (the benchmarks' shared module, found through HERE)
    ROOT,
    free_port,
    served_demo,
    start_server,
)

from tests.tools import CHROMIUM_ARGS  # noqa: E402 (found through production's ROOT)

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
UNINDEXED_ON_PURPOSE = ("/search/", "/my-list/")


def lighthouse(url, report_path, attempts=3):
    """Run Lighthouse on url in a fresh browser profile and return its report. A run that
    fails to record the page load (Lighthouse's runtime errors such as NO_NAVSTART happen
    now and then in headless Chromium) is repeated."""
    for attempt in range(1, attempts + 1):
        with tempfile.TemporaryDirectory(prefix="lighthouse-profile-") as profile:
            flags = " ".join(CHROMIUM_ARGS + [f"--user-data-dir={profile}"])
            run = subprocess.run(
                [HERE / "node_modules" / ".bin" / "lighthouse", url, "--quiet"]
                + ["--output=json", f"--output-path={report_path}", f"--chrome-flags={flags}"]
                + ["--only-categories=" + ",".join(CATEGORIES)],
                env={
                    **os.environ,
                    "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
                },
            )
        if run.returncode == 0:
            return json.loads(report_path.read_text(encoding="utf-8"))
        print(f"Lighthouse failed on {url} (attempt {attempt} of {attempts})", file=sys.stderr)
    raise SystemExit(f"Lighthouse could not measure {url}")


def summary(report):
    """The category scores (0-100) and, per category, the audits that count towards it but
    did not pass."""
    categories = report["categories"]
    failing = {}
    for name in CATEGORIES:
        for ref in categories[name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                detail = audit.get("displayValue") or audit["title"]
                failing.setdefault(name, {})[ref["id"]] = detail
    return {
        "scores": {name: round(categories[name]["score"] * 100) for name in CATEGORIES},
        "failing_audits": failing,
    }


def missed_targets(path, figure):
    """The categories whose target the page misses. Search results and a visitor's "my list"
    ask search engines not to index them (a noindex meta tag; search also in robots.txt),
    which Lighthouse's is-crawlable audit counts against SEO; those pages meet the SEO target
    when nothing else fails."""
    missed = [name for name, target in TARGETS.items() if figure["scores"][name] < target]
    unindexed_on_purpose = urlsplit(path).path.endswith(UNINDEXED_ON_PURPOSE)
    if (
        "seo" in missed
        and unindexed_on_purpose
        and figure["failing_audits"]["seo"].keys() == {"is-crawlable"}
    ):
        missed.remove("seo")
    return missed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="default: a free one")
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="runs per page; the run with the median performance counts",
    )
    parser.add_argument("paths", nargs="*", help="only these pages (default: all of them)")
    args = parser.parse_args()
    if not (HERE / "node_modules" / ".bin" / "lighthouse").exists():
        raise SystemExit("Lighthouse is missing: npm ci --prefix benchmarks/lighthouse")

    from tests.standards import PAGES

    workdir = served_demo("lighthouse-benchmark-")

    results = ROOT / "benchmarks" / "results"
    reports = results / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    figures = {}
    with open(workdir / "gunicorn.log", "w", encoding="utf-8") as log:
        port = args.port or free_port()
        server = start_server(ROOT, port, log)
        try:
            for path in args.paths or [path for paths in PAGES.values() for path in paths]:
                name = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")
                url = f"http://localhost:{port}{path}"
                runs = [
                    summary(lighthouse(url, reports / f"{name}.json")) for _ in range(args.runs)
                ]
                runs.sort(key=lambda run: run["scores"]["performance"])
                figures[path] = runs[len(runs) // 2]
        finally:
            server.terminate()
            server.wait()

    (results / "lighthouse.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    width = max(len(path) for path in figures)
    print(f"{'page':<{width}}  " + "  ".join(f"{name:>14}" for name in CATEGORIES))
    for path, figure in figures.items():
        scores = figure["scores"]
        print(f"{path:<{width}}  " + "  ".join(f"{scores[name]:>14}" for name in CATEGORIES))
    misses = {path: missed_targets(path, figure) for path, figure in figures.items()}
    misses = {path: missed for path, missed in misses.items() if missed}
    for path, missed in misses.items():
        print(f"\n{path} misses the target in {', '.join(missed)}; audits not passed:")
        for category in missed:
            for audit_id, detail in figures[path]["failing_audits"][category].items():
                print(f"  {category} / {audit_id}: {detail}")
    sys.exit(1 if misses else 0)


if __name__ == "__main__":
    main()
