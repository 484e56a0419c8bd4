"""Writes to accounts. Every function is keyword-only."""

from django.conf import settings

from notifications.services import notify

from .models import User
from .selectors import next_step_url


def user_set_language(*, user: User, language: str) -> None:
    """Remember the UI language a person chose, for their pages and their mail."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unsupported language: {language!r}")
    User.objects.filter(pk=user.pk).update(preferred_language=language)
    user.preferred_language = language


def welcome_notify(*, user: User) -> None:
    """Welcome a person whose address was just confirmed, once, with their next step."""
    notify(
        kind="welcome",
        key="welcome",
        context={"side": user.side},
        url=next_step_url(user),
        user_ids=[user.pk],
    )
