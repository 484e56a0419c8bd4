"""The self-assessment pages per role: questions, result, the stored record and the one-click
draft opening."""

import pytest
from django.conf import settings
from django.urls import reverse

from enterprises.models import Membership
from matching.models import Opening
from tests.factories import (
    EnterpriseFactory,
    EnterpriseUserFactory,
    MembershipFactory,
    StaffUserFactory,
    TalentUserFactory,
)
from toolkit.models import Assessment

from .answers import NEW, READY, answers

# A signed-in request reads its session with a query, unless through Redis (core.sessions).
SESSION_QUERY = int(settings.SESSION_ENGINE != "core.sessions")

pytestmark = pytest.mark.django_db

ASSESSMENT = reverse("toolkit:assessment")
DRAFT = reverse("toolkit:draft")
DRAFT_BUTTON = "Create a draft opening</button>"
SIGN_UP = "as a company to turn this into a draft opening"
REGISTER = "Register your company</a> to turn this"


def sign_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


def makers():
    member = MembershipFactory().user
    return {
        "anonymous": None,
        "talent": TalentUserFactory(),
        "member": member,
        "enterprise_user": EnterpriseUserFactory(),  # no company registered yet
        "staff": StaffUserFactory(),
    }


@pytest.fixture
def member_client(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    client.membership = membership
    return client


# The questions.


@pytest.mark.parametrize("role", ["anonymous", "talent", "member", "enterprise_user", "staff"])
def test_anyone_can_take_the_assessment(client, role):
    sign_in(client, makers()[role])
    response = client.get(ASSESSMENT)
    html = response.content.decode()
    assert response.status_code == 200
    # Seven questions, each a radio group in a fieldset with a legend.
    assert html.count("<fieldset") == 7
    assert html.count("<legend") == 7
    assert 'name="permits" value="unknown"' in html
    assert 'name="enterprise"' not in html  # a choice only for members of several companies


def test_missing_answers_show_an_error_summary_and_keep_the_rest(client):
    partial = {name: value for name, value in NEW.items() if name not in {"mentor", "timing"}}
    response = client.post(ASSESSMENT, partial)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.templates[0].name == "toolkit/assessment.html"
    assert 'class="error-summary"' in html
    assert '<a href="#id_mentor_0">' in html
    assert '<a href="#id_timing_0">' in html
    assert html.count("Choose one answer.") == 4  # twice each: in the summary and at the field
    assert 'value="unknown" required id="id_permits_0" checked' in html
    assert not Assessment.objects.exists()


def test_an_unknown_answer_is_an_error(client):
    response = client.post(ASSESSMENT, answers(NEW, permits="maybe"))
    assert response.templates[0].name == "toolkit/assessment.html"
    assert "Select a valid choice" in response.content.decode()


def test_change_my_answers_comes_back_filled_in(client):
    response = client.get(ASSESSMENT, NEW)
    assert 'value="unknown" required id="id_permits_0" checked' in response.content.decode()


def test_the_assessment_takes_no_other_methods(client):
    assert client.put(ASSESSMENT).status_code == 405


# The result.


def test_result_shows_level_next_step_guides_and_organisations(client):
    response = client.post(ASSESSMENT, NEW)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["result"].kind == "joint_work"
    assert "<h1>Your readiness: Getting started</h1>" in html
    assert "Suggested next step: Joint work period" in html
    assert f'href="{reverse("pages:guide", kwargs={"slug": "right-to-work"})}"' in html
    directory = reverse("organisations:list")
    assert f'href="{directory}?service=work_permits"' in html
    assert f'href="{directory}?service=language_courses"' in html
    # The answers are repeated, and can be changed without retyping them.
    assert "No, we do not know what is needed" in html
    assert '<input type="hidden" name="permits" value="unknown">' in html


@pytest.mark.parametrize(
    ("role", "button", "sign_up", "register"),
    [
        ("anonymous", False, True, False),
        ("talent", False, False, False),
        ("member", True, False, False),
        ("enterprise_user", False, False, True),
        ("staff", False, False, False),
    ],
)
def test_result_offers_the_draft_to_company_members_only(client, role, button, sign_up, register):
    sign_in(client, makers()[role])
    html = client.post(ASSESSMENT, READY).content.decode()
    assert (DRAFT_BUTTON in html, SIGN_UP in html, REGISTER in html) == (button, sign_up, register)


@pytest.mark.parametrize("role", ["anonymous", "talent", "enterprise_user", "staff"])
def test_only_company_members_answers_are_stored(client, role):
    sign_in(client, makers()[role])
    client.post(ASSESSMENT, READY)
    assert not Assessment.objects.exists()


def test_reloading_the_result_stores_the_assessment_once(member_client):
    member_client.post(ASSESSMENT, NEW)
    member_client.post(ASSESSMENT, NEW)  # the browser re-sends the form
    member_client.post(ASSESSMENT, READY)  # changed answers are a new assessment

    assert sorted(a.level for a in Assessment.objects.all()) == ["getting_started", "ready"]


def test_a_members_answers_are_stored_for_their_company(member_client):
    member_client.post(ASSESSMENT, NEW)
    assessment = Assessment.objects.get()
    assert assessment.enterprise == member_client.membership.enterprise
    assert assessment.created_by == member_client.membership.user
    assert assessment.answers == NEW
    assert (assessment.level, assessment.suggested_kind, assessment.score) == (
        "getting_started",
        "joint_work",
        0,
    )


def test_a_member_of_several_companies_says_which_one(member_client):
    user = member_client.membership.user
    second = MembershipFactory(user=user, enterprise__name="Zeta Oy").enterprise
    other = EnterpriseFactory()

    html = member_client.get(ASSESSMENT).content.decode()
    assert html.count("<fieldset") == 8
    assert f'name="enterprise" value="{second.pk}"' in html

    response = member_client.post(ASSESSMENT, NEW)
    assert "Choose a company." in response.content.decode()
    response = member_client.post(ASSESSMENT, {**NEW, "enterprise": other.pk})
    assert "Select a valid choice" in response.content.decode()
    assert not Assessment.objects.exists()

    response = member_client.post(ASSESSMENT, {**NEW, "enterprise": second.pk})
    assert Assessment.objects.get().enterprise == second
    # The draft goes to the same company unless they choose another.
    html = response.content.decode()
    assert f'<option value="{second.pk}" selected>' in html


@pytest.mark.parametrize("companies", [1, 5])
def test_query_count_does_not_grow_with_companies(
    member_client, companies, django_assert_num_queries
):
    user = member_client.membership.user
    MembershipFactory.create_batch(companies - 1, user=user)
    chosen = {"enterprise": member_client.membership.enterprise_id} if companies > 1 else {}
    # (Session,) user, the person's companies, the company locked and the assessment looked
    # up and saved (nine with the transaction and savepoints), the header's unread count.
    with django_assert_num_queries(SESSION_QUERY + 12):
        response = member_client.post(ASSESSMENT, {**NEW, **chosen})
    assert response.context["result"]


def test_anonymous_pages_need_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get(ASSESSMENT)
        client.post(ASSESSMENT, NEW)


# The draft opening.


def draft(client, given=NEW, **extra):
    return client.post(DRAFT, {**given, **extra})


def test_a_member_turns_the_result_into_a_draft(member_client):
    enterprise = member_client.membership.enterprise
    response = draft(member_client, NEW, enterprise=enterprise.pk)

    opening = Opening.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "company_openings:edit", args=[enterprise.pk, opening.pk]
    )
    assert opening.status == Opening.Status.DRAFT
    assert opening.kind == "joint_work"
    assert opening.enterprise == enterprise
    assert opening.created_by == opening.contact == member_client.membership.user
    assert opening.title == "Joint work period: [name the role or project]"
    assert f"What does {enterprise.name} do" in opening.description
    assert "Our working language is Finnish" in opening.description
    assert not opening.finnish_not_required
    # The editor opens with it, and says what to do next.
    editor = member_client.get(response["Location"])
    assert editor.status_code == 200
    assert "Draft opening created" in editor.content.decode()


@pytest.mark.parametrize(
    ("given", "kind"),
    [
        (READY, "job"),
        (answers(READY, need="develop"), "development"),
        (answers(NEW, need="train"), "internship"),
    ],
)
def test_the_draft_is_of_the_suggested_kind(member_client, given, kind):
    draft(member_client, given, enterprise=member_client.membership.enterprise_id)
    assert Opening.objects.get().kind == kind


def test_the_kind_is_computed_not_taken_from_the_request(member_client):
    draft(member_client, NEW, enterprise=member_client.membership.enterprise_id, kind="job")
    assert Opening.objects.get().kind == "joint_work"


def test_english_at_work_means_finnish_is_not_required(member_client):
    draft(member_client, READY, enterprise=member_client.membership.enterprise_id)
    opening = Opening.objects.get()
    assert opening.finnish_not_required
    assert "English works as our working language." in opening.description


def test_the_draft_is_written_in_the_persons_language(member_client):
    user = member_client.membership.user
    user.preferred_language = "fi"
    user.save()
    draft(member_client, NEW, enterprise=member_client.membership.enterprise_id)
    assert Opening.objects.get().title.startswith("Yhteinen työjakso:")


def test_altered_answers_are_asked_again(member_client):
    response = draft(
        member_client,
        answers(NEW, need="everything"),
        enterprise=member_client.membership.enterprise_id,
    )
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not Opening.objects.exists()


def test_a_member_of_several_companies_chooses_one_of_theirs(member_client):
    second = MembershipFactory(
        user=member_client.membership.user, role=Membership.Role.MEMBER
    ).enterprise
    draft(member_client, NEW, enterprise=second.pk)
    assert Opening.objects.get().enterprise == second


def test_no_draft_for_another_company(member_client):
    other = EnterpriseFactory()
    assert draft(member_client, NEW, enterprise=other.pk).status_code == 404
    assert draft(member_client, NEW, enterprise="not a number").status_code == 404
    assert draft(member_client, NEW).status_code == 404
    assert not Opening.objects.exists()


@pytest.mark.parametrize("role", ["talent", "enterprise_user", "staff"])
def test_others_get_404(client, role):
    sign_in(client, makers()[role])
    enterprise = EnterpriseFactory()
    assert draft(client, NEW, enterprise=enterprise.pk).status_code == 404
    assert not Opening.objects.exists()


def test_anonymous_visitors_log_in_and_come_back_to_the_questions(client):
    enterprise = EnterpriseFactory()
    response = draft(client, NEW, enterprise=enterprise.pk)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={ASSESSMENT}"
    assert not Opening.objects.exists()


def test_the_draft_is_created_by_post_only(member_client):
    response = member_client.get(
        DRAFT, {**NEW, "enterprise": member_client.membership.enterprise_id}
    )
    assert response.status_code == 405
    assert not Opening.objects.exists()


@pytest.mark.parametrize("companies", [1, 5])
def test_draft_query_count_does_not_grow_with_companies(
    member_client, companies, django_assert_num_queries
):
    MembershipFactory.create_batch(companies - 1, user=member_client.membership.user)
    # (Session,) user, the person's companies (one query however many), then opening_create:
    # its validation (the contact, the check constraints) and the insert, in savepoints.
    with django_assert_num_queries(SESSION_QUERY + 14):
        draft(member_client, NEW, enterprise=member_client.membership.enterprise_id)
    assert Opening.objects.count() == 1
