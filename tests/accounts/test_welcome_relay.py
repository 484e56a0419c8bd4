from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from accounts import services, tasks
from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_confirming_while_the_broker_is_down_still_works_and_the_relay_sends_later(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    client.post(
        reverse("account_signup"),
        {"side": "talent", "email": "amira@example.com", "password1": PASSWORD,
         "password2": PASSWORD},
    )  # fmt: skip
    confirm_path = mailoutbox[0].body.split("http://testserver", 1)[1].split()[0]
    mailoutbox.clear()

    with (
        mock.patch.object(tasks.send_welcome_email, "delay", side_effect=BrokerError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(confirm_path)

    assert response.status_code == 302, "the person is logged in, not shown an error"
    assert mailoutbox == []
    assert tasks.relay_welcome_emails() == 1
    assert [m.subject for m in mailoutbox] == ["Welcome to TalentHub"]
    assert tasks.relay_welcome_emails() == 0, "sent once, never again"


def test_relay_skips_unconfirmed_old_and_already_welcomed_people(mailoutbox):
    UserFactory(verified=False)
    UserFactory(date_joined=timezone.now() - timedelta(days=30))
    UserFactory(welcome_sent_at=timezone.now())
    due = UserFactory()

    assert tasks.relay_welcome_emails() == 1
    assert [m.to for m in mailoutbox] == [[due.email]]


def test_a_failed_send_gives_the_claim_back_for_the_retry(talent, mailoutbox):
    with (
        mock.patch(
            "accounts.services.EmailMultiAlternatives.send", side_effect=OSError("mail is down")
        ),
        pytest.raises(OSError, match="mail is down"),
    ):
        services.welcome_email_send(user_id=talent.pk)

    assert User.objects.get(pk=talent.pk).welcome_sent_at is None
    assert services.welcome_email_send(user_id=talent.pk) is True
    assert len(mailoutbox) == 1


def test_beat_schedule_names_registered_tasks(settings):
    from talenthub.celery import app

    # As a worker does at start: import every app's tasks module (autodiscovery).
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks
