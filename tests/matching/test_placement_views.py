"""Placement pages, per role: the talent and the enterprise's team read and act on their
placement; everyone else gets 404 (staff work in the admin). Forms post with CSRF, show errors
in the summary, and the list pages' query counts do not grow with rows."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.models import Application, Feedback, Outcome, Placement, StartUp
from matching.services.applications import application_move
from matching.services.placements import feedback_give
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    OpeningFactory,
    PlacementFactory,
    StaffUserFactory,
    TalentProfileFactory,
    TalentUserFactory,
)
from tests.factories.enterprises import valid_business_id
from tests.html import assert_valid_html

S = Placement.Status
LOGIN = "login"


@pytest.fixture
def team(db):
    return MembershipFactory()


@pytest.fixture
def placement(team):
    return PlacementFactory(
        enterprise=team.enterprise, supervisor=team.user, profile__display_name="Ana Souza"
    )


def set_status(placement, status) -> Placement:
    Placement.objects.filter(pk=placement.pk).update(
        status=status, started_on=None if status == S.AGREED else placement.start_date
    )
    return Placement.objects.get(pk=placement.pk)


def talent_url(name, placement=None):
    if placement is None:
        return reverse(f"applications:{name}")
    return reverse(f"applications:{name}", args=[placement.pk])


def company_url(name, placement, enterprise=None):
    enterprise_pk = (enterprise or placement.enterprise).pk
    if name == "placements":
        return reverse("company_openings:placements", args=[enterprise_pk])
    return reverse(f"company_openings:{name}", args=[enterprise_pk, placement.pk])


def outcome(response):
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("account_login"))
        return LOGIN
    return response.status_code


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def viewer(role, placement):
    return {
        "anonymous": lambda: None,
        "talent": lambda: placement.profile.user,
        "other_talent": TalentUserFactory,
        "member": lambda: MembershipFactory(enterprise=placement.enterprise, role="member").user,
        "other_member": lambda: MembershipFactory().user,
        "staff": StaffUserFactory,
    }[role]()


# Who sees which page.

ROLES = ["anonymous", "talent", "other_talent", "member", "other_member", "staff"]
TALENT_PAGE = {
    "anonymous": LOGIN,
    "talent": 200,
    "other_talent": 404,
    "member": 404,
    "other_member": 404,
    "staff": 404,
}
COMPANY_PAGE = {**TALENT_PAGE, "talent": 404, "member": 200}


@pytest.mark.parametrize("role", ROLES)
def test_the_talents_placement_page_per_role(client, placement, role):
    login(client, viewer(role, placement))
    assert outcome(client.get(talent_url("placement", placement))) == TALENT_PAGE[role]


@pytest.mark.parametrize("page", ["placements", "startups"])
@pytest.mark.parametrize("role", ROLES)
def test_the_talents_lists_per_role(client, placement, page, role):
    login(client, viewer(role, placement))
    expected = 200 if role == "other_talent" else TALENT_PAGE[role]  # their own, empty list
    assert outcome(client.get(talent_url(page))) == expected


@pytest.mark.parametrize("page", ["placements", "placement", "placement_edit"])
@pytest.mark.parametrize("role", ROLES)
def test_the_enterprises_pages_per_role(client, placement, page, role):
    login(client, viewer(role, placement))
    assert outcome(client.get(company_url(page, placement))) == COMPANY_PAGE[role]


@pytest.mark.parametrize("page", ["placement", "placement_edit"])
def test_another_team_gets_404_under_its_own_enterprise_too(client, placement, page):
    other = MembershipFactory()
    login(client, other.user)
    assert client.get(company_url(page, placement, other.enterprise)).status_code == 404


def test_another_talents_list_does_not_show_the_placement(client, placement):
    login(client, TalentUserFactory())
    assert placement.title not in client.get(talent_url("placements")).content.decode()


def test_another_team_cannot_act_on_the_placement(client, placement):
    other = MembershipFactory()
    login(client, other.user)
    for enterprise in (other.enterprise, placement.enterprise):
        for name, data in [
            ("placement_move", {"to": S.ONGOING}),
            ("placement_checkin", {"text": "Hi"}),
            ("placement_feedback", {"rating": 5}),
            ("placement_outcome", {"kind": "other"}),
        ]:
            assert client.post(company_url(name, placement, enterprise), data).status_code == 404
    assert Placement.objects.get(pk=placement.pk).status == S.AGREED


def test_another_talent_cannot_act_on_the_placement(client, placement):
    login(client, TalentUserFactory())
    url = talent_url("placement_move", placement)
    assert client.post(url, {"to": S.INTERRUPTED, "reason": "x"}).status_code == 404
    assert Placement.objects.get(pk=placement.pk).status == S.AGREED


def test_changes_are_post_only(client, placement, team):
    login(client, placement.profile.user)
    for name in ["placement_move", "placement_checkin", "placement_feedback", "placement_outcome"]:
        assert client.get(talent_url(name, placement)).status_code == 405
    login(client, team.user)
    for name in ["placement_move", "placement_checkin", "placement_feedback", "placement_outcome"]:
        assert client.get(company_url(name, placement)).status_code == 405


def test_forms_need_the_csrf_token(placement, team):
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.user)
    response = client.post(company_url("placement_move", placement), {"to": S.ONGOING})
    assert response.status_code == 403
    assert Placement.objects.get(pk=placement.pk).status == S.AGREED


# From the offer to the placement page.


def test_the_accepted_application_links_to_its_placement_on_both_sides(client, team):
    opening = OpeningFactory(enterprise=team.enterprise, contact=team.user)
    application = ApplicationFactory(opening=opening, status=Application.Status.OFFERED)
    application_move(application_id=application.pk, actor=application.profile.user, to="accepted")
    placement = Placement.objects.get(application=application)

    login(client, application.profile.user)
    page = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert talent_url("placement", placement) in page
    login(client, team.user)
    url = reverse("company_openings:application", args=[team.enterprise.pk, application.pk])
    assert company_url("placement", placement) in client.get(url).content.decode()


# Acting on the page: what each side is offered, and what it does.


def test_the_team_sees_start_and_interrupt_the_talent_only_interrupt(client, placement, team):
    login(client, team.user)
    html = client.get(company_url("placement", placement)).content.decode()
    assert 'value="ongoing"' in html
    assert 'value="interrupted"' in html
    assert company_url("placement_edit", placement) in html

    login(client, placement.profile.user)
    html = client.get(talent_url("placement", placement)).content.decode()
    assert 'value="ongoing"' not in html
    assert 'value="interrupted"' in html
    assert "placement_edit" not in html


def test_the_team_marks_the_placement_started(client, placement, team):
    login(client, team.user)
    response = client.post(company_url("placement_move", placement), {"to": S.ONGOING})
    assert response["Location"] == company_url("placement", placement)
    assert Placement.objects.get(pk=placement.pk).status == S.ONGOING


def test_the_talent_cannot_mark_it_started(client, placement):
    login(client, placement.profile.user)
    assert (
        client.post(talent_url("placement_move", placement), {"to": S.ONGOING}).status_code == 404
    )
    assert Placement.objects.get(pk=placement.pk).status == S.AGREED


def test_an_interruption_without_a_reason_shows_the_error_summary(client, placement):
    login(client, placement.profile.user)
    response = client.post(talent_url("placement_move", placement), {"to": S.INTERRUPTED})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert 'href="#id_reason"' in html
    assert Placement.objects.get(pk=placement.pk).status == S.AGREED

    client.post(
        talent_url("placement_move", placement), {"to": S.INTERRUPTED, "reason": "I moved away."}
    )
    placement = Placement.objects.get(pk=placement.pk)
    assert (placement.status, placement.interruption_reason) == (S.INTERRUPTED, "I moved away.")


def test_a_refused_move_is_a_message_not_an_error_page(client, placement, team):
    set_status(placement, S.COMPLETED)
    login(client, team.user)
    response = client.post(company_url("placement_move", placement), {"to": S.ONGOING}, follow=True)
    assert "that is not possible now" in response.content.decode()


def test_the_team_edits_the_agreed_placement(client, placement, team):
    login(client, team.user)
    url = company_url("placement_edit", placement)
    bad = client.post(url, {"start_date": "2030-05-01", "end_date": "2030-04-01", "goals": ""})
    assert 'href="#id_end_date"' in bad.content.decode()
    response = client.post(
        url,
        {
            "start_date": "2030-05-01",
            "end_date": "2030-08-01",
            "supervisor": team.user.pk,
            "goals": "Ship it.",
        },
    )
    assert response.status_code == 302
    placement = Placement.objects.get(pk=placement.pk)
    assert (placement.start_date, placement.goals) == (datetime.date(2030, 5, 1), "Ship it.")


def test_a_started_placement_is_no_longer_editable(client, placement, team):
    set_status(placement, S.ONGOING)
    login(client, team.user)
    response = client.get(company_url("placement_edit", placement))
    assert response["Location"] == company_url("placement", placement)


def test_both_sides_write_a_check_in_from_the_page(client, placement, team):
    set_status(placement, S.ONGOING)
    login(client, placement.profile.user)
    client.post(talent_url("placement_checkin", placement), {"text": "Learning a lot."})
    login(client, team.user)
    html = client.get(company_url("placement", placement)).content.decode()
    assert "Learning a lot." in html
    assert 'name="text"' in html  # the team has not written its own yet
    client.post(company_url("placement_checkin", placement), {"text": "Great start."})
    html = client.get(company_url("placement", placement)).content.decode()
    assert 'name="text"' not in html
    assert placement.checkins.count() == 2


def test_feedback_from_the_page_and_the_others_hidden_until_given(client, placement, team):
    set_status(placement, S.COMPLETED)
    feedback_give(
        placement_id=placement.pk, author=placement.profile.user, rating=5, comment="Kind people."
    )
    login(client, team.user)
    html = client.get(company_url("placement", placement)).content.decode()
    assert "Kind people." not in html
    assert 'name="rating"' in html
    assert "<legend" in html  # the rating radios are a fieldset

    response = client.post(
        company_url("placement_feedback", placement), {"rating": "4", "comment": "Reliable."}
    )
    assert response.status_code == 302
    html = client.get(company_url("placement", placement)).content.decode()
    assert "Kind people." in html
    assert "Reliable." in html
    assert Feedback.objects.filter(placement=placement).count() == 2


def test_a_missing_rating_shows_the_error_summary(client, placement):
    set_status(placement, S.COMPLETED)
    login(client, placement.profile.user)
    response = client.post(talent_url("placement_feedback", placement), {"comment": "Hm."})
    assert 'href="#id_rating_0"' in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_talent_records_and_updates_the_outcome_from_the_page(client, placement):
    set_status(placement, S.COMPLETED)
    login(client, placement.profile.user)
    client.post(talent_url("placement_outcome", placement), {"kind": "studies"})
    client.post(
        talent_url("placement_outcome", placement),
        {"kind": "employed_same_sme", "note": "Hired on!"},
    )
    current = Outcome.objects.get(is_current=True)
    assert (current.kind, current.note) == ("employed_same_sme", "Hired on!")
    assert (
        "Employed by the same company"
        in client.get(talent_url("placement", placement)).content.decode()
    )


def test_the_talent_records_a_start_up_from_the_page(client, talent):
    login(client, talent)
    bad = client.post(
        talent_url("startups"),
        {"name": "Nordic Fika", "business_id": "1234567-0", "founded_on": "2026-01-05"},
    )
    assert 'href="#id_business_id"' in bad.content.decode()
    assert not StartUp.objects.exists()

    response = client.post(
        talent_url("startups"),
        {
            "name": "Nordic Fika",
            "business_id": valid_business_id(3),
            "founded_on": "2024-01-05",
            "industry": "I",
            "support_organisation": "Business Joensuu",
        },
    )
    assert response["Location"] == talent_url("startups")
    startup = StartUp.objects.get()
    assert (startup.founder.user, startup.business_id) == (talent, valid_business_id(3))
    assert "Nordic Fika" in client.get(talent_url("startups")).content.decode()


# Query counts: the same for one row as for twenty.


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_talents_list_queries_do_not_grow(client, placement, django_assert_max_num_queries):
    login(client, placement.profile.user)
    url = talent_url("placements")
    one = _queries(client, url)
    PlacementFactory.create_batch(19, profile=placement.profile)
    with django_assert_max_num_queries(one):
        response = client.get(url)
    assert len(response.context["placements"]) == 20


def test_the_enterprises_list_queries_do_not_grow(
    client, placement, team, django_assert_max_num_queries
):
    login(client, team.user)
    url = company_url("placements", placement)
    one = _queries(client, url)
    PlacementFactory.create_batch(19, enterprise=team.enterprise, supervisor=team.user)
    with django_assert_max_num_queries(one):
        response = client.get(url)
    assert len(response.context["placements"]) == 20


def test_the_placement_page_queries_do_not_grow_with_history(
    client, placement, team, django_assert_max_num_queries
):
    set_status(placement, S.COMPLETED)
    pages = [
        (placement.profile.user, talent_url("placement", placement)),
        (team.user, company_url("placement", placement)),
    ]
    counts = [_queries(login(client, user), url) for user, url in pages]
    for _ in range(5):
        placement.events.create(actor=team.user, from_status=S.AGREED, to_status=S.ONGOING)
    feedback_give(placement_id=placement.pk, author=team.user, rating=4)
    for (user, url), one in zip(pages, counts, strict=True):
        login(client, user)
        with django_assert_max_num_queries(one):
            client.get(url)


def test_the_placement_pages_are_valid_html(client, placement, team, tmp_path):
    completed = set_status(
        PlacementFactory(enterprise=team.enterprise, profile=placement.profile), S.COMPLETED
    )
    feedback_give(placement_id=completed.pk, author=team.user, rating=4, comment="Good.")

    def pages():
        login(client, placement.profile.user)
        yield "my placements", client.get(talent_url("placements"))
        yield "placement", client.get(talent_url("placement", placement))
        yield "completed", client.get(talent_url("placement", completed))
        yield (
            "interrupt, errors",
            client.post(talent_url("placement_move", placement), {"to": S.INTERRUPTED}),
        )
        yield "start-ups", client.get(talent_url("startups"))
        yield "start-ups, errors", client.post(talent_url("startups"), {"name": ""})
        login(client, team.user)
        yield "team's placements", client.get(company_url("placements", placement))
        yield "team's placement", client.get(company_url("placement", placement))
        yield "team's completed", client.get(company_url("placement", completed))
        yield "edit", client.get(company_url("placement_edit", placement))

    assert_valid_html(pages(), tmp_path)


# Staff work in the admin, through the services.


@pytest.fixture
def staff_client(client, db):
    moderator = StaffUserFactory()
    client.force_login(moderator)
    client.moderator = moderator
    return client


def test_staff_record_a_placement_made_outside_the_portal(staff_client, team):
    profile = TalentProfileFactory()
    form = {
        "enterprise": team.enterprise.pk,
        "profile": profile.pk,
        "title": "Sales trainee",
        "kind": "joint_work",
        "start_date": "2030-01-10",
        "end_date": "2030-01-10",
        "supervisor": team.user.pk,
        "goals": "",
    }
    url = reverse("admin:matching_placement_add")
    assert staff_client.post(url, form).status_code == 200  # the end is not after the start
    assert not Placement.objects.exists()
    outsider = MembershipFactory().user
    assert (
        staff_client.post(url, {**form, "end_date": "", "supervisor": outsider.pk}).status_code
        == 200
    )
    assert not Placement.objects.exists()

    response = staff_client.post(url, {**form, "end_date": "2030-03-10"})
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert (placement.created_by, placement.application, placement.supervisor) == (
        staff_client.moderator,
        None,
        team.user,
    )
    assert placement.events.get().to_status == S.AGREED


def test_staff_interrupt_with_a_reason_and_the_sides_are_told(
    staff_client, placement, team, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("admin:matching_placement_changelist")
    selected = {"action": "interrupt", ACTION_CHECKBOX_NAME: [placement.pk]}
    assert "Interrupt placements" in staff_client.post(url, selected).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {**selected, "apply": "1", "reason": "The company closed."})
    placement = Placement.objects.get(pk=placement.pk)
    assert (placement.status, placement.interruption_reason) == (
        S.INTERRUPTED,
        "The company closed.",
    )
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [team.user.email, placement.profile.user.email]
    )


def test_staff_record_an_outcome_only_for_a_completed_placement(staff_client, placement):
    url = reverse("admin:matching_outcome_add")
    form = {"placement": placement.pk, "kind": "employed_same_sme", "note": ""}
    assert staff_client.post(url, form).status_code == 200
    set_status(placement, S.COMPLETED)
    assert staff_client.post(url, form).status_code == 302
    assert staff_client.post(url, {**form, "kind": "studies"}).status_code == 302
    assert list(Outcome.objects.filter(is_current=True).values_list("kind", flat=True)) == [
        "studies"
    ]
    assert Outcome.objects.count() == 2


def test_staff_record_a_start_up_with_a_checked_business_id(staff_client, placement):
    url = reverse("admin:matching_startup_add")
    form = {
        "founder": placement.profile.pk,
        "name": "Nordic Fika",
        "business_id": "1234567-0",
        "founded_on": "2024-05-01",
        "industry": "I",
        "support_organisation": "",
    }
    assert staff_client.post(url, form).status_code == 200
    assert staff_client.post(url, {**form, "business_id": valid_business_id(9)}).status_code == 302
    assert StartUp.objects.get().recorded_by == staff_client.moderator
    # The same ID again is refused by the form, not by a database error.
    assert staff_client.post(url, {**form, "business_id": valid_business_id(9)}).status_code == 200


def test_staff_read_and_edit_a_placement_in_the_admin_while_agreed(staff_client, placement, team):
    url = reverse("admin:matching_placement_change", args=[placement.pk])
    assert staff_client.get(url).status_code == 200
    form = {
        "start_date": "2030-02-01",
        "end_date": "2030-05-01",
        "supervisor": team.user.pk,
        "goals": "Updated by staff.",
    }
    for prefix in ["events", "checkins", "feedback", "outcomes"]:  # the read-only inlines
        form |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    assert staff_client.post(url, form).status_code == 302
    assert Placement.objects.get(pk=placement.pk).goals == "Updated by staff."

    set_status(placement, S.COMPLETED)
    html = staff_client.get(url).content.decode()
    assert 'name="goals"' not in html  # a record now
    assert staff_client.get(reverse("admin:matching_placement_changelist")).status_code == 200
