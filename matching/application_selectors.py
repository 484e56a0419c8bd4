"""Reads shaped for the application pages: the talent's list and page, the enterprise's
applicants list and application page."""

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from enterprises.models import Enterprise
from profiles.models import TalentProfile
from profiles.selectors import can_see_right_to_work

from .models import Application, ApplicationEvent, ApplicationMessage, Opening


def _with_history(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """An application page: the opening, the talent, every step and every message."""
    return queryset.select_related("opening__enterprise", "profile__user").prefetch_related(
        Prefetch("events", ApplicationEvent.objects.select_related("actor")),
        Prefetch("messages", ApplicationMessage.objects.select_related("author")),
    )


def applications_of_talent(*, user) -> QuerySet[Application]:
    """The talent's "My applications": most recently changed first."""
    return (
        Application.objects.of_talent(user)
        .select_related("opening__enterprise")
        .order_by("-updated_at", "-pk")
    )


def application_of_talent(*, user, pk: int) -> Application:
    """The talent's own application, or 404 (whether or not it exists)."""
    return get_object_or_404(_with_history(Application.objects.of_talent(user)), pk=pk)


def application_of_talent_for(*, user, opening: Opening) -> Application | None:
    return Application.objects.of_talent(user).filter(opening=opening).first()


def applicants_of_opening(*, opening: Opening, status: str = "") -> QuerySet[Application]:
    """An opening's applicants for its team, optionally of one status; newest first."""
    applications = opening.applications.select_related("profile")
    if status:
        applications = applications.filter(status=status)
    return applications.order_by("-created_at", "-pk")


def applicant_counts(*, opening: Opening) -> dict[str, int]:
    """How many of the opening's applications are in each status (one query)."""
    rows = opening.applications.order_by().values_list("status").annotate(n=Count("pk"))
    return dict(rows)


def application_for_member(*, enterprise: Enterprise, viewer, pk: int) -> Application:
    """An application to one of the enterprise's openings, or 404.

    `applicant` is the talent's profile as the visibility rules show it to the viewer (with
    `identity`), and `right_to_work` whether the viewer may read that status.
    """
    application = get_object_or_404(
        _with_history(Application.objects.filter(opening__enterprise=enterprise)), pk=pk
    )
    profiles = TalentProfile.objects.visible_to(viewer).with_identity(viewer)
    application.applicant = get_object_or_404(profiles, pk=application.profile_id)
    application.right_to_work = can_see_right_to_work(viewer, application.applicant)
    return application
