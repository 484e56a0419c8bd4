"""Placements as the services enforce them: made from an accepted offer, the lifecycle and who
may move it, the daily task's starts, completions and mails (each once), check-ins, feedback,
outcomes, start-ups, and the reporting selectors."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import InvalidTransition
from enterprises.validators import business_id_check_digit
from matching.models import (
    Application,
    CheckIn,
    Feedback,
    Outcome,
    Placement,
    PlacementEvent,
    Side,
    StartUp,
)
from matching.placement_forms import PlacementForm, StartUpForm
from matching.placement_selectors import (
    enterprises_with_cooperation_period,
    feedback_visible_to,
    startups_founded,
    talents_employed_by_smes,
)
from matching.services.applications import application_move
from matching.services.placements import (
    ALLOWED,
    MOVER,
    add_months,
    checkin_write,
    feedback_give,
    outcome_record,
    placement_move,
    placement_record,
    placement_update,
    placements_request_checkins,
    placements_run_daily,
    startup_record,
)
from matching.tasks import run_placements_daily
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

S = Placement.Status
TODAY = datetime.date(2026, 3, 10)


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


@pytest.fixture
def team(db):
    return MembershipFactory()


@pytest.fixture
def placement(team):
    """An agreed three-month internship at the team's enterprise, starting in a week."""
    return PlacementFactory(enterprise=team.enterprise, supervisor=team.user)


def reload(placement) -> Placement:
    return Placement.objects.get(pk=placement.pk)


def in_status(placement, status, **fields) -> Placement:
    started = status != S.AGREED
    Placement.objects.filter(pk=placement.pk).update(
        status=status,
        started_on=placement.start_date if started else None,
        interruption_reason="Moved away." if status == S.INTERRUPTED else "",
        **fields,
    )
    return reload(placement)


def actor(role: str, placement: Placement):
    return {
        "talent": lambda: placement.profile.user,
        "member": lambda: MembershipFactory(enterprise=placement.enterprise, role="member").user,
        "other_member": lambda: MembershipFactory().user,
        "other_talent": TalentUserFactory,
        "staff": StaffUserFactory,
    }[role]()


# The model and the forms.


@pytest.mark.parametrize("end", [0, -1], ids=["same_day", "before"])
def test_the_database_refuses_an_end_date_not_after_the_start(db, end):
    placement = PlacementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.filter(pk=placement.pk).update(
            end_date=placement.start_date + datetime.timedelta(days=end)
        )


def test_an_open_ended_job_has_no_end_date(db):
    placement = PlacementFactory(kind="job", end_date=None)
    assert reload(placement).end_date is None


def test_the_database_refuses_an_interruption_without_a_reason(db):
    placement = PlacementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.filter(pk=placement.pk).update(status=S.INTERRUPTED)


def test_the_form_refuses_an_end_date_not_after_the_start(placement):
    form = PlacementForm(
        {"start_date": "2026-04-01", "end_date": "2026-04-01", "goals": ""},
        enterprise=placement.enterprise,
    )
    assert not form.is_valid()
    assert form.errors["end_date"] == ["The end date must be after the start date."]


def test_the_form_offers_only_the_teams_members_as_supervisor(placement):
    outsider = MembershipFactory().user
    form = PlacementForm(
        {"start_date": "2026-04-01", "supervisor": outsider.pk}, enterprise=placement.enterprise
    )
    assert not form.is_valid()
    assert "supervisor" in form.errors


def test_months_are_added_calendar_wise():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)


# An accepted offer becomes a placement.


def offered(**opening):
    application = ApplicationFactory(status=Application.Status.OFFERED, opening__kind="job")
    for field, value in opening.items():
        setattr(application.opening, field, value)
    application.opening.save()
    return application


def test_accepting_an_offer_makes_an_agreed_placement_with_the_openings_dates(team):
    opening = OpeningFactory(
        enterprise=team.enterprise,
        kind="internship",
        start_date=days(20),
        duration_months=3,
        contact=team.user,
        tasks="Map the Polish market.",
    )
    application = ApplicationFactory(opening=opening, status=Application.Status.OFFERED)

    application_move(application_id=application.pk, actor=application.profile.user, to="accepted")

    placement = Placement.objects.get(application=application)
    assert (placement.status, placement.kind, placement.title) == (
        S.AGREED,
        "internship",
        opening.title,
    )
    assert (placement.start_date, placement.end_date) == (days(20), add_months(days(20), 3))
    assert (placement.enterprise, placement.profile, placement.opening) == (
        team.enterprise,
        application.profile,
        opening,
    )
    assert (placement.supervisor, placement.goals) == (team.user, "Map the Polish market.")
    event = placement.events.get()
    assert (event.actor, event.from_status, event.to_status) == (
        application.profile.user,
        "",
        S.AGREED,
    )


@pytest.mark.parametrize("start", [None, -5], ids=["no_start_date", "start_date_passed"])
def test_a_job_starts_on_the_acceptance_day_and_is_open_ended(db, start):
    application = offered(start_date=days(start) if start else None, duration_months=6)
    application_move(application_id=application.pk, actor=application.profile.user, to="accepted")
    placement = application.placement
    assert (placement.start_date, placement.end_date) == (TODAY, None)


def test_declining_makes_no_placement(db):
    application = offered()
    application_move(application_id=application.pk, actor=application.profile.user, to="declined")
    assert not Placement.objects.exists()


def test_a_contact_who_left_the_team_is_not_the_supervisor(db):
    application = offered()
    application.opening.contact = TalentUserFactory()  # not a member
    application.opening.save()
    application_move(application_id=application.pk, actor=application.profile.user, to="accepted")
    assert Placement.objects.get().supervisor is None


# The lifecycle: what is allowed from each status.

MOVES = [
    (source, target) for source in S.values for target in (S.ONGOING, S.COMPLETED, S.INTERRUPTED)
]


@pytest.mark.parametrize(("source", "target"), MOVES)
def test_each_move_is_allowed_only_from_the_statuses_the_table_says(placement, source, target):
    placement = in_status(placement, source)
    member = actor("member", placement)
    note = "We must stop, sorry." if target == S.INTERRUPTED else ""
    if target in ALLOWED[source]:
        placement_move(placement_id=placement.pk, actor=member, to=target, note=note)
        assert reload(placement).status == target
    else:
        with pytest.raises(InvalidTransition):
            placement_move(placement_id=placement.pk, actor=member, to=target, note=note)
        assert reload(placement).status == source


def test_the_table_matches_the_issue():
    assert {
        S.AGREED: {S.ONGOING, S.INTERRUPTED},
        S.ONGOING: {S.COMPLETED, S.INTERRUPTED},
        S.COMPLETED: set(),
        S.INTERRUPTED: set(),
    } == ALLOWED


# Who may make each move.

WHO = [
    (S.AGREED, S.ONGOING, "member", True),
    (S.AGREED, S.ONGOING, "staff", True),
    (S.AGREED, S.ONGOING, "talent", False),
    (S.AGREED, S.ONGOING, "other_member", False),
    (S.ONGOING, S.COMPLETED, "member", True),
    (S.ONGOING, S.COMPLETED, "staff", True),
    (S.ONGOING, S.COMPLETED, "talent", False),
    (S.ONGOING, S.COMPLETED, "other_talent", False),
    (S.AGREED, S.INTERRUPTED, "talent", True),
    (S.AGREED, S.INTERRUPTED, "member", True),
    (S.ONGOING, S.INTERRUPTED, "talent", True),
    (S.ONGOING, S.INTERRUPTED, "member", True),
    (S.ONGOING, S.INTERRUPTED, "staff", True),
    (S.ONGOING, S.INTERRUPTED, "other_member", False),
    (S.ONGOING, S.INTERRUPTED, "other_talent", False),
    (S.AGREED, S.AGREED, "member", False),
]


@pytest.mark.parametrize(("source", "target", "role", "may"), WHO)
def test_who_may_make_each_move(placement, source, target, role, may):
    placement = in_status(placement, source)
    person = actor(role, placement)
    move = {"placement_id": placement.pk, "actor": person, "to": target, "note": "Reason."}
    if may:
        placement_move(**move)
        event = reload(placement).events.get()
        assert (event.actor, event.from_status, event.to_status) == (person, source, target)
    else:
        with pytest.raises(PermissionDenied):
            placement_move(**move)
        assert reload(placement).status == source
        assert not PlacementEvent.objects.exists()


def test_anonymous_and_none_may_not_move(placement):
    from django.contrib.auth.models import AnonymousUser

    for person in (None, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            placement_move(placement_id=placement.pk, actor=person, to=S.ONGOING)


def test_the_mover_table_matches_the_issue():
    assert {to: sorted(sides) for to, sides in MOVER.items()} == {
        S.ONGOING: ["enterprise", "staff"],
        S.COMPLETED: ["enterprise", "staff"],
        S.INTERRUPTED: ["enterprise", "staff", "talent"],
    }


def test_starting_and_completing_record_the_days(placement, team):
    placement_move(placement_id=placement.pk, actor=team.user, to=S.ONGOING)
    assert reload(placement).started_on == TODAY
    placement_move(placement_id=placement.pk, actor=team.user, to=S.COMPLETED)
    assert (reload(placement).status, reload(placement).ended_on) == (S.COMPLETED, TODAY)


def test_an_interruption_needs_a_reason_and_keeps_it(placement):
    talent = placement.profile.user
    with pytest.raises(ValidationError) as error:
        placement_move(placement_id=placement.pk, actor=talent, to=S.INTERRUPTED, note="  ")
    assert error.value.code == "required"
    assert reload(placement).status == S.AGREED

    placement_move(
        placement_id=placement.pk, actor=talent, to=S.INTERRUPTED, note="I moved to Tampere."
    )
    placement = reload(placement)
    assert (placement.status, placement.interruption_reason, placement.ended_on) == (
        S.INTERRUPTED,
        "I moved to Tampere.",
        TODAY,
    )
    assert placement.events.get().note == "I moved to Tampere."


def test_the_talents_interruption_mails_the_supervisor_not_the_talent(
    placement, team, mailoutbox, django_capture_on_commit_callbacks
):
    MembershipFactory(enterprise=team.enterprise, role="member")  # a colleague: not mailed
    with django_capture_on_commit_callbacks(execute=True):
        placement_move(
            placement_id=placement.pk,
            actor=placement.profile.user,
            to=S.INTERRUPTED,
            note="I moved to Tampere.",
        )
    [mail] = mailoutbox
    assert mail.to == [team.user.email]
    assert mail.subject == f"TalentHub: Placement interrupted: “{placement.title}”"
    assert "I moved to Tampere." in mail.body
    url = f"http://testserver/company/{team.enterprise.pk}/openings/placements/{placement.pk}/"
    assert url in mail.body


def test_the_enterprises_start_mails_the_talent_in_their_language(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    placement = PlacementFactory(enterprise=team.enterprise, profile__user__preferred_language="fi")
    with django_capture_on_commit_callbacks(execute=True):
        placement_move(placement_id=placement.pk, actor=team.user, to=S.ONGOING)
    [mail] = mailoutbox
    assert mail.to == [placement.profile.user.email]
    assert mail.body.startswith("Hei,")
    assert f"http://testserver/talent/applications/placements/{placement.pk}/" in mail.body


def test_a_refused_move_mails_nobody(placement, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        placement_move(placement_id=placement.pk, actor=placement.profile.user, to=S.ONGOING)
    assert mailoutbox == []


# Editing while agreed.


def test_the_team_edits_an_agreed_placement(placement, team):
    colleague = MembershipFactory(enterprise=team.enterprise, role="member").user
    placement_update(
        placement_id=placement.pk,
        actor=team.user,
        start_date=days(14),
        end_date=days(120),
        supervisor=colleague,
        goals="  New goals.  ",
    )
    placement = reload(placement)
    assert (placement.start_date, placement.end_date, placement.supervisor, placement.goals) == (
        days(14),
        days(120),
        colleague,
        "New goals.",
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end_date": days(14)}, "end_date"),
        ({"supervisor": "outsider"}, "supervisor"),
    ],
)
def test_the_service_refuses_bad_dates_and_an_outside_supervisor(placement, team, change, field):
    values = {"start_date": days(14), "end_date": days(100), "supervisor": None, "goals": ""}
    values.update(change)
    if values["supervisor"] == "outsider":
        values["supervisor"] = MembershipFactory().user
    with pytest.raises(ValidationError) as error:
        placement_update(placement_id=placement.pk, actor=team.user, **values)
    assert field in error.value.message_dict


@pytest.mark.parametrize(("status", "role"), [(S.ONGOING, "member"), (S.AGREED, "talent")])
def test_only_the_team_edits_and_only_before_the_start(placement, status, role):
    placement = in_status(placement, status)
    error = InvalidTransition if role == "member" else PermissionDenied
    with pytest.raises(error):
        placement_update(
            placement_id=placement.pk,
            actor=actor(role, placement),
            start_date=days(1),
            end_date=None,
            supervisor=None,
            goals="",
        )


def test_only_staff_record_a_placement_made_outside_the_portal(team, staff):
    profile = TalentProfileFactory()
    fields = {
        "enterprise": team.enterprise,
        "profile": profile,
        "title": "Sales trainee",
        "kind": "joint_work",
        "start_date": days(3),
        "end_date": days(60),
    }
    with pytest.raises(PermissionDenied):
        placement_record(actor=team.user, **fields)
    placement = placement_record(actor=staff, **fields)
    assert (placement.application, placement.opening, placement.created_by) == (None, None, staff)
    assert placement.events.get().to_status == S.AGREED
    with pytest.raises(ValidationError):
        placement_record(actor=staff, **{**fields, "end_date": days(3)})


# The daily task.


def test_the_daily_task_starts_placements_on_their_start_date_once(
    placement, team, mailoutbox, django_capture_on_commit_callbacks
):
    PlacementFactory(start_date=days(8))  # not yet
    with django_capture_on_commit_callbacks(execute=True):
        assert placements_run_daily()["started"] == 0
    in_status(placement, S.AGREED)
    Placement.objects.filter(pk=placement.pk).update(start_date=TODAY)

    with django_capture_on_commit_callbacks(execute=True):
        assert placements_run_daily()["started"] == 1
        assert placements_run_daily()["started"] == 0

    placement = reload(placement)
    assert (placement.status, placement.started_on) == (S.ONGOING, TODAY)
    assert placement.events.get().actor is None
    # The task is neither side: both are told.
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [team.user.email, placement.profile.user.email]
    )


def test_the_daily_task_completes_placements_the_day_after_their_end(
    placement, team, mailoutbox, django_capture_on_commit_callbacks
):
    placement = in_status(placement, S.ONGOING, start_date=days(-90), end_date=TODAY)
    job = in_status(PlacementFactory(kind="job", end_date=None), S.ONGOING)
    assert placements_run_daily()["completed"] == 0  # the last day is still a working day

    Placement.objects.filter(pk=placement.pk).update(end_date=days(-1))
    with django_capture_on_commit_callbacks(execute=True):
        assert placements_run_daily()["completed"] == 1
        assert placements_run_daily()["completed"] == 0

    placement = reload(placement)
    assert (placement.status, placement.ended_on) == (S.COMPLETED, TODAY)
    assert reload(job).status == S.ONGOING  # open-ended jobs never complete by themselves
    subjects = {mail.subject for mail in mailoutbox}
    assert subjects == {f"TalentHub: Placement completed: “{placement.title}”. How did it go?"}
    assert len(mailoutbox) == 2


def test_the_check_in_is_asked_once_at_the_mid_point(
    team, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    placement = PlacementFactory(
        enterprise=team.enterprise,
        supervisor=team.user,
        start_date=days(-44),
        end_date=days(46),
        profile__user__preferred_language="fi",
    )
    placement = in_status(placement, S.ONGOING)
    assert placements_run_daily()["checkins"] == 0  # mid-point is tomorrow

    monkeypatch.setattr(timezone, "localdate", lambda *args: days(1))
    with django_capture_on_commit_callbacks(execute=True):
        assert placements_run_daily()["checkins"] == 1
        assert placements_run_daily()["checkins"] == 0
    assert reload(placement).checkin_requested_at is not None
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert set(by_address) == {team.user.email, placement.profile.user.email}
    assert by_address[placement.profile.user.email].body.startswith("Hei,")
    assert by_address[team.user.email].body.startswith("Hello,")
    assert "halfway" in by_address[team.user.email].body


def test_no_check_in_for_agreed_or_open_ended_placements(db):
    in_status(PlacementFactory(kind="job", start_date=days(-100), end_date=None), S.ONGOING)
    PlacementFactory(start_date=days(-50), end_date=days(50))  # still agreed
    assert placements_request_checkins() == 0


def test_outcome_reminders_go_to_the_talent_at_3_and_6_months_once_each(
    placement, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    ended = datetime.date(2025, 12, 10)
    placement = in_status(placement, S.COMPLETED, ended_on=ended)

    def run_on(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args: day)
        with django_capture_on_commit_callbacks(execute=True):
            return placements_run_daily()["outcome_reminders"]

    assert run_on(datetime.date(2026, 3, 9)) == 0
    assert run_on(datetime.date(2026, 3, 10)) == 1
    assert run_on(datetime.date(2026, 3, 11)) == 0
    assert run_on(datetime.date(2026, 6, 10)) == 1
    assert run_on(datetime.date(2026, 9, 10)) == 0

    assert [mail.to for mail in mailoutbox] == [[placement.profile.user.email]] * 2
    assert "It is 3 months since" in mailoutbox[0].body
    assert "It is 6 months since" in mailoutbox[1].body
    placement = reload(placement)
    assert placement.outcome_reminder_3_sent_at
    assert placement.outcome_reminder_6_sent_at


def test_a_placement_past_six_months_gets_only_the_later_reminder(
    placement, mailoutbox, django_capture_on_commit_callbacks
):
    in_status(placement, S.COMPLETED, ended_on=datetime.date(2025, 8, 1))
    with django_capture_on_commit_callbacks(execute=True):
        assert placements_run_daily()["outcome_reminders"] == 1
        assert placements_run_daily()["outcome_reminders"] == 0
    [mail] = mailoutbox
    assert "It is 6 months since" in mail.body


def test_interrupted_placements_get_no_outcome_reminder(placement):
    in_status(placement, S.INTERRUPTED, ended_on=datetime.date(2025, 8, 1))
    assert placements_run_daily()["outcome_reminders"] == 0


# Check-ins.


def test_each_side_writes_one_check_in_while_the_placement_runs(placement, team):
    with pytest.raises(InvalidTransition):
        checkin_write(placement_id=placement.pk, author=team.user, text="Not yet.")
    placement = in_status(placement, S.ONGOING)

    checkin_write(placement_id=placement.pk, author=team.user, text="Going well.")
    checkin_write(placement_id=placement.pk, author=placement.profile.user, text="I learn a lot.")
    with pytest.raises(ValidationError) as error:
        checkin_write(placement_id=placement.pk, author=team.user, text="Again.")
    assert error.value.code == "already_written"
    rows = {row.side: row.text for row in CheckIn.objects.all()}
    assert rows == {Side.ENTERPRISE: "Going well.", Side.TALENT: "I learn a lot."}


@pytest.mark.parametrize("role", ["other_member", "other_talent", "staff"])
def test_only_the_two_sides_write_check_ins(placement, role):
    placement = in_status(placement, S.ONGOING)
    with pytest.raises(PermissionDenied):
        checkin_write(placement_id=placement.pk, author=actor(role, placement), text="Hi")


# Feedback.


def test_feedback_is_given_once_per_side_after_completion(placement, team):
    talent = placement.profile.user
    with pytest.raises(InvalidTransition):
        feedback_give(placement_id=placement.pk, author=talent, rating=5)
    placement = in_status(placement, S.COMPLETED, ended_on=TODAY)

    feedback_give(placement_id=placement.pk, author=talent, rating=5, comment="Great team.")
    with pytest.raises(ValidationError) as error:
        feedback_give(placement_id=placement.pk, author=talent, rating=1)
    assert error.value.code == "already_given"
    colleague = MembershipFactory(enterprise=team.enterprise, role="member").user
    feedback_give(placement_id=placement.pk, author=colleague, rating=4)
    with pytest.raises(ValidationError):
        feedback_give(placement_id=placement.pk, author=team.user, rating=3)  # same side
    assert sorted(Feedback.objects.values_list("side", "rating")) == [
        ("enterprise", 4),
        ("talent", 5),
    ]


@pytest.mark.parametrize("rating", [0, 6])
def test_a_rating_is_from_1_to_5(placement, rating):
    placement = in_status(placement, S.COMPLETED)
    with pytest.raises(ValidationError):
        feedback_give(placement_id=placement.pk, author=placement.profile.user, rating=rating)


def test_the_database_holds_one_feedback_per_side(placement):
    Feedback.objects.create(placement=placement, side=Side.TALENT, rating=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(placement=placement, side=Side.TALENT, rating=4)


def test_each_side_sees_the_others_feedback_only_after_giving_its_own(placement, team):
    placement = in_status(placement, S.COMPLETED)
    feedback_give(placement_id=placement.pk, author=placement.profile.user, rating=5)

    assert feedback_visible_to(placement, Side.ENTERPRISE) == {}
    assert set(feedback_visible_to(placement, Side.TALENT)) == {Side.TALENT}

    feedback_give(placement_id=placement.pk, author=team.user, rating=4)
    assert set(feedback_visible_to(placement, Side.ENTERPRISE)) == {Side.TALENT, Side.ENTERPRISE}
    assert set(feedback_visible_to(placement, Side.TALENT)) == {Side.TALENT, Side.ENTERPRISE}


# Outcomes.


@pytest.mark.parametrize("role", ["talent", "member", "staff"])
def test_the_talent_the_team_or_staff_record_the_outcome(placement, role):
    placement = in_status(placement, S.COMPLETED)
    person = actor(role, placement)
    outcome = outcome_record(
        placement_id=placement.pk, actor=person, kind=Outcome.Kind.EMPLOYED_SAME_SME
    )
    assert (outcome.kind, outcome.recorded_by, outcome.is_current) == (
        "employed_same_sme",
        person,
        True,
    )


@pytest.mark.parametrize("role", ["other_member", "other_talent"])
def test_nobody_else_records_an_outcome(placement, role):
    placement = in_status(placement, S.COMPLETED)
    with pytest.raises(PermissionDenied):
        outcome_record(placement_id=placement.pk, actor=actor(role, placement), kind="other")


@pytest.mark.parametrize("status", [S.AGREED, S.ONGOING, S.INTERRUPTED])
def test_the_outcome_waits_for_completion(placement, status):
    placement = in_status(placement, status)
    with pytest.raises(InvalidTransition):
        outcome_record(placement_id=placement.pk, actor=placement.profile.user, kind="studies")


def test_updating_the_outcome_keeps_its_history(placement):
    placement = in_status(placement, S.COMPLETED)
    talent = placement.profile.user
    outcome_record(placement_id=placement.pk, actor=talent, kind=Outcome.Kind.UNKNOWN)
    startup = StartUp.objects.create(
        founder=placement.profile, name="Nordic Fika", founded_on=TODAY
    )
    outcome_record(
        placement_id=placement.pk,
        actor=talent,
        kind=Outcome.Kind.STARTUP,
        startup_id=startup.pk,
        note="Coffee imports.",
    )
    current = placement.outcomes.get(is_current=True)
    assert (current.kind, current.startup, current.note) == ("startup", startup, "Coffee imports.")
    assert placement.outcomes.count() == 2


def test_the_outcome_names_only_the_talents_own_start_up_and_only_when_founded(placement):
    placement = in_status(placement, S.COMPLETED)
    talent = placement.profile.user
    own = StartUp.objects.create(founder=placement.profile, name="Own", founded_on=TODAY)
    other = StartUp.objects.create(founder=TalentProfileFactory(), name="Other", founded_on=TODAY)
    for kind, startup in [(Outcome.Kind.STUDIES, own), (Outcome.Kind.STARTUP, other)]:
        with pytest.raises(ValidationError) as error:
            outcome_record(
                placement_id=placement.pk, actor=talent, kind=kind, startup_id=startup.pk
            )
        assert "startup" in error.value.message_dict
    assert not Outcome.objects.exists()


def test_the_database_holds_one_current_outcome(placement):
    Outcome.objects.create(placement=placement, kind="other")
    with pytest.raises(IntegrityError), transaction.atomic():
        Outcome.objects.create(placement=placement, kind="studies")


# Start-ups.


def test_the_talent_records_a_start_up_with_a_normalised_business_id(talent):
    profile = TalentProfileFactory(user=talent)
    check = business_id_check_digit("0123456")
    six_digits = f"123456-{check}"  # the old form of 0123456-{check}
    startup = startup_record(
        founder=profile,
        actor=talent,
        name=" Nordic Fika ",
        business_id=f" {six_digits}",
        founded_on=days(-30),
        industry="I",
        support_organisation="Business Joensuu",
    )
    assert (startup.name, startup.business_id, startup.recorded_by) == (
        "Nordic Fika",
        f"0123456-{check}",
        talent,
    )


@pytest.mark.parametrize(
    "business_id", ["1234567-0", "123", "FI12345678"], ids=["check_digit", "short", "vat"]
)
def test_a_start_ups_business_id_is_validated(talent, business_id):
    profile = TalentProfileFactory(user=talent)
    with pytest.raises(ValidationError) as error:
        startup_record(
            founder=profile, actor=talent, name="X", business_id=business_id, founded_on=TODAY
        )
    assert "business_id" in error.value.message_dict
    form = StartUpForm({"name": "X", "business_id": business_id, "founded_on": "2026-01-01"})
    assert not form.is_valid()
    assert "business_id" in form.errors


def test_a_business_id_is_recorded_once_but_may_be_left_out(talent):
    profile = TalentProfileFactory(user=talent)
    record = {"founder": profile, "actor": talent, "founded_on": TODAY}
    startup_record(name="A", business_id=valid_business_id(7), **record)
    with pytest.raises(ValidationError) as error:
        startup_record(name="B", business_id=valid_business_id(7), **record)
    assert "business_id" in error.value.message_dict
    startup_record(name="C", **record)
    startup_record(name="D", **record)  # unregistered start-ups: several without an ID
    assert StartUp.objects.count() == 3


def test_a_start_up_is_not_founded_in_the_future_nor_for_someone_else(talent, staff):
    profile = TalentProfileFactory(user=talent)
    with pytest.raises(ValidationError):
        startup_record(founder=profile, actor=talent, name="X", founded_on=days(1))
    with pytest.raises(PermissionDenied):
        startup_record(founder=profile, actor=TalentUserFactory(), name="X", founded_on=TODAY)
    assert (
        startup_record(founder=profile, actor=staff, name="X", founded_on=TODAY).recorded_by
        == staff
    )


# Reporting selectors.


def ran(enterprise=None, *, kind="internship", start, end=None, ended=None, **fields):
    extra = {"enterprise": enterprise} if enterprise else {}
    placement = PlacementFactory(kind=kind, start_date=start, end_date=end, **extra, **fields)
    status = S.COMPLETED if ended else S.ONGOING
    return in_status(placement, status, ended_on=ended)


def test_enterprises_with_a_cooperation_period_overlapping_the_range(db):
    q1 = (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    a = ran(
        start=datetime.date(2025, 11, 1),
        end=datetime.date(2026, 2, 1),
        ended=datetime.date(2026, 2, 1),
    )
    ran(
        a.enterprise,
        kind="development",
        start=datetime.date(2026, 2, 1),
        end=datetime.date(2026, 5, 1),
    )
    b = ran(kind="joint_work", start=datetime.date(2026, 3, 31), end=datetime.date(2026, 6, 1))
    ran(
        start=datetime.date(2025, 9, 1),
        end=datetime.date(2025, 12, 31),
        ended=datetime.date(2025, 12, 31),
    )
    ran(kind="job", start=datetime.date(2026, 2, 1))  # a job is no cooperation period
    ran(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 6, 1))  # after the range
    # Interrupted before it ran: no cooperation happened.
    PlacementFactory(start_date=datetime.date(2026, 2, 1), end_date=datetime.date(2026, 3, 1))

    assert list(enterprises_with_cooperation_period(*q1)) == sorted(
        [a.enterprise, b.enterprise], key=lambda e: e.name
    )


def test_talents_employed_by_smes_by_a_job_or_by_staying(db):
    q1 = (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    job = ran(kind="job", start=datetime.date(2025, 6, 1))  # open-ended, still running
    stayed = ran(
        start=datetime.date(2025, 9, 1),
        end=datetime.date(2025, 12, 1),
        ended=datetime.date(2025, 12, 1),
    )
    Outcome.objects.create(placement=stayed, kind=Outcome.Kind.EMPLOYED_SAME_SME)
    Outcome.objects.filter(placement=stayed).update(
        recorded_at=datetime.datetime(2026, 2, 1, 12, tzinfo=datetime.UTC)
    )
    elsewhere = ran(
        start=datetime.date(2025, 9, 1),
        end=datetime.date(2025, 12, 1),
        ended=datetime.date(2025, 12, 1),
    )
    Outcome.objects.create(placement=elsewhere, kind=Outcome.Kind.EMPLOYED_ELSEWHERE)
    changed = ran(
        start=datetime.date(2025, 9, 1),
        end=datetime.date(2025, 12, 1),
        ended=datetime.date(2025, 12, 1),
    )
    Outcome.objects.create(placement=changed, kind=Outcome.Kind.EMPLOYED_SAME_SME, is_current=False)
    Outcome.objects.create(placement=changed, kind=Outcome.Kind.STUDIES)
    ran(
        kind="job", start=datetime.date(2025, 1, 1), ended=datetime.date(2025, 12, 31)
    )  # ended before
    ran(job.enterprise, kind="job", start=datetime.date(2026, 2, 1), profile=job.profile)  # twice

    employed = talents_employed_by_smes(*q1)
    assert sorted(p.pk for p in employed) == sorted([job.profile_id, stayed.profile_id])


def test_startups_founded_in_the_range(db):
    profile = TalentProfileFactory()
    inside = StartUp.objects.create(
        founder=profile, name="In", founded_on=datetime.date(2026, 1, 1)
    )
    StartUp.objects.create(founder=profile, name="Before", founded_on=datetime.date(2025, 12, 31))
    StartUp.objects.create(founder=profile, name="After", founded_on=datetime.date(2026, 4, 1))
    assert list(startups_founded(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))) == [inside]


def test_the_scheduled_task_runs_the_daily_steps(placement, settings):
    Placement.objects.filter(pk=placement.pk).update(start_date=TODAY, end_date=days(90))
    assert run_placements_daily.delay().get() == {
        "started": 1,
        "completed": 0,
        "checkins": 0,
        "outcome_reminders": 0,
    }
    entry = settings.CELERY_BEAT_SCHEDULE["run-placements-daily"]
    assert entry["task"] == run_placements_daily.name
