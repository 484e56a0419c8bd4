"""Writes to accounts. Every function is keyword-only."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.tasks import enqueue_on_commit

from .models import User
from .selectors import next_step_url


def user_set_language(*, user: User, language: str) -> None:
    """Remember the UI language a person chose, for their pages and their mail."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unsupported language: {language!r}")
    User.objects.filter(pk=user.pk).update(preferred_language=language)
    user.preferred_language = language


def welcome_email_schedule(*, user: User) -> None:
    """Send the welcome mail after the confirmation commits (the relay covers an outage)."""
    from .tasks import send_welcome_email

    enqueue_on_commit(send_welcome_email, user.pk)


def welcome_email_send(*, user_id: int) -> bool:
    """Send the welcome mail unless it went already; returns whether this call sent it.

    The conditional UPDATE claims the mail atomically on every database, so two deliveries
    of the task cannot both send it, and no row stays locked while the mail server talks.
    A failed send gives the claim back, for the retry.
    """
    claimed_at = timezone.now()
    claimed = User.objects.filter(pk=user_id, welcome_sent_at__isnull=True).update(
        welcome_sent_at=claimed_at
    )
    if not claimed:
        return False
    user = User.objects.get(pk=user_id)
    try:
        with translation.override(user.preferred_language):
            context = {"user": user, "next_url": settings.SITE_URL + next_step_url(user)}
            subject = render_to_string("accounts/email/welcome_subject.txt", context).strip()
            body = render_to_string("accounts/email/welcome.txt", context)
        EmailMultiAlternatives(subject=subject, body=body, to=[user.email]).send()
    except Exception:
        User.objects.filter(pk=user_id, welcome_sent_at=claimed_at).update(welcome_sent_at=None)
        raise
    return True
