"""Build the site search's documents anew from everything that is published."""

import time

from django.core.management.base import BaseCommand

from search.documents import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the site search's index (search documents and vocabulary) from all live "
        "pages, posts, actors and offers. Publishing keeps it current; run this after "
        "renaming topics, places or target groups, after moving pages, or after an update "
        "that changed how words are normalised."
    )

    def handle(self, **options):
        start = time.perf_counter()
        count = rebuild()
        seconds = time.perf_counter() - start
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} documents in {seconds:.1f} s."))
