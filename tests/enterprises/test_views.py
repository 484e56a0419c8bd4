"""The company pages: who may open them, registering, editing, the logo, query counts."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from enterprises.models import Enterprise, Membership
from profiles.storage import private_storage
from tests.factories import (
    EnterpriseFactory,
    EnterpriseUserFactory,
    MembershipFactory,
    StaffUserFactory,
    TalentUserFactory,
)
from tests.profiles.files import bomb_upload, image_upload

pytestmark = pytest.mark.django_db

# Every page of one enterprise, as (url name, extra args, method). Owner-only ones are marked.
PAGES = [
    ("detail", [], "get", False),
    ("edit", [], "get", False),
    ("team", [], "get", False),
    ("leave", [], "get", False),
    ("invite", [], "post", True),
    ("member_remove", ["membership"], "get", True),
    ("hand_over", ["membership"], "get", True),
    ("make_member", ["membership"], "post", True),
    ("invitation_cancel", ["invitation"], "post", True),
]
# What each kind of visitor gets: anonymous → log in; other sides and other teams → 404.
EXPECTED = {
    "anonymous": 302,
    "talent": 404,
    "enterprise_user": 404,
    "other_member": 404,
    "member": 200,
    "owner": 200,
}
READ_ONLY_FOR_STAFF = {"detail", "team"}


@pytest.fixture
def setting(make_team):
    """An enterprise with an owner, a member and an open invitation, and a visitor maker."""
    from tests.factories import InvitationFactory

    enterprise, owner, (member,) = make_team()
    invitation = InvitationFactory(enterprise=enterprise)
    membership = Membership.objects.get(user=member)
    visitors = {
        "anonymous": lambda: None,
        "talent": TalentUserFactory,
        "enterprise_user": EnterpriseUserFactory,
        "other_member": lambda: MembershipFactory().user,
        "member": lambda: member,
        "owner": lambda: owner,
        "staff": StaffUserFactory,
    }
    return enterprise, {"membership": membership.pk, "invitation": invitation.pk}, visitors


def _url(name, enterprise, ids, extra):
    return reverse(f"enterprises:{name}", args=[enterprise.pk, *(ids[key] for key in extra)])


@pytest.mark.parametrize("role", [*EXPECTED, "staff"])
@pytest.mark.parametrize(("name", "extra", "method", "owner_only"), PAGES)
def test_access_to_every_enterprise_page(client, setting, role, name, extra, method, owner_only):
    enterprise, ids, visitors = setting
    user = visitors[role]()
    if user:
        client.force_login(user)

    response = getattr(client, method)(_url(name, enterprise, ids, extra))

    if role == "staff":
        expected = 200 if name in READ_ONLY_FOR_STAFF else 404
    elif role == "member" and owner_only:
        expected = 404
    else:
        expected = EXPECTED[role]
    # A POST that owners may make re-shows a form or, done, redirects.
    allowed = {200, 302} if expected == 200 and method == "post" else {expected}
    assert response.status_code in allowed
    if response.status_code == 302 and role == "anonymous":
        assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("talent", 404), ("staff", 404), ("enterprise_user", 200)],
)
def test_registering_is_for_company_representatives(client, user_for_role, role, status):
    user = user_for_role(role)
    if user:
        client.force_login(user)

    assert client.get(reverse("enterprises:register")).status_code == status


def test_staff_see_a_company_read_only(client, setting):
    enterprise, _ids, visitors = setting
    client.force_login(visitors["staff"]())

    detail = client.get(reverse("enterprises:detail", args=[enterprise.pk])).content.decode()
    team = client.get(reverse("enterprises:team", args=[enterprise.pk])).content.decode()

    assert enterprise.name in detail
    assert "Edit company details" not in detail
    assert "Invite a colleague" not in team
    assert "Leave the company" not in team


# -- registering and editing ---------------------------------------------------------------


def form_data(**overrides):
    data = {
        "name": "Pohjois-Karjalan Koodi Oy",
        "business_id": "112038-9",
        "industry": "J",
        "size": "small",
        "municipality": "167",
        "website": "https://koodi.example.com",
        "description": "Software for forest owners.",
        "target_markets": ["DE", "SE"],
        "languages_needed": ["de"],
        "goals": "Entering the German market.",
    }
    return {**data, **overrides}


def test_registering_a_company_through_the_form(client, enterprise_user):
    client.force_login(enterprise_user)
    page = client.get(reverse("enterprises:register")).content.decode()
    assert "<legend>Target markets:</legend>" in page
    assert 'id="id_business_id"' in page

    response = client.post(
        reverse("enterprises:register"),
        {**form_data(), "logo": image_upload("logo.png", fmt="PNG", mode="RGBA", size=(800, 600))},
    )

    enterprise = Enterprise.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("enterprises:detail", args=[enterprise.pk])
    assert enterprise.business_id == "0112038-9", "six-digit IDs are padded"
    assert enterprise.status == Enterprise.Status.PENDING
    assert enterprise.logo
    detail = client.get(response.url).content.decode()
    assert "staff will verify" in detail
    assert "cannot publish openings or browse the talent pool" in detail
    assert "Germany" in detail


def test_a_registered_business_id_gets_a_friendly_error(client, enterprise_user):
    EnterpriseFactory(business_id="0112038-9")
    client.force_login(enterprise_user)

    response = client.post(reverse("enterprises:register"), form_data())

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_business_id"' in html
    assert "Ask its owner to invite you" in html
    assert Enterprise.objects.count() == 1


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        (SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>"), "Choose a JPEG, PNG or WebP"),
        (SimpleUploadedFile("logo.png", b"\x89PNG" * (600 * 1024)), "the limit is 2"),
        (bomb_upload(), "too many pixels"),
    ],
    ids=["not an image", "too big", "bomb"],
)
def test_a_bad_logo_is_refused(client, enterprise_user, logo, message):
    client.force_login(enterprise_user)

    response = client.post(reverse("enterprises:register"), {**form_data(), "logo": logo})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Enterprise.objects.exists()


def test_a_member_edits_details_but_not_the_business_id(client, make_team):
    enterprise, _owner, (member,) = make_team()
    client.force_login(member)
    old_id = enterprise.business_id

    page = client.get(reverse("enterprises:edit", args=[enterprise.pk])).content.decode()
    assert "Only the company’s owners can change the business ID" in page
    response = client.post(
        reverse("enterprises:edit", args=[enterprise.pk]),
        form_data(name="Renamed Oy", business_id="0112038-9"),
    )

    enterprise.refresh_from_db()
    assert response.status_code == 302
    assert (enterprise.name, enterprise.business_id) == ("Renamed Oy", old_id)
    assert enterprise.status == Enterprise.Status.VERIFIED


def test_an_owner_is_warned_before_and_told_after_a_new_business_id(client, make_team):
    enterprise, owner, _members = make_team()
    client.force_login(owner)

    page = client.get(reverse("enterprises:edit", args=[enterprise.pk])).content.decode()
    assert "sends the company back to verification" in page
    response = client.post(
        reverse("enterprises:edit", args=[enterprise.pk]),
        form_data(business_id="0112038-9"),
        follow=True,
    )

    enterprise.refresh_from_db()
    assert enterprise.status == Enterprise.Status.PENDING
    assert "waits for staff to verify it again" in response.content.decode()


def test_a_rejected_company_sees_the_reason_and_goes_back_to_staff_on_save(client, make_team):
    enterprise, owner, _members = make_team(
        status=Enterprise.Status.REJECTED, enterprise__rejection_reason="Wrong business ID."
    )
    client.force_login(owner)

    detail = client.get(reverse("enterprises:detail", args=[enterprise.pk])).content.decode()
    assert "Wrong business ID." in detail
    client.post(reverse("enterprises:edit", args=[enterprise.pk]), form_data())

    enterprise.refresh_from_db()
    assert enterprise.status == Enterprise.Status.PENDING


def test_removing_the_logo_through_the_form(client, make_team, django_capture_on_commit_callbacks):
    enterprise, owner, _members = make_team()
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("enterprises:edit", args=[enterprise.pk]),
            {**form_data(business_id=enterprise.business_id), "logo": image_upload("l.jpg")},
        )
    enterprise.refresh_from_db()
    name = enterprise.logo.name
    assert name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("enterprises:edit", args=[enterprise.pk]),
            {**form_data(business_id=enterprise.business_id), "remove_logo": "on"},
        )

    enterprise.refresh_from_db()
    assert not enterprise.logo
    assert not private_storage().exists(name)


# -- the logo ------------------------------------------------------------------------------


@pytest.fixture
def with_logo(make_team, django_capture_on_commit_callbacks):
    from enterprises import services
    from enterprises.documents import logo_process

    def make(status):
        enterprise, owner, _members = make_team(status=status, members=0)
        logo = logo_process(image_upload("logo.jpg", size=(300, 150)))
        services.enterprise_update(enterprise=enterprise, changes={"logo": logo}, actor=owner)
        return enterprise, owner

    return make


@pytest.mark.parametrize(
    ("status", "role", "code"),
    [
        ("verified", "anonymous", 200),
        ("verified", "talent", 200),
        ("pending", "anonymous", 404),
        ("pending", "talent", 404),
        ("pending", "other_member", 404),
        ("pending", "owner", 200),
        ("pending", "staff", 200),
        ("rejected", "other_member", 404),
    ],
)
def test_who_may_see_a_logo(client, with_logo, status, role, code):
    enterprise, owner = with_logo(status)
    user = {
        "anonymous": lambda: None,
        "talent": TalentUserFactory,
        "other_member": lambda: MembershipFactory().user,
        "owner": lambda: owner,
        "staff": StaffUserFactory,
    }[role]()
    if user:
        client.force_login(user)

    response = client.get(reverse("enterprises:logo", args=[enterprise.pk]))

    assert response.status_code == code
    if code == 200:
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
        assert image.size == (300, 150)
        public = "public" in response["Cache-Control"]
        assert public == (status == "verified")


def test_no_logo_is_not_found(client, make_team):
    enterprise, owner, _members = make_team()
    client.force_login(owner)

    assert client.get(reverse("enterprises:logo", args=[enterprise.pk])).status_code == 404


# -- query counts --------------------------------------------------------------------------


def test_the_start_page_query_count_does_not_grow_with_companies(
    client, enterprise_user, django_assert_max_num_queries
):
    from tests.factories import InvitationFactory

    client.force_login(enterprise_user)
    MembershipFactory(user=enterprise_user)
    InvitationFactory(email=enterprise_user.email)
    with django_assert_max_num_queries(8) as one:
        assert client.get(reverse("enterprises:start")).status_code == 200

    MembershipFactory.create_batch(6, user=enterprise_user)
    InvitationFactory.create_batch(3, email=enterprise_user.email)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("enterprises:start"))
    assert response.content.decode().count('class="card"') == 7
    assert response.content.decode().count("Review the invitation") == 4


def test_the_team_page_query_count_does_not_grow_with_members(
    client, make_team, django_assert_max_num_queries
):
    from tests.factories import InvitationFactory

    enterprise, owner, _members = make_team(members=1)
    InvitationFactory(enterprise=enterprise, invited_by=owner)
    client.force_login(owner)
    url = reverse("enterprises:team", args=[enterprise.pk])
    with django_assert_max_num_queries(8) as one:
        assert client.get(url).status_code == 200

    MembershipFactory.create_batch(8, enterprise=enterprise, role="member")
    InvitationFactory.create_batch(4, enterprise=enterprise, invited_by=owner)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("Cancel invitation") == 5


def test_the_overview_query_count_is_small(client, make_team, django_assert_max_num_queries):
    enterprise, owner, _members = make_team(members=5)
    client.force_login(owner)

    with django_assert_max_num_queries(6):
        assert client.get(reverse("enterprises:detail", args=[enterprise.pk])).status_code == 200
