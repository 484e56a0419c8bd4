"""Transactional mail from translated templates, each recipient in their own language.

A template `<name>` is two files: `<name>_subject.txt` (one line) and `<name>.txt`, usually
extending `account/email/base_message.txt`. Links in mail must be absolute: use `site_url`.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.utils import translation


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str = settings.LANGUAGE_CODE


def recipients(users: Iterable) -> list[Recipient]:
    """Active users as recipients, each with the language they chose."""
    return [
        Recipient(user.email, user.preferred_language or settings.LANGUAGE_CODE)
        for user in users
        if user.is_active and user.email
    ]


def site_url(path: str) -> str:
    """An absolute link for a mail client, from the configured SITE_URL."""
    return settings.SITE_URL + path


def mail_send(*, template: str, to: Iterable[Recipient], context: Mapping[str, Any]) -> int:
    """Send one mail per recipient over one connection; returns how many were sent."""
    messages = []
    for recipient in to:
        with translation.override(recipient.language):
            subject = render_to_string(f"{template}_subject.txt", context).strip()
            body = render_to_string(f"{template}.txt", context)
        prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
        messages.append(EmailMultiAlternatives(prefix + subject, body, to=[recipient.email]))
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0
