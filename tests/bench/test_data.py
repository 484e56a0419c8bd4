"""The benchmark's data generator: the scale's numbers, realistic proportions, the same data
for the same seed, nothing queued, and pages that work on what it wrote."""

import statistics
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.db.models import Count
from django.urls import reverse

from accounts.models import User
from bench import data
from bench.scale import SCALES, Scale
from core.pagecache import _new_data_version
from enterprises.models import Enterprise, Membership
from esco.models import Skill
from matching.models import (
    Application,
    ApplicationEvent,
    Opening,
    OpeningEvent,
    OpeningLanguage,
    OpeningSkill,
    Outcome,
    Placement,
    PlacementEvent,
)
from notifications.models import Notification
from profiles.models import Opportunity, ProfileLanguage, ProfileSkill, TalentProfile

pytestmark = pytest.mark.django_db

TINY = Scale("T", talents=40, enterprises=5, openings=8)
MODELS = [
    User,
    EmailAddress,
    TalentProfile,
    TalentProfile.occupations.through,
    ProfileSkill,
    ProfileLanguage,
    Opportunity,
    Enterprise,
    Membership,
    Opening,
    OpeningEvent,
    OpeningSkill,
    OpeningLanguage,
    Application,
    ApplicationEvent,
    Placement,
    PlacementEvent,
    Outcome,
]


def _quiet(message):
    pass


@pytest.fixture
def xs():
    return data.generate(SCALES["XS"], progress=_quiet)


def test_the_scale_sets_how_many_talents_companies_and_openings_there_are(xs):
    assert TalentProfile.objects.count() == 300
    assert User.objects.filter(side=User.Side.TALENT).count() == 300
    assert Enterprise.objects.count() == 30
    assert Opening.objects.count() == 50
    # What it reports having written is what the tables hold.
    assert xs["counts"] == {model.__name__: model.objects.count() for model in MODELS}
    assert xs["seconds"] > 0
    assert set(xs["phases"]) == {
        "setup", "talents", "enterprises", "openings", "applications", "commit", "analyse"
    }  # fmt: skip


def test_the_data_are_in_realistic_proportions(xs):
    profiles = TalentProfile.objects.count()
    visibility = dict(
        TalentProfile.objects.values_list("visibility")
        .annotate(n=Count("pk"))
        .values_list("visibility", "n")
    )
    assert visibility["anonymous"] > visibility["visible"] > visibility["hidden"] > 0
    skills_per_talent = ProfileSkill.objects.values("profile").annotate(n=Count("pk"))
    assert {row["n"] for row in skills_per_talent} <= set(range(1, 16))
    assert len(skills_per_talent) == profiles
    # Most speak English at B2 or above; most Finnish learners are between A1 and B1.
    assert ProfileLanguage.objects.filter(language="en", level__gte=4).count() > profiles / 2
    finnish = ProfileLanguage.objects.filter(language="fi")
    assert finnish.filter(level__lte=3).count() > 2 * finnish.filter(level__gte=4).count()
    assert ProfileLanguage.objects.filter(level=ProfileLanguage.Level.NATIVE).count() == profiles
    # Most verified companies' openings are published; all of those have required skills.
    verified = Opening.objects.filter(enterprise__status=Enterprise.Status.VERIFIED)
    published = verified.filter(status=Opening.Status.PUBLISHED)
    assert published.count() > verified.count() / 2
    assert not published.filter(skills__isnull=True).exists()
    assert Opening.objects.published().count() == published.count()
    # A few percent of talents apply, each to a few openings.
    applicants = Application.objects.values("profile").distinct().count()
    assert 0 < applicants < profiles / 5
    assert Application.objects.count() >= applicants
    assert Membership.objects.filter(role=Membership.Role.OWNER).count() == 30


def test_popular_skills_are_common_and_rare_skills_rare(xs):
    held = sorted(
        ProfileSkill.objects.values("skill").annotate(n=Count("pk")).values_list("n", flat=True)
    )
    assert held[-1] >= 5 * statistics.median(held)
    # The most held tenth of the skills make up well over a tenth of all skills held.
    assert sum(held[-len(held) // 10 :]) > 0.25 * sum(held)


def test_generated_rows_pass_the_models_validation(xs):
    for model in (User, TalentProfile, ProfileSkill, Enterprise, Opening, Application):
        for row in model.objects.order_by("pk")[:20]:
            row.full_clean(exclude=["password"])
    for placement in Placement.objects.all():
        placement.full_clean()


def test_generating_queues_nothing_and_owes_no_match_notice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        data.generate(TINY, progress=_quiet)
    # Only the signed-in pages' cache version moves, as after any write.
    assert callbacks == [_new_data_version]
    assert not Notification.objects.exists()
    assert not Opening.objects.published().filter(matches_notified_at__isnull=True).exists()


def _snapshot():
    """The generated data without their ids, which differ from one run to the next."""
    return {
        "talents": list(
            TalentProfile.objects.order_by("user__email").values_list(
                "user__email", "display_name", "municipality", "visibility", "right_to_work"
            )
        ),
        "skills": sorted(
            ProfileSkill.objects.values_list("profile__user__email", "skill__uri", "level")
        ),
        "openings": sorted(
            Opening.objects.values_list(
                "enterprise__business_id", "title", "status", "kind", "published_at"
            )
        ),
        "applications": sorted(
            Application.objects.values_list(
                "profile__user__email", "opening__title", "status", "created_at"
            )
        ),
    }


def _wipe():
    Placement.objects.all().delete()  # they protect their talent and company
    Enterprise.objects.all().delete()
    User.objects.all().delete()


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    data.generate(TINY, seed=7, progress=_quiet)
    first = _snapshot()
    _wipe()
    data.generate(TINY, seed=7, progress=_quiet)
    assert _snapshot() == first
    _wipe()
    data.generate(TINY, seed=8, progress=_quiet)
    other = _snapshot()
    assert other["talents"] != first["talents"]
    assert other["skills"] != first["skills"]


def test_the_pages_work_on_the_generated_data(xs, client):
    opening = Opening.objects.published().filter(applications__isnull=False).first()
    pages = [reverse("core:home"), reverse("openings:list"), opening.get_absolute_url()]
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert opening.title.encode() in client.get(opening.get_absolute_url()).content

    profile = TalentProfile.objects.filter(skills__isnull=False).first()
    client.force_login(profile.user)
    response = client.get(reverse("profiles:start"))
    assert response.status_code == 200
    assert response.context["profile"] == profile  # the generated one, not a new one

    member = Membership.objects.get(enterprise=opening.enterprise, role=Membership.Role.OWNER)
    client.force_login(member.user)
    for url in (
        reverse("company_openings:dashboard", args=[opening.enterprise_id]),
        reverse("company_openings:edit", args=[opening.enterprise_id, opening.pk]),
    ):
        assert client.get(url).status_code == 200, url
    applicants = client.get(
        reverse("company_openings:applicants", args=[opening.enterprise_id, opening.pk])
    )
    assert applicants.status_code == 200
    applicant = opening.applications.first().profile
    assert applicant.display_name.encode() in applicants.content


def test_the_password_signs_a_generated_talent_in(client):
    data.generate(TINY, progress=_quiet)
    response = client.post(
        reverse("account_login"),
        {"login": data.TALENT_EMAIL.format(n=0), "password": data.PASSWORD},
    )
    assert response.status_code == 302
    assert client.get(reverse("profiles:start")).status_code == 200


def test_the_taxonomy_present_is_used_when_there_is_no_full_export(tmp_path: Path):
    skills = Skill.objects.count()
    result = data.taxonomy_ensure(_quiet, export=tmp_path / "esco")
    assert result["source"] == "present"
    assert result["skills"] == Skill.objects.pickable().count()
    assert Skill.objects.count() == skills
