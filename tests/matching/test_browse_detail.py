"""An opening's public page: who may open it, what it shows, and its JSON-LD."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from enterprises.models import Enterprise
from esco.models import Occupation
from matching.models import Opening
from tests.factories import (
    EnterpriseFactory,
    MembershipFactory,
    OpeningFactory,
    OpeningLanguageFactory,
    OpeningSkillFactory,
    StaffUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "talent", "member", "enterprise_user", "staff"]
HIDDEN = [
    {"status": Opening.Status.DRAFT, "published_at": None},
    {"status": Opening.Status.SUBMITTED, "published_at": None},
    {"status": Opening.Status.REJECTED, "published_at": None},
    {"status": Opening.Status.CLOSED},
    {"status": Opening.Status.EXPIRED},
    {"enterprise__status": Enterprise.Status.PENDING},
]


def _url(opening):
    return reverse("openings:detail", args=[opening.pk])


def _json_ld(content: str):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return [json.loads(block) for block in found]


@pytest.mark.parametrize("role", ROLES)
def test_everyone_opens_a_published_opening(client, user_for_role, role):
    opening = OpeningFactory(title="Open job")
    user = user_for_role(role)
    if user:
        client.force_login(user)

    response = client.get(_url(opening))

    assert response.status_code == 200
    assert "Open job" in response.content.decode()
    assert "not published" not in response.content.decode()


@pytest.mark.parametrize("fields", HIDDEN)
@pytest.mark.parametrize("role", ["anonymous", "talent", "member", "enterprise_user"])
def test_unpublished_openings_are_404_for_outsiders(client, user_for_role, role, fields):
    # Staff may preview every opening (below); so may the opening's own team.
    opening = OpeningFactory(**fields)
    user = user_for_role(role)
    if user:
        client.force_login(user)

    assert client.get(_url(opening)).status_code == 404


def test_an_unknown_opening_is_404(client):
    assert client.get(reverse("openings:detail", args=[999_999])).status_code == 404


@pytest.mark.parametrize("fields", HIDDEN)
def test_members_preview_their_own_openings_in_any_state(client, fields):
    membership = MembershipFactory(enterprise__status=Enterprise.Status.VERIFIED)
    if "enterprise__status" in fields:
        Enterprise.objects.filter(pk=membership.enterprise_id).update(
            status=fields["enterprise__status"]
        )
        fields = {}
    opening = OpeningFactory(enterprise=membership.enterprise, title="Our opening", **fields)
    client.force_login(membership.user)

    response = client.get(_url(opening))

    assert response.status_code == 200
    content = response.content.decode()
    assert "This opening is not published" in content
    assert f"(status: {opening.get_status_display()})" in content
    assert _json_ld(content) == []  # a preview is not offered to search engines


def test_a_member_of_another_enterprise_gets_404_for_a_draft(client, member):
    draft = OpeningFactory(status=Opening.Status.DRAFT, published_at=None)
    client.force_login(member)

    assert client.get(_url(draft)).status_code == 404


def test_staff_preview_any_opening(client, staff):
    draft = OpeningFactory(status=Opening.Status.SUBMITTED, published_at=None)
    client.force_login(staff)

    response = client.get(_url(draft))

    assert response.status_code == 200
    assert "status: Waiting for review" in response.content.decode()


def test_a_published_opening_of_a_team_shows_once_to_its_members(client):
    # Several members must not turn the visibility rule into several rows.
    enterprise = EnterpriseFactory()
    memberships = MembershipFactory.create_batch(3, enterprise=enterprise)
    opening = OpeningFactory(enterprise=enterprise)
    client.force_login(memberships[1].user)

    response = client.get(_url(opening))

    assert response.status_code == 200
    assert "not published" not in response.content.decode()


@pytest.fixture
def full_opening(db):
    enterprise = EnterpriseFactory(
        name="Karelia Code Oy",
        business_id="2000009-7",
        website="https://karelia.example.com",
        description="We build booking software.",
        municipality="167",
    )
    contact = UserFactory(full_name="Maija Meikäläinen", email="maija@example.com")
    opening = OpeningFactory(
        enterprise=enterprise,
        title="Backend developer",
        kind="job",
        description="Build our booking </script><b>service</b>.",
        tasks="Write Django code.",
        offer="Sauna on Fridays.",
        occupation=Occupation.objects.get(label_en="software developer"),
        finnish_not_required=True,
        municipality="167",
        work_mode=Opening.WorkMode.REMOTE,
        hours_per_week=37,
        salary_min=3200,
        salary_max=4100,
        positions=2,
        contact=contact,
    )
    OpeningSkillFactory(opening=opening, label="Python (computer programming)", level=3)
    OpeningSkillFactory(opening=opening, label="operate forklift", essential=False, level=1)
    OpeningLanguageFactory(opening=opening, language="en", level=5)
    return opening


def test_the_page_shows_every_field(client, full_opening):
    content = client.get(_url(full_opening)).content.decode()

    for text in (
        "Backend developer",
        "Build our booking &lt;/script&gt;&lt;b&gt;service&lt;/b&gt;.",
        "Write Django code.",
        "Sauna on Fridays.",
        "software developer",
        "Finnish not required",
        "Joensuu",
        "Remote",
        "37 hours a week",
        "3,200–4,100",
        "Maija Meikäläinen",
        "Essential",
        "Python (computer programming)",
        "Advanced",
        "Nice to have",
        "operate forklift",
        "English: at least C1",
        "Karelia Code Oy",
        "We build booking software.",
        'href="https://karelia.example.com" rel="noopener ugc"',
    ):
        assert text in content, text
    assert "maija@example.com" not in content  # the contact's name, never their address


def test_the_logo_is_shown_only_when_there_is_one(client, full_opening):
    assert "enterprise-logo" not in client.get(_url(full_opening)).content.decode()

    Enterprise.objects.filter(pk=full_opening.enterprise_id).update(logo="logos/karelia.png")
    content = client.get(_url(full_opening)).content.decode()

    logo = reverse("enterprises:logo", args=[full_opening.enterprise_id])
    # The enterprise's last change in the link: a new logo is a new URL for caches.
    assert f'<img src="{logo}?v=' in content


def test_anonymous_visitors_are_asked_to_log_in_to_apply(client, full_opening):
    content = client.get(_url(full_opening)).content.decode()

    login = reverse("account_login")
    assert f'href="{login}?next={_url(full_opening)}"' in content
    assert "Log in to apply" in content


def test_talents_are_pointed_to_their_profile(client, talent, full_opening):
    client.force_login(talent)
    content = client.get(_url(full_opening)).content.decode()

    assert "Log in to apply" not in content
    assert reverse("profiles:start") in content


def test_job_posting_json_ld_has_googles_required_fields(client, full_opening):
    content = client.get(_url(full_opening)).content.decode()

    # No text from the opening can close the script element early.
    block = content.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in block
    [data] = _json_ld(content)
    assert data["@context"] == "https://schema.org/"
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Backend developer"
    assert "&lt;/script&gt;" in data["description"]
    assert data["datePosted"] == timezone.localdate(full_opening.published_at).isoformat()
    deadline = full_opening.deadline.isoformat()
    assert data["validThrough"] in (f"{deadline}T23:59:59+02:00", f"{deadline}T23:59:59+03:00")
    assert data["employmentType"] == ["FULL_TIME"]
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Karelia Code Oy",
        "sameAs": "https://karelia.example.com",
    }
    assert data["identifier"]["value"] == "2000009-7"
    assert data["jobLocation"]["address"]["addressLocality"] == "Joensuu"
    assert data["jobLocation"]["address"]["addressCountry"] == "FI"
    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"]["@type"] == "Country"
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {
            "@type": "QuantitativeValue",
            "minValue": 3200,
            "maxValue": 4100,
            "unitText": "MONTH",
        },
    }
    assert data["url"].endswith(_url(full_opening))


@pytest.mark.parametrize(
    ("fields", "employment_type"),
    [
        ({"kind": "internship"}, ["INTERN"]),
        ({"kind": "job", "hours_per_week": 20}, ["PART_TIME"]),
        ({"kind": "job", "duration_months": 6}, ["FULL_TIME", "TEMPORARY"]),
    ],
)
def test_employment_types(client, fields, employment_type):
    opening = OpeningFactory(**fields)

    [data] = _json_ld(client.get(_url(opening)).content.decode())

    assert data["employmentType"] == employment_type
    assert data["jobLocation"]["address"]["addressLocality"] == "Joensuu"
    assert "jobLocationType" not in data


def test_an_unpaid_internship_has_no_salary(client):
    opening = OpeningFactory(kind="internship", paid=False, salary_min=None, salary_max=None)

    [data] = _json_ld(client.get(_url(opening)).content.decode())

    assert "baseSalary" not in data


@pytest.mark.parametrize("kind", ["joint_work", "development"])
def test_cooperation_periods_are_not_marked_up_as_job_postings(client, kind):
    opening = OpeningFactory(kind=kind, duration_months=3)

    response = client.get(_url(opening))

    assert response.status_code == 200
    assert _json_ld(response.content.decode()) == []
    assert "3 months" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_detail_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, rows):
    from esco.models import Skill

    opening = OpeningFactory(occupation=Occupation.objects.first(), contact=StaffUserFactory())
    for skill in Skill.objects.pickable()[:rows]:
        OpeningSkillFactory(opening=opening, skill=skill)
    for code in ["en", "fi", "sv", "de", "ru", "et"][: min(rows, 6)]:
        OpeningLanguageFactory(opening=opening, language=code)
    client.force_login(MembershipFactory(enterprise=opening.enterprise).user)

    with django_assert_max_num_queries(6):  # incl. the unread count
        response = client.get(_url(opening))

    assert response.status_code == 200
    assert len(response.context["essential_skills"]) == rows
