"""Reads about placements: the pages' lists and detail, and the programme's reporting figures
(enterprises that ran a cooperation period, talents employed by SMEs, start-ups founded)."""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from enterprises.models import Enterprise
from profiles.models import OpportunityType, TalentProfile

from .models import (
    PERIOD_KINDS,
    CheckIn,
    Feedback,
    Outcome,
    Placement,
    PlacementEvent,
    StartUp,
)

# Placements that have actually run (started at some point): an agreed one that was
# interrupted before its start never ran.
_RAN = Q(started_on__isnull=False)


# Pages.


def placements_of_talent(*, user) -> QuerySet[Placement]:
    """The talent's "My placements": the latest start first."""
    return (
        Placement.objects.of_talent(user)
        .select_related("enterprise")
        .order_by("-start_date", "-pk")
    )


def placements_of_enterprise(*, enterprise: Enterprise) -> QuerySet[Placement]:
    """An enterprise's placements for its team: the latest start first."""
    return enterprise.placements.select_related("profile", "supervisor").order_by(
        "-start_date", "-pk"
    )


def _with_details(queryset: QuerySet[Placement]) -> QuerySet[Placement]:
    return queryset.select_related(
        "enterprise", "profile__user", "supervisor", "opening", "application"
    ).prefetch_related(
        Prefetch("events", PlacementEvent.objects.select_related("actor")),
        Prefetch("checkins", CheckIn.objects.all()),
        Prefetch("feedback", Feedback.objects.all()),
        Prefetch(
            "outcomes",
            Outcome.objects.filter(is_current=True).select_related("startup"),
            to_attr="current_outcomes",
        ),
    )


def placement_of_talent(*, user, pk: int) -> Placement:
    """The talent's own placement with everything its page shows, or 404."""
    return get_object_or_404(_with_details(Placement.objects.of_talent(user)), pk=pk)


def placement_of_enterprise(*, enterprise: Enterprise, pk: int) -> Placement:
    """One of the enterprise's placements with everything its page shows, or 404."""
    return get_object_or_404(_with_details(enterprise.placements.all()), pk=pk)


def current_outcome(placement: Placement) -> Outcome | None:
    outcomes = getattr(placement, "current_outcomes", None)
    if outcomes is None:
        return placement.outcomes.filter(is_current=True).select_related("startup").first()
    return outcomes[0] if outcomes else None


def by_side(rows) -> dict[str, object]:
    """Check-ins or feedback of a placement keyed by side (one each)."""
    return {row.side: row for row in rows}


def feedback_visible_to(placement: Placement, side: str) -> dict[str, Feedback]:
    """The feedback one side may read: its own, and the other side's once it has given its own."""
    given = by_side(placement.feedback.all())
    return given if side in given else {}


def startups_of_talent(*, user) -> QuerySet[StartUp]:
    return StartUp.objects.filter(founder__user=user).order_by("-founded_on", "-pk")


# Reporting. Each takes an inclusive date range.


def _overlapping(period_start: datetime.date, period_end: datetime.date) -> Q:
    """Placements that ran at some time between the two dates: started on or before the end,
    and ended (or, still running, planned to end, or open-ended) on or after the start."""
    return (
        _RAN
        & Q(started_on__lte=period_end)
        & (
            Q(ended_on__gte=period_start)
            | Q(ended_on__isnull=True, end_date__gte=period_start)
            | Q(ended_on__isnull=True, end_date__isnull=True)
        )
    )


def enterprises_with_cooperation_period(
    period_start: datetime.date, period_end: datetime.date
) -> QuerySet[Enterprise]:
    """Distinct enterprises with an internship, joint work or development period that ran in
    the range."""
    placements = Placement.objects.filter(
        _overlapping(period_start, period_end), kind__in=PERIOD_KINDS
    )
    return Enterprise.objects.filter(pk__in=placements.values("enterprise_id")).order_by("name")


def talents_employed_by_smes(
    period_start: datetime.date, period_end: datetime.date
) -> QuerySet[TalentProfile]:
    """Distinct talents an SME employed in the range: a job placement that ran in it, or a
    current outcome "employed by the same company" recorded in it."""
    jobs = Placement.objects.filter(
        _overlapping(period_start, period_end), kind=OpportunityType.JOB
    ).values("profile_id")
    stayed = Outcome.objects.filter(
        is_current=True,
        kind=Outcome.Kind.EMPLOYED_SAME_SME,
        recorded_at__date__gte=period_start,
        recorded_at__date__lte=period_end,
    ).values("placement__profile_id")
    return TalentProfile.objects.filter(Q(pk__in=jobs) | Q(pk__in=stayed)).order_by("pk")


def startups_founded(period_start: datetime.date, period_end: datetime.date) -> QuerySet[StartUp]:
    """Start-ups talents founded in the range."""
    return StartUp.objects.filter(
        founded_on__gte=period_start, founded_on__lte=period_end
    ).select_related("founder")
