"""Measure the site search's relevance on the demo content: recall@10 and MRR of judged queries.

    .venv/bin/python benchmarks/search_relevance/run.py [--database-url URL]

Without --database-url, a fresh SQLite database is built in a temporary folder
and the demo content loaded into it. ``judgements.json`` lists queries with the
entries a good search shows in its first ten results, best first. The figures
(overall, per language, and every query's) are printed and written to
benchmarks/results/search_relevance.json. Every change to ranking should keep
or improve them.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TOP = 10


def prepare(database_url):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netsite.settings")
    os.environ["DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from search.models import SearchDocument

    call_command("migrate", verbosity=0)
    if not SearchDocument.objects.exists():
        for command in ("load_demo", "load_directory_demo", "load_blog_demo", "load_search_demo"):
            call_command(command, verbosity=0)


def document_keys():
    """Search document id -> "offer:<id>", "actor:<id>", "post:<slug>" or "page:<slug>"."""
    from wagtail.models import Page

    from directory.models import Actor, Offer
    from search.models import SearchDocument

    external = {
        "offer": dict(Offer.objects.values_list("pk", "external_id")),
        "actor": dict(Actor.objects.values_list("pk", "external_id")),
    }
    slugs = dict(Page.objects.values_list("pk", "slug"))
    keys = {}
    for pk, kind, object_id in SearchDocument.objects.values_list("pk", "kind", "object_id"):
        name = external[kind].get(object_id) if kind in external else slugs.get(object_id)
        keys[pk] = f"{kind}:{name}"
    return keys


def judge(judgement, keys):
    from wagtail.models import Locale

    from search.query import search

    locale = Locale.objects.get(language_code=judgement["locale"])
    found = search(judgement["query"], locale, {}, 1, TOP)
    shown = [keys[document.pk] for document in found.results]
    expected = judgement["expected"]
    ranks = [shown.index(key) + 1 for key in expected if key in shown]
    return {
        "query": judgement["query"],
        "locale": judgement["locale"],
        "recall_at_10": len(ranks) / len(expected),
        "reciprocal_rank": 1 / min(ranks) if ranks else 0.0,
        "missing": [key for key in expected if key not in shown],
    }


def summary(rows):
    return {
        "queries": len(rows),
        "recall_at_10": round(statistics.mean(row["recall_at_10"] for row in rows), 3),
        "mrr": round(statistics.mean(row["reciprocal_rank"] for row in rows), 3),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="search-relevance-")
    prepare(args.database_url or f"sqlite:///{folder}/relevance.sqlite3")

    keys = document_keys()
    judgements = json.loads((HERE / "judgements.json").read_text(encoding="utf-8"))
    rows = [judge(judgement, keys) for judgement in judgements]
    languages = sorted({row["locale"] for row in rows})
    figures = {
        "overall": summary(rows),
        "per_language": {
            code: summary([row for row in rows if row["locale"] == code]) for code in languages
        },
        "queries": rows,
    }
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "search_relevance.json").write_text(
        json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8"
    )
    print(json.dumps({key: figures[key] for key in ("overall", "per_language")}, indent=2))
    for row in rows:
        if row["missing"]:
            print(f"{row['locale']} {row['query']!r}: missing {', '.join(row['missing'])}")


if __name__ == "__main__":
    main()
