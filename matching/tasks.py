from celery import shared_task

from core.tasks import enqueue_now

from . import services
from .services import placements as placement_services
from .services.scores import (
    openings_awaiting_match_notice,
    scores_rebuild,
    scores_refresh_opening,
    scores_refresh_profile,
)


@shared_task
def expire_openings() -> int:
    """Scheduled: published openings past their deadline become expired."""
    return services.openings_expire_due()


@shared_task
def remind_expiring_openings() -> int:
    """Scheduled: tell each enterprise once that an opening expires in a few days."""
    return services.openings_remind_expiring()


@shared_task
def rescore_opening(opening_id: int) -> int:
    """After an opening changes: its talents' scores, or none if it is no longer public."""
    return scores_refresh_opening(opening_id=opening_id)


@shared_task
def rescore_profile(profile_id: int) -> int:
    """After a profile changes: its scores against every published opening."""
    return scores_refresh_profile(profile_id=profile_id)


@shared_task
def relay_match_notices() -> int:
    """Every few minutes: score the published openings whose talents were never told of
    them (the broker was down when they were published)."""
    opening_ids = openings_awaiting_match_notice()
    for opening_id in opening_ids:
        enqueue_now(rescore_opening, opening_id)
    return len(opening_ids)


# Above the default five-minute limit: at national scale the rebuild takes minutes of its own.
@shared_task(soft_time_limit=25 * 60, time_limit=30 * 60)
def rebuild_matches() -> int:
    """Nightly: every score from scratch, so nothing drifts (e.g. skill rarity)."""
    return scores_rebuild()


# Placements.


@shared_task
def run_placements_daily() -> dict[str, int]:
    """Scheduled daily: start and complete placements on their dates, ask for check-ins at the
    mid-point of periods and remind talents to record outcomes (each mail once)."""
    return placement_services.placements_run_daily()
