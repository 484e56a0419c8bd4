from celery import shared_task
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.mail import mail_send, recipients, site_url

from . import services
from .models import Opening, OpeningEvent


@shared_task
def expire_openings() -> int:
    """Scheduled: published openings past their deadline become expired."""
    return services.openings_expire_due()


@shared_task
def remind_expiring_openings() -> int:
    """Scheduled: tell each enterprise once that an opening expires in a few days."""
    return services.openings_remind_expiring()


def _recipients(opening: Opening):
    # The contact person answers for the opening; without one (or if they left), the whole team.
    team = get_user_model().objects.filter(
        membership__enterprise=opening.enterprise_id, is_active=True
    )
    contact = team.filter(pk=opening.contact_id)
    return contact if opening.contact_id and contact.exists() else team


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def send_opening_mail(opening_id: int, kind: str, event_id: int | None = None) -> int:
    """Mail the enterprise about its opening: "published", "rejected" or "expiring".

    `event_id` names the status change the mail is about, with the reason staff gave then.
    """
    opening = Opening.objects.select_related("enterprise").filter(pk=opening_id).first()
    if opening is None:
        return 0
    event = OpeningEvent.objects.filter(pk=event_id, opening=opening).first()
    page = (
        reverse("openings:detail", args=[opening.pk])
        if kind == "published"
        else reverse("company_openings:edit", args=[opening.enterprise_id, opening.pk])
    )
    return mail_send(
        template=f"matching/email/opening_{kind}",
        to=recipients(_recipients(opening)),
        context={"opening": opening, "reason": event.note if event else "", "url": site_url(page)},
    )
