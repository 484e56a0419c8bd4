"""A notification as a mail: subject, plain text and HTML, in the reader's language, with
the one-click unsubscribe of RFC 8058 for everything that is not transactional."""

import json
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.dateparse import parse_date

from core.mail import site_url

from .kinds import DIGEST, KINDS
from .models import TUNABLE, Category, Notification

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
# In a digest's token: every category at once.
ALL = "all"


def unsubscribe_token(user_id: int, category: str) -> str:
    # No expiry: an unsubscribe link in an old mail must still work.
    return signing.dumps([user_id, category], salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[int, str]:
    """The user id and category a token names; BadSignature if it was tampered with."""
    user_id, category = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if category != ALL and category not in TUNABLE:
        raise signing.BadSignature("unknown category")
    return int(user_id), category


def _language(notification: Notification) -> str:
    person = notification.recipient
    chosen = person.preferred_language if person else notification.language
    return chosen or settings.LANGUAGE_CODE


def address(notification: Notification) -> str:
    """Where the mail goes now, or "" when it cannot go (closed account, no address)."""
    person = notification.recipient
    if person is None:
        return notification.email
    return person.email if person.is_active else ""


def _unsubscribe_category(notification: Notification) -> str | None:
    if notification.recipient_id is None:
        return None
    if notification.kind == DIGEST:
        return ALL
    return None if notification.category == Category.ACCOUNT else notification.category


def title(notification: Notification) -> str:
    """The one line that names the notification (mail subject, centre entry), in the
    active language."""
    template = KINDS[notification.kind].template
    return render_to_string(f"{template}_subject.txt", _context(notification), using="text").strip()


def _context(notification: Notification, **extra) -> dict:
    return {**_revive(notification.context), "url": site_url(notification.url), **extra}


def _revive(value):
    # JSON keeps dates as ISO strings; templates format them as dates, in the reader's way.
    if isinstance(value, dict):
        return {key: _revive(item) for key, item in value.items()}
    if isinstance(value, str) and len(value) == 10 and (day := _date(value)):
        return day
    return value


def _date(value: str):
    try:
        return parse_date(value)
    except ValueError:
        return None


def _digest_items(notification: Notification) -> list[dict]:
    return [{"title": title(item), "url": site_url(item.url)} for item in notification.items.all()]


# Stands in for the person's own unsubscribe link while a shared rendering is made.
_UNSUBSCRIBE_SLOT = "https://unsubscribe.invalid/slot"


def _render(notification: Notification, category: str | None) -> tuple[str, str, str]:
    """Subject, text and HTML in the reader's language, the unsubscribe link left as a slot."""
    template = KINDS[notification.kind].template
    with translation.override(_language(notification)):
        extra = {"unsubscribe_url": _UNSUBSCRIBE_SLOT if category else "", "preferences_url": ""}
        if notification.recipient_id:
            extra["preferences_url"] = site_url(reverse("notifications:preferences"))
        if notification.kind == DIGEST:
            extra["items"] = _digest_items(notification)
        context = _context(notification, **extra)
        # One line whatever people typed into a title: a header cannot hold a line break.
        subject = " ".join(
            render_to_string(f"{template}_subject.txt", context, using="text").split()
        )
        text = render_to_string(f"{template}.txt", context, using="text")
        html = render_to_string(
            "notifications/email/message.html", {**context, "subject": subject, "text": text}
        )
    return subject, text, html


class Renderer:
    """Renders a chunk's mails. Rows of one event that say the same thing to people of one
    language (a fan-out) share one rendering; only the unsubscribe link is their own."""

    def __init__(self):
        self._done = {}

    def message(self, notification: Notification) -> EmailMultiAlternatives:
        """The mail for a claimed row whose `address` is not empty."""
        category = _unsubscribe_category(notification)
        same = (
            notification.kind,
            _language(notification),
            notification.url,
            bool(notification.recipient_id),
            category,
            json.dumps(notification.context, sort_keys=True, cls=DjangoJSONEncoder),
        )
        if notification.kind == DIGEST:  # each digest lists its own items
            subject, text, html = _render(notification, category)
        else:
            if same not in self._done:
                self._done[same] = _render(notification, category)
            subject, text, html = self._done[same]
        headers = {"Message-ID": f"<notification-{notification.pk}@{_domain()}>"}
        if category:
            token = unsubscribe_token(notification.recipient_id, category)
            unsubscribe = site_url(reverse("notifications:unsubscribe", args=[token]))
            # The link is made of URL-safe characters: as it stands in text and in HTML.
            text, html = (part.replace(_UNSUBSCRIBE_SLOT, unsubscribe) for part in (text, html))
            headers["List-Unsubscribe"] = f"<{unsubscribe}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        mail = EmailMultiAlternatives(
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
            text,
            to=[address(notification)],
            headers=headers,
        )
        mail.attach_alternative(html, "text/html")
        return mail


def _domain() -> str:
    # Stable per row, so a mail server that sees a resend can tell it is the same mail.
    return urlsplit(settings.SITE_URL).hostname or "talenthub.local"
