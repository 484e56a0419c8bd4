"""Writes to the outbox. Every function is keyword-only.

`notify` is called by the services of the other apps inside their own transaction: the rows
commit with the event or not at all. After the commit a task delivers the new rows; the relay
(every minute) delivers whatever that task could not, for example while the broker was down.
A row is claimed before its mail goes, so no row is mailed twice however often its task runs.
"""

import json
import logging
import random
import uuid
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.core.mail import get_connection
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from accounts.selectors import Role, user_role
from core.iterables import batched
from core.tasks import enqueue_on_commit
from privacy.models import Consent, Purpose
from privacy.services import consent_record

from . import mail
from .kinds import DIGEST, KINDS
from .models import DIGESTS, TUNABLE, Frequency, Notification, Preferences
from .selectors import unsubscribe_target

logger = logging.getLogger(__name__)
Status = Notification.Status

# One task, one SMTP connection, this many mails: well within the task's time limit even at
# a few mails a second (a slow relay).
CHUNK_SIZE = 500
# Sent rows are marked sent in groups of this many: one UPDATE per mail would cost more
# than the mail, and a worker that dies mid-chunk resends fewer than this.
MARK_EVERY = 25
# Rows written per INSERT when one event notifies many people.
WRITE_BATCH = 10_000
# 1, 2, 4… minutes up to 6 hours between attempts: a mail server may be down for a day.
MAX_ATTEMPTS = 13
RETRY_BASE = timedelta(minutes=1)
RETRY_MAX = timedelta(hours=6)
# A task given a row gets this long before the relay gives it to another (broker down at
# the commit, a long queue).
RELAY_GRACE = timedelta(minutes=5)
# A row still "sending" after this long lost its worker (Celery kills a task after
# CELERY_TASK_TIME_LIMIT, 5 minutes): it is sent again.
SENDING_LEASE = timedelta(minutes=15)
# The relay queues at most this many rows a run, so a backlog drains without a flood.
RELAY_LIMIT = 50_000


def notify(
    *,
    kind: str,
    key: str,
    context: Mapping[str, Any],
    url: str = "",
    user_ids: Iterable[int] = (),
    personal: Mapping[int, Mapping[str, Any]] | None = None,
    email: str = "",
    language: str = "",
) -> uuid.UUID:
    """Notify people of an event: `user_ids`, or an `email` address that has no account yet.

    `key` names the event; each person gets one row per key however often it is called.
    `context` is the snapshot the templates render (plain JSON values), `personal` what
    differs per user (say, their match score). Returns the batch.
    """
    spec = KINDS[kind]
    batch = uuid.uuid4()
    now = timezone.now()
    fields = {
        "kind": kind,
        "category": spec.category,
        "key": key,
        "batch": batch,
        "url": url,
        "next_attempt_at": now,
        "queued_at": now,  # by the task queued at the commit
    }
    if email:
        row = Notification(
            email=email,
            language=language,
            context=dict(context),
            frequency=Frequency.IMMEDIATELY,
            **fields,
        )
        Notification.objects.bulk_create([row], ignore_conflicts=True)
    write = _write_fast if connection.vendor == "postgresql" else _write
    for chunk in batched(user_ids, WRITE_BATCH):
        write(chunk, context, personal or {}, spec.category, fields)
    from .tasks import deliver_batch

    enqueue_on_commit(deliver_batch, str(batch))
    return batch


def _write(
    user_ids: list[int],
    context: Mapping[str, Any],
    personal: Mapping[int, Mapping[str, Any]],
    category: str,
    fields: dict[str, Any],
) -> None:
    frequencies = _frequencies(user_ids, category)
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=user_id,
                context={**context, **personal.get(user_id, {})},
                frequency=frequencies[user_id],
                status=Status.SKIPPED if frequencies[user_id] == Frequency.OFF else Status.PENDING,
                **fields,
            )
            for user_id in user_ids
        ],
        ignore_conflicts=True,
    )


def _write_fast(
    user_ids: list[int],
    context: Mapping[str, Any],
    personal: Mapping[int, Mapping[str, Any]],
    category: str,
    fields: dict[str, Any],
) -> None:
    """_write in one statement, for PostgreSQL: a fan-out writes 100,000 rows in seconds
    where the ORM's per-row work would take half a minute. The preferences are joined in
    the statement; the contexts go as a list of the distinct ones (the rows of one event
    mostly share theirs, and `personal` shares its mappings) and an index into it per row,
    so that no per-row string has to be quoted into the query."""
    contexts: list[str] = []
    index: dict[int, int] = {}  # by the id of the person's mapping: each is encoded once
    rows = []
    for user_id in user_ids:
        own = personal.get(user_id)
        if id(own) not in index:
            index[id(own)] = len(contexts) + 1  # SQL arrays count from 1
            merged = {**context, **own} if own else context
            contexts.append(json.dumps(merged, cls=DjangoJSONEncoder))
        rows.append(index[id(own)])
    if category in TUNABLE:  # what the person chose, or the default
        column = Preferences._meta.get_field(category).column
        frequency = f"COALESCE(p.{column}, %(default)s)"
        default = Preferences._meta.get_field(category).default
    else:
        frequency, default = "%(default)s", Frequency.IMMEDIATELY
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {Notification._meta.db_table} (
                recipient_id, email, language, kind, category, key, batch, url, context,
                frequency, status, attempts, last_error, next_attempt_at, queued_at, created_at
            )
            SELECT r, '', '', %(kind)s, %(category)s, %(key)s, %(batch)s, %(url)s,
                (%(contexts)s::jsonb[])[c], f,
                CASE WHEN f = %(off)s THEN %(skipped)s ELSE %(pending)s END,
                0, '', %(now)s, %(now)s, %(now)s
            FROM (
                SELECT t.r, t.c, {frequency} AS f
                FROM unnest(%(recipients)s::bigint[], %(rows)s::int[]) AS t (r, c)
                LEFT JOIN {Preferences._meta.db_table} AS p ON p.user_id = t.r
            ) AS s
            ON CONFLICT DO NOTHING
            """,  # noqa: S608 - the table and column names are ours; every value a parameter
            {
                **{name: fields[name] for name in ("kind", "category", "key", "batch", "url")},
                "now": fields["queued_at"],
                "default": default,
                "off": Frequency.OFF,
                "skipped": Status.SKIPPED,
                "pending": Status.PENDING,
                "contexts": contexts,
                # Integers need no quoting: as array literals they skip the driver's
                # per-element escaping, which costs more than the insert itself.
                "recipients": _int_array(user_ids),
                "rows": _int_array(rows),
            },
        )


def _int_array(values: Iterable[int]) -> str:
    return "{" + ",".join(str(int(value)) for value in values) + "}"


def _frequencies(user_ids: list[int], category: str) -> dict[int, str]:
    default = Preferences._meta.get_field(category).default if category in TUNABLE else None
    if default is None:
        return dict.fromkeys(user_ids, Frequency.IMMEDIATELY)
    chosen = dict(Preferences.objects.filter(user_id__in=user_ids).values_list("user_id", category))
    return {user_id: chosen.get(user_id, default) for user_id in user_ids}


def batch_chunks(*, batch: str) -> list[list[int]]:
    """The rows of a batch due by mail now, in chunks of one task each."""
    ids = Notification.objects.filter(
        batch=batch, status=Status.PENDING, frequency=Frequency.IMMEDIATELY
    ).values_list("pk", flat=True)
    return list(batched(ids.order_by("pk").iterator(), CHUNK_SIZE))


def _claim(ids: Iterable[int]) -> list[Notification]:
    """Take pending rows that are due for this worker. Locked rows are skipped, not waited
    for: another worker has them (on PostgreSQL; SQLite runs one writer at a time anyway).
    A row waiting for its retry is not due: a task run twice cannot spend its attempts."""
    now = timezone.now()
    with transaction.atomic():
        free = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(ids), status=Status.PENDING, next_attempt_at__lte=now)
            .values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=free, status=Status.PENDING).update(
            status=Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    return list(
        Notification.objects.filter(pk__in=free, status=Status.SENDING, claimed_at=now)
        .select_related("recipient")
        .prefetch_related("items")
    )


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff with jitter: 1, 2, 4… minutes (at most 6 hours), each between
    half and the whole of it, so rows that failed together do not retry together."""
    delay = min(RETRY_BASE * 2 ** max(attempts - 1, 0), RETRY_MAX)
    return delay * random.uniform(0.5, 1.0)  # noqa: S311 - jitter, not a secret


def notifications_send(*, ids: Iterable[int]) -> int:
    """Mail the given rows that are still pending, over one connection; returns how many
    went. A row that fails waits for a retry, and after the last attempt is failed; a mail
    that cannot be made (a template error) fails at once, as retrying cannot help."""
    claimed = _claim(ids)
    if not claimed:
        return 0
    connection = get_connection()
    try:
        connection.open()
    except Exception as error:  # The mail server is down: every row waits for a retry.
        for row in claimed:
            _failed(row, error)
        return 0
    sent = []
    try:
        for row in claimed:
            if not mail.address(row):
                _mark([row], status=Status.SKIPPED, last_error="No address to mail to.")
                continue
            try:
                message = mail.message(row)
            except SoftTimeLimitExceeded:
                raise  # out of time: what went is marked below, the rest waits for its lease
            except Exception as error:
                logger.exception("Notification %s cannot be rendered", row.pk)
                _failed(row, error, last=True)
                continue
            try:
                connection.send_messages([message])
            except SoftTimeLimitExceeded:
                raise
            except Exception as error:
                _failed(row, error)
            else:
                sent.append(row)
                # Soon, not after the chunk: a worker that dies resends at most these few.
                if len(sent) % MARK_EVERY == 0:
                    _mark(sent[-MARK_EVERY:], status=Status.SENT, sent_at=timezone.now())
    finally:
        if left := len(sent) % MARK_EVERY:
            _mark(sent[-left:], status=Status.SENT, sent_at=timezone.now())
        try:
            connection.close()
        except Exception:  # A QUIT the server did not answer: the mails went all the same.
            logger.warning("Closing the mail connection failed", exc_info=True)
    return len(sent)


def _mark(rows: list[Notification], **fields) -> None:
    # Only this worker's claim: after a lost lease the row is someone else's. The rows of
    # one call share their claim.
    Notification.objects.filter(
        pk__in=[row.pk for row in rows], status=Status.SENDING, claimed_at=rows[0].claimed_at
    ).update(**fields)


def _failed(row: Notification, error: Exception, *, last: bool = False) -> None:
    logger.warning("Notification %s failed (attempt %s): %r", row.pk, row.attempts, error)
    last = last or row.attempts >= MAX_ATTEMPTS
    now = timezone.now()
    _mark(
        [row],
        status=Status.FAILED if last else Status.PENDING,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        next_attempt_at=now if last else now + retry_delay(row.attempts),
    )


def notifications_relay() -> list[list[int]]:
    """Periodic: rows whose worker died go back to pending; rows due by mail that no task
    has had for a while (broker down at the commit, retry time come) are handed out again,
    in chunks of one task each."""
    now = timezone.now()
    Notification.objects.filter(status=Status.SENDING, claimed_at__lt=now - SENDING_LEASE).update(
        status=Status.PENDING, next_attempt_at=now, queued_at=now - RELAY_GRACE
    )
    due = Notification.objects.filter(
        status=Status.PENDING,
        frequency=Frequency.IMMEDIATELY,
        next_attempt_at__lte=now,
        queued_at__lte=now - RELAY_GRACE,
    ).order_by("next_attempt_at", "pk")
    ids = list(due.values_list("pk", flat=True)[:RELAY_LIMIT])
    Notification.objects.filter(pk__in=ids).update(queued_at=now)
    return list(batched(ids, CHUNK_SIZE))


@transaction.atomic
def notifications_retry(*, ids: Iterable[int]) -> int:
    """Staff: failed rows get a fresh round of attempts, starting now, unless their reader
    has switched that mail off since."""
    rows = Notification.objects.filter(pk__in=list(ids), status=Status.FAILED)
    for category in TUNABLE:
        switched_off = {f"recipient__notification_preferences__{category}": Frequency.OFF}
        rows.filter(category=category, **switched_off).update(
            status=Status.SKIPPED, last_error="Switched off."
        )
    pks = list(rows.values_list("pk", flat=True))
    now = timezone.now()
    count = rows.update(status=Status.PENDING, attempts=0, next_attempt_at=now, queued_at=now)
    from .tasks import send_chunk

    for chunk in batched(pks, CHUNK_SIZE):
        enqueue_on_commit(send_chunk, chunk)
    return count


def notifications_digest(*, frequency: str) -> int:
    """Scheduled: one digest mail per person with rows waiting for this frequency; returns
    how many digests were written. Each is a notification of its own, so it is delivered
    (and never sent twice) like any other."""
    if frequency not in DIGESTS:
        raise ValueError(f"Not a digest frequency: {frequency!r}")
    user_ids = (
        Notification.objects.filter(status=Status.PENDING, frequency=frequency)
        .order_by()  # DISTINCT over the recipient alone, not the default ordering too
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    # One batch for the run: the digests go in chunks, like any fan-out.
    batch = uuid.uuid4()
    written = sum(
        _digest(user_id=user_id, frequency=frequency, batch=batch) for user_id in user_ids
    )
    from .tasks import deliver_batch

    enqueue_on_commit(deliver_batch, str(batch))
    return written


@transaction.atomic
def _digest(*, user_id: int, frequency: str, batch: uuid.UUID) -> int:
    items = list(
        Notification.objects.select_for_update(skip_locked=True)
        .filter(recipient_id=user_id, status=Status.PENDING, frequency=frequency)
        .values_list("pk", flat=True)
    )
    if not items:
        return 0
    now = timezone.now()
    digest = Notification.objects.create(
        recipient_id=user_id,
        kind=DIGEST,
        category=KINDS[DIGEST].category,
        key=f"{DIGEST}:{frequency}:{now.isoformat()}",
        batch=batch,
        context={"frequency": frequency, "count": len(items)},
        frequency=Frequency.IMMEDIATELY,
        next_attempt_at=now,
        queued_at=now,
    )
    # The items are delivered by their digest: a digest that fails is retried, items and all.
    Notification.objects.filter(pk__in=items).update(status=Status.SENT, sent_at=now, digest=digest)
    return 1


# --- the person's own side: centre, preferences, unsubscribe -----------------------------


def notification_open(*, user, notification_id: int) -> Notification:
    """Mark one of the person's notifications read (DoesNotExist for anyone else's)."""
    notification = Notification.objects.for_reader(user).get(pk=notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_read_all(*, user) -> int:
    return (
        Notification.objects.for_reader(user)
        .filter(read_at__isnull=True)
        .update(read_at=timezone.now())
    )


@transaction.atomic
def preferences_update(*, user, data: Mapping[str, Any]) -> Preferences:
    """Save the person's choices (model fields by name); ValidationError when one is invalid."""
    preferences, _created = Preferences.objects.select_for_update().get_or_create(user=user)
    for name, value in data.items():
        setattr(preferences, name, value)
    preferences.full_clean()
    preferences.save()
    _drop_waiting(user, {name for name in TUNABLE if preferences.frequency(name) == Frequency.OFF})
    if "matches" in data:
        _match_mail_record(user, preferences, Consent.Source.MAIL_SETTINGS)
    return preferences


def _match_mail_record(user, preferences: Preferences, source: str) -> None:
    # Match mail is sent on the talent's consent: each switch on or off is recorded as one.
    # Staff and company accounts have the setting too, but no match mail to consent to.
    if user_role(user) != Role.TALENT:
        return
    consent_record(
        user=user,
        purpose=Purpose.MATCH_MAIL,
        granted=preferences.matches != Frequency.OFF,
        source=source,
    )


def _drop_waiting(user, categories) -> None:
    # Mail of categories just switched off is not sent any more, digests included.
    Notification.objects.filter(
        recipient=user, status=Status.PENDING, category__in=categories
    ).update(status=Status.SKIPPED, last_error="Switched off.")


@transaction.atomic
def unsubscribe(*, token: str) -> tuple[Preferences, str]:
    """Turn a category's mail off (all of them for "all"), from a signed link; BadSignature
    for a forged or altered token, User.DoesNotExist when the account is gone."""
    user, category = unsubscribe_target(token=token)
    preferences, _created = Preferences.objects.select_for_update().get_or_create(user=user)
    categories = TUNABLE if category == mail.ALL else {category}
    for name in categories:
        setattr(preferences, name, Frequency.OFF)
    preferences.save()
    # Waiting digest rows of those categories are not mailed any more.
    _drop_waiting(user, categories)
    if "matches" in categories:
        _match_mail_record(user, preferences, Consent.Source.UNSUBSCRIBE)
    return preferences, category
