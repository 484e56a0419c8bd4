from celery import shared_task
from django.urls import reverse

from core.mail import mail_send, recipients, site_url
from enterprises.selectors import who_answers

from .models import ContactMessage, ContactRequest


def _team(contact: ContactRequest):
    # The member who asked answers for the request.
    return who_answers(enterprise_id=contact.enterprise_id, user_id=contact.requested_by_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def send_contact_message_mail(message_id: int) -> int:
    """Mail the other side of a contact thread about a new message: the talent about the
    team's messages, the team about the talent's."""
    message = (
        ContactMessage.objects.select_related(
            "contact_request__profile__user", "contact_request__enterprise"
        )
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        return 0
    contact = message.contact_request
    talent = contact.profile.user
    to_talent = message.author_id != talent.pk
    return mail_send(
        template="profiles/email/contact_message",
        to=recipients([talent] if to_talent else _team(contact)),
        context={
            "enterprise": contact.enterprise,
            "talent_name": contact.profile.display_name,
            "note": message.body,
            "to_talent": to_talent,
            "url": site_url(reverse("profiles:contact_thread", args=[contact.pk])),
        },
    )
