"""The team: invitations through signed links, roles, leaving, and the last owner."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from enterprises import services
from enterprises.models import Invitation, Membership
from tests.factories import (
    PASSWORD,
    EnterpriseUserFactory,
    InvitationFactory,
    MembershipFactory,
    TalentUserFactory,
)

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/company/invitations/[^/\s]+/)")
CONFIRM_LINK = re.compile(r"http://testserver(/accounts/confirm-email/[^/\s]+/)")
EIGHT_DAYS = 8 * 24 * 3600


def invite(enterprise, owner, email="new.colleague@example.com", role=Membership.Role.MEMBER):
    return services.invitation_create(
        enterprise=enterprise, email=email, role=role, invited_by=owner
    )


@pytest.fixture
def invited(make_team, mailoutbox, django_capture_on_commit_callbacks):
    """An open invitation and the path of the link mailed for it."""
    enterprise, owner, _members = make_team(members=0)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(enterprise, owner)
    return invitation, LINK.search(mailoutbox[-1].body).group(1)


def token_of(path):
    return path.rstrip("/").rsplit("/", 1)[-1]


# -- invitations --------------------------------------------------------------------------


def test_the_invitation_mail_carries_an_absolute_signed_link(invited, mailoutbox):
    invitation, path = invited

    (mail,) = mailoutbox
    assert mail.to == ["new.colleague@example.com"]
    assert invitation.enterprise.name in mail.subject
    assert "http://testserver/company/invitations/" in mail.body
    assert services.invitation_from_token(token_of(path)) == invitation


def test_inviting_the_same_address_again_renews_and_resends(
    invited, mailoutbox, django_capture_on_commit_callbacks
):
    invitation, _path = invited
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=5)
    )
    owner = invitation.invited_by

    with django_capture_on_commit_callbacks(execute=True):
        again = invite(invitation.enterprise, owner, email="New.Colleague@example.com")

    assert again.pk == invitation.pk
    assert Invitation.objects.count() == 1
    assert Invitation.objects.get().created_at > timezone.now() - timedelta(minutes=1)
    assert len(mailoutbox) == 2


def test_members_are_not_invited_again(make_team):
    enterprise, owner, (member,) = make_team()

    with pytest.raises(ValidationError):
        invite(enterprise, owner, email=member.email.upper())


def test_only_owners_invite(make_team):
    enterprise, _owner, (member,) = make_team()

    with pytest.raises(PermissionDenied):
        invite(enterprise, member)


def test_accepting_with_the_invited_address_joins_the_team(invited):
    invitation, path = invited
    user = EnterpriseUserFactory(email="new.colleague@example.com")

    membership = services.invitation_accept(token=token_of(path), user=user)

    assert (membership.enterprise, membership.role) == (invitation.enterprise, "member")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_another_address_is_refused_and_nothing_changes(invited):
    invitation, path = invited
    stranger = EnterpriseUserFactory(email="someone.else@example.com")

    with pytest.raises(services.InvitationError) as error:
        services.invitation_accept(token=token_of(path), user=stranger)

    assert error.value.code == "wrong_email"
    assert not Membership.objects.filter(user=stranger).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_unconfirmed_address_is_not_enough(invited):
    _invitation, path = invited
    user = EnterpriseUserFactory(email="new.colleague@example.com", verified=False)

    with pytest.raises(services.InvitationError) as error:
        services.invitation_accept(token=token_of(path), user=user)
    assert error.value.code == "wrong_email"


def test_an_expired_link_is_refused(invited):
    _invitation, path = invited
    user = EnterpriseUserFactory(email="new.colleague@example.com")

    with (
        mock.patch("django.core.signing.time.time", return_value=time.time() + EIGHT_DAYS),
        pytest.raises(services.InvitationError) as error,
    ):
        services.invitation_accept(token=token_of(path), user=user)

    assert error.value.code == "expired"
    assert not Membership.objects.filter(user=user).exists()


def test_an_invitation_older_than_the_limit_is_refused_whatever_the_link(invited):
    invitation, path = invited
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=8)
    )

    with pytest.raises(services.InvitationError) as error:
        services.invitation_from_token(token_of(path))
    assert error.value.code == "expired"


def test_the_max_age_setting_is_honoured(invited, settings):
    _invitation, path = invited
    settings.ENTERPRISE_INVITATION_MAX_AGE = 60

    with (
        mock.patch("django.core.signing.time.time", return_value=time.time() + 120),
        pytest.raises(services.InvitationError) as error,
    ):
        services.invitation_from_token(token_of(path))
    assert error.value.code == "expired"


def test_a_link_works_once(invited):
    _invitation, path = invited
    user = EnterpriseUserFactory(email="new.colleague@example.com")
    services.invitation_accept(token=token_of(path), user=user)

    with pytest.raises(services.InvitationError) as error:
        services.invitation_accept(token=token_of(path), user=user)
    assert error.value.code == "used"


@pytest.mark.parametrize("token", ["1:abc:def", "not-a-token", ""])
def test_a_forged_link_is_invalid(token):
    with pytest.raises(services.InvitationError) as error:
        services.invitation_from_token(token)
    assert error.value.code == "invalid"


def test_a_cancelled_invitation_stops_working(invited):
    invitation, path = invited

    services.invitation_cancel(
        enterprise=invitation.enterprise, invitation_id=invitation.pk, actor=invitation.invited_by
    )

    with pytest.raises(services.InvitationError) as error:
        services.invitation_from_token(token_of(path))
    assert error.value.code == "gone"


# -- the invitation pages -----------------------------------------------------------------


def test_a_visitor_without_an_account_signs_up_and_comes_back_to_the_invitation(
    client, invited, mailoutbox, django_capture_on_commit_callbacks
):
    invitation, path = invited

    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Join {invitation.enterprise.name} as Member" in html
    signup = reverse("account_signup") + "?next=" + path.replace("/", "%2F").replace(":", "%3A")
    assert signup in html

    response = client.post(
        signup,
        {
            "side": User.Side.ENTERPRISE,
            "email": "new.colleague@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    confirm = CONFIRM_LINK.search(mailoutbox[-1].body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm)
    assert response.status_code == 302
    assert response.url == path, "allauth keeps ?next= through sign-up and confirmation"

    page = client.get(path)
    assert f"Join {invitation.enterprise.name}" in page.content.decode()
    response = client.post(path)
    assert response.status_code == 302
    assert response.url == reverse("enterprises:detail", args=[invitation.enterprise_id])
    assert Membership.objects.filter(
        enterprise=invitation.enterprise, user__email="new.colleague@example.com"
    ).exists()


def test_logging_in_from_the_invitation_comes_back_to_it(client, invited):
    _invitation, path = invited
    user = EnterpriseUserFactory(email="new.colleague@example.com")

    response = client.post(
        reverse("account_login") + f"?next={path}", {"login": user.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == path


def test_an_anonymous_post_goes_to_log_in_and_changes_nothing(client, invited):
    invitation, path = invited

    response = client.post(path)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_talent_is_told_they_need_a_company_account(client, invited):
    _invitation, path = invited
    client.force_login(TalentUserFactory(email="new.colleague@example.com"))

    page = client.get(path)
    assert "not a company representative" in page.content.decode()
    assert client.post(path).status_code == 404
    assert not Membership.objects.filter(user__email="new.colleague@example.com").exists()


def test_the_wrong_account_sees_why_and_cannot_join(client, invited):
    _invitation, path = invited
    client.force_login(EnterpriseUserFactory())

    html = client.get(path).content.decode()
    assert "another email address" in html
    assert '<button type="submit">Join' not in html
    response = client.post(path)
    assert response.status_code == 403
    assert "another email address" in response.content.decode()


def test_used_expired_and_invalid_links_answer_with_a_clear_page(client, invited):
    _invitation, path = invited
    client.force_login(EnterpriseUserFactory(email="new.colleague@example.com"))

    assert client.get("/company/invitations/forged:token:x/").status_code == 400
    with mock.patch("django.core.signing.time.time", return_value=time.time() + EIGHT_DAYS):
        expired = client.post(path)
    assert expired.status_code == 410
    assert "expired" in expired.content.decode()
    assert not Membership.objects.filter(user__email="new.colleague@example.com").exists()

    client.post(path)
    used = client.get(path)
    assert used.status_code == 410
    assert "already been used" in used.content.decode()


def test_the_start_page_lists_invitations_for_my_address(client, make_team):
    enterprise, _owner, _members = make_team(members=0)
    user = EnterpriseUserFactory(email="colleague.x@example.com")
    InvitationFactory(enterprise=enterprise, email="colleague.x@example.com")
    InvitationFactory(email="somebody@example.com")
    client.force_login(user)

    html = client.get(reverse("enterprises:start")).content.decode()

    assert f"{enterprise.name} invites you to join its team" in html
    assert html.count("Review the invitation") == 1
    link = re.search(r'href="(/company/invitations/[^"]+/)"', html).group(1)
    assert client.post(link).status_code == 302
    assert Membership.objects.filter(enterprise=enterprise, user=user).exists()


# -- roles and leaving --------------------------------------------------------------------


def test_an_owner_removes_a_member(make_team):
    enterprise, owner, (member,) = make_team()
    membership = Membership.objects.get(user=member)

    services.membership_remove(enterprise=enterprise, membership_id=membership.pk, actor=owner)

    assert not Membership.objects.filter(user=member).exists()


def test_members_cannot_remove_anyone(make_team):
    enterprise, owner, (member,) = make_team()

    with pytest.raises(PermissionDenied):
        services.membership_remove(
            enterprise=enterprise,
            membership_id=Membership.objects.get(user=owner).pk,
            actor=member,
        )


def test_ownership_is_handed_over_with_or_without_stepping_down(make_team):
    enterprise, owner, (first, second) = make_team(members=2)

    services.ownership_hand_over(
        enterprise=enterprise,
        membership_id=Membership.objects.get(user=first).pk,
        actor=owner,
    )
    assert Membership.objects.get(user=first).role == "owner"
    assert Membership.objects.get(user=owner).role == "owner"

    services.ownership_hand_over(
        enterprise=enterprise,
        membership_id=Membership.objects.get(user=second).pk,
        actor=owner,
        step_down=True,
    )
    assert Membership.objects.get(user=second).role == "owner"
    assert Membership.objects.get(user=owner).role == "member"


def test_the_last_owner_cannot_leave_step_down_or_be_removed(make_team):
    enterprise, owner, (member,) = make_team()
    mine = Membership.objects.get(user=owner)

    for attempt in (
        lambda: services.membership_leave(enterprise=enterprise, user=owner),
        lambda: services.membership_set_role(
            enterprise=enterprise, membership_id=mine.pk, role="member", actor=owner
        ),
        lambda: services.membership_remove(
            enterprise=enterprise, membership_id=mine.pk, actor=owner
        ),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        assert error.value.code == "last_owner"
    assert Membership.objects.get(pk=mine.pk).role == "owner"

    services.membership_leave(enterprise=enterprise, user=member)
    assert list(enterprise.membership_set.values_list("user", flat=True)) == [owner.pk]


def test_with_two_owners_one_may_step_down_and_then_leave(make_team):
    enterprise, owner, (member,) = make_team()
    services.ownership_hand_over(
        enterprise=enterprise, membership_id=Membership.objects.get(user=member).pk, actor=owner
    )

    services.membership_set_role(
        enterprise=enterprise,
        membership_id=Membership.objects.get(user=owner).pk,
        role="member",
        actor=owner,
    )
    services.membership_leave(enterprise=enterprise, user=owner)

    assert list(enterprise.membership_set.values_list("user", "role")) == [(member.pk, "owner")]


def test_team_changes_lock_the_teams_rows(make_team):
    enterprise, _owner, (member,) = make_team()

    with mock.patch.object(
        Membership.objects, "select_for_update", wraps=Membership.objects.select_for_update
    ) as lock:
        services.membership_leave(enterprise=enterprise, user=member)

    lock.assert_called_once()


def test_owner_actions_through_the_pages(client, make_team):
    enterprise, owner, (member,) = make_team()
    membership = Membership.objects.get(user=member)
    client.force_login(owner)

    confirm = client.get(reverse("enterprises:hand_over", args=[enterprise.pk, membership.pk]))
    assert confirm.status_code == 200
    client.post(
        reverse("enterprises:hand_over", args=[enterprise.pk, membership.pk]), {"step_down": "on"}
    )
    assert Membership.objects.get(user=member).role == "owner"
    assert Membership.objects.get(user=owner).role == "member"

    client.force_login(member)
    confirm = client.get(reverse("enterprises:member_remove", args=[enterprise.pk, membership.pk]))
    assert confirm.status_code == 200
    assert Membership.objects.filter(user=owner).exists(), "GET only asks"
    owner_membership = Membership.objects.get(user=owner)
    client.post(reverse("enterprises:member_remove", args=[enterprise.pk, owner_membership.pk]))
    assert not Membership.objects.filter(user=owner).exists()

    response = client.post(reverse("enterprises:leave", args=[enterprise.pk]), follow=True)
    assert "A company needs at least one owner" in response.content.decode()
    assert Membership.objects.filter(user=member).exists()


def test_an_owner_invites_and_cancels_through_the_team_page(
    client, make_team, mailoutbox, django_capture_on_commit_callbacks
):
    enterprise, owner, _members = make_team(members=0)
    client.force_login(owner)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("enterprises:invite", args=[enterprise.pk]),
            {"email": "friend@example.com", "role": "owner"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="friend@example.com")
    assert invitation.role == "owner"
    assert len(mailoutbox) == 1
    assert "friend@example.com" in client.get(response.url).content.decode()

    invalid = client.post(reverse("enterprises:invite", args=[enterprise.pk]), {"email": "x"})
    assert 'class="error-summary"' in invalid.content.decode()

    client.post(reverse("enterprises:invitation_cancel", args=[enterprise.pk, invitation.pk]))
    assert not Invitation.objects.exists()


def test_a_member_cannot_see_or_use_owner_actions(client, make_team):
    enterprise, owner, (member,) = make_team()
    client.force_login(member)
    owner_membership = Membership.objects.get(user=owner)
    invitation = InvitationFactory(enterprise=enterprise)

    html = client.get(reverse("enterprises:team", args=[enterprise.pk])).content.decode()
    assert "Invite a colleague" not in html
    assert "Make owner" not in html
    assert invitation.email not in html
    for name, args in [
        ("invite", []),
        ("invitation_cancel", [invitation.pk]),
        ("member_remove", [owner_membership.pk]),
        ("hand_over", [owner_membership.pk]),
        ("make_member", [owner_membership.pk]),
    ]:
        response = client.post(reverse(f"enterprises:{name}", args=[enterprise.pk, *args]))
        assert response.status_code == 404, name
    assert Membership.objects.get(user=owner).role == "owner"
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_a_membership_of_another_team_is_not_found(client, make_team):
    enterprise, owner, _members = make_team()
    foreign = MembershipFactory(role="member")
    client.force_login(owner)

    response = client.post(reverse("enterprises:member_remove", args=[enterprise.pk, foreign.pk]))

    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


def test_a_teammate_removed_meanwhile_gives_404_not_an_error(client, monkeypatch):
    owner = MembershipFactory()
    member = MembershipFactory(enterprise=owner.enterprise, role=Membership.Role.MEMBER)
    client.force_login(owner.user)

    def gone(**kwargs):
        raise Membership.DoesNotExist  # another owner removed them a moment earlier

    monkeypatch.setattr(services, "membership_remove", gone)
    url = reverse("enterprises:member_remove", args=[owner.enterprise.pk, member.pk])
    assert client.post(url).status_code == 404
