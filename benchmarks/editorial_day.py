"""The anonymous page cache's hit rate over a simulated editorial day.

    .venv/bin/python benchmarks/editorial_day.py [--hours 2] [--visits-per-second 2]
        [--publish-minutes 10] [--autosave-seconds 30]

The demo in a fresh SQLite database in a temporary folder (or DATABASE_URL's, emptied),
production settings and the site's whole middleware in-process (Django's test client;
the local-memory cache, or Redis with REDIS_URL). On a simulated clock, visitors without
a session ask for public pages at a steady rate, chosen by popularity (Zipf's law over
every live page of every language tree and the directory's offer and actor pages, in a
fixed random order), with gzip as browsers do; the day starts with each of them in the
cache. Meanwhile an editor works the whole day: a page or an offer is open in the
editor, where Wagtail's autosave keeps a draft every ``--autosave-seconds`` (a pause in
typing), and she publishes it every ``--publish-minutes``, then opens the next.

A hit is an answer the cache gave without rendering (counted by a middleware right
behind the cache's). After each publish the published text is asked for at once: an
answer without it is counted as stale (it must stay 0). Reports the visits, those
rendered, the hit rate, the drafts and publishes, the content versions started and the
stale answers (``benchmarks/results/editorial_day.json``).
"""

import argparse
import itertools
import json
import random

from production import ROOT, configure, fresh_demo_database


class CountRendered:
    """Counts the requests the page cache passed on to be rendered."""

    rendered = 0

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        CountRendered.rendered += 1
        return self.get_response(request)


def visited_urls():
    """Every live page's address and the directory's entry pages, in every language."""
    from wagtail.models import Page

    from directory.models import Actor, DirectoryPage, Offer

    urls = [page.url for page in Page.objects.live().public().filter(depth__gt=1).specific()]
    for model, route in ((Offer, "offer"), (Actor, "actor")):
        for entry in model.objects.filter(live=True).select_related("locale"):
            page = DirectoryPage.for_locale(entry.locale_id)
            if page is not None:
                urls.append(page.url + page.reverse_subpage(route, args=[entry.slug]))
    return [url for url in urls if url]


def edited_objects():
    """What the editor works on, in turn: content pages and offers of the source language."""
    from directory.models import Offer
    from home.models import ContentPage

    pages = ContentPage.objects.live().filter(locale__language_code="de").order_by("path")
    offers = Offer.objects.filter(live=True, locale__language_code="de").order_by("pk")
    return itertools.cycle([*pages[:5], *offers[:5]])


def shown_address(entry):
    """Where visitors see ``entry``: a page's own address or its offer page."""
    from directory.models import DirectoryPage

    if hasattr(entry, "url_path"):
        return entry.url
    page = DirectoryPage.for_locale(entry.locale_id)
    return page.url + page.reverse_subpage("offer", args=[entry.slug])


def edit(entry, number):
    """A change the editor types: the title gets a marker of this edit."""
    base = entry.title.split(" · ")[0]
    entry.title = f"{base} · {number}"
    return entry.title


def simulate(hours, visits_per_second, publish_minutes, autosave_seconds, seed=1):
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    from home.cache import VERSION_KEY

    rng = random.Random(seed)
    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    # The day starts with a warm cache; addresses that do not answer (ended offers) are left out.
    urls = [url for url in visited_urls() if client.get(url).status_code == 200]
    CountRendered.rendered = 0
    rng.shuffle(urls)
    weights = [1 / rank for rank in range(1, len(urls) + 1)]  # Zipf's law, s = 1
    editor = get_user_model().objects.filter(is_superuser=True).first()
    objects = edited_objects()
    seconds = int(hours * 3600)
    visit_gap = 1 / visits_per_second
    next_visit, visits, stale, drafts, publishes, checks = 0.0, 0, 0, 0, 0, 0
    versions = {cache.get(VERSION_KEY)}  # every content version the day has seen
    entry = next(objects)
    for second in range(seconds):
        if second % autosave_seconds == 0:
            drafts += 1
            edit(entry, drafts)
            entry.save_revision(user=editor)
            versions.add(cache.get(VERSION_KEY))
        if second and second % (publish_minutes * 60) == 0:
            entry.get_latest_revision().publish(user=editor)
            publishes += 1
            versions.add(cache.get(VERSION_KEY))
            rendered = CountRendered.rendered
            client.cookies.clear()
            answer = client.get(shown_address(entry), HTTP_ACCEPT_ENCODING="")
            stale += entry.title not in answer.content.decode()
            checks += CountRendered.rendered - rendered  # not a visitor's request
            entry = next(objects)
        while next_visit < second + 1:
            client.cookies.clear()
            client.get(rng.choices(urls, weights)[0])
            visits += 1
            next_visit += visit_gap
    rendered = CountRendered.rendered - checks
    return {
        "visits": visits,
        "rendered": rendered,
        "hit_rate": round(1 - rendered / visits, 4),
        "addresses": len(urls),
        "drafts_saved": drafts,
        "publishes": publishes,
        "content_versions_started": len(versions) - 1,
        "stale_answers": stale,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=2)
    parser.add_argument("--visits-per-second", type=float, default=2)
    parser.add_argument("--publish-minutes", type=int, default=10)
    parser.add_argument("--autosave-seconds", type=int, default=30)
    args = parser.parse_args()

    configure()
    from django.conf import settings

    fresh_demo_database()
    middleware = settings.MIDDLEWARE
    cache_at = middleware.index("home.cache.AnonymousPageCacheMiddleware")
    settings.MIDDLEWARE = [
        *middleware[: cache_at + 1],
        f"{__name__}.CountRendered",
        *middleware[cache_at + 1 :],
    ]
    figures = {
        "settings": vars(args),
        **simulate(args.hours, args.visits_per_second, args.publish_minutes, args.autosave_seconds),
    }
    print(json.dumps(figures, indent=2))
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "editorial_day.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
