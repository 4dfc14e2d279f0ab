"""Import actors, offers and their vocabulary from CSV files or a JSON datapackage."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from directory.exchange import ImportFailed, import_directory, progress_bar


class Command(BaseCommand):
    help = (
        "Import the directory from a folder with taxonomies.csv, organizations.csv and "
        "services.csv, or from a datapackage.json. Everything is checked first, by the same "
        "rules as the admin: any problem is reported with its file, row and column, and then "
        "nothing is imported. Entries with unpublished changes in the admin are kept as they "
        "are and listed, unless --overwrite-drafts is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a folder of CSV files, or a datapackage.json")
        parser.add_argument(
            "--dry-run", action="store_true", help="only check the data; write nothing"
        )
        parser.add_argument(
            "--overwrite-drafts",
            action="store_true",
            help="replace entries even where an editor has unpublished changes",
        )
        parser.add_argument(
            "--user", help="the username that the entries' history names for this import"
        )

    def handle(self, path, dry_run, overwrite_drafts, user, **options):
        if user:
            try:
                user = get_user_model().objects.get_by_natural_key(user)
            except get_user_model().DoesNotExist as error:
                raise CommandError(f"No user “{user}”.") from error
        try:
            report = import_directory(
                path,
                dry_run=dry_run,
                progress=progress_bar(),
                user=user,
                by="manage.py import_directory",
                overwrite_drafts=overwrite_drafts,
            )
        except ImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(failure.problems)} problem(s) found; nothing was imported."
            ) from failure
        for kept in report.kept_drafts:
            self.stderr.write(self.style.WARNING(str(kept)))
        summary = ", ".join(f"{count} {name}" for name, count in report.counts.items())
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"The data is valid ({summary}); nothing written.")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {summary} rows."))
