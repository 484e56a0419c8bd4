"""A real Celery worker, started as its own process, against the real Redis broker.

Required in CI (TALENTHUB_REQUIRE=integration with PostgreSQL and Redis); skipped on a
laptop without a broker. The worker connects to the test database, so the tests commit.
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

from talenthub.celery import app
from tests.conftest import skip_unless_available

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_SECONDS = 60


def worker_database_url() -> str:
    """DATABASE_URL, pointed at the test database pytest-django created."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


def process_env(**overrides) -> dict[str, str]:
    """The environment of a process that shares this test's database and broker."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "talenthub.settings.base",
        "DEBUG": "true",
        "DATABASE_URL": worker_database_url(),
        **overrides,
    }


@pytest.fixture
def email_env(tmp_path) -> dict[str, str]:
    """Where the worker's mail goes: the default file backend, in a folder of this test.
    A test overrides this fixture to send to an SMTP server instead."""
    return {"EMAIL_URL": "", "EMAIL_FILE_PATH": str(tmp_path / "mail")}


@pytest.fixture
def worker(tmp_path, email_env, monkeypatch):
    """A worker on a queue of its own; the test's tasks go to it (not run eagerly)."""
    if not settings.CELERY_BROKER_URL:
        skip_unless_available("integration", "no broker configured (REDIS_URL)")
    if connection.vendor == "sqlite":
        skip_unless_available("integration", "a worker cannot share an in-memory SQLite test db")
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"  # no stray task from elsewhere
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "talenthub", "worker",
            "--pool", "solo", "--queues", queue, "--loglevel", "INFO",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ],
        cwd=ROOT,
        # Tasks the worker queues itself (a relay's follow-ups) go to its queue too.
        env=process_env(CELERY_TASK_DEFAULT_QUEUE=queue, **email_env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "task_default_queue", queue)
    try:
        yield {"queue": queue, "mail_dir": tmp_path / "mail", "process": process}
    finally:
        process.terminate()
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        print(output)  # shown by pytest when the test fails


def wait_for(condition, process) -> bool:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return True
        assert process.poll() is None, "the worker exited"
        time.sleep(0.2)
    return False
