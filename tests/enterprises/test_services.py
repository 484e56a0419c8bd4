"""Registration, editing and verification of enterprises, through the services."""

import io
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from core.errors import InvalidTransition
from enterprises import services
from enterprises.documents import LOGO_SIZE, logo_process
from enterprises.models import Enterprise, Membership
from profiles.storage import private_storage
from tests.factories import EnterpriseFactory, MembershipFactory, StaffUserFactory
from tests.profiles.files import image_upload

pytestmark = pytest.mark.django_db

PENDING, VERIFIED, REJECTED = (
    Enterprise.Status.PENDING,
    Enterprise.Status.VERIFIED,
    Enterprise.Status.REJECTED,
)


def test_registration_creates_a_pending_company_with_the_person_as_owner(
    enterprise_user, company_data
):
    enterprise = services.enterprise_register(user=enterprise_user, data=company_data)

    enterprise.refresh_from_db()
    assert enterprise.status == PENDING
    assert enterprise.business_id == "0112038-9"
    assert enterprise.target_markets == ["DE", "SE"]
    assert list(enterprise.membership_set.values_list("user", "role")) == [
        (enterprise_user.pk, Membership.Role.OWNER)
    ]


def test_a_person_may_register_several_companies(enterprise_user, company_data):
    services.enterprise_register(user=enterprise_user, data=company_data)
    services.enterprise_register(
        user=enterprise_user, data={**company_data, "business_id": "1572860-0", "name": "Two Oy"}
    )

    assert enterprise_user.enterprises.count() == 2


@pytest.mark.parametrize("typed", ["0112038-9", "112038-9", " 0112038-9 "])
def test_a_business_id_registered_already_is_refused_with_a_friendly_error(
    enterprise_user, company_data, typed
):
    EnterpriseFactory(business_id="0112038-9")

    with pytest.raises(ValidationError) as error:
        services.enterprise_register(
            user=enterprise_user, data={**company_data, "business_id": typed}
        )

    assert "ask its owner to invite you" in str(error.value.message_dict["business_id"]).lower()
    assert Enterprise.objects.count() == 1


def test_registration_stores_the_logo_re_encoded(enterprise_user, company_data):
    logo = logo_process(image_upload("logo.jpg", size=(1600, 400)))

    enterprise = services.enterprise_register(user=enterprise_user, data=company_data, logo=logo)

    with private_storage().open(enterprise.logo.name) as handle:
        image = Image.open(io.BytesIO(handle.read()))
    assert image.format == "PNG"
    assert image.size == (LOGO_SIZE, 100), "the aspect ratio is kept"


# -- editing ------------------------------------------------------------------------------


def test_a_new_business_id_sends_a_verified_company_back_to_verification(make_team):
    enterprise, owner, _members = make_team()

    updated = services.enterprise_update(
        enterprise=enterprise, changes={"business_id": "0112038-9"}, actor=owner
    )

    assert updated.status == PENDING
    enterprise.refresh_from_db()
    assert (enterprise.status, enterprise.business_id) == (PENDING, "0112038-9")


def test_other_changes_keep_a_verified_company_verified(make_team):
    enterprise, _owner, (member,) = make_team()

    services.enterprise_update(
        enterprise=enterprise,
        changes={"name": "Renamed Oy", "business_id": enterprise.business_id},
        actor=member,
    )

    enterprise.refresh_from_db()
    assert (enterprise.name, enterprise.status) == ("Renamed Oy", VERIFIED)


def test_any_save_of_a_rejected_company_sends_it_back_to_staff(make_team):
    enterprise, _owner, (member,) = make_team(status=REJECTED)

    services.enterprise_update(enterprise=enterprise, changes={"goals": "Fixed"}, actor=member)

    enterprise.refresh_from_db()
    assert enterprise.status == PENDING


def test_only_owners_change_the_business_id(make_team):
    enterprise, _owner, (member,) = make_team()

    with pytest.raises(PermissionDenied):
        services.enterprise_update(
            enterprise=enterprise, changes={"business_id": "0112038-9"}, actor=member
        )


def test_someone_outside_the_team_cannot_edit(make_team, outsider):
    enterprise, _owner, _members = make_team()

    with pytest.raises(PermissionDenied):
        services.enterprise_update(enterprise=enterprise, changes={"name": "X"}, actor=outsider)


def test_a_business_id_taken_by_another_company_is_refused_on_edit(make_team):
    enterprise, owner, _members = make_team()
    other = EnterpriseFactory()

    with pytest.raises(ValidationError):
        services.enterprise_update(
            enterprise=enterprise, changes={"business_id": other.business_id}, actor=owner
        )


def test_replacing_and_removing_the_logo_deletes_the_old_file_on_commit(
    make_team, django_capture_on_commit_callbacks
):
    enterprise, owner, _members = make_team()
    logo = logo_process(image_upload("logo.png", fmt="PNG", mode="RGBA", size=(200, 200)))
    with django_capture_on_commit_callbacks(execute=True):
        services.enterprise_update(enterprise=enterprise, changes={"logo": logo}, actor=owner)
    enterprise.refresh_from_db()
    first = enterprise.logo.name
    assert private_storage().exists(first)

    with django_capture_on_commit_callbacks(execute=True):
        services.enterprise_update(enterprise=enterprise, changes={"logo": logo}, actor=owner)
    enterprise.refresh_from_db()
    assert enterprise.logo.name != first
    assert not private_storage().exists(first)
    second = enterprise.logo.name

    with django_capture_on_commit_callbacks(execute=True):
        services.enterprise_update(enterprise=enterprise, changes={"logo": None}, actor=owner)
    enterprise.refresh_from_db()
    assert not enterprise.logo
    assert not private_storage().exists(second)


# -- verification -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "decide", "allowed"),
    [
        (PENDING, "verify", True),
        (PENDING, "reject", True),
        (REJECTED, "verify", True),
        (REJECTED, "reject", False),
        (VERIFIED, "verify", False),
        (VERIFIED, "reject", False),
    ],
)
def test_verification_transitions(staff, start, decide, allowed):
    enterprise = EnterpriseFactory(status=start)
    call = {
        "verify": lambda: services.enterprise_verify(enterprise_id=enterprise.pk, actor=staff),
        "reject": lambda: services.enterprise_reject(
            enterprise_id=enterprise.pk, actor=staff, reason="Not in the trade register."
        ),
    }[decide]

    if allowed:
        call()
        enterprise.refresh_from_db()
        assert enterprise.status == {"verify": VERIFIED, "reject": REJECTED}[decide]
        assert enterprise.reviewed_by == staff
        assert enterprise.reviewed_at is not None
    else:
        with pytest.raises(InvalidTransition):
            call()
        enterprise.refresh_from_db()
        assert enterprise.status == start


def test_two_staff_deciding_at_once_exactly_one_succeeds(staff):
    enterprise = EnterpriseFactory(status=PENDING)
    other_staff = StaffUserFactory()

    services.enterprise_verify(enterprise_id=enterprise.pk, actor=staff)
    with pytest.raises(InvalidTransition):
        services.enterprise_reject(enterprise_id=enterprise.pk, actor=other_staff, reason="No")

    enterprise.refresh_from_db()
    assert (enterprise.status, enterprise.reviewed_by) == (VERIFIED, staff)


def test_the_decision_locks_the_row(staff):
    enterprise = EnterpriseFactory(status=PENDING)

    with mock.patch.object(
        Enterprise.objects, "select_for_update", wraps=Enterprise.objects.select_for_update
    ) as lock:
        services.enterprise_verify(enterprise_id=enterprise.pk, actor=staff)

    lock.assert_called_once()


def test_only_staff_decide(member):
    enterprise = EnterpriseFactory(status=PENDING)

    with pytest.raises(PermissionDenied):
        services.enterprise_verify(enterprise_id=enterprise.pk, actor=member)


def test_a_rejection_needs_a_reason(staff):
    enterprise = EnterpriseFactory(status=PENDING)

    with pytest.raises(ValidationError):
        services.enterprise_reject(enterprise_id=enterprise.pk, actor=staff, reason="  ")


def test_verification_is_mailed_to_every_member_in_their_language(
    make_team, staff, mailoutbox, django_capture_on_commit_callbacks
):
    enterprise, owner, (member,) = make_team(status=PENDING, members=1)
    member.preferred_language = "fi"
    member.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.enterprise_verify(enterprise_id=enterprise.pk, actor=staff)

    mails = {mail.to[0]: mail for mail in mailoutbox}
    assert set(mails) == {owner.email, member.email}
    assert enterprise.name in mails[owner.email].subject
    assert mails[owner.email].body.startswith("Hello,")
    assert mails[member.email].body.startswith("Hei,")
    assert f"http://testserver/company/{enterprise.pk}/" in mails[owner.email].body


def test_rejection_mail_carries_the_reason_and_a_link_to_fix(
    make_team, staff, mailoutbox, django_capture_on_commit_callbacks
):
    enterprise, owner, _members = make_team(status=PENDING, members=0)

    with django_capture_on_commit_callbacks(execute=True):
        services.enterprise_reject(
            enterprise_id=enterprise.pk, actor=staff, reason="The business ID is not yours."
        )

    (mail,) = mailoutbox
    assert mail.to == [owner.email]
    assert "The business ID is not yours." in mail.body
    assert f"http://testserver/company/{enterprise.pk}/edit/" in mail.body


def test_no_mail_before_the_decision_commits(staff, mailoutbox, django_capture_on_commit_callbacks):
    enterprise = MembershipFactory(enterprise__status=PENDING).enterprise

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.enterprise_verify(enterprise_id=enterprise.pk, actor=staff)

    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1
