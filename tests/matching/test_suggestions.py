"""Suggested talents for an enterprise's opening: best match first, visibility honoured,
and an invitation to apply that reaches the talent once."""

import pytest
from django.urls import reverse

from matching.models import ApplyInvitation, Opening
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    OpeningFactory,
    TalentUserFactory,
    scored_talent,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    return membership


def suggestions(team, opening):
    return reverse("company_openings:suggestions", args=[team.enterprise.pk, opening.pk])


def invite(team, opening, profile):
    return reverse(
        "company_openings:invite_to_apply", args=[team.enterprise.pk, opening.pk, profile.pk]
    )


def test_best_matches_first_anonymous_ones_without_identity(client, team):
    opening = OpeningFactory(enterprise=team.enterprise)
    scored_talent(opening, 70, display_name="Visible Vera")
    anonymous = scored_talent(opening, 90, display_name="Secret Sami", visibility="anonymous")
    scored_talent(opening, 99, display_name="Hidden Hanna", visibility="hidden")
    html = client.get(suggestions(team, opening)).content.decode()
    assert html.index(f"Anonymous talent #{anonymous.pk}") < html.index("Visible Vera")
    assert "Secret Sami" not in html
    assert "Hidden Hanna" not in html
    assert "Match 90 / 100" in html
    assert "1 of 1 essential skill" in html


def test_other_enterprises_and_talents_get_404(client, team):
    opening = OpeningFactory()
    assert client.get(suggestions(team, opening)).status_code == 404
    client.force_login(TalentUserFactory())
    assert client.get(suggestions(team, opening)).status_code == 404


def test_invite_to_apply_mails_the_talent_once(
    client, team, mailoutbox, django_capture_on_commit_callbacks
):
    opening = OpeningFactory(enterprise=team.enterprise, title="Export sales")
    talent = scored_talent(opening, 80, visibility="anonymous")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(invite(team, opening, talent), follow=True)
    assert "Invitation sent" in response.content.decode()
    [mail] = mailoutbox
    assert mail.to == [talent.user.email]
    assert team.enterprise.name in mail.subject
    assert f"/openings/{opening.pk}/" in mail.body
    again = client.post(invite(team, opening, talent), follow=True)
    assert "already invited" in again.content.decode()
    assert ApplyInvitation.objects.count() == 1
    assert "Invited to apply" in client.get(suggestions(team, opening)).content.decode()


def test_no_invitation_to_someone_who_applied_or_cannot_be_seen(client, team):
    opening = OpeningFactory(enterprise=team.enterprise)
    applied = scored_talent(opening, 80)
    ApplicationFactory(opening=opening, profile=applied)
    hidden = scored_talent(opening, 80, visibility="hidden")
    assert "Has applied" in client.get(suggestions(team, opening)).content.decode()
    client.post(invite(team, opening, applied))
    assert client.post(invite(team, opening, hidden)).status_code == 404
    closed = OpeningFactory(enterprise=team.enterprise, status=Opening.Status.CLOSED)
    assert client.post(invite(team, closed, scored_talent(closed, 80))).status_code == 404
    assert not ApplyInvitation.objects.exists()
    assert client.get(invite(team, opening, applied)).status_code == 405


def test_the_page_takes_the_same_queries_for_few_and_many_talents(
    client, team, django_assert_max_num_queries
):
    opening = OpeningFactory(enterprise=team.enterprise)
    scored_talent(opening, 50)
    with django_assert_max_num_queries(15) as few:
        client.get(suggestions(team, opening))
    for score in range(25):
        scored_talent(opening, 30 + score)
    with django_assert_max_num_queries(len(few)):
        client.get(suggestions(team, opening))
