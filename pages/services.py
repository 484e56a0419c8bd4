"""Writes of the accessibility feedback channel.

Everyone may send feedback; the sender gets an acknowledgement that promises an answer
within 14 days, and later the answer itself, both by mail to the address they gave (they
need no account). The acknowledgement says nothing the sender typed: anyone can type
anyone's address into the form, and our mail must not carry a stranger's words to them.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import notify

from .models import ANSWER_WITHIN, AccessibilityFeedback

Status = AccessibilityFeedback.Status
ANSWER_PERMISSION = "pages.change_accessibilityfeedback"
TRANSITIONS = {Status.OPEN: {Status.ANSWERED}, Status.ANSWERED: set()}


@transaction.atomic
def feedback_submit(
    *, email: str, message: str, name: str = "", page_url: str = "", language: str = ""
) -> AccessibilityFeedback:
    """Store feedback and mail its sender the acknowledgement (ValidationError if invalid)."""
    received_at = timezone.now()
    feedback = AccessibilityFeedback(
        name=name.strip(),
        email=email.strip(),
        page_url=page_url.strip(),
        message=message.strip(),
        language=language,
        received_at=received_at,
        due_on=timezone.localdate(received_at) + ANSWER_WITHIN,
    )
    feedback.full_clean()
    feedback.save()
    notify(
        kind="accessibility_feedback_received",
        key=f"accessibility_feedback_received:{feedback.pk}",
        context={"due_on": feedback.due_on, "days": ANSWER_WITHIN.days},
        url=reverse("pages:accessibility"),
        email=feedback.email,
        language=language,
    )
    return feedback


@transaction.atomic
def feedback_answer(*, feedback_id: int, actor, answer: str) -> AccessibilityFeedback:
    """Staff answer open feedback; the answer is mailed to the sender.

    PermissionDenied for anyone but staff allowed to change feedback; ValidationError for an
    empty answer or feedback already answered; DoesNotExist for an unknown id.
    """
    if not (actor.is_staff and actor.has_perm(ANSWER_PERMISSION)):
        raise PermissionDenied
    feedback = AccessibilityFeedback.objects.select_for_update().get(pk=feedback_id)
    if Status.ANSWERED not in TRANSITIONS[Status(feedback.status)]:
        raise ValidationError(_("This feedback has already been answered."), code="answered")
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")}, code="required")
    feedback.status = Status.ANSWERED
    feedback.answer = answer
    feedback.answered_at = timezone.now()
    feedback.answered_by = actor
    feedback.save(update_fields=["status", "answer", "answered_at", "answered_by"])
    notify(
        kind="accessibility_feedback_answered",
        key=f"accessibility_feedback_answered:{feedback.pk}",
        context={
            # Not the sender's own words: anyone may type any address into the form, and our
            # mail must not carry a stranger's text to it.
            "received_on": timezone.localdate(feedback.received_at),
            "answer": feedback.answer,
        },
        url=reverse("pages:accessibility"),
        email=feedback.email,
        language=feedback.language,
    )
    return feedback
