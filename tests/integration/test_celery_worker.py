"""A real Celery worker, started as its own process, against the real Redis broker.

Required in CI (TALENTHUB_REQUIRE=integration with PostgreSQL and Redis); skipped on a
laptop without a broker. The worker connects to the test database, so the test commits.
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

from accounts import services
from accounts.models import User
from talenthub.celery import app
from tests.conftest import skip_unless_available
from tests.factories import TalentUserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_SECONDS = 60


def worker_database_url() -> str:
    """DATABASE_URL, pointed at the test database pytest-django created."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


@pytest.fixture
def worker(tmp_path):
    if not settings.CELERY_BROKER_URL:
        skip_unless_available("integration", "no broker configured (REDIS_URL)")
    if connection.vendor == "sqlite":
        skip_unless_available("integration", "a worker cannot share an in-memory SQLite test db")
    mail_dir = tmp_path / "mail"
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"  # no stray task from elsewhere
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "talenthub.settings.base",
        "DEBUG": "true",
        "DATABASE_URL": worker_database_url(),
        "EMAIL_URL": "",  # the default file backend, in a folder of this test
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    process = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "talenthub", "worker",
            "--pool", "solo", "--queues", queue, "--loglevel", "INFO",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip
    try:
        yield {"queue": queue, "mail_dir": mail_dir, "process": process}
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


def test_welcome_mail_task_runs_on_a_real_worker(worker, monkeypatch):
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "task_default_queue", worker["queue"])
    user = TalentUserFactory(email="worker-test@example.com")

    # As in production: the service enqueues on commit, the worker does the work.
    services.welcome_email_schedule(user=user)

    # Wait for the mail itself: the service records the claim before it sends, so the
    # timestamp alone appears a moment before the mail is on disk.
    def mailed():
        return any("worker-test@example.com" in m.read_text() for m in mail_dir.glob("*.log"))

    mail_dir = worker["mail_dir"]
    assert wait_for(mailed, worker["process"]), "the worker did not send the welcome mail"
    assert User.objects.filter(pk=user.pk, welcome_sent_at__isnull=False).exists()
    mails = list(mail_dir.glob("*.log"))
    assert len(mails) == 1
    assert "worker-test@example.com" in mails[0].read_text()
