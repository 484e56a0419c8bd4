"""Every write to applications: applying, the hiring pipeline, and the message thread.

The pipeline is one table (ALLOWED), and who may make each move is another (MOVER). Each
change locks the application row, checks both, is recorded as an ApplicationEvent and mails
the other side once the transaction commits.

Applying discloses the talent's identity and right to work to the opening's enterprise (see
profiles.querysets). Nothing here takes that back: a withdrawn or rejected application keeps
it disclosed, because the enterprise has already seen it.
"""

import datetime
import logging
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import InvalidTransition
from enterprises.models import Membership
from profiles.models import TalentProfile
from profiles.storage import private_storage

from ..models import Application, ApplicationEvent, ApplicationMessage, ApplyInvitation, Opening
from ..notifications import application_notify, apply_invitation_notify
from .placements import placement_create_for_application

__all__ = [
    "ALLOWED",
    "MOVER",
    "application_create",
    "application_message_post",
    "application_move",
]

logger = logging.getLogger(__name__)
Status = Application.Status
MAX_TEXT = 2000


class Side:
    TALENT = "talent"
    ENTERPRISE = "enterprise"


ALLOWED: dict[str, set[str]] = {
    Status.RECEIVED: {Status.SHORTLISTED, Status.REJECTED, Status.WITHDRAWN},
    Status.SHORTLISTED: {Status.INTERVIEW, Status.REJECTED, Status.WITHDRAWN},
    Status.INTERVIEW: {Status.OFFERED, Status.REJECTED, Status.WITHDRAWN},
    Status.OFFERED: {Status.ACCEPTED, Status.DECLINED, Status.REJECTED},
    Status.ACCEPTED: set(),
    Status.DECLINED: set(),
    Status.REJECTED: set(),
    Status.WITHDRAWN: set(),
}
# Whose move each target state is: the enterprise runs the pipeline, the talent answers it.
MOVER: dict[str, str] = {
    Status.SHORTLISTED: Side.ENTERPRISE,
    Status.INTERVIEW: Side.ENTERPRISE,
    Status.OFFERED: Side.ENTERPRISE,
    Status.REJECTED: Side.ENTERPRISE,
    Status.ACCEPTED: Side.TALENT,
    Status.DECLINED: Side.TALENT,
    Status.WITHDRAWN: Side.TALENT,
}
# After these, the conversation is over: neither side can post to the thread.
THREAD_CLOSED = {Status.REJECTED, Status.WITHDRAWN, Status.DECLINED}


def _locked(application_id: int) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("profile", "opening")
        .get(pk=application_id)
    )


def _side(application: Application, user) -> str | None:
    """Which side of this application the person is on, or None for anyone else."""
    if user is None or not user.is_authenticated:
        return None
    if application.profile.user_id == user.pk:
        return Side.TALENT
    if Membership.objects.filter(
        user=user, enterprise_id=application.opening.enterprise_id
    ).exists():
        return Side.ENTERPRISE
    return None


def _text(value: str, *, required_message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(required_message, code="required")
    if len(value) > MAX_TEXT:
        raise ValidationError(
            _("Write at most %(count)s characters.") % {"count": MAX_TEXT}, code="max_length"
        )
    return value


def _notify(application: Application, kind: str, item_id: int) -> None:
    application_notify(application_id=application.pk, kind=kind, item_id=item_id)


def _already_applied() -> ValidationError:
    return ValidationError(_("You have already applied to this opening."), code="already_applied")


def _copy_cv(profile: TalentProfile) -> tuple[str, str]:
    """A private copy of the profile's CV under a new random name: (name, original filename)."""
    storage = private_storage()
    try:
        with storage.open(profile.cv.name) as source:
            name = storage.save(f"applications/{secrets.token_hex(16)}.pdf", File(source))
    except FileNotFoundError:
        logger.error("Profile %s: CV %s is missing from private storage", profile.pk, profile.cv)
        raise ValidationError(
            _("Your CV could not be read. Upload it again on your profile."), code="cv_missing"
        ) from None
    return name, profile.cv_filename or "cv.pdf"


@transaction.atomic
def application_create(
    *, profile: TalentProfile, opening_id: int, motivation: str, attach_cv: bool
) -> Application:
    """The talent applies to a published opening, with the CV on their profile if they choose.

    Refuses (ValidationError) a second application to the same opening, an opening that is not
    published (Opening.DoesNotExist: the caller answers 404), and a CV the profile lacks.
    """
    motivation = _text(motivation, required_message=_("Tell the company why you are interested."))
    opening = Opening.objects.published().get(pk=opening_id)
    # Locked as profiles.services locks it: a CV replaced meanwhile cannot vanish mid-copy.
    profile = TalentProfile.objects.select_for_update().get(pk=profile.pk)
    if Application.objects.filter(profile=profile, opening=opening).exists():
        raise _already_applied()
    # A cap a person applying in earnest never meets; a script flooding companies does. The
    # profile lock above makes two submissions at once count one after the other.
    since = timezone.now() - datetime.timedelta(days=1)
    if (
        Application.objects.filter(profile=profile, created_at__gte=since).count()
        >= settings.APPLICATIONS_PER_DAY
    ):
        raise ValidationError(
            _("You have sent %(count)s applications in a day; try again tomorrow.")
            % {"count": settings.APPLICATIONS_PER_DAY},
            code="rate_limited",
        )
    if attach_cv and not profile.cv:
        raise ValidationError(_("Your profile has no CV to send."), code="no_cv")
    cv_name, cv_filename = _copy_cv(profile) if attach_cv else ("", "")
    try:
        with transaction.atomic():
            application = Application.objects.create(
                profile=profile,
                opening=opening,
                motivation=motivation,
                cv=cv_name,
                cv_filename=cv_filename,
            )
    except IntegrityError:
        # Two submissions at once: the other one won.
        if cv_name:
            private_storage().delete(cv_name)
        raise _already_applied() from None
    event = ApplicationEvent.objects.create(
        application=application, actor=profile.user, from_status="", to_status=Status.RECEIVED
    )
    _notify(application, "applied", event.pk)
    return application


@transaction.atomic
def application_move(*, application_id: int, actor, to: str, note: str = "") -> Application:
    """Move an application one step along the pipeline, as `actor`.

    The enterprise's members shortlist, invite to an interview, make an offer and reject (with
    an optional note to the talent); the talent accepts or declines an offer, or withdraws.
    PermissionDenied when the move is not the actor's to make; InvalidTransition when the
    application's state does not allow it.
    """
    application = _locked(application_id)
    if to not in MOVER or _side(application, actor) != MOVER[to]:
        raise PermissionDenied
    if to not in ALLOWED[application.status]:
        raise InvalidTransition(
            _("This application is %(status)s; that is not possible now.")
            % {"status": application.get_status_display().lower()},
            code="invalid_transition",
        )
    note = note.strip()
    if len(note) > MAX_TEXT:
        raise ValidationError(
            _("Write at most %(count)s characters.") % {"count": MAX_TEXT}, code="max_length"
        )
    event = ApplicationEvent.objects.create(
        application=application,
        actor=actor,
        from_status=application.status,
        to_status=to,
        note=note,
    )
    application.status = to
    application.save(update_fields=["status", "updated_at"])
    if to == Status.ACCEPTED:
        # The accepted offer is a placement now, in the same transaction.
        placement_create_for_application(application=application, actor=actor)
    _notify(application, to, event.pk)
    return application


@transaction.atomic
def application_message_post(*, application_id: int, author, body: str) -> ApplicationMessage:
    """A message from the talent to the enterprise's team or back; the other side is mailed."""
    body = _text(body, required_message=_("Write a message."))
    application = _locked(application_id)
    if _side(application, author) is None:
        raise PermissionDenied
    if application.status in THREAD_CLOSED:
        raise InvalidTransition(
            _("This application is %(status)s; the conversation is closed.")
            % {"status": application.get_status_display().lower()},
            code="thread_closed",
        )
    message = ApplicationMessage.objects.create(application=application, author=author, body=body)
    application.save(update_fields=["updated_at"])
    _notify(application, "message", message.pk)
    return message


@transaction.atomic
def apply_invitation_send(*, opening_id: int, profile_id: int, actor) -> ApplyInvitation:
    """A team member invites a talent the engine suggested to apply; the talent gets a mail.

    Once per talent and opening. The talent must be one the member may see, and the mail says
    nothing to the enterprise about who the talent is (anonymous talents stay anonymous).
    """
    opening = Opening.objects.published().of_member(actor).filter(pk=opening_id).first()
    profile = TalentProfile.objects.visible_to(actor).filter(pk=profile_id).first()
    if opening is None or profile is None:
        raise PermissionDenied
    if Application.objects.filter(opening=opening, profile=profile).exists():
        raise ValidationError(_("This talent has already applied."), code="applied")
    invitation, created = ApplyInvitation.objects.get_or_create(
        opening=opening, profile=profile, defaults={"invited_by": actor}
    )
    if not created:
        raise ValidationError(_("You have already invited this talent."), code="invited")
    apply_invitation_notify(invitation=invitation)
    return invitation
