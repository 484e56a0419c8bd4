"""Reads shaped for the company pages: whose company it is, the team, open invitations."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.selectors import Role, user_role

from .models import Enterprise, Invitation, Membership

DEFAULT_INVITATION_MAX_AGE = timedelta(days=7)


def invitation_max_age() -> timedelta:
    """How long an invitation link stays valid (setting ENTERPRISE_INVITATION_MAX_AGE)."""
    value = getattr(settings, "ENTERPRISE_INVITATION_MAX_AGE", DEFAULT_INVITATION_MAX_AGE)
    return value if isinstance(value, timedelta) else timedelta(seconds=value)


def enterprises_of(user) -> QuerySet[Enterprise]:
    return Enterprise.objects.of_member(user).order_by("name")


def is_verified_member(user) -> bool:
    """Whether the person belongs to at least one verified enterprise."""
    return enterprises_of(user).verified().exists()


def memberships_of(*, user) -> QuerySet[Membership]:
    """The start page's list: each of the person's companies with their role in it."""
    return (
        Membership.objects.filter(user=user)
        .select_related("enterprise")
        .order_by("enterprise__name", "enterprise_id")
    )


def enterprise_for_member(*, user, pk: int) -> Enterprise:
    """The enterprise if the person belongs to it, 404 otherwise (whether or not it exists).

    `viewer_role` on the result is the person's role in it ("owner" or "member").
    """
    if not user.is_authenticated:
        raise Http404
    membership = get_object_or_404(
        Membership.objects.select_related("enterprise"), user=user, enterprise_id=pk
    )
    enterprise = membership.enterprise
    enterprise.viewer_role = membership.role
    return enterprise


# Staff whose role verifies companies read them all; other staff (reporters) are not members.
STAFF_READS_ENTERPRISES = "enterprises.view_enterprise"


def _staff_reads_enterprises(user) -> bool:
    return user_role(user) == Role.STAFF and user.has_perm(STAFF_READS_ENTERPRISES)


def enterprise_for_viewer(*, user, pk: int) -> Enterprise:
    """Like `enterprise_for_member`, and staff who may view enterprises read any of them
    (`viewer_role` None)."""
    if _staff_reads_enterprises(user):
        enterprise = get_object_or_404(Enterprise, pk=pk)
        enterprise.viewer_role = None
        return enterprise
    return enterprise_for_member(user=user, pk=pk)


def enterprise_for_logo(*, user, pk: int) -> Enterprise:
    """A verified enterprise's logo is public (openings show it); others' only to members and
    to staff who verify companies."""
    enterprise = get_object_or_404(Enterprise.objects.exclude(logo=""), pk=pk)
    if enterprise.is_verified or _staff_reads_enterprises(user):
        return enterprise
    if Membership.objects.filter(user_id=user.pk, enterprise=enterprise).exists():
        return enterprise
    raise Http404


def team_counts(enterprise: Enterprise) -> dict[str, int]:
    return Membership.objects.filter(enterprise=enterprise).aggregate(
        owners=Count("pk", filter=Q(role=Membership.Role.OWNER)),
        members=Count("pk"),
    )


def team_of(enterprise: Enterprise) -> QuerySet[Membership]:
    """Owners first, then members, each in the order they joined."""
    return (
        Membership.objects.filter(enterprise=enterprise)
        .select_related("user")
        .order_by(
            Case(When(role=Membership.Role.OWNER, then=Value(0)), default=Value(1)),
            "created_at",
            "pk",
        )
    )


def open_invitations(enterprise: Enterprise) -> QuerySet[Invitation]:
    return enterprise.invitations.filter(accepted_at__isnull=True).select_related("invited_by")


def invitations_for(*, user) -> QuerySet[Invitation]:
    """Open, unexpired invitations to the person's confirmed addresses, from companies they
    have not joined yet."""
    if not user.is_authenticated:
        return Invitation.objects.none()
    addresses = (
        EmailAddress.objects.filter(user=user, verified=True)
        .annotate(address=Lower("email"))
        .values("address")
    )
    return (
        Invitation.objects.annotate(address=Lower("email"))
        .filter(
            address__in=addresses,
            accepted_at__isnull=True,
            created_at__gte=timezone.now() - invitation_max_age(),
        )
        .exclude(enterprise__membership__user=user)
        .select_related("enterprise")
        .order_by("-created_at")
    )


def who_answers(*, enterprise_id: int, user_id: int | None):
    """Who hears about one matter of an enterprise (an opening, a placement, a request): the
    member in charge of it while they are still an active member, otherwise the whole team."""
    team = get_user_model().objects.filter(membership__enterprise=enterprise_id, is_active=True)
    in_charge = team.filter(pk=user_id)
    return in_charge if user_id and in_charge.exists() else team
