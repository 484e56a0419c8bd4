"""The accessibility feedback channel: anyone sends, the sender is told when to expect an
answer, staff answer once, and the answer is mailed."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from pages import services
from pages.demo import seed_demo
from pages.models import AccessibilityFeedback
from tests.factories import MembershipFactory, StaffUserFactory, TalentUserFactory
from tests.factories.pages import FeedbackFactory

from .conftest import staff_with

pytestmark = pytest.mark.django_db
URL = reverse("pages:accessibility")
Status = AccessibilityFeedback.Status
VALID = {
    "email": "reader@example.com",
    "name": "Aino Reader",
    "page_url": "https://talenthub.example/openings/",
    "message": "The filter button has no visible focus.",
}


@pytest.mark.parametrize("role", ["anonymous", "talent", "member", "staff"])
def test_anyone_sends_feedback_and_gets_an_acknowledgement(
    client, role, mailoutbox, django_capture_on_commit_callbacks
):
    user = {
        "anonymous": lambda: None,
        "talent": TalentUserFactory,
        "member": lambda: MembershipFactory().user,
        "staff": StaffUserFactory,
    }[role]()
    if user:
        client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, VALID, follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "we received your feedback" in response.content.decode()
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.email, feedback.name, feedback.page_url, feedback.message) == (
        VALID["email"],
        VALID["name"],
        VALID["page_url"],
        VALID["message"],
    )
    assert feedback.status == Status.OPEN
    assert feedback.due_on == timezone.localdate(feedback.received_at) + timedelta(days=14)
    [mail] = mailoutbox
    assert mail.to == [VALID["email"]]
    assert "We received your accessibility feedback" in mail.subject
    assert "within 14 days" in mail.body
    # Anyone can type anyone's address: the acknowledgement carries none of the sender's words.
    assert VALID["message"] not in mail.body
    assert VALID["name"] not in mail.body


def test_the_form_sits_below_the_statement(client):
    content = client.get(URL).content.decode()

    statement = content.index("Supervising authority")
    form = content.index('<form method="post" action="/accessibility/#feedback"')
    assert statement < form
    assert 'name="csrfmiddlewaretoken"' in content


def test_errors_are_listed_and_nothing_typed_is_lost(client, mailoutbox):
    response = client.post(URL, {**VALID, "email": "not-an-address", "message": " "})

    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="error-summary"' in content
    assert 'href="#id_email"' in content
    assert 'href="#id_message"' in content
    assert 'value="not-an-address"' in content
    assert f'value="{VALID["name"]}"' in content
    assert f'value="{VALID["page_url"]}"' in content
    assert not AccessibilityFeedback.objects.exists()
    assert mailoutbox == []


def test_a_filled_honeypot_is_thanked_and_dropped(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {**VALID, "website": "https://spam.example"})

    assert response.status_code == 302
    assert not AccessibilityFeedback.objects.exists()
    assert mailoutbox == []


def test_the_form_needs_its_csrf_token():
    response = Client(enforce_csrf_checks=True).post(URL, VALID)

    assert response.status_code == 403
    assert not AccessibilityFeedback.objects.exists()


def test_feedback_sent_in_finnish_is_answered_in_finnish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"

    client.post(URL, VALID)

    assert AccessibilityFeedback.objects.get().language == "fi"
    assert Notification.objects.get().language == "fi"


def test_staff_answer_open_feedback_and_the_sender_gets_the_answer(
    answerer, mailoutbox, django_capture_on_commit_callbacks
):
    feedback = FeedbackFactory(received_at=timezone.make_aware(timezone.datetime(2026, 3, 2)))

    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_answer(
            feedback_id=feedback.pk, actor=answerer, answer="  Fixed: focus is now visible.  "
        )

    feedback.refresh_from_db()
    assert feedback.status == Status.ANSWERED
    assert feedback.answer == "Fixed: focus is now visible."
    assert feedback.answered_by == answerer
    assert feedback.answered_at is not None
    [mail] = mailoutbox
    assert mail.to == [feedback.email]
    assert "An answer to your accessibility feedback" in mail.subject
    assert "Fixed: focus is now visible." in mail.body
    assert "sent on 2 March 2026" in mail.body
    # The sender's words are not mailed back: the address may not be theirs.
    assert feedback.message not in mail.body


def test_answered_feedback_cannot_be_answered_again(answerer, mailoutbox):
    feedback = FeedbackFactory()
    services.feedback_answer(feedback_id=feedback.pk, actor=answerer, answer="First.")

    with pytest.raises(ValidationError):
        services.feedback_answer(feedback_id=feedback.pk, actor=answerer, answer="Second.")

    feedback.refresh_from_db()
    assert feedback.answer == "First."


def test_an_answer_cannot_be_empty(answerer):
    feedback = FeedbackFactory()

    with pytest.raises(ValidationError):
        services.feedback_answer(feedback_id=feedback.pk, actor=answerer, answer="   ")

    assert AccessibilityFeedback.objects.get().status == Status.OPEN


@pytest.mark.parametrize("role", ["talent", "staff without permission", "staff who only view"])
def test_only_staff_allowed_to_change_feedback_answer(role, mailoutbox):
    actor = {
        "talent": TalentUserFactory,
        "staff without permission": staff_with,
        "staff who only view": lambda: staff_with("view_accessibilityfeedback"),
    }[role]()
    feedback = FeedbackFactory()

    with pytest.raises(PermissionDenied):
        services.feedback_answer(feedback_id=feedback.pk, actor=actor, answer="Hi.")

    assert AccessibilityFeedback.objects.get().status == Status.OPEN


def test_submit_validates_what_the_service_is_given():
    with pytest.raises(ValidationError):
        services.feedback_submit(email="not-an-address", message="Hello.")
    with pytest.raises(ValidationError):
        services.feedback_submit(email="a@example.com", message="  ")

    assert not AccessibilityFeedback.objects.exists()


def test_the_answer_date_is_two_weeks_after_the_day_received(monkeypatch):
    received = timezone.make_aware(timezone.datetime(2026, 12, 24, 12))
    monkeypatch.setattr(timezone, "now", lambda: received)

    feedback = services.feedback_submit(email="a@example.com", message="Hello.")

    assert feedback.due_on == date(2027, 1, 7)


def test_demo_feedback_is_seeded_once_with_one_overdue():
    seed_demo()
    seed_demo()

    assert AccessibilityFeedback.objects.count() == 3
    overdue = AccessibilityFeedback.objects.filter(
        status=Status.OPEN, due_on__lt=timezone.localdate()
    )
    assert overdue.count() == 1


def test_the_form_stops_mailing_an_address_after_three_a_day(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    form = {"email": "victim@example.com", "message": "Spam, spam, spam."}
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(reverse("pages:accessibility"), form).status_code for _ in range(4)]

    assert answers == [302, 302, 302, 429]
    assert len(mailoutbox) == 3
