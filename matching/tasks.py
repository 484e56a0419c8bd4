from celery import shared_task
from django.urls import reverse

from core.mail import mail_send, recipients, site_url
from enterprises.selectors import who_answers

from . import services
from .models import (
    Application,
    ApplicationEvent,
    ApplicationMessage,
    ApplyInvitation,
    Opening,
    OpeningEvent,
    Placement,
    PlacementEvent,
    Side,
)
from .services import placements as placement_services
from .services.scores import scores_rebuild, scores_refresh_opening, scores_refresh_profile


@shared_task
def expire_openings() -> int:
    """Scheduled: published openings past their deadline become expired."""
    return services.openings_expire_due()


@shared_task
def remind_expiring_openings() -> int:
    """Scheduled: tell each enterprise once that an opening expires in a few days."""
    return services.openings_remind_expiring()


def _recipients(opening: Opening):
    # The contact person answers for the opening.
    return who_answers(enterprise_id=opening.enterprise_id, user_id=opening.contact_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def send_opening_mail(opening_id: int, kind: str, event_id: int | None = None) -> int:
    """Mail the enterprise about its opening: "published", "rejected" or "expiring".

    `event_id` names the status change the mail is about, with the reason staff gave then.
    """
    opening = Opening.objects.select_related("enterprise").filter(pk=opening_id).first()
    if opening is None:
        return 0
    event = OpeningEvent.objects.filter(pk=event_id, opening=opening).first()
    page = (
        reverse("openings:detail", args=[opening.pk])
        if kind == "published"
        else reverse("company_openings:edit", args=[opening.enterprise_id, opening.pk])
    )
    return mail_send(
        template=f"matching/email/opening_{kind}",
        to=recipients(_recipients(opening)),
        context={"opening": opening, "reason": event.note if event else "", "url": site_url(page)},
    )


@shared_task
def rescore_opening(opening_id: int) -> int:
    """After an opening changes: its talents' scores, or none if it is no longer public."""
    return scores_refresh_opening(opening_id=opening_id)


@shared_task
def rescore_profile(profile_id: int) -> int:
    """After a profile changes: its scores against every published opening."""
    return scores_refresh_profile(profile_id=profile_id)


@shared_task
def rebuild_matches() -> int:
    """Nightly: every score from scratch, so nothing drifts (e.g. skill rarity)."""
    return scores_rebuild()


# Who hears of each step: the talent of the enterprise's moves, the team of the talent's.
APPLICATION_MAIL_TO_TALENT = frozenset({"shortlisted", "interview", "offered", "rejected"})
APPLICATION_MAIL_TO_ENTERPRISE = frozenset({"applied", "accepted", "declined", "withdrawn"})


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def send_application_mail(application_id: int, kind: str, item_id: int | None = None) -> int:
    """Mail the other side of an application about a step (`kind` is the new status, or
    "applied") or a new message (`kind` "message").

    `item_id` is the ApplicationEvent of the step (its note is quoted) or the message.
    """
    application = (
        Application.objects.select_related("profile__user", "opening__enterprise")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return 0
    opening, talent = application.opening, application.profile.user
    note, to_talent = "", kind in APPLICATION_MAIL_TO_TALENT
    if kind == "message":
        message = ApplicationMessage.objects.filter(pk=item_id, application=application).first()
        if message is None:
            return 0
        note, to_talent = message.body, message.author_id != talent.pk
    elif kind in APPLICATION_MAIL_TO_TALENT | APPLICATION_MAIL_TO_ENTERPRISE:
        event = ApplicationEvent.objects.filter(pk=item_id, application=application).first()
        note = event.note if event else ""
    else:
        raise ValueError(f"Unknown application mail: {kind}")
    if to_talent:
        to = recipients([talent])
        page = reverse("applications:detail", args=[application.pk])
    else:
        to = recipients(_recipients(opening))
        page = reverse("company_openings:application", args=[opening.enterprise_id, application.pk])
    return mail_send(
        template=f"matching/email/application_{kind}",
        to=to,
        context={
            "application": application,
            "opening": opening,
            "enterprise": opening.enterprise,
            "talent_name": application.profile.display_name,
            "note": note,
            "to_talent": to_talent,
            "url": site_url(page),
        },
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def send_apply_invitation(invitation_id: int) -> int:
    """Mail a talent that an enterprise would like them to apply."""
    invitation = (
        ApplyInvitation.objects.select_related("opening__enterprise", "profile__user")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return 0
    page = reverse("openings:detail", args=[invitation.opening_id])
    return mail_send(
        template="matching/email/apply_invitation",
        to=recipients([invitation.profile.user]),
        context={"opening": invitation.opening, "url": site_url(page)},
    )


# Placements.


@shared_task
def run_placements_daily() -> dict[str, int]:
    """Scheduled daily: start and complete placements on their dates, ask for check-ins at the
    mid-point of periods and remind talents to record outcomes (each mail once)."""
    return placement_services.placements_run_daily()


def _placement_team(placement: Placement):
    # The supervisor answers for the placement.
    return who_answers(enterprise_id=placement.enterprise_id, user_id=placement.supervisor_id)


# Moves mail both sides except the one who made it; the daily task's moves mail both.
PLACEMENT_MOVES = frozenset(
    {Placement.Status.ONGOING, Placement.Status.COMPLETED, Placement.Status.INTERRUPTED}
)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=8)
def send_placement_mail(placement_id: int, kind: str, item_id: int | None = None) -> int:
    """Mail a placement's sides: a move (`kind` the new status, `item_id` its PlacementEvent),
    "checkin" (both sides are asked for a check-in) or "outcome_reminder" (the talent, `item_id`
    the months since completion)."""
    placement = (
        Placement.objects.select_related("profile__user", "enterprise")
        .filter(pk=placement_id)
        .first()
    )
    if placement is None:
        return 0
    talent = placement.profile.user
    sides, note, months = {Side.TALENT, Side.ENTERPRISE}, "", None
    if kind in PLACEMENT_MOVES:
        event = PlacementEvent.objects.filter(pk=item_id, placement=placement).first()
        if event is not None:
            note = event.note
            actor_side = placement_services.side_of(placement, event.actor)
            sides.discard(actor_side)
    elif kind == "outcome_reminder":
        sides, months = {Side.TALENT}, item_id
    elif kind != "checkin":
        raise ValueError(f"Unknown placement mail: {kind}")
    sent = 0
    for side in sorted(sides):
        to_talent = side == Side.TALENT
        if to_talent:
            to = recipients([talent])
            page = reverse("applications:placement", args=[placement.pk])
        else:
            to = recipients(_placement_team(placement))
            page = reverse(
                "company_openings:placement", args=[placement.enterprise_id, placement.pk]
            )
        sent += mail_send(
            template=f"matching/email/placement_{kind}",
            to=to,
            context={
                "placement": placement,
                "enterprise": placement.enterprise,
                "talent_name": placement.profile.display_name,
                "note": note,
                "months": months,
                "to_talent": to_talent,
                "url": site_url(page),
            },
        )
    return sent
