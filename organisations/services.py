"""Every write to a referral: a talent's own request, one staff record, and its status.

A referral is requested by the talent (or recorded by staff, who have passed it on already),
passed on to the organisation, answered by the organisation contacting the person, and closed
with a result. Staff move it on from the admin queue; the talent follows it on their page.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import InvalidTransition
from enterprises.models import Enterprise
from profiles.models import TalentProfile

from .models import Organisation, Referral, Service

Status = Referral.Status
Result = Referral.Result

# Closing is possible from every open state: a person may lose interest at any point.
ALLOWED = {
    Status.REQUESTED: {Status.REFERRED, Status.CLOSED},
    Status.REFERRED: {Status.CONTACTED, Status.CLOSED},
    Status.CONTACTED: {Status.CLOSED},
    Status.CLOSED: set(),
}
# When each state was reached.
REACHED_AT = {
    Status.REFERRED: "referred_at",
    Status.CONTACTED: "contacted_at",
    Status.CLOSED: "closed_at",
}


def _service(service: str) -> str:
    if service and service not in Service.values:
        raise ValidationError(_("Choose a service from the list."), code="invalid_service")
    return service or ""


def _require(actor, permission: str) -> None:
    """Staff whose role handles referrals; the admin checks too, this holds for any caller."""
    if not (actor and actor.is_staff and actor.has_perm(permission)):
        raise PermissionDenied


def _lock(subject: TalentProfile | Enterprise) -> None:
    """Lock the talent or enterprise: of two requests at once (a double click), the second
    waits here and then sees the first one's referral."""
    list(type(subject).objects.select_for_update().filter(pk=subject.pk).values_list("pk"))


def referral_validate_new(
    *,
    organisation: Organisation,
    profile: TalentProfile | None = None,
    enterprise: Enterprise | None = None,
) -> None:
    """ValidationError unless exactly one subject is named and they have no open referral to
    the organisation yet (staff move the open one on instead of adding a second)."""
    if (profile is None) == (enterprise is None):
        raise ValidationError(
            _("Choose either a talent or an enterprise, not both."), code="one_subject"
        )
    subject = {"profile": profile} if profile else {"enterprise": enterprise}
    if Referral.objects.open().filter(organisation=organisation, **subject).exists():
        raise ValidationError(
            _("%(subject)s already has an open referral to %(organisation)s.")
            % {"subject": profile or enterprise, "organisation": organisation},
            code="duplicate",
        )


@transaction.atomic
def referral_request(
    *, profile: TalentProfile, organisation: Organisation, service: str = "", message: str
) -> Referral:
    """A talent asks to be contacted by an organisation; staff pass the request on."""
    if not organisation.is_active:
        raise ValidationError(_("This organisation is no longer listed."), code="inactive")
    message = message.strip()
    if not message:
        raise ValidationError(_("Tell us what you would like help with."), code="required")
    _lock(profile)
    if Referral.objects.open().filter(profile=profile, organisation=organisation).exists():
        raise ValidationError(
            _(
                "You have already asked %(organisation)s to contact you, and the request is "
                "still open. You can follow it on your requests page."
            )
            % {"organisation": organisation.name},
            code="duplicate",
        )
    return Referral.objects.create(
        profile=profile,
        organisation=organisation,
        source=Referral.Source.TALENT,
        service=_service(service),
        message=message,
    )


@transaction.atomic
def referral_record(
    *,
    actor,
    organisation: Organisation,
    profile: TalentProfile | None = None,
    enterprise: Enterprise | None = None,
    service: str = "",
    message: str = "",
) -> Referral:
    """Staff record that they passed a talent or an enterprise on to an organisation."""
    _require(actor, "organisations.add_referral")
    for subject in (profile, enterprise):
        if subject is not None:
            _lock(subject)
    referral_validate_new(organisation=organisation, profile=profile, enterprise=enterprise)
    now = timezone.now()
    return Referral.objects.create(
        profile=profile,
        enterprise=enterprise,
        organisation=organisation,
        source=Referral.Source.STAFF,
        service=_service(service),
        message=message.strip(),
        status=Status.REFERRED,
        referred_at=now,
        handled_by=actor,
    )


@transaction.atomic
def referral_move(
    *, referral_id: int, actor, to: str, result: str = "", note: str = ""
) -> Referral:
    """Staff move a referral on. Closing takes a result and, optionally, a note on it."""
    _require(actor, "organisations.change_referral")
    # Two staff at once: the second waits and then sees the first one's move.
    referral = Referral.objects.select_for_update().get(pk=referral_id)
    if to not in ALLOWED[referral.status]:
        raise InvalidTransition(
            _("The referral is “%(status)s”: it cannot be changed to “%(target)s”.")
            % {"status": referral.get_status_display(), "target": Status(to).label},
            code="invalid_transition",
        )
    if to == Status.CLOSED:
        if result not in Result.values or result == Result.NONE:
            raise ValidationError(_("Choose a result to close the referral."), code="result")
        referral.result = result
        referral.result_note = note.strip()
    referral.status = to
    setattr(referral, REACHED_AT[to], timezone.now())
    referral.handled_by = actor
    referral.save(
        update_fields=[
            "status",
            "result",
            "result_note",
            REACHED_AT[to],
            "handled_by",
            "updated_at",
        ]
    )
    return referral
