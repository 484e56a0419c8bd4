from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from . import services
from .selectors import users_awaiting_welcome

# Welcome mails still owed after this long are not worth sending any more.
WELCOME_RELAY_WINDOW = timedelta(days=7)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def send_welcome_email(user_id: int) -> bool:
    # OSError covers SMTP and socket failures: the mail server may be down for a while.
    return services.welcome_email_send(user_id=user_id)


@shared_task
def relay_welcome_emails() -> int:
    """Periodic: queue the welcome mails an outage kept from being queued at confirmation."""
    since = timezone.now() - WELCOME_RELAY_WINDOW
    user_ids = list(users_awaiting_welcome(joined_since=since).values_list("pk", flat=True))
    for user_id in user_ids:
        send_welcome_email.delay(user_id)
    return len(user_ids)
