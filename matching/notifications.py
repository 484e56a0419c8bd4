"""Who hears of what in matching, and what they are told.

Called by the services inside their transaction: the notification rows commit with the
change or not at all (see notifications/services.py). The context is a snapshot of plain
values, so a mail says what was true when the event happened.
"""

from django.db.models import Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from enterprises.selectors import who_answers
from notifications.models import Preferences
from notifications.services import notify
from profiles.models import TalentProfile

from .models import (
    Application,
    ApplicationEvent,
    ApplicationMessage,
    ApplyInvitation,
    MatchScore,
    Opening,
    OpeningEvent,
    Placement,
    PlacementEvent,
    Side,
)

# Who hears of each step: the talent of the enterprise's moves, the team of the talent's.
APPLICATION_TO_TALENT = frozenset({"shortlisted", "interview", "offered", "rejected"})
APPLICATION_TO_ENTERPRISE = frozenset({"applied", "accepted", "declined", "withdrawn"})
# Moves tell both sides except the one who made it; the daily task's moves tell both.
PLACEMENT_MOVES = frozenset(
    {Placement.Status.ONGOING, Placement.Status.COMPLETED, Placement.Status.INTERRUPTED}
)
# Up to this many talents to tell are looked up by id; more, and every talent is read.
FEW = 5000


def _ids(users) -> list[int]:
    return [user.pk for user in users]


def _opening(opening: Opening) -> dict:
    return {
        "title": opening.title,
        "deadline": opening.deadline,
        "enterprise": {"name": opening.enterprise.name},
    }


def opening_notify(*, opening_id: int, kind: str, event: OpeningEvent | None = None) -> None:
    """Tell the enterprise about its opening: "published", "rejected", "expiring" or
    "expired". `event` is the status change, with the reason staff gave then."""
    opening = Opening.objects.select_related("enterprise").get(pk=opening_id)
    if kind == "published":
        page = reverse("openings:detail", args=[opening.pk])
    elif kind == "expired":
        page = reverse("company_openings:dashboard", args=[opening.enterprise_id])
    else:
        page = reverse("company_openings:edit", args=[opening.enterprise_id, opening.pk])
    notify(
        kind=f"opening_{kind}",
        # A reminder is per deadline: moving the deadline and nearing it again reminds again.
        key=f"opening_{kind}:{event.pk}"
        if event
        else f"opening_{kind}:{opening.pk}:{opening.deadline}",
        context={"opening": _opening(opening), "reason": event.note if event else ""},
        url=page,
        user_ids=_ids(who_answers(enterprise_id=opening.enterprise_id, user_id=opening.contact_id)),
    )


def opening_matches_notify(*, opening_id: int, scores: list[tuple[int, int]] | None = None) -> int:
    """Tell each talent whose score reaches the threshold they chose about a published
    opening, once per opening however often it is scored. `scores` are (profile, score) pairs
    from the engine; without them, the stored scores. Returns how many qualify."""
    opening = Opening.objects.select_related("enterprise").get(pk=opening_id)
    if scores is None:
        scores = list(
            MatchScore.objects.filter(opening_id=opening_id).values_list("profile_id", "score")
        )
    lowest = Preferences._meta.get_field("match_threshold").validators[0].limit_value
    candidates = {profile: score for profile, score in scores if score >= lowest}
    default = Preferences._meta.get_field("match_threshold").default
    talents = TalentProfile.objects.filter(user__is_active=True)
    if len(candidates) <= FEW:
        talents = talents.filter(pk__in=list(candidates))
    # Else every talent is read once rather than the candidates in many lists of ids: a
    # fan-out to most of them costs one scan, not a hundred long queries.
    talents = talents.annotate(
        threshold=Coalesce("user__notification_preferences__match_threshold", Value(default))
    ).values_list("pk", "user_id", "threshold")
    personal, by_score = {}, {}
    for profile, user_id, threshold in talents.iterator(chunk_size=FEW):
        score = candidates.get(profile)
        if score is not None and score >= threshold:
            # Talents with the same score share one mapping: the outbox encodes it once.
            personal[user_id] = by_score.setdefault(score, {"score": score})
    notify(
        kind="opening_match",
        key=f"opening_match:{opening.pk}",
        context={"opening": _opening(opening)},
        personal=personal,
        url=reverse("openings:detail", args=[opening.pk]),
        user_ids=list(personal),
    )
    Opening.objects.filter(pk=opening_id).update(matches_notified_at=timezone.now())
    return len(personal)


def application_notify(*, application_id: int, kind: str, item_id: int) -> None:
    """Tell the other side of an application about a step (`kind` is the new status, or
    "applied"; `item_id` its ApplicationEvent, whose note is quoted) or a new message
    (`kind` "message", `item_id` the message)."""
    application = Application.objects.select_related("profile__user", "opening__enterprise").get(
        pk=application_id
    )
    opening, talent = application.opening, application.profile.user
    if kind == "message":
        message = ApplicationMessage.objects.get(pk=item_id, application=application)
        note, to_talent = message.body, message.author_id != talent.pk
    elif kind in APPLICATION_TO_TALENT | APPLICATION_TO_ENTERPRISE:
        note = ApplicationEvent.objects.get(pk=item_id, application=application).note
        to_talent = kind in APPLICATION_TO_TALENT
    else:
        raise ValueError(f"Unknown application notification: {kind}")
    if to_talent:
        user_ids = [talent.pk]
        page = reverse("applications:detail", args=[application.pk])
    else:
        team = who_answers(enterprise_id=opening.enterprise_id, user_id=opening.contact_id)
        user_ids = _ids(team)
        page = reverse("company_openings:application", args=[opening.enterprise_id, application.pk])
    notify(
        kind=f"application_{kind}",
        key=f"application_{kind}:{item_id}",
        context={
            "opening": _opening(opening),
            "enterprise": {"name": opening.enterprise.name},
            "talent_name": application.profile.display_name,
            "note": note,
            "to_talent": to_talent,
        },
        url=page,
        user_ids=user_ids,
    )


def apply_invitation_notify(*, invitation: ApplyInvitation) -> None:
    """Tell a talent that an enterprise would like them to apply."""
    opening = Opening.objects.select_related("enterprise").get(pk=invitation.opening_id)
    notify(
        kind="apply_invitation",
        key=f"apply_invitation:{invitation.pk}",
        context={"opening": _opening(opening)},
        url=reverse("openings:detail", args=[opening.pk]),
        user_ids=[invitation.profile.user_id],
    )


def placement_notify(*, placement_id: int, kind: str, item_id: int | None = None) -> None:
    """Tell a placement's sides about a move (`kind` the new status, `item_id` its
    PlacementEvent), "checkin" (both are asked for a check-in) or "outcome_reminder" (the
    talent, `item_id` the months since completion)."""
    placement = Placement.objects.select_related("profile__user", "enterprise").get(pk=placement_id)
    talent = placement.profile.user
    sides, note, months, key = {Side.TALENT, Side.ENTERPRISE}, "", None, placement.pk
    if kind in PLACEMENT_MOVES:
        event = PlacementEvent.objects.get(pk=item_id, placement=placement)
        note, key = event.note, f"event-{event.pk}"
        from .services.placements import side_of

        sides.discard(side_of(placement, event.actor))
    elif kind == "outcome_reminder":
        sides, months, key = {Side.TALENT}, item_id, f"{placement.pk}-{item_id}"
    elif kind != "checkin":
        raise ValueError(f"Unknown placement notification: {kind}")
    for side in sorted(sides):
        to_talent = side == Side.TALENT
        if to_talent:
            user_ids = [talent.pk]
            page = reverse("applications:placement", args=[placement.pk])
        else:
            team = who_answers(
                enterprise_id=placement.enterprise_id, user_id=placement.supervisor_id
            )
            user_ids = _ids(team)
            page = reverse(
                "company_openings:placement", args=[placement.enterprise_id, placement.pk]
            )
        notify(
            kind=f"placement_{kind}",
            key=f"placement_{kind}:{key}",
            context={
                "placement": {"title": placement.title},
                "enterprise": {"name": placement.enterprise.name},
                "talent_name": placement.profile.display_name,
                "note": note,
                "months": months,
                "to_talent": to_talent,
            },
            url=page,
            user_ids=user_ids,
        )
