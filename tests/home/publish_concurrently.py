"""Publish pages while other requests save drafts and read pages, as a threaded server does.

Run by test_concurrency.py in a subprocess, on the migrated database of DATABASE_URL. Every
thread has its own database connection. Prints one JSON object: the errors the threads met
and, for every published page, the languages it reached.
"""

import json
import os
import sys
import threading
from pathlib import Path

import django

PUBLISHERS = 2
PAGES_PER_PUBLISHER = 4
DRAFT_WRITERS = 2
READERS = 2


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netsite.settings")
    django.setup()

    from django.db import connection, transaction
    from django.test import Client
    from wagtail.models import Locale, Site

    from home.models import ContentPage

    home = Site.objects.get(is_default_site=True).root_page.specific
    for locale in Locale.objects.exclude(pk=home.locale_id):
        if not home.has_translation(locale):
            home.copy_for_translation(locale, alias=True)
    draft = home.add_child(instance=ContentPage(title="Entwurf", slug="entwurf", live=False))
    errors = []
    publishing = threading.Event()
    publishing.set()

    def in_thread(work):
        def run(*args):
            try:
                work(*args)
            except Exception as error:  # reported to the test, which names it
                errors.append(f"{type(error).__name__}: {error}")
            finally:
                connection.close()

        return run

    @in_thread
    def publish(number):
        for page_number in range(PAGES_PER_PUBLISHER):
            slug = f"seite-{number}-{page_number}"
            with transaction.atomic():  # as the admin's page views publish
                parent = Site.objects.get(is_default_site=True).root_page.specific
                page = parent.add_child(instance=ContentPage(title=slug, slug=slug))
                page.save_revision().publish()

    @in_thread
    def save_drafts(number):
        page = ContentPage.objects.get(pk=draft.pk)
        while publishing.is_set():
            page.intro = f"Zwischenstand {number}"
            page.save_revision()

    @in_thread
    def read(number):
        client = Client()
        while publishing.is_set():
            for path in ("/de/", "/en/", "/uk/"):
                client.get(path)

    helpers = [
        threading.Thread(target=work, args=(number,))
        for work, count in ((save_drafts, DRAFT_WRITERS), (read, READERS))
        for number in range(count)
    ]
    publishers = [threading.Thread(target=publish, args=(n,)) for n in range(PUBLISHERS)]
    for thread in helpers + publishers:
        thread.start()
    for thread in publishers:
        thread.join()
    publishing.clear()
    for thread in helpers:
        thread.join()

    languages = {}
    for page in ContentPage.objects.filter(slug__startswith="seite-").select_related("locale"):
        languages.setdefault(page.slug, []).append(page.locale.language_code)
    print(json.dumps({"errors": errors, "languages": {k: sorted(v) for k, v in languages.items()}}))


if __name__ == "__main__":
    main()
