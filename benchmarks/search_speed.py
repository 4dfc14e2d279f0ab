"""Measure the site search on a large site: index rebuild, search and suggestion times.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_benchmark \\
        .venv/bin/python benchmarks/search_speed.py [--actors 500] [--offers 2500]

The database named in DATABASE_URL is emptied and rebuilt (create it first:
``createdb -h 127.0.0.1 -U postgres search_benchmark``): the demo network, the
directory's benchmark data (by default 2,000 actors and 10,000 offers in four
languages), 200 pages and 500 blog posts. Then 200 realistic queries in four
languages (some with a facet chosen, some with typos) are replayed in-process
and the server time of each is taken; likewise 200 suggestion requests.
Targets: p95 under 150 ms for searches with facets, under 30 ms for
suggestions. The figures go to benchmarks/results/search.json.
"""

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from production import ROOT, configure, fresh_demo_database

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


def timed(client, urls):
    """Server time of each URL once (after one warm-up of the first), in milliseconds."""
    client.get(urls[0])
    durations = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        durations.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    durations.sort()
    return {
        "requests": len(urls),
        "p50_ms": round(statistics.median(durations), 1),
        "p95_ms": round(durations[int(len(durations) * 0.95) - 1], 1),
        "max_ms": round(durations[-1], 1),
    }


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
    args = parser.parse_args()

    configure()
    from directory_data import generate
    from django.db import connection
    from django.test import Client

    from directory.exchange import import_directory
    from search.documents import rebuild
    from search.models import SearchDocument

    fresh_demo_database()
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), args.actors, args.offers)
        import_directory(folder)
    add_pages_and_posts(200, 500)
    start = time.perf_counter()
    documents = rebuild()
    rebuild_seconds = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument, search_searchterm")

    searches, suggestions = [], []
    languages = list(QUERIES)
    for number in range(200):
        code = languages[number % len(languages)]
        query = QUERIES[code][number // len(languages) % len(QUERIES[code])]
        facets = FACETS[number % len(FACETS)]
        searches.append(f"/{code}/search/?{urlencode({'q': query, **facets})}")
        suggestions.append(f"/{code}/search/suggest/?{urlencode({'q': query[:4]})}")
    client = Client()
    figures = {
        "database": connection.vendor,
        "documents": documents,
        "by_kind": {
            kind: SearchDocument.objects.filter(kind=kind).count()
            for kind in SearchDocument.Kind.values
        },
        "rebuild_seconds": round(rebuild_seconds, 1),
        "search": timed(client, searches),
        "suggestions": timed(client, suggestions),
    }
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "search.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
