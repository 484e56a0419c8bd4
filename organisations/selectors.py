"""Reads for the directory, an organisation's page, the entrepreneurship path and a talent's
own referrals."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .filters import OrganisationFilter
from .models import Organisation, OrganisationService, Referral
from .path import STEPS, Step, path_services


def _for_cards(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    return organisations.prefetch_related("services", "languages")


def organisation_list(*, params) -> tuple[OrganisationFilter, QuerySet[Organisation]]:
    """The public directory: the bound filter form and the active organisations it selects.
    `params` is a QueryDict (request.GET)."""
    filterset = OrganisationFilter(params or None, queryset=Organisation.objects.active())
    return filterset, _for_cards(filterset.qs.order_by("name", "pk"))


def organisation_detail(*, slug: str) -> Organisation:
    """An active organisation, else 404."""
    return get_object_or_404(_for_cards(Organisation.objects.active()), slug=slug)


def path_steps() -> list[tuple[Step, list[Organisation]]]:
    """Each step of the path with the active organisations that offer its services, by name.
    One query for all the steps."""
    rows = (
        OrganisationService.objects.filter(
            service__in=path_services(), organisation__is_active=True
        )
        .select_related("organisation")
        .order_by("organisation__name", "organisation__pk")
    )
    by_service: dict[str, list[Organisation]] = {}
    for row in rows:
        by_service.setdefault(row.service, []).append(row.organisation)
    steps = []
    for step in STEPS:
        offering = {org.pk: org for service in step.services for org in by_service.get(service, [])}
        steps.append((step, sorted(offering.values(), key=lambda org: (org.name, org.pk))))
    return steps


def my_referrals(*, user) -> QuerySet[Referral]:
    """The referrals about a talent, newest first, with their organisations."""
    return Referral.objects.of_talent(user).select_related("organisation")
