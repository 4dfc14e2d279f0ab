"""Measure the site search on a large site: index rebuild, search and suggestion times.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_benchmark \\
        .venv/bin/python benchmarks/search_speed.py [--actors 500] [--offers 2500] [--demo]
        [--reuse-database]

The database named in DATABASE_URL is emptied and rebuilt (create it first:
``createdb -h 127.0.0.1 -U postgres search_benchmark``): the demo network, the
directory's benchmark data (by default 2,000 actors and 10,000 offers in four
languages), 200 pages and 500 blog posts; with ``--demo``, the demo network alone.
``--reuse-database`` searches the documents of an earlier run instead (or of
``load/run.py``'s database), without building or timing the index, so that two
versions of the site can be measured on the same data one after the other.
Then 200 realistic queries in four languages (some with a facet chosen, some with
typos) are replayed in-process and the server time of each is taken; likewise 200
suggestion requests. Each query is searched twice (with different facets): the
searches are also reported apart as ``first`` (the engine ranks the query) and
``repeated`` (its matches come from the cache). ``cpu_ms`` is the CPU time per
request of this process and, on PostgreSQL, ``database_cpu_ms`` that of its
database backend. Targets: p95 under 150 ms for searches with facets, under 30
ms for suggestions; at most 10 ms of CPU per search on the demo (SQLite), 25 ms
on the benchmark data. The figures go to benchmarks/results/search.json
(``search-demo.json`` with ``--demo``).
"""

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from production import ROOT, configure, cpu_seconds, fresh_demo_database

QUERIES = {
    "de": [
        "Deutschkurs", "Beratung", "Kinderbetreuung", "Wohnung", "Kurs für Frauen",
        "Hilfe", "Treffpunkt", "Sprechstunde", "Anerkennung", "Jobcenter", "Kinderbetreung",
        "Gefluchtete", "Werkstatt", "Café", "Begleitung Arzt", "Migrationsberatung",
        "Integrationskurs", "Gesundheit", "Schule", "Ausbildung", "Asyl", "Sport",
        "Beratung Wohnen", "Gruppe", "Wohnug",
    ],
    "en": [
        "German course", "counselling", "childcare", "housing", "course for women",
        "help", "meeting point", "consultation", "recognition", "job", "chilcare",
        "refugees", "workshop", "café", "doctor", "migration counselling",
        "integration course", "health", "school", "training", "asylum", "sports",
        "housing advice", "group", "counseling",
    ],
    "ar": [
        "دورة لغة ألمانية", "استشارة", "رعاية الأطفال", "سكن", "دورة للنساء", "مساعدة",
        "ملتقى", "استقبال", "الاعتراف بالشهادات", "عمل", "اللغه الالمانيه", "لاجئين",
        "ورشة", "مقهى", "مرافقة", "استشارة الهجرة", "دورة الاندماج", "صحة", "مدرسة",
        "تدريب مهني", "لجوء", "رياضة", "مساعدة في السكن", "مجموعة", "اللُّغَة",
    ],
    "uk": [
        "курси німецької", "консультація", "дитячий садок", "житло", "курс для жінок",
        "допомога", "зустріч", "прийом", "визнання дипломів", "робота", "ЖИТЛО",
        "біженці", "майстерня", "кафе", "супровід", "міграційна консультація",
        "інтеграційний курс", "здоров'я", "школа", "навчання", "притулок", "спорт",
        "допомога з житлом", "група", "консультацыя",
    ],
}  # fmt: skip
FACETS = [{}, {}, {"type": "offer"}, {"place": "lindenau"}, {"topic": "counselling"}]
PAGE_WORDS = {
    "de": "Netzwerk Arbeitsgruppe Treffen Beratung Sprache Wohnung Schule Ehrenamt Familie",
    "en": "network working group meeting counselling language housing school volunteers family",
    "ar": "شبكة مجموعة عمل لقاء استشارة لغة سكن مدرسة تطوع عائلة",
    "uk": "мережа робоча група зустріч консультація мова житло школа волонтери родина",
}


def database_pid():
    """The process id of this process's PostgreSQL backend, or None on SQLite."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def summary(durations, cpu_ms):
    """Percentiles of ``durations`` (milliseconds) and the mean of ``cpu_ms``."""
    durations = sorted(durations)
    return {
        "requests": len(durations),
        "p50_ms": round(statistics.median(durations), 1),
        "p95_ms": round(durations[max(int(len(durations) * 0.95) - 1, 0)], 1),
        "max_ms": round(durations[-1], 1),
        "cpu_ms": round(statistics.mean(cpu_ms), 2),
    }


def timed(client, urls, groups=None):
    """Server time and CPU time of each URL once (after one warm-up of the first), in
    milliseconds; ``groups``: the name of each URL's group, reported apart as well."""
    client.get(urls[0])
    backend = [pid for pid in [database_pid()] if pid]
    database_before = cpu_seconds(backend)
    durations, cpu = [], []
    for url in urls:
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        durations.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    figures = summary(durations, cpu)
    if backend:
        used = cpu_seconds(backend) - database_before
        figures["database_cpu_ms"] = round(used * 1000 / len(urls), 2)
    for name in dict.fromkeys(groups or []):
        chosen = [index for index, group in enumerate(groups) if group == name]
        figures[name] = summary([durations[i] for i in chosen], [cpu[i] for i in chosen])
    return figures


def add_pages_and_posts(pages, posts, seed=11):
    """Live content pages and blog posts with generated text in each demo language."""
    from wagtail.models import Locale, Site

    from blog.models import BlogIndexPage, BlogPage
    from home.models import ContentPage

    rng = random.Random(seed)
    home = Site.objects.get(is_default_site=True).root_page
    languages = list(PAGE_WORDS)
    for number in range(pages):
        code = languages[number % len(languages)]
        parent = home.get_translation(Locale.objects.get(language_code=code))
        words = PAGE_WORDS[code].split()
        parent.add_child(
            instance=ContentPage(
                title=" ".join(rng.sample(words, 3)),
                slug=f"bench-page-{number}",
                intro=" ".join(rng.choice(words) for _ in range(40)),
            )
        )
    indexes = {index.locale.language_code: index for index in BlogIndexPage.objects.all()}
    for number in range(posts):
        code = languages[number % len(languages)]
        words = PAGE_WORDS[code].split()
        indexes[code].add_child(
            instance=BlogPage(
                title=" ".join(rng.sample(words, 4)),
                slug=f"bench-post-{number}",
                teaser=" ".join(rng.choice(words) for _ in range(25)),
                body=[
                    ("paragraph", "<p>" + " ".join(rng.choice(words) for _ in range(200)) + "</p>")
                ],
            )
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--offers", type=int, default=2500)
    parser.add_argument("--demo", action="store_true", help="the demo network alone")
    parser.add_argument(
        "--reuse-database", action="store_true", help="search the documents already there"
    )
    args = parser.parse_args()

    configure()
    from directory_data import generate
    from django.db import connection
    from django.test import Client

    from directory.exchange import import_directory
    from search.documents import rebuild
    from search.models import SearchDocument

    if args.reuse_database and SearchDocument.objects.exists():
        documents, rebuild_seconds = SearchDocument.objects.count(), None
    else:
        fresh_demo_database()
        if not args.demo:
            with tempfile.TemporaryDirectory() as folder:
                generate(Path(folder), args.actors, args.offers)
                import_directory(folder)
            add_pages_and_posts(200, 500)
        start = time.perf_counter()
        documents = rebuild()
        rebuild_seconds = round(time.perf_counter() - start, 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument, search_searchterm")

    searches, suggestions, queried, groups = [], [], set(), []
    languages = list(QUERIES)
    for number in range(200):
        code = languages[number % len(languages)]
        query = QUERIES[code][number // len(languages) % len(QUERIES[code])]
        facets = FACETS[number % len(FACETS)]
        url = f"/{code}/search/?{urlencode({'q': query, **facets})}"
        searches.append(url)
        groups.append("repeated" if (code, query) in queried else "first")
        queried.add((code, query))
        suggestions.append(f"/{code}/search/suggest/?{urlencode({'q': query[:4]})}")
    client = Client()
    figures = {
        "database": connection.vendor,
        "documents": documents,
        "by_kind": {
            kind: SearchDocument.objects.filter(kind=kind).count()
            for kind in SearchDocument.Kind.values
        },
        "rebuild_seconds": rebuild_seconds,
        "demo_only": args.demo,
        "search": timed(client, searches, groups),
        "suggestions": timed(client, suggestions),
    }
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    name = "search-demo.json" if args.demo else "search.json"
    (results / name).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
