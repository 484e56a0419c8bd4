"""Issue 6's promise end to end: an opening published while the broker is unreachable loses
nothing; once the broker answers, every matching talent gets exactly one mail through a
real worker and a real SMTP server, with a one-click unsubscribe that works."""

import socket
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from email import message_from_bytes, policy
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from django.db import transaction
from django.utils import timezone

from matching import tasks as matching_tasks
from matching.models import Opening
from notifications import tasks as notification_tasks
from notifications.models import Frequency, Notification, Preferences
from notifications.services import notify
from tests.factories import StaffUserFactory
from tests.matching.test_scores import developer_opening, five_talents

from .conftest import ROOT, process_env, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# Nothing listens here: connection refused, as with Redis stopped.
BROKER_DOWN = "redis://127.0.0.1:9/0"


class Sink:
    """An SMTP server that keeps what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 OK"


@pytest.fixture
def smtp():
    sink = Sink()
    with socket.socket() as probe:  # a free port: aiosmtpd cannot be given port 0
        probe.bind(("127.0.0.1", 0))
        sink.port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    yield sink
    controller.stop()


@pytest.fixture
def email_env(smtp):
    return {"EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}"}


@pytest.fixture
def talents(esco_starter):
    # Ana, Cai and Eve reach the default threshold of 60; Dana and Bo do not.
    with transaction.atomic():
        made = five_talents()
        # Eve wants a daily digest: no immediate mail for her.
        Preferences.objects.create(user=made["Eve"].user, matches=Frequency.DAILY)
    return made


def publish_in_a_process_without_broker(opening: Opening) -> subprocess.CompletedProcess:
    """The web process, with Redis out of reach: staff approve the opening."""
    staff = StaffUserFactory()
    code = (
        "from accounts.models import User; from matching.services.openings import "
        f"opening_approve; opening_approve(opening_id={opening.pk}, "
        f"actor=User.objects.get(pk={staff.pk}))"
    )
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=process_env(CELERY_BROKER_URL=BROKER_DOWN, REDIS_URL=""),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_broker_outage_delays_match_mail_and_loses_none(talents, smtp, worker, client):
    opening = developer_opening(status=Opening.Status.SUBMITTED)
    emails = {name: profile.user.email for name, profile in talents.items()}

    # 1. Published while the broker is down: the request succeeds, the opening is public,
    #    and it is marked as not yet announced.
    result = publish_in_a_process_without_broker(opening)
    assert result.returncode == 0, result.stderr
    assert "Broker unavailable" in result.stderr
    opening.refresh_from_db()
    assert opening.status == Opening.Status.PUBLISHED
    assert opening.matches_notified_at is None
    assert smtp.messages == []

    # 2. The broker is back. Beat's relay runs (here: queued by hand, after the grace time).
    Opening.objects.filter(pk=opening.pk).update(updated_at=timezone.now() - timedelta(minutes=10))
    matching_tasks.relay_match_notices.delay()

    rows = Notification.objects.filter(kind="opening_match")
    assert wait_for(
        lambda: rows.count() == 3 and not rows.filter(status=Notification.Status.PENDING,
                                                      frequency=Frequency.IMMEDIATELY).exists(),
        worker["process"],
    ), "the relay did not deliver the match notifications"  # fmt: skip
    assert wait_for(lambda: len(smtp.messages) == 2, worker["process"])
    delivered = Counter(rcpt for rcpts, _message in smtp.messages for rcpt in rcpts)
    assert delivered == {emails["Ana"]: 1, emails["Cai"]: 1}
    assert set(rows.values_list("recipient__email", "status")) == {
        (emails["Ana"], "sent"),
        (emails["Cai"], "sent"),
        (emails["Eve"], "pending"),  # waiting for her digest
    }

    # 3. Relays that run again and a task delivered twice send nothing twice. The worker
    #    takes tasks in order: once a later mail (to Bo) arrives, they have all run.
    ana = rows.get(recipient__email=emails["Ana"])
    matching_tasks.relay_match_notices.delay()
    notification_tasks.relay_notifications.delay()
    notification_tasks.send_chunk.delay([ana.pk])
    with transaction.atomic():
        notify(
            kind="apply_invitation",
            key="after-the-duplicates",
            context={"opening": {"title": "Later", "enterprise": {"name": "Karelia Oy"}}},
            user_ids=[talents["Bo"].user.pk],
        )
    assert wait_for(lambda: len(smtp.messages) == 3, worker["process"])
    delivered = Counter(rcpt for rcpts, _message in smtp.messages for rcpt in rcpts)
    assert delivered == {emails["Ana"]: 1, emails["Cai"]: 1, emails["Bo"]: 1}

    # 4. The mail: plain text and HTML, and the one-click unsubscribe of RFC 8058.
    _rcpts, message = next(m for m in smtp.messages if m[0] == [emails["Ana"]])
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}
    link = urlsplit(message["List-Unsubscribe"].strip().strip("<>"))
    response = client.post(link.path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Preferences.objects.get(user__email=emails["Ana"]).matches == Frequency.OFF
