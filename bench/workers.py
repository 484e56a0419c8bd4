"""Real Celery workers for the benchmark: the matching and notification measurements time
work done the way production does it, by a worker process reading the Redis broker."""

import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from talenthub.celery import app

from .pages import ROOT, server_env

# A worker that has not said it is ready within this failed to start.
BOOT_TIMEOUT = 90


@contextmanager
def celery_workers(*, concurrency: int = 1, env: Mapping[str, str] | None = None) -> Iterator[Path]:
    """A Celery worker with `concurrency` processes on the queue and broker this process
    queues on, with the production settings and this process's database, until the block
    ends; yields its log."""
    with tempfile.TemporaryDirectory(prefix="bench-worker-") as tmp:
        log_path = Path(tmp) / "worker.log"
        command = [
            sys.executable, "-m", "celery", "-A", "talenthub", "worker",
            "--concurrency", str(concurrency), "--loglevel", "INFO",
            "--queues", app.conf.task_default_queue,
            # Alone on its queue: no need to find or sync with other workers.
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        with open(log_path, "w") as log:
            process = subprocess.Popen(  # noqa: S603 - our interpreter, our arguments
                command,
                cwd=ROOT,
                env={
                    **server_env(Path(tmp) / "static"),
                    # The broker this process queues on (REDIS_URL may name another database).
                    "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
                    "CELERY_TASK_DEFAULT_QUEUE": app.conf.task_default_queue,
                    **(env or {}),
                },
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            deadline = time.monotonic() + BOOT_TIMEOUT
            while " ready." not in log_path.read_text():
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"The Celery worker did not start:\n{log_path.read_text()[-3000:]}"
                    )
                time.sleep(0.1)
            yield log_path
        finally:
            process.terminate()  # a warm shutdown: running tasks finish
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.returncode not in (0, -signal.SIGTERM):
                print(f"The Celery worker ended with {process.returncode}:", file=sys.stderr)
                print(log_path.read_text()[-3000:], file=sys.stderr)
