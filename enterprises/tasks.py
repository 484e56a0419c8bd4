"""Thin Celery wrappers: they take ids and call a service."""

from celery import shared_task

from . import services

# OSError covers SMTP and socket failures: the mail server may be down for a while.
RETRY = {"autoretry_for": (OSError,), "retry_backoff": True, "retry_backoff_max": 600}


@shared_task(**RETRY, max_retries=8)
def send_verification_decision(enterprise_id: int) -> int:
    return services.verification_decision_send(enterprise_id=enterprise_id)


@shared_task(**RETRY, max_retries=8)
def send_invitation(invitation_id: int) -> int:
    return services.invitation_send(invitation_id=invitation_id)
