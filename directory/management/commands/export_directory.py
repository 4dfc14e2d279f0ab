"""Export actors, offers and their vocabulary as CSV files with a datapackage.json."""

from django.core.management.base import BaseCommand

from directory.exchange import export_directory


class Command(BaseCommand):
    help = (
        "Write taxonomies.csv, organizations.csv, services.csv and datapackage.json into a "
        "folder, in the format import_directory reads."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, folder, **options):
        counts = export_directory(folder)
        summary = ", ".join(f"{count} rows in {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Wrote {summary}."))
