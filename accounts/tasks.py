from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def send_welcome_email(user_id: int) -> bool:
    # OSError covers SMTP and socket failures: the mail server may be down for a while.
    return services.welcome_email_send(user_id=user_id)
