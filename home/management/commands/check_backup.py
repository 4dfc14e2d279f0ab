"""Check that a backup restores into an empty database and serves the home page."""

from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, check_backup


class Command(BaseCommand):
    help = (
        "Restore DUMP (database.sqlite3, or a pg_dump file in custom or plain format) into a "
        "new empty database of the kind the site uses and MEDIA_ARCHIVE into a new folder, "
        "serve the home page from them, check that every image and document file is there, "
        "and remove both. The live site is not touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("dump")
        parser.add_argument("media_archive")

    def handle(self, dump, media_archive, **options):
        try:
            findings = check_backup(dump, media_archive)
        except BackupError as error:
            raise CommandError(f"The backup does not restore: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"The backup restores: {findings.pages} pages, all {findings.files} image and "
                f"document files; the home page answers at {findings.home_path} "
                f"(“{findings.home_title}”)."
            )
        )
