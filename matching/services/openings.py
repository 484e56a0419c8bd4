"""Every write to openings: editing, the moderated lifecycle, expiry and reposting.

The lifecycle is one table (ALLOWED). Each change locks the row, checks the table, and is
recorded as an OpeningEvent, so "who approved what and when" is never lost.
"""

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import InvalidTransition
from core.pagecache import public_pages_changed
from enterprises.models import Enterprise
from esco.models import Skill

from ..models import Opening, OpeningEvent, OpeningLanguage, OpeningSkill
from ..notifications import opening_notify
from ..quality import opening_warnings
from .scores import rescore_opening_on_commit

__all__ = [
    "opening_approve",
    "opening_close",
    "opening_create",
    "opening_delete_draft",
    "opening_language_set",
    "opening_reject",
    "opening_repost",
    "opening_requirement_delete",
    "opening_skill_set",
    "opening_submit",
    "opening_update",
    "openings_expire_due",
    "openings_remind_expiring",
    "quality_warnings",
    "submission_problems",
]

Status = Opening.Status

ALLOWED = {
    Status.DRAFT: {Status.SUBMITTED},
    Status.SUBMITTED: {Status.PUBLISHED, Status.REJECTED},
    Status.REJECTED: {Status.SUBMITTED},
    # A substantive edit sends a published opening back to review.
    Status.PUBLISHED: {Status.CLOSED, Status.EXPIRED, Status.SUBMITTED},
    Status.CLOSED: set(),
    Status.EXPIRED: set(),
}
# States in which the enterprise edits freely; a published opening is edited under review rules.
EDITABLE = {Status.DRAFT, Status.SUBMITTED, Status.REJECTED, Status.PUBLISHED}
# Changing only these keeps a published opening published: they alter no promise to talents.
MINOR_FIELDS = frozenset({"deadline", "positions", "contact", "start_date", "hours_per_week"})
REPOSTABLE = {Status.CLOSED, Status.EXPIRED}
SUBMITTABLE = {Status.DRAFT, Status.REJECTED}
EXPIRY_REMINDER_DAYS = 3
MAX_SKILLS = 30
COPIED_FIELDS = (
    "title",
    "kind",
    "description",
    "tasks",
    "offer",
    "occupation",
    "finnish_not_required",
    "municipality",
    "work_mode",
    "duration_months",
    "hours_per_week",
    "paid",
    "salary_min",
    "salary_max",
    "positions",
    "contact",
)


def _refuse(opening: Opening):
    raise InvalidTransition(
        _("This opening is %(status)s; that is not possible now.")
        % {"status": opening.get_status_display().lower()},
        code="invalid_transition",
    )


def _check(opening: Opening, to: str) -> None:
    if to not in ALLOWED[opening.status]:
        _refuse(opening)


def _transition(opening: Opening, to: str, *, actor, note: str = "", **fields: Any) -> OpeningEvent:
    """Move a locked, fresh opening to `to`, or refuse; writes and returns the event row."""
    _check(opening, to)
    event = OpeningEvent(opening=opening, actor=actor, from_status=opening.status, to_status=to)
    event.note = note
    opening.status = to
    if to == Status.PUBLISHED:
        fields.setdefault("matches_notified_at", None)  # the talents are told once it is scored
    for name, value in fields.items():
        setattr(opening, name, value)
    opening.save(update_fields=["status", "updated_at", *fields])
    event.save()
    if Status.PUBLISHED in (event.from_status, to):
        # Published: score it; no longer published: its scores go.
        rescore_opening_on_commit(opening.pk)
        public_pages_changed()
    return event


def _staff_only(actor) -> None:
    if not getattr(actor, "is_staff", False):
        raise PermissionDenied


def _notify(opening_id: int, kind: str, event: OpeningEvent | None = None) -> None:
    # The event carries the reason as it was decided: a quick resubmission clears the field.
    opening_notify(opening_id=opening_id, kind=kind, event=event)


def _locked(opening_id: int) -> Opening:
    return Opening.objects.select_for_update().select_related("enterprise").get(pk=opening_id)


def _texts(opening: Opening) -> dict[str, str]:
    return {name: getattr(opening, name) for name in ("title", "description", "tasks", "offer")}


def quality_warnings(opening: Opening):
    """The warnings the opening would be submitted with, computed from its current content."""
    finnish = next((item.level for item in opening.languages.all() if item.language == "fi"), None)
    return opening_warnings(
        texts=_texts(opening),
        kind=opening.kind,
        finnish_level=finnish,
        finnish_not_required=opening.finnish_not_required,
    )


def submission_problems(opening: Opening) -> list[str]:
    """What must be fixed before the opening can go to review (empty when it can)."""
    problems = []
    if not opening.enterprise.is_verified:
        problems.append(_("Your company must be verified by TalentHub staff first."))
    if opening.kind == "job" and opening.salary_min is None:
        problems.append(_("A job needs a salary range (at least the lower end)."))
    if opening.is_period and not opening.duration_months:
        problems.append(_("A cooperation period or internship needs a duration."))
    if opening.work_mode != Opening.WorkMode.REMOTE and not opening.municipality:
        problems.append(_("Choose the municipality where the work is done, or mark it remote."))
    if opening.deadline is None:
        problems.append(_("Set an application deadline."))
    elif opening.deadline < timezone.localdate():
        problems.append(_("The application deadline has passed; choose a later date."))
    return problems


@transaction.atomic
def opening_create(*, enterprise: Enterprise, actor, data: Mapping[str, Any]) -> Opening:
    """A new draft; anyone in the team may write one, even before verification."""
    opening = Opening(enterprise=enterprise, created_by=actor, status=Status.DRAFT, **data)
    opening.full_clean(exclude=["enterprise", "created_by"])
    opening.save()
    return opening


def _editable(opening_id: int) -> Opening:
    opening = _locked(opening_id)
    if opening.status not in EDITABLE:
        raise InvalidTransition(
            _("A closed or expired opening cannot be edited; repost it instead."),
            code="not_editable",
        )
    return opening


def _after_edit(opening: Opening, *, actor, substantive: bool, note: str) -> None:
    """A substantive edit sends a published opening back to review; staff then see warnings
    for what the opening says now, not for what it said when first submitted."""
    if substantive and opening.status == Status.PUBLISHED:
        _transition(opening, Status.SUBMITTED, actor=actor, note=note, submitted_at=timezone.now())
    elif opening.status == Status.PUBLISHED:
        rescore_opening_on_commit(opening.pk)  # a new start date or hours count a little
        public_pages_changed()
    if opening.status == Status.SUBMITTED:
        opening.quality_warnings = [w.as_dict() for w in quality_warnings(opening)]
        opening.save(update_fields=["quality_warnings"])


@transaction.atomic
def opening_update(*, opening_id: int, actor, changes: Mapping[str, Any]) -> Opening:
    """Save the main form. A substantive change to a published opening sends it to review."""
    opening = _editable(opening_id)
    changed = {name for name, value in changes.items() if getattr(opening, name) != value}
    if not changed:
        return opening
    for name in changed:
        setattr(opening, name, changes[name])
    opening.full_clean(exclude=["enterprise", "created_by"])
    if opening.status in (Status.SUBMITTED, Status.PUBLISHED):
        # What staff review (or talents read) must stay complete, e.g. keep its deadline.
        problems = submission_problems(opening)
        if problems:
            raise ValidationError(problems, code="incomplete")
    if "deadline" in changed:
        # A new deadline earns a new reminder before it.
        opening.expiry_reminder_sent_at = None
        changed.add("expiry_reminder_sent_at")
    opening.save(update_fields=[*changed, "updated_at"])
    _after_edit(
        opening,
        actor=actor,
        substantive=bool(changed - MINOR_FIELDS - {"expiry_reminder_sent_at"}),
        note=_("Edited while published."),
    )
    return opening


def _requirements_changed(opening: Opening, actor) -> None:
    _after_edit(
        opening, actor=actor, substantive=True, note=_("Requirements changed while published.")
    )


@transaction.atomic
def opening_skill_set(
    *, opening_id: int, actor, skill: Skill, essential: bool, level: int
) -> OpeningSkill:
    """Require a skill (or change how it is required)."""
    opening = _editable(opening_id)
    if not opening.skills.filter(skill=skill).exists() and opening.skills.count() >= MAX_SKILLS:
        raise ValidationError(
            _("An opening can require at most %(count)s skills.") % {"count": MAX_SKILLS}
        )
    item, _created = OpeningSkill.objects.update_or_create(
        opening=opening, skill=skill, defaults={"essential": essential, "level": level}
    )
    _requirements_changed(opening, actor)
    return item


@transaction.atomic
def opening_language_set(*, opening_id: int, actor, language: str, level: int) -> OpeningLanguage:
    opening = _editable(opening_id)
    item, _created = OpeningLanguage.objects.update_or_create(
        opening=opening, language=language, defaults={"level": level}
    )
    _requirements_changed(opening, actor)
    return item


@transaction.atomic
def opening_requirement_delete(*, opening_id: int, actor, model, pk: int) -> bool:
    """Remove a required skill or language; False when the opening has no such item."""
    opening = _editable(opening_id)
    deleted, _details = model.objects.filter(opening=opening, pk=pk).delete()
    if deleted:
        _requirements_changed(opening, actor)
    return bool(deleted)


@transaction.atomic
def opening_delete_draft(*, opening_id: int) -> None:
    opening = _locked(opening_id)
    if opening.status != Status.DRAFT:
        raise InvalidTransition(_("Only a draft can be deleted."), code="not_draft")
    opening.delete()


@transaction.atomic
def opening_submit(*, opening_id: int, actor) -> Opening:
    """Send to staff review with the quality warnings the enterprise has seen."""
    opening = _locked(opening_id)
    if opening.status not in SUBMITTABLE:
        # Published openings go back to review by being edited, not by a second submission.
        _refuse(opening)
    problems = submission_problems(opening)
    if problems:
        raise ValidationError(problems, code="incomplete")
    _transition(
        opening,
        Status.SUBMITTED,
        actor=actor,
        submitted_at=timezone.now(),
        quality_warnings=[w.as_dict() for w in quality_warnings(opening)],
        rejection_reason="",
    )
    return opening


@transaction.atomic
def opening_approve(*, opening_id: int, actor) -> Opening:
    """Staff publish a submitted opening; of two staff approving at once, one succeeds."""
    _staff_only(actor)
    opening = _locked(opening_id)
    _check(opening, Status.PUBLISHED)
    if not opening.enterprise.is_verified:
        raise InvalidTransition(
            _("The enterprise is not verified; verify it before publishing its openings."),
            code="unverified",
        )
    # An approval after the deadline would publish an opening nobody can apply to.
    if opening.deadline and opening.deadline < timezone.localdate():
        raise InvalidTransition(_("The application deadline has passed."), code="deadline")
    # Published once already: keep the original date, so an edit does not bump it to the top.
    published_at = opening.published_at or timezone.now()
    event = _transition(opening, Status.PUBLISHED, actor=actor, published_at=published_at)
    _notify(opening.pk, "published", event)
    return opening


@transaction.atomic
def opening_reject(*, opening_id: int, actor, reason: str) -> Opening:
    """Staff send a submitted opening back with a reason, which is mailed to the enterprise."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason: the enterprise reads it."), code="no_reason")
    _staff_only(actor)
    opening = _locked(opening_id)
    event = _transition(opening, Status.REJECTED, actor=actor, note=reason, rejection_reason=reason)
    _notify(opening.pk, "rejected", event)
    return opening


@transaction.atomic
def opening_close(*, opening_id: int, actor, reason: str) -> Opening:
    if reason not in Opening.CloseReason.values:
        raise ValidationError(_("Choose why the opening closes."), code="no_reason")
    opening = _locked(opening_id)
    _transition(opening, Status.CLOSED, actor=actor, close_reason=reason, closed_at=timezone.now())
    return opening


@transaction.atomic
def opening_repost(*, opening_id: int, actor) -> Opening:
    """A new draft copied from a closed or expired opening, requirements included."""
    source = _locked(opening_id)
    if source.status not in REPOSTABLE:
        raise InvalidTransition(
            _("Only a closed or expired opening can be reposted."), code="not_repostable"
        )
    copy = Opening(
        enterprise=source.enterprise,
        created_by=actor,
        reposted_from=source,
        status=Status.DRAFT,
        **{name: getattr(source, name) for name in COPIED_FIELDS},
    )
    copy.save()
    OpeningSkill.objects.bulk_create(
        OpeningSkill(opening=copy, skill_id=s.skill_id, essential=s.essential, level=s.level)
        for s in source.skills.all()
    )
    OpeningLanguage.objects.bulk_create(
        OpeningLanguage(opening=copy, language=item.language, level=item.level)
        for item in source.languages.all()
    )
    return copy


def _deadline_passed_before(today: datetime.date):
    return Opening.objects.filter(status=Status.PUBLISHED, deadline__lt=today)


def openings_expire_due() -> int:
    """Expire every published opening whose deadline day has ended (Helsinki time)."""
    expired = 0
    for opening_id in _deadline_passed_before(timezone.localdate()).values_list("pk", flat=True):
        with transaction.atomic():
            opening = _locked(opening_id)
            # Edited or closed since the query: leave it to its new state.
            if opening.status == Status.PUBLISHED and opening.deadline < timezone.localdate():
                event = _transition(opening, Status.EXPIRED, actor=None, closed_at=timezone.now())
                _notify(opening.pk, "expired", event)
                expired += 1
    return expired


def openings_remind_expiring() -> int:
    """Claim and queue one reminder per opening that expires within a few days."""
    today = timezone.localdate()
    due = Opening.objects.filter(
        status=Status.PUBLISHED,
        deadline__gte=today,
        deadline__lte=today + datetime.timedelta(days=EXPIRY_REMINDER_DAYS),
        expiry_reminder_sent_at__isnull=True,
    )
    reminded = 0
    for opening_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            # The conditional update is the claim: two runs at once remind once.
            if Opening.objects.filter(pk=opening_id, expiry_reminder_sent_at__isnull=True).update(
                expiry_reminder_sent_at=timezone.now()
            ):
                _notify(opening_id, "expiring")
                reminded += 1
    return reminded
