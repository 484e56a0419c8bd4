"""The notifications benchmark: an opening that matches every talent is published, real
Celery workers mail each of them once through the SMTP sink, and the budgets are checked
(PostgreSQL and Redis only: the workers share the test database and the broker)."""

import smtplib

import pytest
from django.conf import settings
from django.db import connection

from bench import notify
from bench.scale import SCALES
from notifications.models import Frequency, Notification, Preferences
from talenthub.celery import app
from tests.conftest import skip_unless_available
from tests.factories import OpeningFactory, TalentProfileFactory


def result_of(**changes) -> dict:
    fine = {
        "talents": 10,
        "n": 10,
        "delivered": 10,
        "sent_rows": 10,
        "enqueue_s": 10.0,
        "mails_per_s": 1000.0,
    }
    return {**fine, **changes}


def test_every_mail_counts_at_every_scale_and_the_times_at_l():
    assert notify.check_budgets(result_of(), scale_name="L") == []
    slow = result_of(enqueue_s=10.5, mails_per_s=999.0)
    assert notify.check_budgets(slow, scale_name="XS") == []
    assert notify.check_budgets(slow, scale_name="L") == [
        "notifications: 10 enqueued in 10.5 s (budget 10 s)",
        "notifications: 999 mails/s (budget 1,000)",
    ]
    lost = result_of(n=9, delivered=8, sent_rows=9)
    assert notify.check_budgets(lost, scale_name="XS") == [
        "notifications: 9 talents told of 10 matching",
        "notifications: 8 mails delivered and 9 marked sent of 9",
    ]


def test_the_sink_counts_each_mail_it_is_sent():
    with notify.sink() as mailbox, smtplib.SMTP(notify.HOST, mailbox.port) as client:
        for n in range(3):
            # A body whose line is the end marker's dot, stuffed as smtplib sends it.
            client.sendmail("a@example.com", [f"{n}@example.com"], b"Subject: x\r\n\r\n.\r\nok")
        mailbox.wait_for(3)
        assert mailbox.count() == 3
        assert mailbox.last() > 0


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_real_workers_deliver_the_fan_out_once_to_every_talent(monkeypatch):
    if connection.vendor != "postgresql":
        skip_unless_available("postgres", "the workers share the test database: PostgreSQL only")
    if not settings.CELERY_BROKER_URL:
        skip_unless_available("integration", "no broker configured (REDIS_URL)")
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    # The fan-out goes to the workers the benchmark starts, on a queue of its own.
    monkeypatch.setitem(app.conf, "task_default_queue", f"test-bench-{id(monkeypatch)}")
    OpeningFactory()
    profiles = TalentProfileFactory.create_batch(5)
    # A talent who turned the mail off is asked again: the benchmark mails every talent.
    Preferences.objects.create(user=profiles[0].user, matches=Frequency.OFF)
    result = notify.measure_notifications(SCALES["XS"], concurrency=1)
    assert result["talents"] == result["n"] == result["delivered"] == result["sent_rows"] == 5
    assert result["enqueue_s"] > 0
    assert result["mails_per_s"] > 0
    assert notify.check_budgets(result, scale_name="XS") == []
    assert Notification.objects.filter(kind="opening_match").count() == 5
    # Run again on the same data, it measures the same fan-out again.
    again = notify.measure_notifications(SCALES["XS"], concurrency=1)
    assert again["delivered"] == again["sent_rows"] == 5
