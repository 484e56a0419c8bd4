"""Every write to an enterprise, its verification, its team and its invitations."""

import secrets
from collections.abc import Mapping
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.errors import InvalidTransition
from core.pagecache import public_pages_changed
from notifications.services import notify
from profiles.storage import private_storage

from .documents import Logo
from .models import Enterprise, Invitation, Membership
from .selectors import invitation_max_age
from .validators import normalise_business_id, validate_business_id

Status = Enterprise.Status

# The verification workflow. Staff decide on a pending company; a rejection can be reversed
# (say, after a phone call) without the company doing anything. The company itself sends a
# decision back to staff: any save of a rejected company, or a new business ID on a verified
# one, makes it pending again. A verified company is not rejected afterwards through this flow.
ALLOWED = {
    Status.PENDING: {Status.VERIFIED, Status.REJECTED},
    Status.REJECTED: {Status.VERIFIED, Status.PENDING},
    Status.VERIFIED: {Status.PENDING},
}

# Fields of the company profile that every member may edit; the business ID is the owners'.
PROFILE_FIELDS = {
    "name",
    "industry",
    "size",
    "municipality",
    "website",
    "description",
    "target_markets",
    "languages_needed",
    "goals",
}

INVITATION_SALT = "enterprises.invitation"


# -- enterprise ---------------------------------------------------------------------------


def _delete_files_on_commit(*names: str) -> None:
    # Only once the new state is committed: a rollback must not leave a company without its logo.
    names = tuple(name for name in names if name)
    if names:
        transaction.on_commit(lambda: [private_storage().delete(name) for name in names])


def _logo_name() -> str:
    # A random name: the uploaded file's name says nothing in storage.
    return f"logos/{secrets.token_hex(16)}.{Logo.extension}"


def _business_id(value: str, *, exclude_pk: int | None = None) -> str:
    value = normalise_business_id(value)
    validate_business_id(value)
    taken = Enterprise.objects.filter(business_id=value).exclude(pk=exclude_pk)
    if taken.exists():
        raise _business_id_taken()
    return value


BUSINESS_ID_TAKEN = gettext_lazy(
    "A company with this business ID is already registered. Ask its owner to invite you to "
    "its team."
)


def _business_id_taken() -> ValidationError:
    return ValidationError({"business_id": BUSINESS_ID_TAKEN}, code="unique")


def _is_owner(enterprise: Enterprise, user) -> bool:
    return Membership.objects.filter(
        enterprise=enterprise, user_id=user.pk, role=Membership.Role.OWNER
    ).exists()


def _check_transition(enterprise: Enterprise, target: str) -> None:
    if target not in ALLOWED.get(enterprise.status, set()):
        raise InvalidTransition(
            _("%(name)s is %(status)s: it cannot be changed to “%(target)s”.")
            % {
                "name": enterprise.name,
                "status": enterprise.get_status_display().lower(),
                "target": Status(target).label.lower(),
            },
            code="invalid_transition",
        )


@transaction.atomic
def enterprise_register(*, user, data: Mapping[str, Any], logo: Logo | None = None) -> Enterprise:
    """Register a company, pending verification, with the person as its owner."""
    fields = {name: value for name, value in data.items() if name in PROFILE_FIELDS}
    enterprise = Enterprise(
        **fields, business_id=_business_id(data["business_id"]), status=Status.PENDING
    )
    if logo is not None:
        enterprise.logo.save(_logo_name(), ContentFile(logo.image), save=False)
    try:
        with transaction.atomic():
            enterprise.save()
    except IntegrityError:
        # Two registrations of the same business ID at once: the constraint decided.
        if enterprise.logo:
            private_storage().delete(enterprise.logo.name)
        raise _business_id_taken() from None
    Membership.objects.create(enterprise=enterprise, user=user, role=Membership.Role.OWNER)
    return enterprise


@transaction.atomic
def enterprise_update(*, enterprise: Enterprise, changes: Mapping[str, Any], actor) -> Enterprise:
    """Save the company's details.

    Any member may change the profile; only owners the business ID. `changes["logo"]` is a
    new `Logo`, or None to remove the logo. A new business ID on a verified company, or any
    save of a rejected one, sends it back to staff (pending).
    """
    changes = dict(changes)
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if not Membership.objects.filter(enterprise=enterprise, user_id=actor.pk).exists():
        raise PermissionDenied
    update_fields = {"updated_at"}
    old_files = []

    if "business_id" in changes:
        business_id = normalise_business_id(changes.pop("business_id"))
        if business_id != enterprise.business_id:
            if not _is_owner(enterprise, actor):
                raise PermissionDenied
            enterprise.business_id = _business_id(business_id, exclude_pk=enterprise.pk)
            update_fields.add("business_id")

    if "logo" in changes:
        logo = changes.pop("logo")
        old_files.append(enterprise.logo.name)
        if logo is None:
            enterprise.logo = ""
        else:
            enterprise.logo.save(_logo_name(), ContentFile(logo.image), save=False)
        update_fields.add("logo")

    unknown = set(changes) - PROFILE_FIELDS
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(enterprise, name, value)
        update_fields.add(name)

    sent_back = (enterprise.status == Status.REJECTED) or (
        enterprise.status == Status.VERIFIED and "business_id" in update_fields
    )
    if sent_back:
        _check_transition(enterprise, Status.PENDING)
        enterprise.status = Status.PENDING
        update_fields.add("status")

    try:
        with transaction.atomic():
            enterprise.save(update_fields=sorted(update_fields))
    except IntegrityError:
        raise _business_id_taken() from None
    _delete_files_on_commit(*old_files)
    # Its name, logo and description show on its public openings.
    public_pages_changed()
    return enterprise


def _decide(*, enterprise_id: int, actor, target: str, reason: str = "") -> Enterprise:
    if not actor.is_staff:
        raise PermissionDenied
    # Two staff deciding at once: the second waits for the first and then sees its decision.
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise_id)
    _check_transition(enterprise, target)
    enterprise.status = target
    enterprise.rejection_reason = reason
    enterprise.reviewed_at = timezone.now()
    enterprise.reviewed_by = actor
    enterprise.save(
        update_fields=["status", "rejection_reason", "reviewed_at", "reviewed_by", "updated_at"]
    )
    _decision_notify(enterprise)
    # Only a verified company's openings are public.
    public_pages_changed()
    return enterprise


def _decision_notify(enterprise: Enterprise) -> None:
    # Each decision is its own event: verified, sent back by a new business ID, verified again.
    verified = enterprise.status == Status.VERIFIED
    page = "enterprises:detail" if verified else "enterprises:edit"
    notify(
        kind="enterprise_verified" if verified else "enterprise_rejected",
        key=f"enterprise_{enterprise.status}:{enterprise.pk}:{enterprise.reviewed_at.isoformat()}",
        context={"enterprise": {"name": enterprise.name}, "reason": enterprise.rejection_reason},
        url=reverse(page, args=[enterprise.pk]),
        user_ids=enterprise.members.filter(is_active=True).values_list("pk", flat=True),
    )


@transaction.atomic
def enterprise_verify(*, enterprise_id: int, actor) -> Enterprise:
    """Staff confirm the company is real: it may publish openings and search the pool."""
    return _decide(enterprise_id=enterprise_id, actor=actor, target=Status.VERIFIED)


@transaction.atomic
def enterprise_reject(*, enterprise_id: int, actor, reason: str) -> Enterprise:
    """Staff refuse the company, telling its members why and what to fix."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason: the company sees it."), code="reason_required")
    return _decide(enterprise_id=enterprise_id, actor=actor, target=Status.REJECTED, reason=reason)


# -- team -----------------------------------------------------------------------------------


def _lock_team(enterprise: Enterprise) -> list[Membership]:
    # Every team change locks all the team's rows, in one order: two owners removing each
    # other at once are serialised, and the second sees that only one owner is left.
    return list(Membership.objects.select_for_update().filter(enterprise=enterprise).order_by("pk"))


def _last_owner_error() -> ValidationError:
    return ValidationError(
        _(
            "A company needs at least one owner. Make another member an owner first, "
            "then you can step down, leave or be removed."
        ),
        code="last_owner",
    )


def _owners(team: list[Membership]) -> list[Membership]:
    return [m for m in team if m.role == Membership.Role.OWNER]


def _team_member(team: list[Membership], *, pk: int | None = None, user=None) -> Membership:
    for membership in team:
        if membership.pk == pk or (user is not None and membership.user_id == user.pk):
            return membership
    raise Membership.DoesNotExist


def _require_owner(team: list[Membership], actor) -> None:
    if _team_member(team, user=actor).role != Membership.Role.OWNER:
        raise PermissionDenied


@transaction.atomic
def membership_remove(*, enterprise: Enterprise, membership_id: int, actor) -> Membership:
    """An owner removes someone from the team (themselves included: that is leaving)."""
    team = _lock_team(enterprise)
    _require_owner(team, actor)
    membership = _team_member(team, pk=membership_id)
    if membership.role == Membership.Role.OWNER and len(_owners(team)) == 1:
        raise _last_owner_error()
    membership.delete()
    return membership


@transaction.atomic
def membership_leave(*, enterprise: Enterprise, user) -> None:
    """Anyone may leave a team, except its last owner."""
    team = _lock_team(enterprise)
    membership = _team_member(team, user=user)
    if membership.role == Membership.Role.OWNER and len(_owners(team)) == 1:
        raise _last_owner_error()
    membership.delete()


@transaction.atomic
def membership_set_role(
    *, enterprise: Enterprise, membership_id: int, role: str, actor
) -> Membership:
    """An owner makes a member an owner, or an owner (themselves too) a member."""
    role = Membership.Role(role)
    team = _lock_team(enterprise)
    _require_owner(team, actor)
    membership = _team_member(team, pk=membership_id)
    if membership.role == role:
        return membership
    if role == Membership.Role.MEMBER and len(_owners(team)) == 1:
        raise _last_owner_error()
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def ownership_hand_over(
    *, enterprise: Enterprise, membership_id: int, actor, step_down: bool = False
) -> Membership:
    """Make another member an owner and, if asked, step down to member in one go."""
    team = _lock_team(enterprise)
    _require_owner(team, actor)
    membership = _team_member(team, pk=membership_id)
    if membership.user_id == actor.pk:
        raise ValidationError(_("Choose another member of the team."), code="self")
    if membership.role != Membership.Role.OWNER:
        membership.role = Membership.Role.OWNER
        membership.save(update_fields=["role"])
    if step_down:
        mine = _team_member(team, user=actor)
        mine.role = Membership.Role.MEMBER
        mine.save(update_fields=["role"])
    return membership


# -- invitations ----------------------------------------------------------------------------


class InvitationError(ValidationError):
    """An invitation link that cannot be used; `code` tells why (for the page and status).

    invalid: not a link we made. gone: cancelled. expired: too old. used: accepted already.
    wrong_email: signed in with another address than the one invited.
    """


def invitation_token(invitation: Invitation) -> str:
    """The signed link token; its timestamp starts the link's validity."""
    return signing.TimestampSigner(salt=INVITATION_SALT).sign(str(invitation.pk))


def invitation_from_token(token: str, *, for_update: bool = False) -> Invitation:
    """The open invitation a token stands for, or InvitationError (nothing is changed)."""
    max_age = invitation_max_age()
    try:
        pk = signing.TimestampSigner(salt=INVITATION_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired:
        raise InvitationError(_("This invitation link has expired."), code="expired") from None
    except signing.BadSignature:
        raise InvitationError(_("This invitation link is not valid."), code="invalid") from None
    invitations = Invitation.objects.select_related("enterprise", "invited_by")
    if for_update:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(pk=pk).first()
    if invitation is None:
        raise InvitationError(
            _("This invitation has been cancelled. Ask the company for a new one."), code="gone"
        )
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been used."), code="used")
    if invitation.created_at < timezone.now() - max_age:
        # A renewed invitation starts again; an old link to it does not outlive the renewal.
        raise InvitationError(_("This invitation link has expired."), code="expired")
    return invitation


def invitation_email_matches(invitation: Invitation, user) -> bool:
    return EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()


@transaction.atomic
def invitation_create(*, enterprise: Enterprise, email: str, role: str, invited_by) -> Invitation:
    """An owner invites someone by email; inviting the same address again renews and resends."""
    team = _lock_team(enterprise)
    _require_owner(team, invited_by)
    email = email.strip().lower()
    role = Membership.Role(role)
    if Membership.objects.filter(enterprise=enterprise, user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("This person is already in the team.")}, code="already_member"
        )
    invitation = (
        Invitation.objects.select_for_update()
        .filter(enterprise=enterprise, email__iexact=email, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        invitation = Invitation.objects.create(
            enterprise=enterprise, email=email, role=role, invited_by=invited_by
        )
    else:
        invitation.role, invitation.invited_by = role, invited_by
        invitation.created_at = timezone.now()
        invitation.save(update_fields=["role", "invited_by", "created_at"])
    _invitation_notify(invitation)
    return invitation


def _invitation_notify(invitation: Invitation) -> None:
    """Mail the invitation its link: to the invitee's account when they have one, else to the
    address, in the inviter's language. A renewed invitation is mailed again."""
    invitee = User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    inviter = invitation.invited_by
    language = (inviter.preferred_language if inviter else "") or settings.LANGUAGE_CODE
    days = max(1, round(invitation_max_age().total_seconds() / 86400))
    with translation.override(invitee.preferred_language if invitee else language):
        role = invitation.get_role_display()
    notify(
        kind="team_invitation",
        key=f"team_invitation:{invitation.pk}:{invitation.created_at.isoformat()}",
        context={
            "enterprise": {"name": invitation.enterprise.name},
            "inviter": str(inviter) if inviter else "",
            "role": role,
            "days": days,
        },
        url=reverse("enterprises:invitation", args=[invitation_token(invitation)]),
        user_ids=[invitee.pk] if invitee else [],
        email="" if invitee else invitation.email,
        language=language,
    )


@transaction.atomic
def invitation_cancel(*, enterprise: Enterprise, invitation_id: int, actor) -> None:
    """An owner withdraws an open invitation: its link stops working (DoesNotExist if none)."""
    _require_owner(_lock_team(enterprise), actor)
    deleted, _counts = Invitation.objects.filter(
        enterprise=enterprise, pk=invitation_id, accepted_at__isnull=True
    ).delete()
    if not deleted:
        raise Invitation.DoesNotExist


@transaction.atomic
def invitation_accept(*, token: str, user) -> Membership:
    """Join the team through an invitation sent to one of the person's confirmed addresses."""
    invitation = invitation_from_token(token, for_update=True)
    if not invitation_email_matches(invitation, user):
        raise InvitationError(
            _(
                "This invitation was sent to another email address than the one you are "
                "signed in with. Log in with the invited address, or ask the company to "
                "invite this one."
            ),
            code="wrong_email",
        )
    membership, created = Membership.objects.get_or_create(
        enterprise=invitation.enterprise, user=user, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.OWNER:
        membership.role = Membership.Role.OWNER
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership
