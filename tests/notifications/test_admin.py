"""Staff watch the outbox in the admin: what waits too long, what failed and why, a retry."""

from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from notifications import services
from notifications.models import Frequency, Notification, Preferences
from tests.factories import StaffUserFactory, TalentUserFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Notification.Status
CHANGELIST = reverse("admin:notifications_notification_changelist")


def rows(count, **fields):
    users = TalentUserFactory.create_batch(count)
    services.notify(
        kind="application_shortlisted",
        key="k",
        context={"opening": {"title": "Trainee"}},
        url="/talent/applications/",
        user_ids=[user.pk for user in users],
    )
    if fields:
        Notification.objects.update(**fields)
    return list(Notification.objects.all())


@pytest.fixture
def staff_client(client):
    client.force_login(StaffUserFactory())
    return client


def test_mail_waiting_too_long_is_a_warning_with_a_filter(staff_client):
    rows(2)
    response = staff_client.get(CHANGELIST)
    assert "waiting for over" not in response.content.decode()

    Notification.objects.update(next_attempt_at=timezone.now() - timedelta(minutes=30))
    response = staff_client.get(CHANGELIST)
    assert "2 notifications have been waiting for over 15 minutes" in response.content.decode()
    assert staff_client.get(CHANGELIST, {"overdue": "yes"}).context["cl"].result_count == 2
    Notification.objects.update(status=Status.SENT)
    assert staff_client.get(CHANGELIST, {"overdue": "yes"}).context["cl"].result_count == 0


def test_failed_rows_show_their_error_and_staff_retry_them(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    failed = rows(1, status=Status.FAILED, attempts=8, last_error="SMTPServerDisconnected")
    sent = Notification.objects.create(
        recipient=TalentUserFactory(), kind="welcome", category="account", key="welcome",
        batch=failed[0].batch, frequency="immediately", status=Status.SENT,
        next_attempt_at=timezone.now(), queued_at=timezone.now(),
    )  # fmt: skip
    response = staff_client.get(CHANGELIST, {"status": "failed"})
    assert response.context["cl"].result_count == 1
    detail = staff_client.get(
        reverse("admin:notifications_notification_change", args=[failed[0].pk])
    )
    assert "SMTPServerDisconnected" in detail.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            CHANGELIST,
            {"action": "retry", ACTION_CHECKBOX_NAME: [failed[0].pk, sent.pk]},
            follow=True,
        )
    assert "1 notification will be sent again." in response.content.decode()
    assert Notification.objects.get(pk=failed[0].pk).status == Status.SENT
    assert len(mailoutbox) == 1  # the sent row was not sent again


def test_the_changelist_does_not_grow_in_queries_with_rows(
    staff_client, django_assert_max_num_queries
):
    rows(2)
    with django_assert_max_num_queries(30) as few:
        staff_client.get(CHANGELIST)
    rows(40)
    with django_assert_max_num_queries(len(few)):
        staff_client.get(CHANGELIST)


def test_staff_cannot_write_notifications_by_hand(staff_client):
    [row] = rows(1)
    assert staff_client.get(reverse("admin:notifications_notification_add")).status_code == 403
    staff_client.post(
        reverse("admin:notifications_notification_change", args=[row.pk]),
        {"status": "sent", "key": "forged"},
    )
    row.refresh_from_db()
    assert (row.status, row.key) == (Status.PENDING, "k")


def test_people_who_are_not_staff_do_not_see_the_outbox(client):
    client.force_login(UserFactory())
    response = client.get(CHANGELIST)
    assert response.status_code == 302


def test_the_outbox_filters_by_kind_from_the_known_kinds(staff_client):
    rows(2)
    response = staff_client.get(CHANGELIST, {"kind": "application_shortlisted"})
    assert response.context["cl"].result_count == 2
    assert staff_client.get(CHANGELIST, {"kind": "welcome"}).context["cl"].result_count == 0


def test_retry_leaves_mail_its_reader_switched_off_since(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    [row] = rows(1, status=Status.FAILED, attempts=8)
    Preferences.objects.create(user=row.recipient, applications=Frequency.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notifications_retry(ids=[row.pk]) == 0
    row.refresh_from_db()
    assert (row.status, row.last_error) == (Status.SKIPPED, "Switched off.")
    assert mailoutbox == []
