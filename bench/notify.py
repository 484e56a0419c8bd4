"""How fast an opening that matches every talent reaches their inboxes (issue 9).

An opening is published that matches every active talent of the scale (100,000 at L), each
with a score of their own. Measured: the time to enqueue, from the call that writes the
outbox rows until they are committed and the delivery task is on the Redis broker, as when
staff publish an opening; then the mails per second that real Celery workers deliver to a
local SMTP sink, from that commit until the sink has received the last mail.

The workers are started as production starts them (bench.workers: `celery -A talenthub
worker`, the prefork pool, the production settings) on the run's queue, and are up and idle
before the opening is published. The sink is a process of its own on loopback that answers SMTP and
counts the mails. It is a few lines of asyncio rather than aiosmtpd, whose per-mail parsing
(about 0.8 ms of CPU) would cap a two-core machine near the budget and measure itself rather
than TalentHub.
"""

import asyncio
import multiprocessing
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from matching.models import Opening
from matching.notifications import opening_matches_notify
from notifications.models import Frequency, Notification, Preferences
from profiles.models import TalentProfile
from talenthub.celery import app

from .pages import HOST, TIME_BUDGET_SCALES
from .scale import Scale
from .workers import celery_workers

Progress = Callable[[str], None]

# Budgets (issue 9), at L: 100,000 notifications enqueued in 10 s, delivered at 1,000/s.
ENQUEUE_BUDGET_S = 10.0
RATE_BUDGET = 1000.0
# Delivery that makes no progress for this long has stopped: the run ends and says so.
STALL_TIMEOUT = 60
# Everyone's threshold unless they chose one.
THRESHOLD = Preferences._meta.get_field("match_threshold").default


def _quiet(message: str) -> None:
    pass


def score_of(profile_id: int) -> int:
    """A score per talent from the threshold to 100: scores differ as the engine's do, so
    the mails cannot all be one rendering."""
    return THRESHOLD + profile_id % (101 - THRESHOLD)


def _audience() -> list[int]:
    """Every active talent, as profile ids, each wanting match mail at once from the default
    threshold (the generated data set no preferences; earlier runs may have)."""
    talents = TalentProfile.objects.filter(user__is_active=True).exclude(user__email="")
    Preferences.objects.filter(user__talent_profile__in=talents).exclude(
        matches=Frequency.IMMEDIATELY, match_threshold__lte=THRESHOLD
    ).update(matches=Frequency.IMMEDIATELY, match_threshold=THRESHOLD)
    return list(talents.order_by("pk").values_list("pk", flat=True))


def _opening() -> Opening:
    opening = Opening.objects.published().order_by("pk").first()
    if opening is None:
        raise RuntimeError("No published opening: generate the data first.")
    # A run before this one announced it: the talents hear of an opening once.
    Notification.objects.filter(key=f"opening_match:{opening.pk}").delete()
    return opening


def measure_notifications(
    scale: Scale, *, concurrency: int | None = None, progress: Progress = _quiet
) -> dict:
    """Publish an opening that matches every active talent and time it: `n` notifications,
    `enqueue_s` until they are committed and queued, `delivered` mails the sink received in
    `deliver_s` from then on (`mails_per_s`), `sent_rows` outbox rows marked sent.

    `concurrency` worker processes (default two per core: a task mostly waits for the
    mail server's answers and the database, so a core has another task to run meanwhile).
    """
    if app.conf.task_always_eager:
        raise RuntimeError("The notifications benchmark needs a broker (REDIS_URL).")
    concurrency = concurrency or 2 * (os.cpu_count() or 1)
    opening = _opening()
    audience = _audience()
    scores = [(profile, score_of(profile)) for profile in audience]
    with (
        sink() as mailbox,
        celery_workers(concurrency=concurrency, env={"EMAIL_URL": f"smtp://{HOST}:{mailbox.port}"}),
    ):
        progress(f"  notifications: publishing an opening that matches {len(scores):,} talents")
        started = time.monotonic()
        with transaction.atomic():  # as the task that scores a published opening
            n = opening_matches_notify(opening_id=opening.pk, scores=scores)
        enqueued = time.monotonic()
        progress(f"  notifications: {n:,} enqueued in {enqueued - started:.2f} s")
        mailbox.wait_for(n, progress=progress)
    delivered, last = mailbox.count(), mailbox.last()
    deliver_s = max(last - enqueued, 1e-9)
    result = {
        "scale": scale.name,
        "talents": len(audience),
        "n": n,
        "enqueue_s": round(enqueued - started, 2),
        "delivered": delivered,
        "deliver_s": round(deliver_s, 2),
        "mails_per_s": round(delivered / deliver_s, 1),
        "sent_rows": Notification.objects.filter(
            key=f"opening_match:{opening.pk}", status=Notification.Status.SENT
        ).count(),
        "concurrency": concurrency,
    }
    progress(f"  notifications: {delivered:,} delivered, {result['mails_per_s']:,.0f} mails/s")
    return result


def check_budgets(result: dict, *, scale_name: str) -> list[str]:
    """The budgets a result breaks: every talent told and every mail delivered once at every
    scale; the times at L only."""
    broken = []
    n = result["n"]
    if n != result["talents"]:
        broken.append(f"notifications: {n:,} talents told of {result['talents']:,} matching")
    if result["delivered"] != n or result["sent_rows"] != n:
        broken.append(
            f"notifications: {result['delivered']:,} mails delivered and "
            f"{result['sent_rows']:,} marked sent of {n:,}"
        )
    if scale_name in TIME_BUDGET_SCALES:
        if result["enqueue_s"] > ENQUEUE_BUDGET_S:
            broken.append(
                f"notifications: {n:,} enqueued in {result['enqueue_s']} s "
                f"(budget {ENQUEUE_BUDGET_S:g} s)"
            )
        if result["mails_per_s"] < RATE_BUDGET:
            broken.append(
                f"notifications: {result['mails_per_s']:,.0f} mails/s (budget {RATE_BUDGET:,.0f})"
            )
    return broken


# --- The SMTP sink ------------------------------------------------------------------------


class _SinkProtocol(asyncio.Protocol):
    """Just enough SMTP for smtplib: every command is accepted, every mail counted."""

    def __init__(self, count, last):
        self.count, self.last = count, last
        self.buffer = b""
        self.in_data = False

    def connection_made(self, transport):
        self.transport = transport
        transport.write(b"220 sink ESMTP\r\n")

    def data_received(self, data):
        self.buffer += data
        while True:
            if self.in_data:
                end = self.buffer.find(b"\r\n.\r\n")
                if end < 0:
                    return
                self.buffer, self.in_data = self.buffer[end + 5 :], False
                with self.count.get_lock():
                    self.count.value += 1
                self.last.value = time.monotonic()
                self.transport.write(b"250 OK\r\n")
                continue
            end = self.buffer.find(b"\r\n")
            if end < 0:
                return
            line, self.buffer = self.buffer[:end], self.buffer[end + 2 :]
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.transport.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                # The end marker is CRLF.CRLF; a mail's first line may be the dot itself.
                self.buffer, self.in_data = b"\r\n" + self.buffer, True
                self.transport.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
            elif verb == b"QUIT":
                self.transport.write(b"221 Bye\r\n")
                self.transport.close()
                return
            else:
                self.transport.write(b"250 OK\r\n")


def _serve(listener: socket.socket, count, last) -> None:
    async def serve():
        server = await asyncio.get_running_loop().create_server(
            lambda: _SinkProtocol(count, last), sock=listener
        )
        await server.serve_forever()

    asyncio.run(serve())


class Mailbox:
    """The sink as its parent sees it: its port, the mails it counted, when the last came."""

    def __init__(self, port: int, count, last):
        self.port, self._count, self._last = port, count, last

    def count(self) -> int:
        return self._count.value

    def last(self) -> float:
        return self._last.value

    def wait_for(self, n: int, *, progress: Progress = _quiet) -> None:
        """Until `n` mails came, or none came for STALL_TIMEOUT seconds."""
        seen, since = -1, time.monotonic()
        while (count := self.count()) < n:
            if count != seen:
                seen, since = count, time.monotonic()
            elif time.monotonic() - since > STALL_TIMEOUT:
                progress(f"  notifications: delivery stalled at {count:,} of {n:,}")
                return
            time.sleep(0.05)


@contextmanager
def sink() -> Iterator[Mailbox]:
    """An SMTP server in a process of its own on a free loopback port."""
    context = multiprocessing.get_context("fork")
    count, last = context.Value("q", 0), context.Value("d", 0.0, lock=False)
    # Bound here and handed over: the port is known before the child runs, with no race.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((HOST, 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    connection.close()  # the child must not share this process's database connection
    process = context.Process(target=_serve, args=(listener, count, last), daemon=True)
    process.start()
    listener.close()
    try:
        yield Mailbox(port, count, last)
    finally:
        process.terminate()
        process.join(timeout=10)
