import re

import pytest
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"http://testserver(/accounts/confirm-email/[^/\s]+/)")


def sign_up(client, *, side, email="newcomer@example.com"):
    return client.post(
        reverse("account_signup"),
        {"side": side, "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def test_signup_page_asks_which_side_the_person_is_on(client):
    response = client.get(reverse("account_signup"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "I am a talent" in content
    assert "I represent a company" in content


@pytest.mark.parametrize(
    ("side", "landing"),
    [(User.Side.TALENT, "profiles:start"), (User.Side.ENTERPRISE, "enterprises:start")],
)
def test_signup_verify_and_log_in_routes_each_side_to_its_next_step(
    client, mailoutbox, django_capture_on_commit_callbacks, side, landing
):
    response = sign_up(client, side=side)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="newcomer@example.com")
    assert user.side == side
    assert not client.session.get("_auth_user_id"), "no login before the address is confirmed"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["newcomer@example.com"]
    assert "TalentHub" in mailoutbox[0].subject

    confirm_path = CONFIRM_LINK.search(mailoutbox[0].body).group(1)
    assert client.get(confirm_path).status_code == 200  # a page with a button: GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_path)

    assert response.status_code == 302
    assert response.url == reverse(landing)
    assert client.session["_auth_user_id"] == str(user.pk)
    welcome = mailoutbox[-1]
    assert welcome.subject == "TalentHub: Welcome!"
    assert reverse(landing) in welcome.body

    client.post(reverse("account_logout"))
    response = client.post(
        reverse("account_login"), {"login": "newcomer@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse(landing)


def test_signup_without_a_side_is_refused_with_an_error_summary(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "newcomer@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="error-summary"' in content
    assert 'href="#id_side_0"' in content  # the first radio, which can take the focus
    assert 'aria-invalid="true"' in content
    assert not User.objects.filter(email="newcomer@example.com").exists()


def test_unverified_user_cannot_log_in(client, mailoutbox):
    user = UserFactory(verified=False)

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not client.session.get("_auth_user_id")
    assert mailoutbox, "the verification mail is sent again"


def test_repeated_failed_logins_are_answered_with_429(client, talent):
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": talent.email, "password": "x"})
        assert response.status_code == 200

    response = client.post(reverse("account_login"), {"login": talent.email, "password": "x"})
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()

    # Even the right password waits: guessing must not be able to go on.
    response = client.post(reverse("account_login"), {"login": talent.email, "password": PASSWORD})
    assert response.status_code == 429
    assert not client.session.get("_auth_user_id")


def test_behind_a_trusted_proxy_failed_logins_count_per_client(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    def failed_login(n, client_ip):
        return client.post(
            reverse("account_login"),
            {"login": f"guess{n}@example.com", "password": "x"},
            headers={"x-forwarded-for": client_ip},
            REMOTE_ADDR="10.0.0.2",  # the proxy
        )

    for n in range(10):
        assert failed_login(n, "198.51.100.7").status_code == 200
    assert failed_login(10, "198.51.100.7").status_code == 429
    # Another person behind the same proxy is not locked out by the first one's guesses.
    assert failed_login(11, "203.0.113.9").status_code == 200


def test_admin_login_goes_through_the_protected_login(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(("role", "status"), [("talent", 403), ("member", 403), ("staff", 200)])
def test_admin_is_for_staff_only(client, user_for_role, role, status):
    client.force_login(user_for_role(role))

    response = client.get(reverse("admin:index"), follow=True)

    assert response.status_code == status
    assert ("Access denied" in response.content.decode()) == (status == 403)


def test_password_reset_mails_a_link_that_sets_a_new_password(client, talent, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": talent.email})

    assert response.status_code == 302
    (mail,) = mailoutbox
    assert mail.to == [talent.email]
    reset_path = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.body)
    response = client.get(reset_path.group(1), follow=True)  # allauth hides the key, then shows
    form_path = response.redirect_chain[-1][0]
    new_password = "a-brand-new-passphrase"
    response = client.post(form_path, {"password1": new_password, "password2": new_password})

    assert response.status_code == 302
    talent.refresh_from_db()
    assert talent.check_password(new_password)
    assert not client.session.get("_auth_user_id"), "a reset does not log the person in"


def test_password_reset_for_an_unknown_address_reveals_nothing(client, talent, mailoutbox):
    known = client.post(reverse("account_reset_password"), {"email": talent.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})

    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    to_unknown = [m for m in mailoutbox if m.to == ["nobody@example.com"]]
    assert all("/password/reset/key/" not in m.body for m in to_unknown)


def test_login_page_offers_the_reset_link_after_the_form_not_inside_it(client):
    main = client.get(reverse("account_login")).content.decode().split('id="main"', 1)[1]
    form, after = main.split("</form>", 1)

    assert reverse("account_reset_password") not in form
    assert reverse("account_reset_password") in after


def test_email_is_unique_whatever_its_case(talent):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email=talent.email.upper())


def test_admin_cannot_add_a_second_account_for_the_same_mailbox(client, staff, talent):
    client.force_login(staff)

    response = client.post(
        reverse("admin:accounts_user_add"),
        {"email": talent.email.upper(), "usable_password": "false"},
    )

    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert User.objects.filter(email__iexact=talent.email).count() == 1


def test_an_expired_form_gets_a_friendly_page(talent):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    response = strict.post(reverse("account_login"), {"login": talent.email, "password": "x"})

    assert response.status_code == 403
    assert "The form expired" in response.content.decode()
    assert 'href="#main"' in response.content.decode(), "inside the site's own frame"
