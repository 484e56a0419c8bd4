from celery import shared_task

from core.tasks import enqueue_now

from . import services
from .models import Frequency


@shared_task
def deliver_batch(batch: str) -> int:
    """After an event commits: its rows due by mail, one chunk here, the rest as tasks."""
    chunks = services.batch_chunks(batch=batch)
    for chunk in chunks[1:]:
        enqueue_now(send_chunk, chunk)
    return services.notifications_send(ids=chunks[0]) if chunks else 0


@shared_task
def send_chunk(ids: list[int]) -> int:
    return services.notifications_send(ids=ids)


@shared_task
def relay_notifications() -> int:
    """Every minute: hand out again what no task delivered (broker down, retries due)."""
    chunks = services.notifications_relay()
    for chunk in chunks:
        enqueue_now(send_chunk, chunk)
    return sum(map(len, chunks))


@shared_task
def send_daily_digests() -> int:
    return services.notifications_digest(frequency=Frequency.DAILY)


@shared_task
def send_weekly_digests() -> int:
    return services.notifications_digest(frequency=Frequency.WEEKLY)
