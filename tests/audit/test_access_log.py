"""Staff access to a talent's personal data is logged, on the site and in the admin, and the
log cannot be changed from the admin."""

import pytest
from django.urls import reverse

from audit.models import AccessLog
from organisations.models import Referral
from profiles import services
from profiles.documents import photo_process
from tests.factories import (
    ApplicationFactory,
    EnterpriseFactory,
    MembershipFactory,
    PlacementFactory,
    StaffMemberFactory,
    StaffUserFactory,
    TalentProfileFactory,
)
from tests.factories.organisations import ReferralFactory
from tests.profiles.files import image_upload, pdf_upload
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

VISIBLE = "visible"


@pytest.fixture
def profile():
    profile = TalentProfileFactory(visibility=VISIBLE)
    services.profile_cv_set(profile=profile, upload=pdf_upload())
    return profile


def _entries():
    return list(AccessLog.objects.values_list("actor_id", "subject_id", "action", "target"))


def test_staff_opening_a_profile_and_its_cv_is_logged(client, profile):
    staff = StaffUserFactory()
    client.force_login(staff)

    assert client.get(reverse("profiles:detail", args=[profile.pk])).status_code == 200
    response = client.get(reverse("profiles:cv", args=[profile.pk]))
    b"".join(response.streaming_content)

    target = f"profiles.talentprofile:{profile.pk}"
    assert sorted(_entries()) == sorted(
        [
            (staff.pk, profile.user_id, AccessLog.Action.PROFILE, target),
            (staff.pk, profile.user_id, AccessLog.Action.CV, target),
        ]
    )
    assert AccessLog.objects.filter(path=reverse("profiles:cv", args=[profile.pk])).exists()


def test_the_talent_and_companies_reading_a_profile_are_not_staff_access(client, profile):
    for viewer in [profile.user, MembershipFactory().user]:
        client.force_login(viewer)
        assert client.get(reverse("profiles:detail", args=[profile.pk])).status_code == 200

    assert _entries() == []


def test_a_cv_that_is_not_there_is_not_logged_as_read(client):
    client.force_login(StaffUserFactory())
    bare = TalentProfileFactory(visibility=VISIBLE)

    assert client.get(reverse("profiles:cv", args=[bare.pk])).status_code == 404
    assert _entries() == []


def _placement(application):
    return PlacementFactory(profile=application.profile, enterprise=application.opening.enterprise)


@pytest.mark.parametrize(
    ("admin_url", "subject"),
    [
        ("admin:profiles_talentprofile_change", lambda application: application.profile),
        ("admin:matching_application_change", lambda application: application),
        ("admin:accounts_user_change", lambda application: application.profile.user),
        ("admin:accounts_user_history", lambda application: application.profile.user),
        ("admin:matching_placement_change", lambda application: _placement(application)),
    ],
)
def test_opening_personal_data_in_the_admin_is_logged(client, admin_url, subject):
    application = ApplicationFactory()
    staff = StaffUserFactory()
    client.force_login(staff)
    obj = subject(application)

    assert client.get(reverse(admin_url, args=[obj.pk])).status_code == 200

    assert _entries() == [
        (
            staff.pk,
            application.profile.user_id,
            AccessLog.Action.ADMIN,
            f"{obj._meta.label_lower}:{obj.pk}",
        )
    ]


def test_the_admin_lists_the_log_but_cannot_add_change_or_delete_it(client, profile):
    entry = AccessLog.objects.create(
        actor=StaffUserFactory(), subject=profile.user, action="profile", target="x:1", path="/"
    )
    client.force_login(StaffUserFactory())  # a superuser: not even they may

    changelist = reverse("admin:audit_accesslog_changelist")
    response = client.get(changelist)
    assert response.status_code == 200
    assert "delete_selected" not in response.content.decode()
    assert client.get(reverse("admin:audit_accesslog_add")).status_code == 403
    change_url = reverse("admin:audit_accesslog_change", args=[entry.pk])
    assert client.post(change_url, {"action": "cv", "target": "y:2"}).status_code == 403
    delete_url = reverse("admin:audit_accesslog_delete", args=[entry.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert (entry.action, entry.target) == ("profile", "x:1")


def test_only_administrators_read_the_log(client):
    for role, expected in [("Moderators", 403), ("Reporters", 403), ("Administrators", 200)]:
        client.force_login(StaffMemberFactory(role=role))
        assert client.get(reverse("admin:audit_accesslog_changelist")).status_code == expected


def test_the_log_changelist_runs_the_same_queries_for_many_entries(
    client, django_assert_num_queries
):
    client.force_login(StaffUserFactory())
    url = reverse("admin:audit_accesslog_changelist")

    def create(n):
        for _ in range(n):
            profile = TalentProfileFactory()
            AccessLog.objects.create(
                actor=StaffUserFactory(), subject=profile.user, action="cv", target="t", path="/"
            )

    create(1)
    one = queries_of(client, url)
    create(10)
    with django_assert_num_queries(one):
        client.get(url)


def test_a_referral_of_a_talent_is_logged_and_one_of_a_company_is_not(client):
    talent_referral = ReferralFactory()
    company_referral = ReferralFactory(
        profile=None, enterprise=EnterpriseFactory(), source=Referral.Source.STAFF
    )
    staff = StaffUserFactory()
    client.force_login(staff)

    for referral in (talent_referral, company_referral):
        url = reverse("admin:organisations_referral_change", args=[referral.pk])
        assert client.get(url).status_code == 200

    assert _entries() == [
        (
            staff.pk,
            talent_referral.profile.user_id,
            AccessLog.Action.ADMIN,
            f"organisations.referral:{talent_referral.pk}",
        )
    ]


def test_staff_opening_the_full_photo_is_logged_and_thumbnails_are_not(client, profile):
    services.profile_photo_set(profile=profile, photo=photo_process(image_upload()))
    staff = StaffUserFactory()
    client.force_login(staff)

    for variant in ("thumbnail", "full"):
        response = client.get(reverse("profiles:photo", args=[profile.pk, variant]))
        assert response.status_code == 200
        b"".join(response.streaming_content)

    assert _entries() == [
        (staff.pk, profile.user_id, AccessLog.Action.PHOTO, f"profiles.talentprofile:{profile.pk}")
    ]


def test_staff_download_a_talents_data_from_the_admin_and_it_is_logged(client, profile):
    moderator = StaffMemberFactory(role="Moderators")
    client.force_login(moderator)
    changelist = reverse("admin:profiles_talentprofile_changelist")

    response = client.post(changelist, {"action": "export_data", "_selected_action": [profile.pk]})

    assert response["Content-Type"] == "application/zip"
    assert _entries() == [
        (
            moderator.pk,
            profile.user_id,
            AccessLog.Action.EXPORT,
            f"profiles.talentprofile:{profile.pk}",
        )
    ]
    two = [profile.pk, TalentProfileFactory().pk]
    refused = client.post(changelist, {"action": "export_data", "_selected_action": two})
    assert refused.status_code == 302
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == 1
