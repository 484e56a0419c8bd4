"""The talent's profile editor: sections saved on their own, items, files, completeness."""

import pytest
from django.urls import reverse

from esco.models import Occupation, Skill
from matching.models import MatchScore
from profiles.models import (
    ContactRequest,
    Education,
    EnterpriseBlock,
    Experience,
    ProfileSkill,
    TalentProfile,
)
from profiles.storage import private_storage
from tests.factories import (
    EnterpriseFactory,
    MembershipFactory,
    OpeningFactory,
    ProfileSkillFactory,
    TalentProfileFactory,
)

from .files import bomb_upload, image_upload, pdf_upload


def section(name):
    return reverse("profiles:section", args=[name])


@pytest.fixture
def talent_client(client, talent):
    client.force_login(talent)
    return client


def _profile(talent) -> TalentProfile:
    return TalentProfile.objects.get(user=talent)


def test_a_new_talent_starts_with_a_hidden_profile_and_a_next_step(talent_client, talent):
    response = talent_client.get(reverse("profiles:start"))

    html = response.content.decode()
    assert _profile(talent).visibility == TalentProfile.Visibility.HIDDEN
    assert "Your profile is 0% complete" in html
    assert "Add at least 5 skills" in html


def test_each_section_saves_on_its_own(talent_client, talent):
    response = talent_client.post(
        section("basics"),
        {
            "display_name": "Ana Souza",
            "headline": "Python developer",
            "about": "Five years of web development.",
            "municipality": "167",
            "country": "",
        },
    )
    assert response.status_code == 302
    talent_client.post(section("visibility"), {"visibility": "anonymous"})
    talent_client.post(
        section("preferences"),
        {
            "opportunity_types": ["job", "joint_work"],
            "available_from": "2027-01-15",
            "work_time": "full_time",
            "hours_per_week": "37",
            "right_to_work": "permit",
        },
    )

    profile = _profile(talent)
    assert (profile.display_name, profile.municipality) == ("Ana Souza", "167")
    assert profile.visibility == TalentProfile.Visibility.ANONYMOUS
    assert sorted(profile.opportunities.values_list("kind", flat=True)) == ["job", "joint_work"]
    assert profile.right_to_work == "permit"

    talent_client.post(section("preferences"), {"opportunity_types": ["internship"]})
    assert list(_profile(talent).opportunities.values_list("kind", flat=True)) == ["internship"]


def test_invalid_input_shows_a_linked_error_summary_and_keeps_what_was_typed(talent_client):
    response = talent_client.post(
        section("basics"), {"display_name": "", "headline": "Kept headline", "municipality": "999"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert 'href="#id_display_name"' in html
    assert 'href="#id_municipality"' in html
    assert 'value="Kept headline"' in html


def test_skills_are_found_added_leveled_and_removed(talent_client, talent):
    response = talent_client.get(section("skills"), {"q": "trukki"})
    forklift = Skill.objects.get(label_en="operate forklift")
    assert forklift in response.context["results"]

    talent_client.post(section("skills"), {"skill": forklift.pk, "level": "2"})
    talent_client.post(section("skills"), {"skill": forklift.pk, "level": "4"})
    item = ProfileSkill.objects.get(profile__user=talent)
    assert (item.skill, item.level) == (forklift, 4)

    talent_client.post(reverse("profiles:item_delete", args=["skills", item.pk]))
    assert not ProfileSkill.objects.filter(profile__user=talent).exists()


def test_a_skill_group_cannot_be_added_as_a_skill(talent_client, talent):
    group = Skill.objects.filter(concept_type=Skill.ConceptType.GROUP).first()
    response = talent_client.post(section("skills"), {"skill": group.pk, "level": "2"})
    assert response.status_code == 200
    assert not ProfileSkill.objects.filter(profile__user=talent).exists()


def test_occupations_languages_education_and_experience(talent_client, talent):
    developer = Occupation.objects.get(label_en="software developer")
    talent_client.post(section("occupations"), {"occupation": developer.pk})
    talent_client.post(section("languages"), {"language": "fi", "level": "3"})
    talent_client.post(section("languages"), {"language": "fi", "level": "4"})
    talent_client.post(
        section("education"),
        {"level": "master", "field": "Computer science", "institution": "UEF", "year": "2020"},
    )
    response = talent_client.post(
        section("experience"),
        {"title": "Developer", "employer": "Acme", "start_date": "2021-03-01", "end_date": ""},
    )
    assert response.status_code == 302

    profile = _profile(talent)
    assert list(profile.occupations.all()) == [developer]
    assert list(profile.languages.values_list("language", "level")) == [("fi", 4)]
    assert profile.education.get().institution == "UEF"
    assert profile.experience.get().end_date is None


def test_experience_that_ends_before_it_starts_is_refused(talent_client, talent):
    response = talent_client.post(
        section("experience"),
        {"title": "Dev", "employer": "Acme", "start_date": "2021-03-01", "end_date": "2020-01-01"},
    )
    assert "The end date is before the start date." in response.content.decode()
    assert not Experience.objects.exists()


def test_a_talent_cannot_remove_another_talents_items(talent_client, talent):
    other = ProfileSkillFactory()
    education = Education.objects.create(
        profile=other.profile, level="bachelor", field="Nursing", institution="Karelia UAS"
    )
    assert (
        talent_client.post(reverse("profiles:item_delete", args=["skills", other.pk])).status_code
        == 404
    )
    assert (
        talent_client.post(
            reverse("profiles:item_delete", args=["education", education.pk])
        ).status_code
        == 404
    )
    assert ProfileSkill.objects.filter(pk=other.pk).exists()
    assert Education.objects.filter(pk=education.pk).exists()


def test_removing_needs_a_post(talent_client, talent):
    item = ProfileSkillFactory(profile=TalentProfileFactory(user=talent))
    response = talent_client.get(reverse("profiles:item_delete", args=["skills", item.pk]))
    assert response.status_code == 405
    assert ProfileSkill.objects.filter(pk=item.pk).exists()


def test_replacing_or_removing_files_deletes_the_old_ones(
    talent_client, talent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        talent_client.post(section("photo"), {"photo": image_upload()})
    first = _profile(talent)
    old_files = [first.photo.name, first.photo_thumbnail.name]
    assert all(private_storage().exists(name) for name in old_files)

    with django_capture_on_commit_callbacks(execute=True):
        talent_client.post(section("photo"), {"photo": image_upload()})
        talent_client.post(section("cv"), {"cv": pdf_upload()})
    second = _profile(talent)
    assert not any(private_storage().exists(name) for name in old_files)
    assert private_storage().exists(second.photo.name)

    with django_capture_on_commit_callbacks(execute=True):
        talent_client.post(reverse("profiles:file_delete", args=["photo"]))
        talent_client.post(reverse("profiles:file_delete", args=["cv"]))
    third = _profile(talent)
    assert not third.photo
    assert not third.cv
    assert not private_storage().exists(second.photo.name)
    assert not private_storage().exists(second.cv.name)


def test_stored_files_have_random_names_and_no_public_url(talent_client, talent):
    talent_client.post(section("cv"), {"cv": pdf_upload("Ana Souza CV.pdf")})
    profile = _profile(talent)
    assert "Souza" not in profile.cv.name
    assert profile.cv_filename == "Ana Souza CV.pdf"
    with pytest.raises(ValueError, match="no public URL"):
        profile.cv.url  # noqa: B018


def test_a_decompression_bomb_is_a_form_error_not_a_500(talent_client, talent):
    response = talent_client.post(section("photo"), {"photo": bomb_upload()})
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    assert not _profile(talent).photo


def test_a_text_file_renamed_pdf_is_a_form_error(talent_client, talent):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("cv.pdf", b"not a pdf", content_type="application/pdf")
    response = talent_client.post(section("cv"), {"cv": fake})
    assert "Choose a PDF file." in response.content.decode()
    assert not _profile(talent).cv


def test_completeness_grows_and_points_to_the_next_step(talent_client, talent):
    profile = TalentProfileFactory(user=talent, headline="Dev", about="About me")
    for label in [
        "SQL",
        "JavaScript",
        "Python (computer programming)",
        "web programming",
        "debug software",
    ]:
        ProfileSkillFactory(profile=profile, label=label)

    html = talent_client.get(reverse("profiles:start")).content.decode()

    assert "Your profile is 40% complete" in html
    assert "Add the languages you speak" in html


@pytest.mark.parametrize("role", ["anonymous", "member", "staff"])
def test_only_talents_have_an_editor(client, user_for_role, role):
    user = user_for_role(role)
    if user:
        client.force_login(user)
    response = client.get(section("skills"))
    assert response.status_code == (302 if role == "anonymous" else 404)


def test_an_unknown_section_is_404(talent_client):
    assert talent_client.get(section("nonsense")).status_code == 404


def _overview_rows(profile, number):
    """`number` each of pending and accepted contact requests, blocks and recommendations."""
    for index in range(number):
        for status in (ContactRequest.Status.PENDING, ContactRequest.Status.ACCEPTED):
            member = MembershipFactory()
            ContactRequest.objects.create(
                profile=profile,
                enterprise=member.enterprise,
                requested_by=member.user,
                opening=OpeningFactory(enterprise=member.enterprise, title=f"{status} {index}"),
                status=status,
            )
        EnterpriseBlock.objects.create(profile=profile, enterprise=EnterpriseFactory())
        MatchScore.objects.create(profile=profile, opening=OpeningFactory(), score=50 + index)


@pytest.mark.parametrize("rows", [1, 6])
def test_the_overview_query_count_does_not_grow_with_rows(
    talent_client, talent, django_assert_max_num_queries, rows
):
    profile = TalentProfileFactory(user=talent)
    _overview_rows(profile, rows)
    talent_client.get(reverse("profiles:start"))  # the session and the user, read once

    with django_assert_max_num_queries(7):
        html = talent_client.get(reverse("profiles:start")).content.decode()

    assert html.count("about “pending") == rows
    assert html.count("about “accepted") == rows
    assert html.count("Unblock<span") == rows
    assert html.count("match 5") == min(rows, 3)
