"""Writes to accounts. Every function is keyword-only and runs in a transaction."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import User
from .selectors import next_step_url


def user_set_language(*, user: User, language: str) -> None:
    """Remember the UI language a person chose, for their pages and their mail."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unsupported language: {language!r}")
    User.objects.filter(pk=user.pk).update(preferred_language=language)
    user.preferred_language = language


def welcome_email_schedule(*, user: User) -> None:
    """Send the welcome mail once the current transaction has committed."""
    from .tasks import send_welcome_email

    user_id = user.pk
    transaction.on_commit(lambda: send_welcome_email.delay(user_id))


@transaction.atomic
def welcome_email_send(*, user_id: int) -> bool:
    """Send the welcome mail unless it went already; returns whether it was sent now.

    The row lock makes a duplicate delivery of the task wait, then see the timestamp.
    """
    user = User.objects.select_for_update().get(pk=user_id)
    if user.welcome_sent_at is not None:
        return False
    with translation.override(user.preferred_language):
        context = {
            "user": user,
            "next_url": settings.SITE_URL + next_step_url(user),
        }
        subject = render_to_string("accounts/email/welcome_subject.txt", context).strip()
        body = render_to_string("accounts/email/welcome.txt", context)
    EmailMultiAlternatives(subject=subject, body=body, to=[user.email]).send()
    user.welcome_sent_at = timezone.now()
    user.save(update_fields=["welcome_sent_at"])
    return True
