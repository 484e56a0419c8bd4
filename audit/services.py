from django.db import models

from .models import AccessLog


def access_record(
    *, request, subject_id: int | None, action: str, target: models.Model
) -> AccessLog | None:
    """Log a staff member's access to someone's personal data; other people's is not logged
    here (a talent reading their own profile, a company reading what it was sent)."""
    if not request.user.is_staff:
        return None
    return AccessLog.objects.create(
        actor=request.user,
        subject_id=subject_id,
        action=action,
        target=f"{target._meta.label_lower}:{target.pk}",
        path=request.get_full_path()[:300],
    )
