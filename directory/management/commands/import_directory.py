"""Import actors, offers and their vocabulary from CSV files or a JSON datapackage."""

from django.core.management.base import BaseCommand, CommandError

from directory.exchange import ImportFailed, import_directory, progress_bar


class Command(BaseCommand):
    help = (
        "Import the directory from a folder with taxonomies.csv, organizations.csv and "
        "services.csv, or from a datapackage.json. Everything is checked first: any problem "
        "is reported with its file, row and column, and then nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a folder of CSV files, or a datapackage.json")
        parser.add_argument(
            "--dry-run", action="store_true", help="only check the data; write nothing"
        )

    def handle(self, path, dry_run, **options):
        try:
            counts = import_directory(path, dry_run=dry_run, progress=progress_bar())
        except ImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(failure.problems)} problem(s) found; nothing was imported."
            ) from failure
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"The data is valid ({summary}); nothing written.")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {summary} rows."))
