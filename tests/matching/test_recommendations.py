"""A talent's recommendations: stored scores shown best first, with reasons; "not interested"."""

import pytest
from django.urls import reverse

from matching.models import Dismissal, MatchScore, Opening
from tests.factories import (
    MembershipFactory,
    OpeningFactory,
    ProfileSkillFactory,
    StaffUserFactory,
    TalentProfileFactory,
)

pytestmark = pytest.mark.django_db
RECOMMENDED = reverse("openings:recommended")


def match(profile, score, **opening_fields):
    opening = OpeningFactory(**opening_fields)
    reasons = [{"code": "skills_essential", "matched": 2, "total": 3}, {"code": "remote"}]
    return MatchScore.objects.create(profile=profile, opening=opening, score=score, reasons=reasons)


@pytest.fixture
def profile(client):
    profile = TalentProfileFactory()
    ProfileSkillFactory(profile=profile)
    client.force_login(profile.user)
    return profile


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("member", 404), ("staff", 404)])
def test_recommendations_are_a_talents_page(client, role, status):
    if role != "anonymous":
        client.force_login(MembershipFactory().user if role == "member" else StaffUserFactory())
    assert client.get(RECOMMENDED).status_code == status


def test_best_matches_come_first_with_their_reasons(client, profile):
    match(profile, 61, title="Second best")
    match(profile, 88, title="Best")
    match(TalentProfileFactory(), 99, title="Someone else's match")
    match(profile, 95, title="Closed one", status=Opening.Status.CLOSED)
    html = client.get(RECOMMENDED).content.decode()
    assert html.index("Best") < html.index("Second best")
    assert "Someone else" not in html
    assert "Closed one" not in html
    assert "Match 88 / 100" in html
    assert "2 of 3 essential skills" in html
    assert "Remote work possible" in html


def test_not_interested_hides_the_opening_and_can_be_undone(client, profile):
    shown = match(profile, 80, title="Forklift driver")
    response = client.post(reverse("openings:dismiss", args=[shown.opening_id]), follow=True)
    assert "Forklift driver” is no longer recommended" in response.content.decode()
    assert not MatchScore.objects.exists()
    assert Dismissal.objects.filter(profile=profile, opening=shown.opening).exists()
    assert client.get(reverse("openings:dismiss", args=[shown.opening_id])).status_code == 405
    client.post(reverse("openings:undismiss", args=[shown.opening_id]))
    assert not Dismissal.objects.exists()


def test_a_talent_without_skills_is_told_how_to_get_recommendations(client):
    client.force_login(TalentProfileFactory().user)
    assert "Add your skills" in client.get(RECOMMENDED).content.decode()


def test_the_page_takes_the_same_queries_for_few_and_many_matches(
    client, profile, django_assert_max_num_queries
):
    match(profile, 50)
    with django_assert_max_num_queries(12) as few:
        client.get(RECOMMENDED)
    for score in range(30):
        match(profile, score + 20)
    with django_assert_max_num_queries(len(few)):
        client.get(RECOMMENDED)


def test_the_talents_start_page_shows_the_top_three(client, profile):
    for score, title in [(70, "Third"), (90, "First"), (80, "Second"), (60, "Fourth")]:
        match(profile, score, title=title)
    html = client.get(reverse("profiles:start")).content.decode()
    assert html.index("First") < html.index("Second") < html.index("Third")
    assert "Fourth" not in html
    assert "match 90 / 100" in html
