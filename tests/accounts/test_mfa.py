"""Two-step sign-in: any user may turn it on; staff must have it before the admin or a staff
page opens, and then sign in with a code from their authenticator app."""

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import is_mfa_enabled
from django.urls import reverse
from django.utils.http import urlencode

from accounts import roles
from tests.factories import PASSWORD, StaffMemberFactory, StaffUserFactory, TalentUserFactory
from tests.totp import current_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("make", "path"),
    [
        (lambda: StaffUserFactory(mfa=False), "/admin/"),
        (lambda: StaffMemberFactory(role=roles.MODERATOR, mfa=False), "/admin/enterprises/"),
        (lambda: StaffMemberFactory(role=roles.REPORTER, mfa=False), "/impact/"),
        # Staff read hidden profiles and the pool on the site too.
        (lambda: StaffMemberFactory(role=roles.MODERATOR, mfa=False), "/talent/pool/"),
        (lambda: StaffUserFactory(mfa=False), "/"),
    ],
)
def test_staff_without_two_step_sign_in_are_sent_to_set_it_up(client, make, path):
    client.force_login(make())

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('mfa_activate_totp')}?{urlencode({'next': path})}"


def test_staff_with_it_open_their_pages(client):
    client.force_login(StaffMemberFactory(role=roles.REPORTER))

    assert client.get("/impact/").status_code == 200


def test_a_talent_turns_it_on_with_their_authenticator_app(client):
    talent = TalentUserFactory()
    client.post(reverse("account_login"), {"login": talent.email, "password": PASSWORD})
    # Turning it on asks for the password again first.
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(
        reverse("account_reauthenticate")
    )
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})

    assert response.status_code == 302
    assert is_mfa_enabled(talent)
    # Other pages never ask a talent for it.
    assert client.get(reverse("profiles:start")).status_code in {200, 302}


def test_non_staff_get_the_admins_own_refusal_not_the_setup(client):
    client.force_login(TalentUserFactory())

    response = client.get("/admin/")

    assert response.status_code == 302
    assert reverse("mfa_activate_totp") not in response["Location"]


def test_staff_sign_in_with_password_then_code(client):
    staff = StaffMemberFactory(role=roles.MODERATOR)

    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # not signed in on the password alone

    wrong = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    right = client.post(reverse("mfa_authenticate"), {"code": current_code(staff)})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/admin/").status_code == 200


def test_staff_without_it_can_still_set_it_up_and_sign_out(client):
    client.force_login(StaffUserFactory(mfa=False))

    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session
