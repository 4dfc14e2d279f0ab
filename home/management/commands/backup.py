"""Write a backup of the site: the database and the uploaded files."""

from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "Write the database (database.sqlite3 with SQLite, database.dump from pg_dump with "
        "PostgreSQL) and the uploaded files (media.tar.gz) into FOLDER."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder")

    def handle(self, folder, **options):
        try:
            dump, media = make_backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Wrote {dump} and {media}."))
