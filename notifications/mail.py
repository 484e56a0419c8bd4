"""A notification as a mail: subject, plain text and HTML, in the reader's language, with
the one-click unsubscribe of RFC 8058 for everything that is not transactional."""

import json
import re
from collections import OrderedDict
from email.utils import formatdate
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


class _Shared:
    """One rendering that many mails of a fan-out share, and its MIME, made once: made
    again for each reader it would cost more than sending the mail."""

    def __init__(self, subject: str, text: str, html: str):
        self.subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject
        self.text, self.html = text, html
        self._flat: bytes | None = None
        self._made = False

    def flat(self) -> bytes | None:
        """The MIME without the headers of one reader, the unsubscribe link left as a slot;
        None where a body had to be encoded (a line too long for 8 bits) and the slot with
        it, so that only a plain substitution of bytes remains."""
        if not self._made:
            model = EmailMultiAlternatives(self.subject, self.text)
            model.attach_alternative(self.html, "text/html")
            mime = model.message()
            del mime["Date"], mime["Message-ID"]
            flat = mime.as_bytes(linesep="\n")
            slots = self.text.count(_UNSUBSCRIBE_SLOT) + self.html.count(_UNSUBSCRIBE_SLOT)
            self._flat = flat if flat.count(_UNSUBSCRIBE_SLOT.encode()) == slots else None
            self._made = True
        return self._flat


class _Mail(EmailMultiAlternatives):
    """A mail of a fan-out. Its attributes are those of any mail; its MIME is the shared one
    with this reader's headers and link put in."""

    def __init__(self, shared: _Shared, unsubscribe: str, **kwargs):
        super().__init__(**kwargs)
        self.shared, self.unsubscribe = shared, unsubscribe

    def message(self):
        flat = self.shared.flat()
        headers = {
            "To": ", ".join(self.to),
            "Date": formatdate(localtime=settings.EMAIL_USE_LOCALTIME),
            **self.extra_headers,
        }
        # What Django would encode or refuse (a non-ASCII address, a line break) it makes, and
        # a mail changed since `message()` made it.
        if (
            flat is None
            or not self._as_made()
            or len(self.to) != 1
            or not _PLAIN_ADDRESS.fullmatch(self.to[0])
            or not all(_PLAIN_HEADER.fullmatch(value) for value in headers.values())
        ):
            return super().message()
        head = "".join(map(_header, headers.items())).encode()
        link = self.unsubscribe.encode()
        return _Flattened(head + flat.replace(_UNSUBSCRIBE_SLOT.encode(), link))

    def _as_made(self) -> bool:
        """Whether the mail is as `message()` made it: all of it is in the shared MIME but
        the reader's headers and link."""
        shared, link = self.shared, self.unsubscribe
        return (
            not (self.cc or self.reply_to or self.attachments or self.encoding)
            and self.from_email == settings.DEFAULT_FROM_EMAIL
            and self.subject == shared.subject
            and self.body == shared.text.replace(_UNSUBSCRIBE_SLOT, link)
            and [tuple(part) for part in self.alternatives]
            == [(shared.html.replace(_UNSUBSCRIBE_SLOT, link), "text/html")]
            and set(self.extra_headers) <= _READER_HEADERS
        )


def _header(item: tuple[str, str]) -> str:
    # As the generator folds a value without spaces that does not fit the line: on a line
    # of its own.
    name, value = item
    return f"{name}: {value}\n" if len(name) + 2 + len(value) <= 78 else f"{name}:\n {value}\n"


# Header values that go as they are, as Django would write them: printable ASCII, no line
# break; an address without a name or anything to quote.
_READER_HEADERS = {"Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post"}
_PLAIN_HEADER = re.compile(r"[ -~]*")
_PLAIN_ADDRESS = re.compile(r"[\w.%+'-]+@[\w.-]+", re.ASCII)


class _Flattened:
    """A message already flattened (with LF line ends), as the mail backends use one."""

    def __init__(self, data: bytes):
        self.data = data

    def as_bytes(self, unixfrom: bool = False, linesep: str = "\n") -> bytes:
        # LF is the only line end in it: the generator turned every other one into LF.
        return self.data if linesep == "\n" else self.data.replace(b"\n", linesep.encode())

    def get_charset(self):
        return None  # multipart: its parts say theirs


# Renderings of the events a worker sends now. Rows of one event that say the same thing to
# people of one language (a fan-out) share one, across the chunks the worker is given; only
# the unsubscribe link is their own. The key names the event (its batch): a rendering serves
# no other event's mail, and the oldest give way.
_RECENT: OrderedDict[tuple, _Shared] = OrderedDict()
RECENT_SIZE = 500


def _shared(notification: Notification, category: str | None) -> _Shared:
    if notification.kind == DIGEST:  # each digest lists its own items
        return _Shared(*_render(notification, category))
    same = (
        notification.batch,
        notification.kind,
        _language(notification),
        notification.url,
        bool(notification.recipient_id),
        category,
        json.dumps(notification.context, sort_keys=True, cls=DjangoJSONEncoder),
    )
    shared = _RECENT.pop(same, None) or _Shared(*_render(notification, category))
    _RECENT[same] = shared  # the most recent last
    if len(_RECENT) > RECENT_SIZE:
        _RECENT.popitem(last=False)
    return shared


def message(notification: Notification) -> EmailMultiAlternatives:
    """The mail for a claimed row whose `address` is not empty."""
    category = _unsubscribe_category(notification)
    shared = _shared(notification, category)
    text, html, unsubscribe = shared.text, shared.html, ""
    headers = {"Message-ID": f"<notification-{notification.pk}@{_domain()}>"}
    if category:
        token = unsubscribe_token(notification.recipient_id, category)
        unsubscribe = site_url(reverse("notifications:unsubscribe", args=[token]))
        # The link is made of URL-safe characters: as it stands in text and in HTML.
        text, html = (part.replace(_UNSUBSCRIBE_SLOT, unsubscribe) for part in (text, html))
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    mail = _Mail(
        shared,
        unsubscribe,
        subject=shared.subject,
        body=text,
        to=[address(notification)],
        headers=headers,
    )
    mail.attach_alternative(html, "text/html")
    return mail


def _domain() -> str:
    # Stable per row, so a mail server that sees a resend can tell it is the same mail.
    return urlsplit(settings.SITE_URL).hostname or "talenthub.local"
