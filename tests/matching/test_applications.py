"""Applications as the services enforce them: applying, the pipeline, who may move it, the
events and mails, the thread, and what applying discloses to whom."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import InvalidTransition
from enterprises.models import Enterprise
from matching.models import Application, ApplicationEvent, Opening
from matching.services.applications import (
    ALLOWED,
    MOVER,
    application_create,
    application_message_post,
    application_move,
)
from profiles import services as profile_services
from profiles.models import TalentProfile
from profiles.selectors import can_see_right_to_work
from profiles.storage import private_storage
from tests.factories import (
    ApplicationFactory,
    EnterpriseFactory,
    MembershipFactory,
    OpeningFactory,
    StaffUserFactory,
    TalentProfileFactory,
    TalentUserFactory,
)
from tests.profiles.files import pdf_upload

S = Application.Status
HIDDEN = TalentProfile.Visibility.HIDDEN
ANONYMOUS = TalentProfile.Visibility.ANONYMOUS
MOTIVATION = "I speak Polish and have sold software in Warsaw for three years."


@pytest.fixture
def team(db):
    """The owner of a verified enterprise with a published opening."""
    return MembershipFactory()


@pytest.fixture
def opening(team):
    return OpeningFactory(enterprise=team.enterprise, contact=team.user)


@pytest.fixture
def profile(db):
    return TalentProfileFactory(visibility=HIDDEN, right_to_work=TalentProfile.RightToWork.PERMIT)


def with_cv(profile, name="Ana Souza CV.pdf"):
    profile_services.profile_cv_set(profile=profile, upload=pdf_upload(name))
    return profile


def apply(profile, opening, *, cv=False, motivation=MOTIVATION):
    return application_create(
        profile=profile, opening_id=opening.pk, motivation=motivation, attach_cv=cv
    )


def read(name: str) -> bytes:
    with private_storage().open(name) as handle:
        return handle.read()


# Applying.


def test_applying_records_a_received_application_and_who_applied(profile, opening):
    application = apply(profile, opening)

    assert (application.status, application.motivation, application.cv.name) == (
        S.RECEIVED,
        MOTIVATION,
        "",
    )
    event = application.events.get()
    assert (event.actor, event.from_status, event.to_status) == (profile.user, "", S.RECEIVED)


def test_a_second_application_to_the_same_opening_is_refused_with_a_message(profile, opening):
    apply(profile, opening)

    with pytest.raises(ValidationError) as error:
        apply(profile, opening)

    assert error.value.code == "already_applied"
    assert error.value.messages == ["You have already applied to this opening."]
    assert Application.objects.count() == 1


def test_a_talent_applies_at_most_the_daily_cap(profile, settings):
    settings.APPLICATIONS_PER_DAY = 2
    apply(profile, OpeningFactory())
    yesterday = apply(profile, OpeningFactory())
    Application.objects.filter(pk=yesterday.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    apply(profile, OpeningFactory())  # the one from yesterday no longer counts

    with pytest.raises(ValidationError) as error:
        apply(profile, OpeningFactory())

    assert error.value.code == "rate_limited"
    assert Application.objects.filter(profile=profile).count() == 3


def test_the_database_holds_one_application_per_talent_and_opening(db):
    first = ApplicationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(profile=first.profile, opening=first.opening, motivation="x")


@pytest.mark.parametrize(
    "state",
    [
        {"status": Opening.Status.DRAFT, "published_at": None},
        {"status": Opening.Status.SUBMITTED},
        {"status": Opening.Status.CLOSED},
        {"status": Opening.Status.EXPIRED},
        {"status": Opening.Status.REJECTED},
        {"enterprise__status": Enterprise.Status.PENDING},
        {"deadline": "2000-01-01"},
    ],
    ids=["draft", "submitted", "closed", "expired", "rejected", "unverified", "past_deadline"],
)
def test_only_published_openings_take_applications(profile, state):
    opening = OpeningFactory(**state)

    with pytest.raises(Opening.DoesNotExist):
        apply(profile, opening)

    assert not Application.objects.exists()


@pytest.mark.parametrize(("motivation", "code"), [("   ", "required"), ("x" * 2001, "max_length")])
def test_the_motivation_is_required_and_short(profile, opening, motivation, code):
    with pytest.raises(ValidationError) as error:
        apply(profile, opening, motivation=motivation)
    assert error.value.code == code
    assert not Application.objects.exists()


def test_the_cv_sent_is_a_copy_that_later_profile_changes_leave_alone(
    profile, opening, django_capture_on_commit_callbacks
):
    with_cv(profile)
    sent = read(profile.cv.name)

    application = apply(profile, opening, cv=True)

    assert application.cv.name.startswith("applications/")
    assert application.cv.name != profile.cv.name
    assert application.cv_filename == "Ana Souza CV.pdf"
    assert read(application.cv.name) == sent
    # The talent replaces, then deletes, the CV on their profile; the old files are removed.
    old = profile.cv.name
    with django_capture_on_commit_callbacks(execute=True):
        profile_services.profile_cv_set(profile=profile, upload=pdf_upload("New CV.pdf"))
        profile_services.profile_cv_delete(profile=profile)
    assert not private_storage().exists(old)
    application.refresh_from_db()
    assert read(application.cv.name) == sent


def test_choosing_the_profile_cv_needs_one(profile, opening):
    with pytest.raises(ValidationError) as error:
        apply(profile, opening, cv=True)
    assert error.value.code == "no_cv"


# The pipeline.


def actor_for(side, application):
    if side == "talent":
        return application.profile.user
    return MembershipFactory(enterprise=application.opening.enterprise, role="member").user


ALLOWED_MOVES = [(source, target) for source, targets in ALLOWED.items() for target in targets]
FORBIDDEN_MOVES = [
    (source, target) for source in S.values for target in MOVER if target not in ALLOWED[source]
]


def test_the_tables_cover_the_pipeline_described_in_the_issue():
    assert sorted(ALLOWED_MOVES) == sorted(
        [
            (S.RECEIVED, S.SHORTLISTED),
            (S.SHORTLISTED, S.INTERVIEW),
            (S.INTERVIEW, S.OFFERED),
            (S.OFFERED, S.ACCEPTED),
            (S.OFFERED, S.DECLINED),
            *[(s, S.REJECTED) for s in (S.RECEIVED, S.SHORTLISTED, S.INTERVIEW, S.OFFERED)],
            *[(s, S.WITHDRAWN) for s in (S.RECEIVED, S.SHORTLISTED, S.INTERVIEW)],
        ]
    )


@pytest.mark.parametrize(("source", "target"), ALLOWED_MOVES)
@pytest.mark.django_db
def test_each_allowed_move_is_made_by_its_side_and_recorded(source, target):
    application = ApplicationFactory(status=source)
    actor = actor_for(MOVER[target], application)

    application_move(application_id=application.pk, actor=actor, to=target, note="Thanks!")

    application.refresh_from_db()
    assert application.status == target
    event = application.events.get()
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        actor,
        source,
        target,
        "Thanks!",
    )


@pytest.mark.parametrize(("source", "target"), FORBIDDEN_MOVES)
@pytest.mark.django_db
def test_each_forbidden_move_is_refused_and_changes_nothing(source, target):
    application = ApplicationFactory(status=source)
    actor = actor_for(MOVER[target], application)

    with pytest.raises(InvalidTransition):
        application_move(application_id=application.pk, actor=actor, to=target)

    assert Application.objects.get(pk=application.pk).status == source
    assert not ApplicationEvent.objects.exists()


WRONG_SIDE = [
    ("talent", S.RECEIVED, S.SHORTLISTED),
    ("talent", S.SHORTLISTED, S.INTERVIEW),
    ("talent", S.INTERVIEW, S.OFFERED),
    ("talent", S.RECEIVED, S.REJECTED),
    ("member", S.OFFERED, S.ACCEPTED),
    ("member", S.OFFERED, S.DECLINED),
    ("member", S.RECEIVED, S.WITHDRAWN),
    ("other_member", S.RECEIVED, S.SHORTLISTED),
    ("other_member", S.RECEIVED, S.REJECTED),
    ("other_talent", S.OFFERED, S.ACCEPTED),
    ("other_talent", S.RECEIVED, S.WITHDRAWN),
    ("staff", S.RECEIVED, S.SHORTLISTED),
    ("staff", S.OFFERED, S.ACCEPTED),
]


@pytest.mark.parametrize(("who", "source", "target"), WRONG_SIDE)
@pytest.mark.django_db
def test_nobody_makes_the_other_sides_moves(who, source, target):
    application = ApplicationFactory(status=source)
    actor = {
        "talent": lambda: application.profile.user,
        "member": lambda: MembershipFactory(enterprise=application.opening.enterprise).user,
        "other_member": lambda: MembershipFactory().user,
        "other_talent": TalentUserFactory,
        "staff": StaffUserFactory,
    }[who]()

    with pytest.raises(PermissionDenied):
        application_move(application_id=application.pk, actor=actor, to=target)

    assert Application.objects.get(pk=application.pk).status == source


@pytest.mark.django_db
def test_an_unknown_target_is_nobodys_move():
    application = ApplicationFactory()
    with pytest.raises(PermissionDenied):
        application_move(application_id=application.pk, actor=application.profile.user, to="x")


@pytest.mark.django_db
def test_the_whole_way_to_an_accepted_offer_is_in_the_history():
    application = ApplicationFactory()
    member = MembershipFactory(enterprise=application.opening.enterprise).user
    talent = application.profile.user
    for actor, target in [
        (member, S.SHORTLISTED),
        (member, S.INTERVIEW),
        (member, S.OFFERED),
        (talent, S.ACCEPTED),
    ]:
        application_move(application_id=application.pk, actor=actor, to=target)

    assert list(application.events.values_list("actor", "to_status")) == [
        (member.pk, S.SHORTLISTED),
        (member.pk, S.INTERVIEW),
        (member.pk, S.OFFERED),
        (talent.pk, S.ACCEPTED),
    ]


# Mail to the other side.


def test_applying_mails_the_contact_person_in_their_language(
    profile, opening, team, mailoutbox, django_capture_on_commit_callbacks
):
    MembershipFactory(enterprise=team.enterprise, role="member")  # a colleague, not the contact
    with django_capture_on_commit_callbacks(execute=True):
        application = apply(profile, opening)

    [mail] = mailoutbox
    assert mail.to == [team.user.email]
    assert mail.subject == f"TalentHub: New application to “{opening.title}”"
    assert mail.body.startswith("Hello,")
    assert profile.display_name in mail.body
    url = f"http://testserver/company/{team.enterprise.pk}/openings/applications/{application.pk}/"
    assert url in mail.body


def test_without_a_contact_person_the_whole_team_hears_of_it(
    profile, team, mailoutbox, django_capture_on_commit_callbacks
):
    colleague = MembershipFactory(enterprise=team.enterprise, role="member").user
    opening = OpeningFactory(enterprise=team.enterprise, contact=None)
    with django_capture_on_commit_callbacks(execute=True):
        apply(profile, opening)
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([team.user.email, colleague.email])


@pytest.mark.parametrize("target", [S.SHORTLISTED, S.REJECTED])
@pytest.mark.django_db
def test_the_enterprises_moves_mail_the_talent_in_the_talents_language(
    target, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(profile__user__preferred_language="fi")
    member = MembershipFactory(enterprise=application.opening.enterprise).user
    with django_capture_on_commit_callbacks(execute=True):
        application_move(
            application_id=application.pk, actor=member, to=target, note="Kiitos hakemuksesta."
        )

    [mail] = mailoutbox
    assert mail.to == [application.profile.user.email]
    assert mail.body.startswith("Hei,")  # the talent chose Finnish
    assert "Kiitos hakemuksesta." in mail.body
    assert f"http://testserver/talent/applications/{application.pk}/" in mail.body


@pytest.mark.parametrize(
    ("source", "target", "subject"),
    [
        (S.OFFERED, S.ACCEPTED, "Offer accepted"),
        (S.OFFERED, S.DECLINED, "Offer declined"),
        (S.INTERVIEW, S.WITHDRAWN, "Application withdrawn"),
    ],
)
@pytest.mark.django_db
def test_the_talents_moves_mail_the_enterprise(
    source, target, subject, mailoutbox, django_capture_on_commit_callbacks
):
    contact = MembershipFactory().user
    application = ApplicationFactory(
        status=source,
        opening__enterprise=contact.enterprises.get(),
        opening__contact=contact,
        profile__user__preferred_language="fi",
    )
    with django_capture_on_commit_callbacks(execute=True):
        application_move(application_id=application.pk, actor=application.profile.user, to=target)

    [mail] = mailoutbox
    assert mail.to == [contact.email]
    assert mail.subject.startswith(f"TalentHub: {subject}")
    assert mail.body.startswith("Hello,")  # the contact person's language, not the talent's


@pytest.mark.django_db
def test_a_refused_move_mails_nobody(mailoutbox, django_capture_on_commit_callbacks):
    application = ApplicationFactory(status=S.REJECTED)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(InvalidTransition):
        application_move(
            application_id=application.pk, actor=application.profile.user, to=S.WITHDRAWN
        )
    assert mailoutbox == []


# The message thread.


@pytest.mark.django_db
def test_messages_go_both_ways_and_mail_the_other_side(
    mailoutbox, django_capture_on_commit_callbacks
):
    contact = MembershipFactory().user
    application = ApplicationFactory(
        opening__enterprise=contact.enterprises.get(), opening__contact=contact
    )
    colleague = MembershipFactory(enterprise=contact.enterprises.get(), role="member").user
    talent = application.profile.user
    with django_capture_on_commit_callbacks(execute=True):
        application_message_post(
            application_id=application.pk, author=talent, body="When could we meet?"
        )
    with django_capture_on_commit_callbacks(execute=True):
        application_message_post(
            application_id=application.pk, author=colleague, body="Tuesday at ten?"
        )

    assert list(application.messages.values_list("author", "body")) == [
        (talent.pk, "When could we meet?"),
        (colleague.pk, "Tuesday at ten?"),
    ]
    to_team, to_talent = mailoutbox
    assert to_team.to == [contact.email]
    assert "When could we meet?" in to_team.body
    assert to_talent.to == [talent.email]
    assert "Tuesday at ten?" in to_talent.body
    assert f"/talent/applications/{application.pk}/" in to_talent.body


@pytest.mark.parametrize("who", ["other_member", "other_talent", "staff"])
@pytest.mark.django_db
def test_outsiders_cannot_post_to_the_thread(who):
    application = ApplicationFactory()
    author = {
        "other_member": lambda: MembershipFactory().user,
        "other_talent": TalentUserFactory,
        "staff": StaffUserFactory,
    }[who]()
    with pytest.raises(PermissionDenied):
        application_message_post(application_id=application.pk, author=author, body="Hi")
    assert not application.messages.exists()


@pytest.mark.parametrize("status", [S.WITHDRAWN, S.REJECTED, S.DECLINED])
@pytest.mark.django_db
def test_the_thread_closes_with_the_application(status):
    application = ApplicationFactory(status=status)
    with pytest.raises(InvalidTransition):
        application_message_post(
            application_id=application.pk, author=application.profile.user, body="Hi"
        )


@pytest.mark.django_db
def test_an_empty_message_is_refused():
    application = ApplicationFactory()
    with pytest.raises(ValidationError):
        application_message_post(
            application_id=application.pk, author=application.profile.user, body="  "
        )


# What applying discloses, and to whom.


def _seen(viewer, profile):
    """(may open the profile, sees who the talent is, sees the right to work)."""
    row = TalentProfile.objects.visible_to(viewer).with_identity(viewer).filter(pk=profile.pk)
    row = row.first()
    if row is None:
        return (False, False, False)
    return (True, row.identity, can_see_right_to_work(viewer, row))


DISCLOSURE = [
    # role, profile visibility -> may open, identity, right to work
    ("applied_member", HIDDEN, (True, True, True)),
    ("applied_member", ANONYMOUS, (True, True, True)),
    ("applied_colleague", HIDDEN, (True, True, True)),
    ("other_member", HIDDEN, (False, False, False)),
    ("other_member", ANONYMOUS, (True, False, False)),
    ("other_talent", HIDDEN, (False, False, False)),
    ("owner", HIDDEN, (True, True, True)),
    ("staff", HIDDEN, (True, True, True)),
    ("anonymous", ANONYMOUS, (False, False, False)),
]


@pytest.mark.parametrize(
    ("role", "visibility", "expected"), DISCLOSURE, ids=[f"{c[0]}-{c[1]}" for c in DISCLOSURE]
)
@pytest.mark.parametrize("status", [S.RECEIVED, S.WITHDRAWN])
@pytest.mark.django_db
def test_applying_discloses_the_talent_to_that_enterprise_only(role, visibility, expected, status):
    application = ApplicationFactory(profile__visibility=visibility, status=status)
    profile, enterprise = application.profile, application.opening.enterprise
    viewer = {
        "applied_member": lambda: MembershipFactory(enterprise=enterprise).user,
        "applied_colleague": lambda: MembershipFactory(enterprise=enterprise, role="member").user,
        "other_member": lambda: MembershipFactory().user,
        "other_talent": TalentUserFactory,
        "owner": lambda: profile.user,
        "staff": StaffUserFactory,
        "anonymous": AnonymousUser,
    }[role]()

    # A withdrawn application keeps what was disclosed: the enterprise has already seen it.
    assert _seen(viewer, profile) == expected


@pytest.mark.django_db
def test_an_application_to_another_opening_of_another_enterprise_discloses_nothing_here():
    application = ApplicationFactory(profile__visibility=ANONYMOUS)
    other = MembershipFactory(enterprise=EnterpriseFactory()).user
    OpeningFactory(enterprise=other.enterprises.get())  # an opening the talent did not apply to
    assert _seen(other, application.profile) == (True, False, False)
