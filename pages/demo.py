"""Demo rows for the accessibility feedback queue: one fresh, one overdue, one answered.

The pages themselves come from the data migration (pages/content.py), as in production.
"""

from datetime import timedelta

from django.utils import timezone

from .models import ANSWER_WITHIN, AccessibilityFeedback

Status = AccessibilityFeedback.Status

FEEDBACK = [
    # (email, name, page, message, days ago, answer)
    (
        "leena.demo@example.com",
        "Leena",
        "/openings/",
        "With the screen magnified, the filter column covers the list of openings.",
        2,
        "",
    ),
    (
        "joseph.demo@example.com",
        "",
        "/talent/profile/skills/",
        "My screen reader does not say how many skills the search found.",
        20,
        "",
    ),
    (
        "mikko.demo@example.com",
        "Mikko Hyvönen",
        "/toolkit/",
        "The guide cards are hard to tell apart in Windows high contrast mode.",
        30,
        "Thank you. The cards now have a visible border in high contrast mode too.",
    ),
]


def seed_demo() -> None:
    now = timezone.now()
    for email, name, page_url, message, days_ago, answer in FEEDBACK:
        received_at = now - timedelta(days=days_ago)
        AccessibilityFeedback.objects.get_or_create(
            email=email,
            message=message,
            defaults={
                "name": name,
                "page_url": page_url,
                "language": "en",
                "received_at": received_at,
                "due_on": timezone.localdate(received_at) + ANSWER_WITHIN,
                "status": Status.ANSWERED if answer else Status.OPEN,
                "answer": answer,
                "answered_at": received_at + timedelta(days=3) if answer else None,
            },
        )
