"""A person deletes their account: their data goes, the programme's records stay without
anything that names them, and the password is asked again first."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from audit.models import AccessLog
from enterprises.models import Enterprise
from matching.models import Application, Outcome, Placement
from notifications.models import Notification
from privacy.services import DELETED_NAME
from profiles import services
from profiles.documents import photo_process
from profiles.models import TalentProfile
from profiles.storage import private_storage
from tests.factories import (
    PASSWORD,
    ApplicationFactory,
    MembershipFactory,
    PlacementFactory,
    ProfileSkillFactory,
    StaffUserFactory,
    TalentProfileFactory,
)
from tests.factories.reports import OutcomeFactory
from tests.profiles.files import image_upload, pdf_upload

pytestmark = pytest.mark.django_db

DELETE = reverse("privacy:delete")


def _sign_in_again(client, user):
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


@pytest.fixture
def talent():
    profile = TalentProfileFactory(display_name="Amina Yusuf", municipality="167")
    ProfileSkillFactory(profile=profile)
    services.profile_photo_set(profile=profile, photo=photo_process(image_upload()))
    services.profile_cv_set(profile=profile, upload=pdf_upload())
    application = ApplicationFactory(profile=profile, motivation="I love timber logistics.")
    placement = PlacementFactory(
        profile=profile, application=application, enterprise=application.opening.enterprise
    )
    OutcomeFactory(placement=placement)
    AccessLog.objects.create(subject=profile.user, action="cv", target="x", path="/")
    return profile


def test_the_page_says_what_goes_and_what_stays(client, talent):
    client.force_login(talent.user)

    html = client.get(DELETE).content.decode()

    assert "What is deleted" in html
    assert "What is kept, without your name" in html


def test_deleting_asks_for_the_password_again(client, talent):
    client.force_login(talent.user)

    response = client.post(DELETE, {"confirm": "on"})

    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert User.objects.get(pk=talent.user_id).is_active


def test_nothing_is_deleted_without_the_confirmation(client, talent):
    _sign_in_again(client, talent.user)

    response = client.post(DELETE, {})

    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert User.objects.get(pk=talent.user_id).is_active


def test_a_talent_deletes_the_account_and_only_pseudonymous_records_stay(
    client, talent, django_capture_on_commit_callbacks
):
    files = [talent.photo.name, talent.photo_thumbnail.name, talent.cv.name]
    email = talent.user.email
    _sign_in_again(client, talent.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE, {"confirm": "on"})

    assert response["Location"] == reverse("core:home")
    user = User.objects.get(pk=talent.user_id)
    assert (user.is_active, user.full_name, user.has_usable_password()) == (False, "", False)
    assert email not in user.email
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Notification.objects.filter(recipient=user).exists()
    profile = TalentProfile.objects.get(pk=talent.pk)
    assert (profile.display_name, profile.headline, profile.municipality) == (
        DELETED_NAME,
        "",
        "167",
    )
    assert not profile.skills.exists()
    assert not any(private_storage().exists(name) for name in files)
    # The programme's records stay, pointing at the stub.
    assert Placement.objects.filter(profile=profile).count() == 1
    assert Outcome.objects.filter(placement__profile=profile).count() == 1
    assert Application.objects.get(profile=profile).motivation == ""
    assert AccessLog.objects.filter(subject=user).count() == 1
    # Signed out, and the old password no longer signs in.
    assert client.get(DELETE)["Location"].startswith(reverse("account_login"))
    login = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert login.status_code == 200


def test_a_company_member_leaves_and_the_company_stays(client):
    membership = MembershipFactory()
    _sign_in_again(client, membership.user)

    client.post(DELETE, {"confirm": "on"})

    assert not User.objects.get(pk=membership.user_id).is_active
    assert Enterprise.objects.filter(pk=membership.enterprise_id).exists()
    assert not membership.user.membership_set.exists()


def test_staff_accounts_are_not_deleted_here(client):
    staff = StaffUserFactory()
    _sign_in_again(client, staff)

    response = client.post(DELETE, {"confirm": "on"})

    assert response.status_code == 200
    assert "closed by an administrator" in response.content.decode()
    assert User.objects.get(pk=staff.pk).is_active
