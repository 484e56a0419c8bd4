"""The welcome mail, sent by a real worker (see conftest.py)."""

import pytest
from django.db import transaction

from accounts import services
from notifications.models import Notification
from tests.factories import TalentUserFactory

from .conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_welcome_mail_is_sent_by_a_real_worker(worker):
    user = TalentUserFactory(email="worker-test@example.com")

    # As in production: the service writes the outbox row and queues its delivery on commit;
    # the worker sends it.
    with transaction.atomic():
        services.welcome_notify(user=user)

    row = Notification.objects.get(recipient=user, kind="welcome")
    assert wait_for(
        lambda: Notification.objects.filter(pk=row.pk, status="sent").exists(), worker["process"]
    ), "the worker did not send the welcome mail"
    mails = list(worker["mail_dir"].glob("*.log"))
    assert len(mails) == 1
    assert "worker-test@example.com" in mails[0].read_text()
