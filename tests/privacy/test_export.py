"""A person downloads their own data: a ZIP with data.json and the files they uploaded, and
nothing of anyone else's."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from audit.models import AccessLog
from matching.services.applications import application_message_post
from profiles import services
from profiles.documents import photo_process
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    ProfileLanguageFactory,
    ProfileSkillFactory,
    StaffUserFactory,
    TalentProfileFactory,
)
from tests.html import assert_valid_html
from tests.profiles.files import image_upload, pdf_upload
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

EXPORT = reverse("privacy:export")


def _download(client) -> tuple[dict, set[str]]:
    response = client.post(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="talenthub-data-')
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return json.loads(archive.read("data.json")), set(archive.namelist())


@pytest.fixture
def talent_with_everything():
    profile = TalentProfileFactory(display_name="Amina Yusuf")
    ProfileSkillFactory(profile=profile)
    ProfileLanguageFactory(profile=profile, language="fi", level=3)
    services.profile_photo_set(profile=profile, photo=photo_process(image_upload()))
    services.profile_cv_set(profile=profile, upload=pdf_upload("Amina CV.pdf"))
    application = ApplicationFactory(profile=profile, motivation="I love timber logistics.")
    member = MembershipFactory(enterprise=application.opening.enterprise).user
    application_message_post(
        application_id=application.pk, author=member, body="When can you start?"
    )
    AccessLog.objects.create(
        actor=StaffUserFactory(), subject=profile.user, action="cv", target="x", path="/"
    )
    return profile, member


def test_a_talent_downloads_everything_kept_about_them(client, talent_with_everything):
    profile, member = talent_with_everything
    other = ApplicationFactory(motivation="Someone else's motivation.")
    client.force_login(profile.user)

    data, names = _download(client)

    assert {"data.json", "photo.jpg", "cv/Amina CV.pdf"} <= names
    assert data["account"]["email"] == profile.user.email
    talent = data["talent"]
    assert talent["profile"]["display_name"] == "Amina Yusuf"
    assert len(talent["skills"]) == 1
    assert talent["languages"][0]["language"] == "fi"
    [application] = talent["applications"]
    assert application["motivation"] == "I love timber logistics."
    assert application["messages"] == [
        {"at": application["messages"][0]["at"], "yours": False, "text": "When can you start?"}
    ]
    assert [entry["action"] for entry in data["staff_access"]] == ["Downloaded a CV"]
    # Nothing of anyone else's: not another applicant, not the company member's address.
    text = json.dumps(data)
    assert other.motivation not in text
    assert member.email not in text


def test_a_company_member_gets_their_account_and_memberships(client):
    membership = MembershipFactory()
    client.force_login(membership.user)

    data, names = _download(client)

    assert names == {"data.json"}
    assert data["company_memberships"][0]["company"] == membership.enterprise.name
    assert "talent" not in data


def test_the_page_explains_and_only_a_signed_in_person_downloads(client):
    assert client.get(EXPORT)["Location"].startswith(reverse("account_login"))
    assert client.post(EXPORT)["Location"].startswith(reverse("account_login"))


def test_the_export_queries_do_not_grow_with_applications(client):
    profile = TalentProfileFactory()
    ApplicationFactory(profile=profile)
    client.force_login(profile.user)
    few = queries_of(client, EXPORT, "post")
    for _ in range(4):
        ApplicationFactory(profile=profile)

    assert queries_of(client, EXPORT, "post") == few


def test_the_pages_are_valid_html_in_both_languages(client, settings, tmp_path):
    client.force_login(TalentProfileFactory().user)

    def pages():
        delete = reverse("privacy:delete")
        yield "english", client.get(EXPORT)
        yield "delete", client.get(delete)
        yield "delete, not confirmed", client.post(delete, {}, follow=True)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
        yield "finnish", client.get(EXPORT)
        yield "delete, finnish", client.get(delete)

    assert_valid_html(pages(), tmp_path)
