"""Opening pages, public and the team's own, are valid HTML as the Nu checker sees them."""

import pytest
from django.urls import reverse

from esco.models import Occupation
from matching.models import Opening
from tests.factories import (
    EnterpriseFactory,
    MembershipFactory,
    OpeningFactory,
    OpeningLanguageFactory,
    OpeningSkillFactory,
    TalentUserFactory,
)
from tests.html import assert_valid_html


def pages(client):
    enterprise = EnterpriseFactory(website="https://example.com", description="We bake.")
    job = OpeningFactory(
        enterprise=enterprise,
        occupation=Occupation.objects.first(),
        finnish_not_required=True,
        work_mode=Opening.WorkMode.HYBRID,
    )
    OpeningSkillFactory(opening=job)
    OpeningSkillFactory(opening=job, label="operate forklift", essential=False)
    OpeningLanguageFactory(opening=job)
    OpeningFactory(kind="development", duration_months=6, work_mode="remote", paid=False)
    for number in range(21):
        OpeningFactory(title=f"Filler {number}")
    draft = OpeningFactory(enterprise=enterprise, status=Opening.Status.DRAFT, published_at=None)
    openings = reverse("openings:list")
    yield "openings", client.get(openings)
    yield "openings, page 2", client.get(openings, {"page": 2, "type": "job"})
    yield "openings, filtered", client.get(openings, {"q": "python", "remote": "on"})
    yield "openings, none", client.get(openings, {"q": "astronaut", "sort": "relevance"})
    yield "openings, errors", client.get(openings, {"starts_from": "x", "max_duration": "99"})
    yield "job", client.get(reverse("openings:detail", args=[job.pk]))
    client.force_login(TalentUserFactory())
    yield "job for a talent", client.get(reverse("openings:detail", args=[job.pk]))
    client.force_login(MembershipFactory(enterprise=enterprise).user)
    yield "draft preview", client.get(reverse("openings:detail", args=[draft.pk]))


@pytest.mark.django_db
def test_opening_pages_are_valid_html(client, tmp_path):
    assert_valid_html(pages(client), tmp_path)


def company_pages(client):
    membership = MembershipFactory()
    enterprise = membership.enterprise
    client.force_login(membership.user)
    draft = OpeningFactory(
        enterprise=enterprise,
        status=Opening.Status.DRAFT,
        published_at=None,
        description="Send a photo, please.",
    )
    OpeningSkillFactory(opening=draft)
    OpeningLanguageFactory(opening=draft, language="fi", level=6)
    for status in Opening.Status.values:
        OpeningFactory(enterprise=enterprise, status=status, rejection_reason="Add a salary.")

    def page(name, *args):
        return reverse(f"company_openings:{name}", args=[enterprise.pk, *args])

    yield "dashboard", client.get(page("dashboard"))
    yield "new", client.get(page("create"))
    yield "new with errors", client.post(page("create"), {"salary_min": "x"})
    yield "edit", client.get(page("edit", draft.pk))
    yield "requirements", client.get(page("requirements", draft.pk), {"q": "developer"})
    yield "requirements, no results", client.get(page("requirements", draft.pk), {"q": "zzz"})
    yield "submit with warnings", client.get(page("submit", draft.pk))
    yield "close", client.get(page("close", draft.pk))
    yield "delete", client.get(page("delete", draft.pk))


@pytest.mark.django_db
def test_company_opening_pages_are_valid_html(client, tmp_path):
    assert_valid_html(company_pages(client), tmp_path)
