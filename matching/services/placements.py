"""Every write to placements: made from an accepted offer (or recorded by staff), moved through
agreed → ongoing → completed (or interrupted), with check-ins, feedback, outcomes and start-ups.

The lifecycle is one table (ALLOWED), and who may make each move another (MOVER). Each change
locks the placement row, checks both, is recorded as a PlacementEvent and mails the other side
once the transaction commits. The daily task (`placements_run_daily`) starts placements on
their start date, completes them the day after their end date, asks both sides for a check-in
at the mid-point of a period and reminds the talent to record the outcome 3 and 6 months after
completion; each mail is claimed by a timestamp on the placement, so it goes out once.

Decisions:
- A placement whose end date has passed completes automatically: the completion mail asks
  both sides for feedback, so nothing depends on the enterprise remembering to click.
- The start date is the opening's start date, or the acceptance day when the opening has none
  or it has already passed; periods end `duration_months` later, jobs are open-ended.
- Staff may make every move (in the admin); they are neither side, so they give no feedback.
"""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import InvalidTransition
from enterprises.models import Enterprise, Membership
from enterprises.validators import normalise_business_id, validate_business_id
from profiles.models import TalentProfile

from ..models import (
    PERIOD_KINDS,
    Application,
    CheckIn,
    Feedback,
    Outcome,
    Placement,
    PlacementEvent,
    Side,
    StartUp,
)
from ..notifications import placement_notify

__all__ = [
    "ALLOWED",
    "EDITABLE",
    "MOVER",
    "checkin_write",
    "feedback_give",
    "outcome_record",
    "placement_create_for_application",
    "placement_move",
    "placement_record",
    "placement_update",
    "placements_advance_due",
    "placements_remind_outcomes",
    "placements_request_checkins",
    "placements_run_daily",
    "side_of",
    "startup_record",
]

Status = Placement.Status
STAFF = "staff"
MAX_TEXT = 2000
MAX_GOALS = 3000

ALLOWED: dict[str, set[str]] = {
    Status.AGREED: {Status.ONGOING, Status.INTERRUPTED},
    Status.ONGOING: {Status.COMPLETED, Status.INTERRUPTED},
    Status.COMPLETED: set(),
    Status.INTERRUPTED: set(),
}
# Who may make each move: the enterprise runs the placement, either side may end it early.
# The daily task (actor None) starts and completes placements on their dates.
MOVER: dict[str, frozenset[str]] = {
    Status.ONGOING: frozenset({Side.ENTERPRISE, STAFF}),
    Status.COMPLETED: frozenset({Side.ENTERPRISE, STAFF}),
    Status.INTERRUPTED: frozenset({Side.TALENT, Side.ENTERPRISE, STAFF}),
}
# The enterprise corrects dates, supervisor and goals until the placement starts.
EDITABLE = frozenset({Status.AGREED})
# Check-ins while it runs; feedback and outcome once it has completed.
CHECKIN_OPEN = frozenset({Status.ONGOING})
FEEDBACK_OPEN = frozenset({Status.COMPLETED})
OUTCOME_OPEN = frozenset({Status.COMPLETED})
OUTCOME_REMINDER_MONTHS = (3, 6)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day (31 January + 1 = 28/29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _locked(placement_id: int) -> Placement:
    return (
        Placement.objects.select_for_update(of=("self",))
        .select_related("profile")
        .get(pk=placement_id)
    )


def side_of(placement: Placement, user) -> str | None:
    """Which side of the placement the person is on: talent, enterprise, staff, or None."""
    if user is None or not user.is_authenticated:
        return None
    if placement.profile.user_id == user.pk:
        return Side.TALENT
    if Membership.objects.filter(user=user, enterprise_id=placement.enterprise_id).exists():
        return Side.ENTERPRISE
    if user.is_staff:
        return STAFF
    return None


def _party(placement: Placement, user) -> str:
    """The talent's or the enterprise's side; PermissionDenied for anyone else (staff too)."""
    side = side_of(placement, user)
    if side not in (Side.TALENT, Side.ENTERPRISE):
        raise PermissionDenied
    return side


def _text(value: str, *, required_message: str | None = None, limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if not value and required_message:
        raise ValidationError(required_message, code="required")
    if len(value) > limit:
        raise ValidationError(
            _("Write at most %(count)s characters.") % {"count": limit}, code="max_length"
        )
    return value


def _refuse_in(placement: Placement, message: str) -> InvalidTransition:
    return InvalidTransition(
        message % {"status": placement.get_status_display().lower()}, code="invalid_transition"
    )


def _notify(placement_id: int, kind: str, item_id: int | None = None) -> None:
    placement_notify(placement_id=placement_id, kind=kind, item_id=item_id)


def _check_dates(start_date: datetime.date, end_date: datetime.date | None) -> None:
    if end_date is not None and end_date <= start_date:
        raise ValidationError(
            {"end_date": _("The end date must be after the start date.")}, code="end_before_start"
        )


def _check_supervisor(enterprise_id: int, supervisor) -> None:
    if (
        supervisor is not None
        and not Membership.objects.filter(enterprise_id=enterprise_id, user=supervisor).exists()
    ):
        raise ValidationError(
            {"supervisor": _("The supervisor must be a member of the company’s team.")},
            code="supervisor",
        )


def _initial_dates(opening, today: datetime.date) -> tuple[datetime.date, datetime.date | None]:
    start = opening.start_date if opening.start_date and opening.start_date >= today else today
    if opening.kind in PERIOD_KINDS and opening.duration_months:
        return start, add_months(start, opening.duration_months)
    return start, None


def _transition(placement: Placement, to: str, *, actor, note: str = "") -> PlacementEvent:
    """Record and make the move; the caller has locked the row and checked who may."""
    event = PlacementEvent.objects.create(
        placement=placement, actor=actor, from_status=placement.status, to_status=to, note=note
    )
    today = timezone.localdate()
    fields = ["status", "updated_at"]
    if to == Status.ONGOING:
        placement.started_on = today
        fields.append("started_on")
    elif to in (Status.COMPLETED, Status.INTERRUPTED):
        placement.ended_on = today
        fields.append("ended_on")
    if to == Status.INTERRUPTED:
        placement.interruption_reason = note
        fields.append("interruption_reason")
    placement.status = to
    placement.save(update_fields=fields)
    _notify(placement.pk, to, event.pk)
    return event


# Creating.


def placement_create_for_application(*, application: Application, actor) -> Placement:
    """The accepted offer becomes an agreed placement of the opening's type.

    Called by application_move inside its transaction, with the application locked; the
    enterprise has been mailed of the acceptance there, so nothing more is sent here.
    """
    opening = application.opening
    start, end = _initial_dates(opening, timezone.localdate())
    supervisor = opening.contact if opening.contact_id else None
    if (
        supervisor is not None
        and not Membership.objects.filter(
            enterprise_id=opening.enterprise_id, user=supervisor
        ).exists()
    ):
        supervisor = None  # the contact person has left the team
    placement = Placement.objects.create(
        enterprise_id=opening.enterprise_id,
        profile_id=application.profile_id,
        application=application,
        opening=opening,
        title=opening.title,
        kind=opening.kind,
        start_date=start,
        end_date=end,
        supervisor=supervisor,
        goals=opening.tasks,
        created_by=actor,
    )
    PlacementEvent.objects.create(placement=placement, actor=actor, to_status=Status.AGREED)
    return placement


@transaction.atomic
def placement_record(
    *,
    actor,
    enterprise: Enterprise,
    profile: TalentProfile,
    title: str,
    kind: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    supervisor=None,
    goals: str = "",
) -> Placement:
    """Staff record a placement agreed outside the portal (no application, no opening)."""
    if actor is None or not actor.is_staff:
        raise PermissionDenied
    _check_dates(start_date, end_date)
    _check_supervisor(enterprise.pk, supervisor)
    placement = Placement.objects.create(
        enterprise=enterprise,
        profile=profile,
        title=_text(title, required_message=_("Name the role."), limit=200),
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        supervisor=supervisor,
        goals=_text(goals, limit=MAX_GOALS),
        created_by=actor,
    )
    PlacementEvent.objects.create(placement=placement, actor=actor, to_status=Status.AGREED)
    return placement


@transaction.atomic
def placement_update(
    *,
    placement_id: int,
    actor,
    start_date: datetime.date,
    end_date: datetime.date | None,
    supervisor,
    goals: str,
) -> Placement:
    """The enterprise (or staff) corrects the dates, supervisor and goals while it is agreed."""
    placement = _locked(placement_id)
    if side_of(placement, actor) not in (Side.ENTERPRISE, STAFF):
        raise PermissionDenied
    if placement.status not in EDITABLE:
        raise _refuse_in(placement, _("This placement is %(status)s; it can no longer be edited."))
    _check_dates(start_date, end_date)
    _check_supervisor(placement.enterprise_id, supervisor)
    placement.start_date, placement.end_date = start_date, end_date
    placement.supervisor, placement.goals = supervisor, _text(goals, limit=MAX_GOALS)
    placement.save(update_fields=["start_date", "end_date", "supervisor", "goals", "updated_at"])
    return placement


# The lifecycle.


@transaction.atomic
def placement_move(*, placement_id: int, actor, to: str, note: str = "") -> Placement:
    """Move a placement, as `actor`: the enterprise marks it started or completed; either side
    interrupts it, with a reason the other side is sent.

    PermissionDenied when the move is not the actor's; InvalidTransition when the status does
    not allow it; ValidationError for an interruption without a reason.
    """
    placement = _locked(placement_id)
    if to not in MOVER or side_of(placement, actor) not in MOVER[to]:
        raise PermissionDenied
    if to not in ALLOWED[placement.status]:
        raise _refuse_in(placement, _("This placement is %(status)s; that is not possible now."))
    if to == Status.INTERRUPTED:
        note = _text(note, required_message=_("Say why the placement ends early."))
    else:
        note = _text(note)
    _transition(placement, to, actor=actor, note=note)
    return placement


def _due(queryset, status: str, to: str, still_due) -> int:
    moved = 0
    for placement_id in queryset.values_list("pk", flat=True):
        with transaction.atomic():
            placement = _locked(placement_id)
            # Moved or edited since the query: leave it to its new state.
            if placement.status == status and still_due(placement):
                _transition(placement, to, actor=None)
                moved += 1
    return moved


def placements_advance_due() -> dict[str, int]:
    """Daily: agreed placements start on their start date; those past their end date complete."""
    today = timezone.localdate()
    started = _due(
        Placement.objects.filter(status=Status.AGREED, start_date__lte=today),
        Status.AGREED,
        Status.ONGOING,
        lambda placement: placement.start_date <= today,
    )
    completed = _due(
        Placement.objects.filter(status=Status.ONGOING, end_date__lt=today),
        Status.ONGOING,
        Status.COMPLETED,
        lambda placement: placement.end_date is not None and placement.end_date < today,
    )
    return {"started": started, "completed": completed}


def midpoint(placement: Placement) -> datetime.date | None:
    if placement.end_date is None:
        return None
    return placement.start_date + (placement.end_date - placement.start_date) / 2


def placements_request_checkins() -> int:
    """Daily: once a period is halfway, ask both sides (once) for a short check-in."""
    today = timezone.localdate()
    candidates = Placement.objects.filter(
        status=Status.ONGOING,
        end_date__isnull=False,
        end_date__gte=today,
        start_date__lt=today,
        checkin_requested_at__isnull=True,
    ).only("pk", "start_date", "end_date")
    asked = 0
    for placement in candidates:
        if midpoint(placement) > today:
            continue
        with transaction.atomic():
            # The conditional update is the claim: two runs at once ask once.
            if Placement.objects.filter(
                pk=placement.pk, status=Status.ONGOING, checkin_requested_at__isnull=True
            ).update(checkin_requested_at=timezone.now()):
                _notify(placement.pk, "checkin")
                asked += 1
    return asked


def placements_remind_outcomes() -> int:
    """Daily: 3 and 6 months after completion, remind the talent (once each) to record or
    update the outcome. A placement already past 6 months gets only the later reminder."""
    today = timezone.localdate()
    reminded = 0
    for months in reversed(OUTCOME_REMINDER_MONTHS):
        field = f"outcome_reminder_{months}_sent_at"
        due = Placement.objects.filter(
            status=Status.COMPLETED,
            ended_on__isnull=False,
            **{f"{field}__isnull": True},
        ).only("pk", "ended_on")
        for placement in due:
            if add_months(placement.ended_on, months) > today:
                continue
            claim = {field: timezone.now()}
            if months == max(OUTCOME_REMINDER_MONTHS):
                # The earlier reminder is moot now.
                claim.update(
                    {
                        f"outcome_reminder_{m}_sent_at": timezone.now()
                        for m in OUTCOME_REMINDER_MONTHS
                        if m != months
                    }
                )
            with transaction.atomic():
                if Placement.objects.filter(pk=placement.pk, **{f"{field}__isnull": True}).update(
                    **claim
                ):
                    _notify(placement.pk, "outcome_reminder", months)
                    reminded += 1
    return reminded


def placements_run_daily() -> dict[str, int]:
    """The daily task: every date-driven step, in order."""
    counts = placements_advance_due()
    counts["checkins"] = placements_request_checkins()
    counts["outcome_reminders"] = placements_remind_outcomes()
    return counts


# Check-ins, feedback and outcomes.


@transaction.atomic
def checkin_write(*, placement_id: int, author, text: str) -> CheckIn:
    """A side's check-in while the placement runs; once per side."""
    text = _text(text, required_message=_("Write a few words about how it is going."))
    placement = _locked(placement_id)
    side = _party(placement, author)
    if placement.status not in CHECKIN_OPEN:
        raise _refuse_in(placement, _("This placement is %(status)s; check-ins are closed."))
    try:
        with transaction.atomic():
            return CheckIn.objects.create(placement=placement, side=side, author=author, text=text)
    except IntegrityError:
        raise ValidationError(
            _("Your side has already written its check-in."), code="already_written"
        ) from None


@transaction.atomic
def feedback_give(*, placement_id: int, author, rating: int, comment: str = "") -> Feedback:
    """A side's rating (1 to 5) and a few words once the placement has completed; once per side."""
    comment = _text(comment)
    if rating not in range(1, 6):
        raise ValidationError(_("Choose a rating from 1 to 5."), code="rating")
    placement = _locked(placement_id)
    side = _party(placement, author)
    if placement.status not in FEEDBACK_OPEN:
        raise _refuse_in(placement, _("This placement is %(status)s; feedback is not open."))
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                placement=placement, side=side, author=author, rating=rating, comment=comment
            )
    except IntegrityError:
        raise ValidationError(
            _("Your side has already given its feedback."), code="already_given"
        ) from None


def outcome_check(*, placement: Placement, kind: str, startup_id: int | None) -> StartUp | None:
    """Whether this outcome may be recorded for the placement (ValidationError by field if
    not); returns the start-up it names. Forms call it too, to show the errors in place."""
    if placement.status not in OUTCOME_OPEN:
        raise _refuse_in(placement, _("This placement is %(status)s; no outcome yet."))
    if kind not in Outcome.Kind.values:
        raise ValidationError({"kind": _("Choose an outcome.")}, code="kind")
    if startup_id is None:
        return None
    if kind != Outcome.Kind.STARTUP:
        raise ValidationError(
            {"startup": _("Name a start-up only when the talent founded one.")}, code="startup"
        )
    startup = StartUp.objects.filter(pk=startup_id, founder_id=placement.profile_id).first()
    if startup is None:
        raise ValidationError({"startup": _("Choose one of the talent’s start-ups.")})
    return startup


@transaction.atomic
def outcome_record(
    *, placement_id: int, actor, kind: str, startup_id: int | None = None, note: str = ""
) -> Outcome:
    """The talent, the enterprise or staff record what followed a completed placement.

    Recording again replaces the current outcome; the earlier rows stay as its history. A
    start-up may be named only with "founded a start-up", and must be the talent's own.
    """
    note = _text(note)
    placement = _locked(placement_id)
    if side_of(placement, actor) is None:
        raise PermissionDenied
    startup = outcome_check(placement=placement, kind=kind, startup_id=startup_id)
    Outcome.objects.filter(placement=placement, is_current=True).update(is_current=False)
    return Outcome.objects.create(
        placement=placement, kind=kind, startup=startup, note=note, recorded_by=actor
    )


# Start-ups.


@transaction.atomic
def startup_record(
    *,
    founder: TalentProfile,
    actor,
    name: str,
    founded_on: datetime.date,
    business_id: str = "",
    industry: str = "",
    support_organisation: str = "",
) -> StartUp:
    """The talent (or staff) records a start-up the talent founded.

    The business ID is optional until the company is registered; when given it must be a valid
    Y-tunnus, recorded for one start-up only.
    """
    if actor is None or not (actor.is_staff or founder.user_id == actor.pk):
        raise PermissionDenied
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Name the start-up.")
    business_id = normalise_business_id(business_id)
    if business_id:
        try:
            validate_business_id(business_id)
        except ValidationError as error:
            errors["business_id"] = error.messages
        else:
            if StartUp.objects.filter(business_id=business_id).exists():
                errors["business_id"] = _("A start-up with this business ID is already recorded.")
    if founded_on > timezone.localdate():
        errors["founded_on"] = _("The founding date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return StartUp.objects.create(
                founder=founder,
                name=name[:200],
                business_id=business_id,
                founded_on=founded_on,
                industry=industry,
                support_organisation=(support_organisation or "").strip()[:200],
                recorded_by=actor,
            )
    except IntegrityError:
        raise ValidationError(
            {"business_id": _("A start-up with this business ID is already recorded.")}
        ) from None
