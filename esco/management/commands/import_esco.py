import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from esco.importer import EscoImportError, import_export


class Command(BaseCommand):
    help = (
        "Import the official ESCO CSV export (skills, occupations, ISCO-08 groups, relations, "
        "hierarchy and Finnish/Swedish labels) from DIR. Safe to run again: it updates."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, metavar="DIR")

    def handle(self, *args, directory: Path, verbosity: int, **options):
        started = time.monotonic()

        def progress(message: str) -> None:
            if verbosity:
                self.stdout.write(f"[{time.monotonic() - started:6.1f}s] {message}")

        try:
            import_export(directory, progress)
        except EscoImportError as error:
            raise CommandError(f"ESCO import failed, nothing was changed: {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"ESCO imported from {directory} in {time.monotonic() - started:.1f}s"
            )
        )
