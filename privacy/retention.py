"""Retention: personal data is kept only as long as it serves its purpose. Run daily by beat
(`privacy.tasks.apply_retention`); every step is idempotent, and the periods are settings
(`RETENTION_*`, from the environment).

- A talent who has not signed in for `RETENTION_INACTIVE_WARNING_DAYS` (a year) is mailed that
  their profile will be hidden; after `RETENTION_INACTIVE_HIDE_DAYS` (13 months) without
  signing in, it is hidden from companies. Signing in in between keeps it as it is.
- An account whose address was never confirmed is deleted after `RETENTION_UNVERIFIED_DAYS`.
- Applications to an opening closed or expired `RETENTION_APPLICATION_DAYS` ago are deleted,
  with the CVs sent with them (placements made from them stay).
"""

from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, ProtectedError
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from matching.models import Application, Opening
from notifications.services import notify
from profiles.models import TalentProfile

from .services import delete_files_on_commit


@dataclass
class Report:
    warned: int = 0
    hidden: int = 0
    unverified_deleted: int = 0
    applications_deleted: int = 0


def _days(name: str) -> timedelta:
    return timedelta(days=getattr(settings, name))


def _last_seen():
    return Coalesce("user__last_login", "user__date_joined")


def _shown_profiles():
    return TalentProfile.objects.exclude(visibility=TalentProfile.Visibility.HIDDEN).filter(
        user__is_active=True
    )


def inactive_warn(now) -> int:
    """Mail each inactive talent once per absence: the key holds their last sign-in, so a
    talent who comes back and goes quiet again is told again."""
    profiles = (
        _shown_profiles()
        .alias(seen=_last_seen())
        .filter(
            seen__lt=now - _days("RETENTION_INACTIVE_WARNING_DAYS"),
            # Past the hiding day already (e.g. on the first run): hidden, not warned.
            seen__gte=now - _days("RETENTION_INACTIVE_HIDE_DAYS"),
        )
        .values_list("user_id", "user__last_login", "user__date_joined")
    )
    warned = 0
    for user_id, last_login, joined in profiles:
        seen = last_login or joined
        notify(
            kind="profile_inactive",
            key=f"profile_inactive:{seen:%Y%m%d%H%M%S}",
            context={"hidden_on": timezone.localdate(seen + _days("RETENTION_INACTIVE_HIDE_DAYS"))},
            url=reverse("account_login"),
            user_ids=[user_id],
        )
        warned += 1
    return warned


def inactive_hide(now) -> int:
    """Hide the profiles of talents who have not signed in since the warning's period ran out."""
    stale = _shown_profiles().alias(seen=_last_seen())
    stale = stale.filter(seen__lt=now - _days("RETENTION_INACTIVE_HIDE_DAYS"))
    return TalentProfile.objects.filter(pk__in=stale.values("pk")).update(
        visibility=TalentProfile.Visibility.HIDDEN, updated_at=now
    )


def unverified_delete(now) -> int:
    """Delete accounts whose address was never confirmed: they could never sign in."""
    confirmed = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    users = User.objects.filter(
        ~Exists(confirmed),
        is_staff=False,
        date_joined__lt=now - _days("RETENTION_UNVERIFIED_DAYS"),
    )
    deleted = 0
    for user in users:
        try:
            with transaction.atomic():
                user.delete()
        except ProtectedError:  # records the programme keeps point at it: leave it be
            continue
        deleted += 1
    return deleted


def applications_delete(now) -> int:
    """Delete applications (and their CVs) to openings that closed the period ago."""
    closed = Opening.objects.filter(
        status__in=[Opening.Status.CLOSED, Opening.Status.EXPIRED],
        closed_at__lt=now - _days("RETENTION_APPLICATION_DAYS"),
    )
    applications = Application.objects.filter(opening__in=closed)
    files = list(applications.exclude(cv="").values_list("cv", flat=True))
    _total, counts = applications.delete()
    delete_files_on_commit(files)
    return counts.get(Application._meta.label, 0)


@transaction.atomic
def retention_apply() -> Report:
    now = timezone.now()
    return Report(
        warned=inactive_warn(now),
        hidden=inactive_hide(now),
        unverified_deleted=unverified_delete(now),
        applications_deleted=applications_delete(now),
    )
