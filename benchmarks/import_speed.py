"""Measure the directory import: wall time, CPU time, and where the time goes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/import_benchmark \\
        .venv/bin/python benchmarks/import_speed.py [--actors 500] [--offers 2500] [--profile]

The database named in DATABASE_URL is emptied and the demo network loaded into it
(create it first: ``createdb -h 127.0.0.1 -U postgres import_benchmark``); then the
benchmark data (``directory_data.py``, 2,000 actors and 10,000 offers by default) is
imported once. Printed and written to benchmarks/results/import.json: the wall time, the
CPU time of this process and of the database's server process, and with ``--profile`` the
cumulative time of each part of the import under cProfile (which slows Python code more
than queries, so the parts are for comparing with each other, not with the wall time; the
whole profile goes to benchmarks/results/import.prof). ``--keep-database`` imports into
the database as it is, e.g. a fresh copy of a database that a first run prepared.
"""

import argparse
import cProfile
import json
import os
import pstats
import tempfile
import time
from pathlib import Path

from production import ROOT, configure, cpu_seconds, fresh_demo_database

# Part of the import -> the functions whose cumulative times make it up (module, name);
# "building" is what planning the entries takes besides validating them (check_entry).
PARTS = {
    "reading": [("directory/exchange/reading.py", "read_source")],
    "validation": [
        ("directory/exchange/validating.py", "check_rows"),
        ("directory/exchange/validating.py", "check_entry"),
    ],
    "building": [
        ("directory/exchange/writing.py", "plan_taxonomies"),
        ("directory/exchange/writing.py", "plan_entries"),
    ],
    "writes": [
        ("directory/exchange/writing.py", "write_taxonomies"),
        ("directory/exchange/writing.py", "write_entries"),
    ],
    "trail": [
        ("directory/exchange/trail.py", "serialised"),
        ("directory/exchange/trail.py", "leave_trail"),
    ],
    "translation_memory": [("directory/exchange/writing.py", "record_translations")],
    "search_index": [("search/signals.py", "directory_written")],
}


def cumulative(stats, module, name):
    """The cumulative seconds of the profiled function ``name`` of ``module``."""
    return sum(
        cumulative_time
        for (path, _line, function), (_cc, _calls, _tt, cumulative_time, _callers) in (
            stats.stats.items()
        )
        if function == name and path.endswith(module)
    )


def breakdown(profile):
    stats = pstats.Stats(profile)
    parts = {
        part: sum(cumulative(stats, module, name) for module, name in functions)
        for part, functions in PARTS.items()
    }
    parts["building"] -= cumulative(stats, "directory/exchange/validating.py", "check_entry")
    parts["total"] = cumulative(stats, "directory/exchange/writing.py", "import_directory")
    parts["rest"] = parts["total"] - sum(value for key, value in parts.items() if key != "total")
    return {part: round(seconds, 2) for part, seconds in parts.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=500, help="actor ids (x4 locales)")
    parser.add_argument("--offers", type=int, default=2500, help="offer ids (x4 locales)")
    parser.add_argument("--profile", action="store_true", help="time the parts with cProfile")
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="import into the database as it is (holding the demo network, no earlier import)",
    )
    args = parser.parse_args()

    configure()
    from directory_data import generate
    from django.db import connection

    import directory
    from directory.exchange import import_directory

    if not args.keep_database:
        fresh_demo_database()
    server = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            server = [cursor.fetchone()[0]]

    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), args.actors, args.offers)
        profile = cProfile.Profile() if args.profile else None
        server_cpu, cpu, wall = cpu_seconds(server), time.process_time(), time.perf_counter()
        if profile:
            profile.enable()
        counts = import_directory(folder).counts
        if profile:
            profile.disable()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        server_cpu = cpu_seconds(server) - server_cpu

    figures = {
        "code": str(Path(directory.__file__).parents[1]),
        "database": connection.vendor,
        "rows": counts,
        "profiled": bool(profile),
        "wall_seconds": round(wall, 1),
        "cpu_seconds": round(cpu, 1),
        "server_cpu_seconds": round(server_cpu, 1),
        "load_average": [round(load, 2) for load in os.getloadavg()],
    }
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    if profile:
        figures["parts_seconds"] = breakdown(profile)
        profile.dump_stats(results / "import.prof")
    (results / "import.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
