"""An enterprise's own openings, seen by each role: dashboard, editor and lifecycle actions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from enterprises.models import Enterprise
from esco.models import Skill
from matching.models import Opening
from tests.factories import (
    EnterpriseFactory,
    MembershipFactory,
    OpeningFactory,
    OpeningSkillFactory,
    StaffUserFactory,
    TalentUserFactory,
)

S = Opening.Status


def in_weeks(n):
    return (timezone.localdate() + datetime.timedelta(weeks=n)).isoformat()


@pytest.fixture
def team(db):
    """An owner of a verified enterprise, logged in through the client fixture."""
    return MembershipFactory()


@pytest.fixture
def owner_client(client, team):
    client.force_login(team.user)
    return client


def url(name, enterprise, *args):
    return reverse(f"company_openings:{name}", args=[enterprise.pk, *args])


def valid_post(**changes):
    data = {
        "title": "Development period: entering the Polish market",
        "kind": "development",
        "description": "We build route-planning software for forestry logistics.",
        "tasks": "Map customers and partners in Poland with our sales lead.",
        "offer": "A desk in Joensuu, a mentor and travel to Warsaw.",
        "finnish_not_required": "on",
        "work_mode": "hybrid",
        "municipality": "167",
        "start_date": in_weeks(6),
        "duration_months": "3",
        "hours_per_week": "37",
        "paid": "on",
        "salary_min": "",
        "salary_max": "",
        "deadline": in_weeks(4),
        "positions": "1",
        "contact": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("talent", 404), ("other_member", 404), ("staff", 404), ("member", 200)],
)
@pytest.mark.parametrize("page", ["dashboard", "create", "edit", "requirements", "submit", "close"])
@pytest.mark.django_db
def test_only_the_team_reaches_its_opening_pages(client, team, role, expected, page):
    opening = OpeningFactory(enterprise=team.enterprise)
    user = {
        "anonymous": None,
        "talent": TalentUserFactory(),
        "other_member": MembershipFactory().user,
        "staff": StaffUserFactory(),
        "member": MembershipFactory(enterprise=team.enterprise, role="member").user,
    }[role]
    if user:
        client.force_login(user)
    args = [] if page in ("dashboard", "create") else [opening.pk]
    assert client.get(url(page, team.enterprise, *args)).status_code == expected


@pytest.mark.django_db
def test_another_enterprises_opening_is_404_even_under_my_enterprise(owner_client, team):
    foreign = OpeningFactory()
    for name in ("edit", "requirements", "submit", "close", "delete"):
        assert owner_client.get(url(name, team.enterprise, foreign.pk)).status_code == 404
    for name in ("repost", "delete", "close", "submit"):
        assert owner_client.post(url(name, team.enterprise, foreign.pk)).status_code == 404
    assert Opening.objects.get(pk=foreign.pk).status == S.PUBLISHED


@pytest.mark.django_db
def test_changes_are_post_only(owner_client, team):
    opening = OpeningFactory(enterprise=team.enterprise, status=S.CLOSED)
    assert owner_client.get(url("repost", team.enterprise, opening.pk)).status_code == 405
    item = OpeningSkillFactory(opening=opening)
    remove = url("requirement_delete", team.enterprise, opening.pk, "skill", item.pk)
    assert owner_client.get(remove).status_code == 405


@pytest.mark.django_db
def test_a_new_opening_is_a_draft_and_leads_to_its_requirements(owner_client, team):
    response = owner_client.post(url("create", team.enterprise), valid_post())
    opening = Opening.objects.get()
    assert response.url == url("requirements", team.enterprise, opening.pk)
    assert (
        f'<option value="{team.user.pk}" selected>'
        in owner_client.get(url("create", team.enterprise)).content.decode()
    )
    assert (opening.status, opening.created_by, opening.finnish_not_required) == (
        S.DRAFT,
        team.user,
        True,
    )


@pytest.mark.django_db
def test_bad_input_shows_an_error_summary_and_keeps_what_was_typed(owner_client, team):
    response = owner_client.post(
        url("create", team.enterprise),
        valid_post(kind="job", paid="", salary_min="4000", salary_max="3000", title=""),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert 'href="#id_title"' in html
    assert "The upper end is below the lower end." in html
    assert "A job is always paid" in html
    assert "We build route-planning software" in html
    assert not Opening.objects.exists()


@pytest.mark.django_db
def test_the_team_adds_skills_an_occupation_and_languages_without_javascript(owner_client, team):
    opening = OpeningFactory(enterprise=team.enterprise, status=S.DRAFT, published_at=None)
    page = url("requirements", team.enterprise, opening.pk)
    html = owner_client.get(page, {"q": "python"}).content.decode()
    skill = Skill.objects.get(label_en="Python (computer programming)")
    assert f'value="{skill.pk}"' in html
    owner_client.post(page, {"action": "skill", "skill": skill.pk, "essential": "0", "level": "3"})
    owner_client.post(page, {"action": "language", "language": "en", "level": "4"})
    occupation = opening.enterprise.openings.model._meta.get_field("occupation").related_model
    developer = occupation.objects.filter(label_en__icontains="developer").first()
    owner_client.post(page, {"action": "occupation", "occupation": developer.pk})
    opening.refresh_from_db()
    assert list(opening.skills.values_list("skill", "essential", "level")) == [(skill.pk, False, 3)]
    assert list(opening.languages.values_list("language", "level")) == [("en", 4)]
    assert opening.occupation == developer
    item = opening.skills.get()
    owner_client.post(url("requirement_delete", team.enterprise, opening.pk, "skill", item.pk))
    assert not opening.skills.exists()


@pytest.mark.django_db
def test_submitting_shows_the_warnings_first_and_still_allows_submission(owner_client, team):
    opening = OpeningFactory(
        enterprise=team.enterprise,
        status=S.DRAFT,
        published_at=None,
        description="Send your application with a photo.",
    )
    page = url("submit", team.enterprise, opening.pk)
    html = owner_client.get(page).content.decode()
    assert "Asking for a photo" in html or "photo" in html.lower()
    assert "Submit anyway" in html
    response = owner_client.post(page)
    assert response.url == url("dashboard", team.enterprise)
    opening.refresh_from_db()
    assert opening.status == S.SUBMITTED
    assert [row["code"] for row in opening.quality_warnings] == ["photo"]


@pytest.mark.django_db
def test_an_unverified_company_sees_why_it_cannot_submit(client):
    membership = MembershipFactory(enterprise=EnterpriseFactory(status=Enterprise.Status.PENDING))
    client.force_login(membership.user)
    opening = OpeningFactory(enterprise=membership.enterprise, status=S.DRAFT, published_at=None)
    html = client.get(url("submit", membership.enterprise, opening.pk)).content.decode()
    assert "must be verified" in html
    assert "Submit for review" not in html
    client.post(url("submit", membership.enterprise, opening.pk))
    assert Opening.objects.get(pk=opening.pk).status == S.DRAFT


@pytest.mark.django_db
def test_editing_a_published_opening_warns_that_it_goes_back_to_review(owner_client, team):
    opening = OpeningFactory(enterprise=team.enterprise, kind="development", duration_months=3)
    data = valid_post(title="A new title", deadline=opening.deadline.isoformat())
    response = owner_client.post(url("edit", team.enterprise, opening.pk), data, follow=True)
    assert "The changes go to staff review" in response.content.decode()
    assert Opening.objects.get(pk=opening.pk).status == S.SUBMITTED


@pytest.mark.django_db
def test_close_asks_why_then_closes(owner_client, team):
    opening = OpeningFactory(enterprise=team.enterprise)
    page = url("close", team.enterprise, opening.pk)
    assert 'type="radio"' in owner_client.get(page).content.decode()
    owner_client.post(page, {"reason": "filled"})
    assert Opening.objects.get(pk=opening.pk).close_reason == "filled"


@pytest.mark.django_db
def test_repost_makes_a_new_draft_and_opens_it(owner_client, team):
    opening = OpeningFactory(enterprise=team.enterprise, status=S.EXPIRED)
    response = owner_client.post(url("repost", team.enterprise, opening.pk))
    copy = Opening.objects.get(reposted_from=opening)
    assert response.url == url("edit", team.enterprise, copy.pk)


@pytest.mark.django_db
def test_deleting_a_draft_asks_first(owner_client, team):
    opening = OpeningFactory(enterprise=team.enterprise, status=S.DRAFT, published_at=None)
    page = url("delete", team.enterprise, opening.pk)
    assert "deleted for good" in owner_client.get(page).content.decode()
    assert Opening.objects.exists()
    owner_client.post(page)
    assert not Opening.objects.exists()


@pytest.mark.django_db
def test_the_dashboard_groups_openings_by_state_with_counts_and_actions(owner_client, team):
    for status in (S.DRAFT, S.DRAFT, S.SUBMITTED, S.PUBLISHED, S.EXPIRED):
        OpeningFactory(enterprise=team.enterprise, status=status, title=f"A {status} opening")
    OpeningFactory(title="Someone else's opening")
    html = owner_client.get(url("dashboard", team.enterprise)).content.decode()
    assert "Someone else" not in html
    assert "<strong>2</strong> Draft" in html
    assert "Repost as a new draft" in html
    assert "Check and submit" in html


@pytest.mark.django_db
def test_the_dashboard_query_count_does_not_grow_with_openings(
    owner_client, team, django_assert_max_num_queries
):
    OpeningFactory(enterprise=team.enterprise)
    with django_assert_max_num_queries(8) as few:
        owner_client.get(url("dashboard", team.enterprise))
    OpeningFactory.create_batch(25, enterprise=team.enterprise)
    with django_assert_max_num_queries(len(few)):
        owner_client.get(url("dashboard", team.enterprise))


@pytest.mark.django_db
def test_a_refused_edit_stays_on_the_form_with_what_was_typed(owner_client, team):
    opening = OpeningFactory(enterprise=team.enterprise, kind="development", duration_months=3)
    data = valid_post(title="Kept title", deadline="")
    response = owner_client.post(url("edit", team.enterprise, opening.pk), data)
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "Set an application deadline." in html
    assert 'value="Kept title"' in html
    assert Opening.objects.get(pk=opening.pk).title != "Kept title"
