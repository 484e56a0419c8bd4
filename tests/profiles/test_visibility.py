"""Who may open a talent's profile page, photo and CV, and the talent pool: per role."""

import pytest
from django.urls import reverse

from profiles.models import TalentProfile
from tests.factories import MembershipFactory, OpeningFactory

ANONYMOUS, VISIBLE, HIDDEN = (
    TalentProfile.Visibility.ANONYMOUS,
    TalentProfile.Visibility.VISIBLE,
    TalentProfile.Visibility.HIDDEN,
)
LOGIN = "login"


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def _outcome(response):
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("account_login"))
        return LOGIN
    return response.status_code


# (role, profile visibility) -> profile page, photo, CV; the name shows where the page is 200.
CASES = [
    ("anonymous", VISIBLE, LOGIN, LOGIN, LOGIN, False),
    ("owner", HIDDEN, 200, 200, 200, True),
    ("owner", ANONYMOUS, 200, 200, 200, True),
    ("other_talent", VISIBLE, 404, 404, 404, False),
    ("member", HIDDEN, 404, 404, 404, False),
    ("member", ANONYMOUS, 200, 404, 404, False),
    ("member", VISIBLE, 200, 200, 200, True),
    ("unverified_member", VISIBLE, 404, 404, 404, False),
    ("staff", HIDDEN, 200, 200, 200, True),
    ("moderator", HIDDEN, 200, 200, 200, True),
    # A reporter's role is the figures: no talent's data, hidden or not.
    ("reporter", VISIBLE, 404, 404, 404, False),
]


@pytest.mark.parametrize(
    ("role", "visibility", "page", "photo", "cv", "identity"),
    CASES,
    ids=[f"{case[0]}-{case[1]}" for case in CASES],
)
def test_profile_page_photo_and_cv_per_role(
    client, make_profile, viewer_for, role, visibility, page, photo, cv, identity
):
    profile = make_profile(visibility, display_name="Ana Souza")
    viewer = viewer_for(role, profile)

    response = _get(client, viewer, reverse("profiles:detail", args=[profile.pk]))
    assert _outcome(response) == page
    photo_url = reverse("profiles:photo", args=[profile.pk, "thumbnail"])
    assert _outcome(client.get(photo_url)) == photo
    assert _outcome(client.get(reverse("profiles:cv", args=[profile.pk]))) == cv

    if page == 200:
        html = response.content.decode()
        assert "Python (computer programming)" in html
        assert ("Ana Souza" in html) is identity
        assert (profile.user.email in html) is identity
        assert (photo_url in html) is identity


def test_the_cv_is_served_as_an_attachment_that_browsers_must_not_sniff(client, make_profile):
    profile = make_profile(VISIBLE)
    client.force_login(profile.user)

    response = client.get(reverse("profiles:cv", args=[profile.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Ana Souza CV.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_right_to_work_shows_only_to_the_talent_and_staff(client, make_profile, viewer_for):
    profile = make_profile(VISIBLE, right_to_work=TalentProfile.RightToWork.PENDING)
    url = reverse("profiles:detail", args=[profile.pk])
    text = "Permit application in progress"

    for role, shown in [("owner", True), ("staff", True), ("member", False)]:
        client.force_login(viewer_for(role, profile))
        assert (text in client.get(url).content.decode()) is shown, role


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", LOGIN),
        ("owner", 404),
        ("other_talent", 404),
        ("unverified_member", 403),
        ("member", 200),
        ("staff", 200),
        ("moderator", 200),
        ("reporter", 403),
    ],
)
def test_talent_pool_per_role(client, make_profile, viewer_for, role, expected):
    profile = make_profile(ANONYMOUS)
    assert _outcome(_get(client, viewer_for(role, profile), reverse("profiles:pool"))) == expected


def test_the_pool_shows_anonymous_talents_without_their_identity(client, make_profile, member):
    make_profile(ANONYMOUS, display_name="Olena Kovalenko")
    make_profile(VISIBLE, display_name="Daniel Okafor")
    make_profile(HIDDEN, display_name="Priya Raman")
    client.force_login(member)

    html = client.get(reverse("profiles:pool")).content.decode()

    assert "2 talents found" in html
    assert "Daniel Okafor" in html
    assert "Olena Kovalenko" not in html
    assert "Anonymous talent #" in html
    assert "Priya Raman" not in html


def test_staff_see_hidden_profiles_in_the_pool(client, make_profile, staff):
    make_profile(HIDDEN, display_name="Priya Raman")
    client.force_login(staff)
    assert "Priya Raman" in client.get(reverse("profiles:pool")).content.decode()


def test_an_anonymous_talent_reveals_themselves_by_accepting_a_contact_request(
    client, make_profile, member
):
    profile = make_profile(ANONYMOUS, display_name="Olena Kovalenko")
    page = reverse("profiles:detail", args=[profile.pk])
    client.force_login(member)

    response = client.post(
        reverse("profiles:contact_request", args=[profile.pk]), {"message": "Export role"}
    )
    assert response.status_code == 302
    html = client.get(page).content.decode()
    assert "has not answered yet" in html
    assert "Olena Kovalenko" not in html
    assert _outcome(client.get(reverse("profiles:cv", args=[profile.pk]))) == 404

    client.force_login(profile.user)
    editor = client.get(reverse("profiles:start")).content.decode()
    assert "Export role" in editor
    contact = profile.contact_requests.get()
    client.post(reverse("profiles:contact_decide", args=[contact.pk, "accept"]))

    client.force_login(member)
    html = client.get(page).content.decode()
    assert "Olena Kovalenko" in html
    assert profile.user.email in html
    assert _outcome(client.get(reverse("profiles:cv", args=[profile.pk]))) == 200
    assert "Olena Kovalenko" in client.get(reverse("profiles:pool")).content.decode()
    # Another verified company still sees an anonymous profile.
    client.force_login(MembershipFactory().user)
    assert "Olena Kovalenko" not in client.get(page).content.decode()
    assert "Olena Kovalenko" not in client.get(reverse("profiles:pool")).content.decode()


def test_a_declined_company_cannot_ask_again_and_others_cannot_answer(
    client, make_profile, member, talent
):
    profile = make_profile(ANONYMOUS)
    client.force_login(member)
    url = reverse("profiles:contact_request", args=[profile.pk])
    client.post(url, {"message": ""})
    contact = profile.contact_requests.get()

    client.force_login(talent)  # another talent
    decide = reverse("profiles:contact_decide", args=[contact.pk, "accept"])
    assert client.post(decide).status_code == 404
    client.force_login(profile.user)
    assert client.get(decide).status_code == 405
    client.post(reverse("profiles:contact_decide", args=[contact.pk, "decline"]))
    client.post(decide)  # an answer is final
    contact.refresh_from_db()
    assert contact.status == "declined"

    client.force_login(member)
    response = client.post(url, {"message": "Please?"}, follow=True)
    assert "already asked" in response.content.decode()
    assert profile.contact_requests.count() == 1


def test_staff_open_a_profile_with_files_in_the_admin(client, make_profile, staff):
    profile = make_profile(VISIBLE)
    client.force_login(staff)
    response = client.get(reverse("admin:profiles_talentprofile_change", args=[profile.pk]))
    assert response.status_code == 200
    assert reverse("profiles:cv", args=[profile.pk]) in response.content.decode()


def test_a_file_missing_from_storage_is_404_not_500(client, make_profile):
    from profiles.storage import private_storage

    profile = make_profile(VISIBLE)
    private_storage().delete(profile.cv.name)
    client.force_login(profile.user)
    assert client.get(reverse("profiles:cv", args=[profile.pk])).status_code == 404


def test_a_contact_request_can_name_one_of_the_companys_openings(client, make_profile, member):
    profile = make_profile(ANONYMOUS)
    ours = OpeningFactory(enterprise=member.enterprises.get(), title="Export sales to Japan")
    theirs = OpeningFactory(title="Someone else's opening")
    client.force_login(member)
    page = client.get(reverse("profiles:detail", args=[profile.pk])).content.decode()
    assert "Export sales to Japan" in page
    assert "Someone else" not in page
    url = reverse("profiles:contact_request", args=[profile.pk])
    refused = client.post(url, {"opening": theirs.pk, "message": "Hi"})
    assert "Select a valid choice" in refused.content.decode()
    client.post(url, {"opening": ours.pk, "message": "Hi"})
    client.force_login(profile.user)
    assert "about “Export sales to Japan”" in client.get(reverse("profiles:start")).content.decode()


def test_declining_and_blocking_hides_the_talent_from_that_company(client, make_profile, member):
    profile = make_profile(ANONYMOUS)
    client.force_login(member)
    client.post(reverse("profiles:contact_request", args=[profile.pk]), {"message": "Hi"})
    contact = profile.contact_requests.get()
    client.force_login(profile.user)
    client.post(reverse("profiles:contact_decide", args=[contact.pk, "block"]))
    contact.refresh_from_db()
    assert contact.status == "declined"
    assert "Companies you blocked" in client.get(reverse("profiles:start")).content.decode()

    client.force_login(member)
    assert client.get(reverse("profiles:detail", args=[profile.pk])).status_code == 404
    pool = client.get(reverse("profiles:pool")).content.decode()
    assert f"Anonymous talent #{profile.pk}" not in pool
    # Other companies still find the talent.
    client.force_login(MembershipFactory().user)
    assert client.get(reverse("profiles:detail", args=[profile.pk])).status_code == 200

    client.force_login(profile.user)
    enterprise = member.enterprises.get()
    client.post(reverse("profiles:unblock", args=[enterprise.pk]))
    client.force_login(member)
    assert client.get(reverse("profiles:detail", args=[profile.pk])).status_code == 200


def test_contact_requests_are_limited_per_company_and_day(client, make_profile, member, settings):
    settings.CONTACT_REQUESTS_PER_DAY = 2
    profiles = [make_profile(ANONYMOUS) for _ in range(3)]
    client.force_login(member)
    for profile in profiles:
        response = client.post(
            reverse("profiles:contact_request", args=[profile.pk]), {"message": "Hi"}, follow=True
        )
    assert "sent 2 contact requests in a day" in response.content.decode()
    assert sum(p.contact_requests.count() for p in profiles) == 2
