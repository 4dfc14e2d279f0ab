"""Measure the site search's relevance: recall@10 and MRR of judged queries in every language.

    .venv/bin/python benchmarks/search_relevance/run.py [--database-url URL] [--engine wagtail]

The database gets the language trees and the directory page the site needs and the
directory of ``directory/``: a fictional district network (actors and offers, originals in
several languages, translated in part) written for this benchmark, with the shipped
vocabulary (``manage.py load_search_vocabulary``); no demo actors, offers, pages or posts.
Without --database-url it is a fresh SQLite database in a temporary folder; a database
given by URL is filled if it has no actors yet and used as it is otherwise.

``judgements.json`` lists queries with the entries a good search shows in its first ten
results, best first, judged from the data alone. ``judgements_fresh.json``
(``--judgements judgements_fresh.json``) is a second set of 223 queries in the seven
languages, visitors' everyday words for needs the directory often meets only in German,
judged before the search was tuned on it: it measures what tuning on the first set no
longer can. The third set, ``judgements_third.json`` (210 queries, 30 per language), is kept
for measuring only: its misses are not read for tuning. ``--engine wagtail`` answers the same
queries with stock Wagtail's search backend on the same data (the locale's live actors
and offers, merged by score), the baseline the site's engine is compared with. The figures
(overall, per language, and every query's) are printed and written to
benchmarks/results/search_relevance.json (search_relevance_wagtail.json for Wagtail;
``_fresh`` before ``.json`` for the second set, ``_third`` for the third).
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

    from directory.exchange import import_directory
    from directory.management.commands.load_directory_demo import DIRECTORY_PAGE
    from directory.models import Actor, DirectoryPage
    from home.demo.translate import page_in_every_language
    from home.languages import complete_language_trees

    call_command("migrate", verbosity=0)
    if not Actor.objects.exists():
        complete_language_trees()  # every content language's locale and home page
        page_in_every_language(DirectoryPage, DIRECTORY_PAGE)
        complete_language_trees()  # the directory page where it has no translation
        import_directory(HERE / "directory", by="benchmarks/search_relevance/run.py")
        call_command("load_search_vocabulary", verbosity=0)  # the vocabulary every site ships


def site_engine():
    """The site's search: query -> locale -> keys of its first results."""
    from wagtail.models import Page

    from directory.models import Actor, Offer
    from search.models import SearchDocument
    from search.query import search

    external = {
        "offer": dict(Offer.objects.values_list("pk", "external_id")),
        "actor": dict(Actor.objects.values_list("pk", "external_id")),
    }
    slugs = dict(Page.objects.values_list("pk", "slug"))
    keys = {}
    for pk, kind, object_id in SearchDocument.objects.values_list("pk", "kind", "object_id"):
        name = external[kind].get(object_id) if kind in external else slugs.get(object_id)
        keys[pk] = f"{kind}:{name}"

    def shown(query, locale):
        return [keys[document.pk] for document in search(query, locale, {}, 1, TOP).results]

    return shown


def wagtail_engine():
    """Stock Wagtail's database backend over the locale's live actors and offers, merged by
    score. The site keeps its directory out of Wagtail's index, so the benchmark indexes it
    here, through proxy models, with the fields a Wagtail site would give it."""
    from django.db import connection
    from modelsearch.abstract_models import TextIDGenericRelation
    from wagtail.search import index
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from directory.models import Actor, Offer

    class IndexedActor(index.Indexed, Actor):
        search_fields = [
            index.SearchField("name", boost=3),
            index.SearchField("summary", boost=2),
            index.SearchField("description"),
            index.FilterField("locale_id"),
            index.FilterField("live"),
        ]

        class Meta:
            proxy = True
            app_label = "directory"

    class IndexedOffer(index.Indexed, Offer):
        search_fields = [
            index.SearchField("title", boost=3),
            index.SearchField("summary", boost=2),
            index.SearchField("description"),
            index.SearchField("eligibility"),
            index.RelatedFields("provider", [index.SearchField("name")]),
            index.FilterField("locale_id"),
            index.FilterField("live"),
        ]

        class Meta:
            proxy = True
            app_label = "directory"

    backend = get_search_backend()
    models = (IndexedActor, IndexedOffer)
    for model in models:
        # the relation the search app gives indexed models when the site starts
        TextIDGenericRelation(IndexEntry).contribute_to_class(model, "index_entries")
        backend.add_bulk(model, list(model.objects.all()))
    # The backend lists its results best first: by FTS5's bm25 ascending on SQLite, by
    # PostgreSQL's rank descending.
    higher_is_better = connection.vendor != "sqlite"

    def shown(query, locale):
        found = []
        for model in models:
            entries = model.objects.filter(locale_id=locale.pk, live=True)
            found += backend.search(query, entries).annotate_score("score")[:TOP]
        found.sort(key=lambda entry: entry.score, reverse=higher_is_better)
        return [
            f"{entry._meta.model_name.removeprefix('indexed')}:{entry.external_id}"
            for entry in found[:TOP]
        ]

    return shown


def judge(judgement, shown):
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=judgement["locale"])
    keys = shown(judgement["query"], locale)
    expected = judgement["expected"]
    ranks = [keys.index(key) + 1 for key in expected if key in keys]
    return {
        "query": judgement["query"],
        "locale": judgement["locale"],
        "recall_at_10": len(ranks) / len(expected),
        "reciprocal_rank": 1 / min(ranks) if ranks else 0.0,
        "missing": [key for key in expected if key not in keys],
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
    parser.add_argument("--engine", choices=["site", "wagtail"], default="site")
    parser.add_argument(
        "--judgements",
        choices=["judgements.json", "judgements_fresh.json", "judgements_third.json"],
        default="judgements.json",
    )
    args = parser.parse_args()
    prepare(
        args.database_url
        or f"sqlite:///{tempfile.mkdtemp(prefix='search-relevance-')}/relevance.sqlite3"
    )
    from django.db import connection

    shown = site_engine() if args.engine == "site" else wagtail_engine()
    judgements = json.loads((HERE / args.judgements).read_text(encoding="utf-8"))
    rows = [judge(judgement, shown) for judgement in judgements]
    languages = list(dict.fromkeys(row["locale"] for row in rows))
    figures = {
        "engine": args.engine,
        "database": connection.vendor,
        "overall": summary(rows),
        "per_language": {
            code: summary([row for row in rows if row["locale"] == code]) for code in languages
        },
        "queries": rows,
    }
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    name = "search_relevance" + ("" if args.engine == "site" else "_wagtail")
    suffixes = {"judgements_fresh.json": "_fresh", "judgements_third.json": "_third"}
    name += suffixes.get(args.judgements, "") + ".json"
    (results / name).write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps({key: value for key, value in figures.items() if key != "queries"}, indent=2))
    for row in rows:
        if row["missing"]:
            print(f"{row['locale']} {row['query']!r}: missing {', '.join(row['missing'])}")


if __name__ == "__main__":
    main()
