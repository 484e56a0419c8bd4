"""The outbox as an operator and a reader notice it: written with the event or not at all,
once per event, mailed once, retried with backoff, routed by preferences, in the reader's
language, with a one-click unsubscribe."""

import smtplib
import threading
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from notifications import mail as mail_module
from notifications import services, tasks
from notifications.models import Frequency, Notification, Preferences
from tests.conftest import skip_unless_available
from tests.factories import TalentUserFactory

pytestmark = pytest.mark.django_db
Status = Notification.Status
SHORTLISTED = {"opening": {"title": "Sales trainee", "enterprise": {"name": "Karelia Oy"}}}


def shortlist(users, key="application_shortlisted:1", note="", **extra):
    return services.notify(
        kind="application_shortlisted",
        key=key,
        context={**SHORTLISTED, "note": note, "to_talent": True},
        url="/talent/applications/1/",
        user_ids=[user.pk for user in users],
        **extra,
    )


def mail_titled(talent, context):
    """Notify and mail one talent with this context, whatever else it says."""
    services.notify(kind="application_shortlisted", key="x", context=context, user_ids=[talent.pk])
    services.notifications_send(ids=Notification.objects.values_list("pk", flat=True))


def due_now():
    # As if the retry time and the grace period of the task queued at commit had passed.
    now = timezone.now()
    Notification.objects.update(
        next_attempt_at=now - timedelta(seconds=1), queued_at=now - services.RELAY_GRACE
    )


class FailingBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class FailsForOneBackend(EmailBackend):
    """Refuses the mail to one address (a recipient the server rejects)."""

    refused = ""

    def send_messages(self, messages):
        if messages[0].to == [self.refused]:
            raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"No such user")})
        return super().send_messages(messages)


class OutOfTimeBackend(EmailBackend):
    """The task's soft time limit strikes while the third mail is being sent."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent = 0

    def send_messages(self, messages):
        if self.sent == 2:
            raise SoftTimeLimitExceeded()
        self.sent += 1
        return super().send_messages(messages)


class QuitFailsBackend(EmailBackend):
    def close(self):
        raise smtplib.SMTPServerDisconnected("no answer to QUIT")


@pytest.fixture
def failing_smtp(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.FailingBackend"


# --- written with the event ----------------------------------------------------------------


def test_a_rolled_back_event_leaves_no_notification_and_sends_nothing(
    talent, mailoutbox, django_capture_on_commit_callbacks
):
    def change_that_fails():
        with transaction.atomic():
            shortlist([talent])
            raise RuntimeError("the change behind it failed")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        change_that_fails()
    assert not Notification.objects.exists()
    assert callbacks == []
    assert mailoutbox == []


def test_the_same_event_twice_is_one_row_and_one_mail(
    talent, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shortlist([talent])
        shortlist([talent])
    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_sent_row_is_never_sent_again_when_its_task_runs_twice(
    talent, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shortlist([talent])
    row = Notification.objects.get()
    assert (row.status, row.attempts) == (Status.SENT, 1)
    assert services.notifications_send(ids=[row.pk]) == 0
    tasks.deliver_batch(str(row.batch))
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_row_locked_by_one_worker_is_skipped_by_another_not_sent_twice(
    talent, mailoutbox, monkeypatch
):
    if connection.vendor != "postgresql":
        skip_unless_available("postgres", "row locks need PostgreSQL (DATABASE_URL)")
    monkeypatch.setattr(tasks.deliver_batch, "delay", lambda batch: None)  # workers only
    with transaction.atomic():
        shortlist([talent])
    row = Notification.objects.get()
    results = {}
    with transaction.atomic():
        # The first worker holds the row while it claims it...
        Notification.objects.select_for_update().get(pk=row.pk)

        def second_worker():
            results["sent"] = services.notifications_send(ids=[row.pk])
            connection.close()

        thread = threading.Thread(target=second_worker)
        thread.start()
        thread.join(timeout=30)
        # ...and the second does not wait for it: it skips the row.
        assert not thread.is_alive()
    assert results["sent"] == 0
    assert services.notifications_send(ids=[row.pk]) == 1
    assert len(mailoutbox) == 1


# --- broker down -----------------------------------------------------------------------


def test_with_the_broker_down_the_request_succeeds_and_the_relay_sends_later(
    client, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    from tests.factories import ApplicationFactory, MembershipFactory, OpeningFactory

    team = MembershipFactory()
    opening = OpeningFactory(enterprise=team.enterprise, contact=team.user)
    application = ApplicationFactory(opening=opening)
    client.force_login(application.profile.user)

    def refused(*args):
        raise BrokerError("[Errno 111] Connection refused")

    monkeypatch.setattr(tasks.deliver_batch, "delay", refused)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/talent/applications/{application.pk}/messages/", {"body": "When can we meet?"}
        )
    assert response.status_code == 302
    row = Notification.objects.get(kind="application_message")
    assert (row.status, row.recipient_id) == (Status.PENDING, team.user.pk)
    assert mailoutbox == []

    # Within the grace period the relay leaves the row to the task queued at commit.
    assert tasks.relay_notifications() == 0
    due_now()
    monkeypatch.undo()
    assert tasks.relay_notifications() == 1
    [mail] = mailoutbox
    assert mail.to == [team.user.email]
    assert "When can we meet?" in mail.body
    assert Notification.objects.get(pk=row.pk).status == Status.SENT
    # Run again, the relay finds nothing to send.
    due_now()
    assert tasks.relay_notifications() == 0


def test_a_row_whose_worker_died_while_sending_is_sent_again(talent, mailoutbox):
    shortlist([talent])
    Notification.objects.update(
        status=Status.SENDING, claimed_at=timezone.now() - timedelta(minutes=20), attempts=1
    )
    assert tasks.relay_notifications() == 1
    assert len(mailoutbox) == 1
    assert Notification.objects.get().attempts == 2


def test_a_row_being_sent_now_is_left_to_its_worker(talent, mailoutbox):
    shortlist([talent])
    Notification.objects.update(status=Status.SENDING, claimed_at=timezone.now())
    due_now()
    assert tasks.relay_notifications() == 0
    assert mailoutbox == []


# --- mail server down ----------------------------------------------------------------------


def test_smtp_errors_retry_with_growing_jittered_backoff_and_end_failed(talent, failing_smtp):
    shortlist([talent])
    row = Notification.objects.get()
    waits = []
    for attempt in range(1, services.MAX_ATTEMPTS + 1):
        before = timezone.now()
        assert services.notifications_send(ids=[row.pk]) == 0
        # Run again before the retry time (a task delivered twice), it spends no attempt.
        assert services.notifications_send(ids=[row.pk]) == 0
        assert Notification.objects.get(pk=row.pk).attempts == attempt
        row.refresh_from_db()
        assert row.attempts == attempt
        assert "SMTPServerDisconnected" in row.last_error
        if attempt < services.MAX_ATTEMPTS:
            assert row.status == Status.PENDING
            waits.append(row.next_attempt_at - before)
        due_now()
    assert row.status == Status.FAILED
    base = services.RETRY_BASE
    for number, wait in enumerate(waits):
        full = min(base * 2**number, services.RETRY_MAX)
        assert full / 2 - timedelta(seconds=1) <= wait <= full + timedelta(seconds=1)
    assert waits[-1] > waits[0] * 16


def test_mail_that_went_stays_sent_when_the_server_fails_to_say_goodbye(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.QuitFailsBackend"
    shortlist(TalentUserFactory.create_batch(2))
    assert services.notifications_send(ids=Notification.objects.values_list("pk", flat=True)) == 2
    assert set(Notification.objects.values_list("status", flat=True)) == {Status.SENT}
    due_now()
    assert tasks.relay_notifications() == 0
    assert len(mailoutbox) == 2


def test_a_mail_that_cannot_be_made_fails_at_once_not_after_many_tries(talent, monkeypatch):
    shortlist([talent])

    def broken(*args):
        raise KeyError("a template bug")

    monkeypatch.setattr("notifications.mail._render", broken)
    services.notifications_send(ids=Notification.objects.values_list("pk", flat=True))
    row = Notification.objects.get()
    assert (row.status, row.attempts) == (Status.FAILED, 1)
    assert "a template bug" in row.last_error


def test_a_line_break_typed_into_a_title_does_not_break_the_subject(talent, mailoutbox):
    mail_titled(talent, {"opening": {"title": "Sales\r\ntrainee"}, "note": ""})
    [mail] = mailoutbox
    assert "Sales trainee" in mail.subject
    mail.message()  # the headers are valid


def test_the_retry_delay_is_jittered():
    assert len({services.retry_delay(3) for _ in range(20)}) > 1


def test_a_mail_server_that_refuses_connections_leaves_every_row_for_a_retry(
    settings, talent, monkeypatch
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    shortlist([talent, TalentUserFactory()])
    assert services.notifications_send(ids=Notification.objects.values_list("pk", flat=True)) == 0
    assert set(Notification.objects.values_list("status", "attempts")) == {(Status.PENDING, 1)}
    assert all("refused" in error.lower() for error in Notification.objects.values_list(
        "last_error", flat=True
    ))  # fmt: skip


def test_staff_retry_gives_a_failed_row_new_attempts(
    talent, mailoutbox, django_capture_on_commit_callbacks
):
    shortlist([talent])
    Notification.objects.update(status=Status.FAILED, attempts=services.MAX_ATTEMPTS)
    row = Notification.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notifications_retry(ids=[row.pk]) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENT, 1)
    assert len(mailoutbox) == 1


# --- fan-out ---------------------------------------------------------------------------


def test_many_recipients_are_sent_in_chunks_one_connection_each(monkeypatch, settings, mailoutbox):
    monkeypatch.setattr(services, "CHUNK_SIZE", 3)
    opened = []
    original = EmailBackend.open

    def counting_open(self):
        opened.append(self)
        return original(self)

    monkeypatch.setattr(EmailBackend, "open", counting_open)
    chunks = []
    monkeypatch.setattr(tasks.send_chunk, "delay", lambda ids: chunks.append(ids))
    users = TalentUserFactory.create_batch(8)
    batch = shortlist(users)
    tasks.deliver_batch(str(batch))
    # The first chunk is sent by the task itself; the others are tasks of their own.
    assert [len(chunk) for chunk in chunks] == [3, 2]
    assert len(mailoutbox) == 3
    for chunk in chunks:
        tasks.send_chunk(chunk)
    assert len(mailoutbox) == 8
    assert len(opened) == 3
    assert len({mail.to[0] for mail in mailoutbox}) == 8


def test_a_fan_out_is_marked_sent_in_groups_and_a_failed_mail_alone_waits(
    monkeypatch, settings, mailoutbox, django_assert_max_num_queries
):
    monkeypatch.setattr(services, "MARK_EVERY", 2)
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.FailsForOneBackend"
    users = TalentUserFactory.create_batch(6)
    monkeypatch.setattr(FailsForOneBackend, "refused", users[2].email)
    shortlist(users)
    ids = list(Notification.objects.values_list("pk", flat=True))
    # The claim and its rows (6), three groups sent and the failed row: not one per mail.
    with django_assert_max_num_queries(10):
        assert services.notifications_send(ids=ids) == 5
    rows = dict(Notification.objects.values_list("recipient", "status"))
    assert rows == {user.pk: Status.PENDING if user == users[2] else Status.SENT for user in users}
    assert len(mailoutbox) == 5


def test_a_chunk_out_of_time_marks_what_went_and_leaves_the_rest_to_the_lease(
    monkeypatch, settings, mailoutbox
):
    monkeypatch.setattr(services, "MARK_EVERY", 25)
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox.OutOfTimeBackend"
    users = TalentUserFactory.create_batch(4)
    shortlist(users)
    ids = list(Notification.objects.order_by("pk").values_list("pk", flat=True))
    with pytest.raises(SoftTimeLimitExceeded):
        services.notifications_send(ids=ids)
    statuses = sorted(Notification.objects.values_list("status", flat=True))
    # Not retried as a failure: the two that went are sent, the others wait for the lease.
    assert statuses == [Status.SENDING, Status.SENDING, Status.SENT, Status.SENT]
    assert len(mailoutbox) == 2


def test_personal_parts_of_a_fan_out_reach_only_their_reader():
    users = TalentUserFactory.create_batch(3)
    # As the matching service passes them: one mapping shared by the talents of one score.
    high, low = {"score": 90}, {"score": 70}
    services.notify(
        kind="opening_match",
        key="opening_match:1",
        context={"opening": {"title": "Developer", "enterprise": {"name": "Karelia Oy"}}},
        personal={users[0].pk: high, users[1].pk: low, users[2].pk: high},
        user_ids=[user.pk for user in users],
    )
    contexts = dict(Notification.objects.values_list("recipient", "context"))
    assert [contexts[user.pk]["score"] for user in users] == [90, 70, 90]
    assert {contexts[user.pk]["opening"]["title"] for user in users} == {"Developer"}


@pytest.mark.parametrize(
    "note",
    ["Welcome aboard.", "Tervetuloa – “kiitos”.", "A line too long for 8 bits. " * 40],
    ids=["ascii", "non-ascii", "long line"],
)
def test_a_fan_out_mail_made_once_is_the_mail_django_makes(talent, note, mailoutbox):
    """A fan-out's MIME is made once and each reader's put into it: it must be, header for
    header and part for part, the message Django makes for that reader."""
    other = TalentUserFactory(preferred_language="fi")
    shortlist([talent, other], note=note)
    services.notifications_send(ids=Notification.objects.values_list("pk", flat=True))
    assert len(mailoutbox) == 2
    for mail in mailoutbox:
        # Made from the shared MIME, unless a body had to be encoded (then Django makes it).
        assert isinstance(mail.message(), mail_module._Flattened) == ("long" not in note)
        made_once = message_from_bytes(mail.message().as_bytes(linesep="\r\n"), policy=policy.SMTP)
        by_django = message_from_bytes(
            EmailMultiAlternatives.message(mail).as_bytes(linesep="\r\n"), policy=policy.SMTP
        )
        for header in ("To", "From", "Subject", "Message-ID", "List-Unsubscribe", "MIME-Version"):
            assert made_once[header] == by_django[header], header
        assert made_once["Date"]
        assert [
            (part.get_content_type(), part.get_content()) for part in made_once.iter_parts()
        ] == [(part.get_content_type(), part.get_content()) for part in by_django.iter_parts()]
        text = made_once.get_body(("plain",)).get_content()
        assert mail.extra_headers["List-Unsubscribe"][1:-1] in text
        assert "invalid" not in made_once.as_string()


def _changed(mail, change: str) -> None:
    if change == "people":
        mail.from_email = "Joensuu Talent Hub <hub@joensuu.example>"
        mail.cc, mail.reply_to = ["coach@joensuu.example"], ["coach@joensuu.example"]
    elif change == "text":
        mail.subject, mail.body = "Another subject", "Another text."
    elif change == "attachment":
        mail.attach("note.txt", "A note.", "text/plain")
    else:
        mail.extra_headers["X-Campaign"] = "spring"


@pytest.mark.parametrize("change", ["people", "text", "attachment", "header"])
def test_a_fan_out_mail_changed_after_it_was_made_is_the_mail_django_makes(
    talent, mailoutbox, change
):
    shortlist([talent])
    services.notifications_send(ids=Notification.objects.values_list("pk", flat=True))
    [mail] = mailoutbox
    _changed(mail, change)
    made = message_from_bytes(mail.message().as_bytes(linesep="\r\n"), policy=policy.SMTP)
    by_django = message_from_bytes(
        EmailMultiAlternatives.message(mail).as_bytes(linesep="\r\n"), policy=policy.SMTP
    )
    for header in ("From", "Cc", "Reply-To", "Subject", "X-Campaign"):
        assert made[header] == by_django[header], header
    assert made.get_content_type() == by_django.get_content_type()
    assert made.get_body(("plain",)).get_content() == by_django.get_body(("plain",)).get_content()
    assert len(list(made.iter_attachments())) == len(list(by_django.iter_attachments()))


# --- preferences and digests -----------------------------------------------------------


def test_preferences_route_immediate_digest_and_off(mailoutbox, django_capture_on_commit_callbacks):
    now, daily, off = TalentUserFactory.create_batch(3)
    Preferences.objects.create(user=daily, applications=Frequency.DAILY)
    Preferences.objects.create(user=off, applications=Frequency.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        shortlist([now, daily, off])
        shortlist([daily], key="application_shortlisted:2")
    assert [mail.to for mail in mailoutbox] == [[now.email]]
    assert Notification.objects.get(recipient=off).status == Status.SKIPPED
    # Still in everyone's notification centre.
    assert all(Notification.objects.for_reader(user).exists() for user in (now, daily, off))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.notifications_digest(frequency=Frequency.DAILY) == 1
        # A second run the same day has nothing left to gather.
        assert services.notifications_digest(frequency=Frequency.DAILY) == 0
    digest = mailoutbox[-1]
    assert digest.to == [daily.email]
    assert len(mailoutbox) == 2
    assert "2 new notifications" in digest.subject
    assert digest.body.count("http://testserver/talent/applications/1/") == 2
    assert digest.body.count("Sales trainee") == 2
    assert set(Notification.objects.filter(recipient=daily, kind="application_shortlisted")
               .values_list("status", flat=True)) == {Status.SENT}  # fmt: skip
    # The digest carries its items; the centre shows them, not the digest.
    assert not Notification.objects.for_reader(daily).filter(kind="digest").exists()


def test_weekly_rows_wait_for_the_weekly_digest(mailoutbox, django_capture_on_commit_callbacks):
    user = TalentUserFactory()
    Preferences.objects.create(user=user, applications=Frequency.WEEKLY)
    with django_capture_on_commit_callbacks(execute=True):
        shortlist([user])
        assert services.notifications_digest(frequency=Frequency.DAILY) == 0
        assert services.notifications_digest(frequency=Frequency.WEEKLY) == 1
    [mail] = mailoutbox
    assert "Your week on TalentHub" in mail.subject


def test_account_mail_cannot_be_switched_off(mailoutbox, django_capture_on_commit_callbacks):
    from enterprises import services as enterprise_services
    from tests.factories import EnterpriseFactory, MembershipFactory, StaffUserFactory

    enterprise = EnterpriseFactory(status="pending")
    member = MembershipFactory(enterprise=enterprise).user
    Preferences.objects.create(
        user=member, **dict.fromkeys(("applications", "messages", "openings"), Frequency.OFF)
    )
    with django_capture_on_commit_callbacks(execute=True):
        enterprise_services.enterprise_verify(enterprise_id=enterprise.pk, actor=StaffUserFactory())
    [mail] = mailoutbox
    assert mail.to == [member.email]
    # Transactional: no unsubscribe.
    assert "List-Unsubscribe" not in mail.extra_headers
    assert "/notifications/unsubscribe/" not in mail.body


# --- the mail itself -------------------------------------------------------------------


def test_mail_has_one_click_unsubscribe_headers_text_and_html(
    talent, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shortlist([talent])
    [mail] = mailoutbox
    link = mail.extra_headers["List-Unsubscribe"]
    assert link.startswith("<http://testserver/notifications/unsubscribe/")
    assert link.endswith(">")
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link[1:-1] in mail.body
    assert "http://testserver/talent/applications/1/" in mail.body
    row = Notification.objects.get()
    assert mail.extra_headers["Message-ID"] == f"<notification-{row.pk}@testserver>"
    [(html, mimetype)] = mail.alternatives
    assert mimetype == "text/html"
    assert 'href="http://testserver/talent/applications/1/"' in html
    assert "Sales trainee" in html


def test_everyone_in_a_fan_out_gets_their_own_unsubscribe_link(mailoutbox):
    users = TalentUserFactory.create_batch(2)
    shortlist(users)
    services.notifications_send(ids=Notification.objects.values_list("pk", flat=True))
    links = [mail.extra_headers["List-Unsubscribe"][1:-1] for mail in mailoutbox]
    assert len(set(links)) == 2
    for mail, link, other in zip(mailoutbox, links, reversed(links), strict=True):
        html = mail.alternatives[0][0]
        assert link in mail.body
        assert f'href="{link}"' in html
        assert other not in mail.body + html
        assert "invalid" not in mail.body + html


def test_user_content_is_escaped_in_the_html_part(talent, mailoutbox):
    mail_titled(talent, {"opening": {"title": "<script>alert(1)</script>"}, "note": "<b>hi</b>"})
    [mail] = mailoutbox
    [(html, _mimetype)] = mail.alternatives
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<script>alert(1)</script>" in mail.body  # plain text is not HTML


def test_subjects_are_plain_text_not_html(talent, mailoutbox):
    mail_titled(talent, {"opening": {"title": "R&D <assistant>"}, "note": ""})
    [mail] = mailoutbox
    assert "R&D <assistant>" in mail.subject
    assert "R&amp;D &lt;assistant&gt;" in mail.alternatives[0][0]


def test_a_finnish_speaking_user_gets_the_mail_in_finnish(
    mailoutbox, django_capture_on_commit_callbacks
):
    user = TalentUserFactory(preferred_language="fi")
    with django_capture_on_commit_callbacks(execute=True):
        shortlist([user])
    [mail] = mailoutbox
    assert "Hei" in mail.body
    assert "Hello" not in mail.body
    assert 'lang="fi"' in mail.alternatives[0][0]


def test_a_closed_account_is_not_mailed(talent, mailoutbox):
    shortlist([talent])
    talent.is_active = False
    talent.save()
    services.notifications_send(ids=Notification.objects.values_list("pk", flat=True))
    assert mailoutbox == []
    assert Notification.objects.get().status == Status.SKIPPED


def test_switching_a_category_off_drops_what_waits_for_a_digest(talent):
    Preferences.objects.create(user=talent, applications=Frequency.DAILY)
    shortlist([talent])
    services.preferences_update(user=talent, data={"applications": Frequency.OFF})
    assert Notification.objects.get().status == Status.SKIPPED
    assert services.notifications_digest(frequency=Frequency.DAILY) == 0


def test_unsubscribe_turns_the_category_off_and_drops_waiting_rows(talent):
    from notifications.mail import unsubscribe_token

    Preferences.objects.create(user=talent, applications=Frequency.DAILY)
    shortlist([talent])
    services.unsubscribe(token=unsubscribe_token(talent.pk, "applications"))
    assert Preferences.objects.get(user=talent).applications == Frequency.OFF
    assert Notification.objects.get().status == Status.SKIPPED
    with pytest.raises(signing.BadSignature):
        services.unsubscribe(token=unsubscribe_token(talent.pk, "applications")[:-2] + "xx")
