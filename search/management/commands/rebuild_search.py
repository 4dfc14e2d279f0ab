"""Build both search indexes anew: the site search's documents, and Wagtail's index of pages
that the admin's page search uses."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from search.documents import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the site search's index (search documents and vocabulary) from all live "
        "pages, posts, actors and offers, then Wagtail's index of pages for the admin. "
        "Publishing keeps both current; run this after renaming topics, places or target "
        "groups, after moving pages, or after an update that changed how words are normalised."
    )

    def handle(self, **options):
        start = time.perf_counter()
        count = rebuild()
        seconds = time.perf_counter() - start
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} documents in {seconds:.1f} s."))
        call_command("update_index", stdout=self.stdout, verbosity=options["verbosity"])
