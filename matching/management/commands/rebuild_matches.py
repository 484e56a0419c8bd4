"""Recompute every stored match score: `manage.py rebuild_matches`."""

import time

from django.core.management.base import BaseCommand

from matching.services.scores import scores_rebuild


class Command(BaseCommand):
    help = "Recompute the match scores of every published opening (safe to run at any time)."

    def handle(self, *args, **options):
        started = time.monotonic()
        step = 1

        def progress(done: int, total: int) -> None:
            nonlocal step
            # About twenty lines however many openings there are, and always the last one.
            if done == total or done >= step:
                self.stdout.write(f"  {done}/{total} openings scored")
                step = done + max(1, total // 20)

        stored = scores_rebuild(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"{stored} match scores stored in {time.monotonic() - started:.1f} s."
            )
        )
