"""The opening lifecycle as the services enforce it: each allowed move, each refused one."""

import datetime
import re
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.utils import timezone

from core.errors import InvalidTransition
from enterprises.models import Enterprise
from esco.models import Skill
from matching import services, tasks
from matching.models import Opening, OpeningEvent
from tests.conftest import skip_unless_available
from tests.factories import (
    EnterpriseFactory,
    MembershipFactory,
    OpeningFactory,
    OpeningLanguageFactory,
    OpeningSkillFactory,
    StaffUserFactory,
)

S = Opening.Status
TODAY = datetime.date(2027, 3, 10)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args: TODAY)


def draft(**fields):
    defaults = {
        "status": S.DRAFT,
        "published_at": None,
        "deadline": TODAY + datetime.timedelta(days=20),
    }
    return OpeningFactory(**{**defaults, **fields})


@pytest.mark.django_db
def test_the_happy_path_records_who_moved_the_opening_and_when():
    opening, owner, moderator = draft(), MembershipFactory().user, StaffUserFactory()
    services.opening_submit(opening_id=opening.pk, actor=owner)
    services.opening_approve(opening_id=opening.pk, actor=moderator)
    opening.refresh_from_db()
    assert opening.status == S.PUBLISHED
    assert opening.published_at is not None
    events = list(opening.events.values_list("from_status", "to_status", "actor"))
    assert events == [(S.DRAFT, S.SUBMITTED, owner.pk), (S.SUBMITTED, S.PUBLISHED, moderator.pk)]


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.DRAFT, "approve"),
        (S.DRAFT, "reject"),
        (S.DRAFT, "close"),
        (S.SUBMITTED, "submit"),
        (S.SUBMITTED, "close"),
        (S.PUBLISHED, "approve"),
        (S.PUBLISHED, "submit"),
        (S.REJECTED, "approve"),
        (S.CLOSED, "approve"),
        (S.CLOSED, "submit"),
        (S.EXPIRED, "close"),
        (S.EXPIRED, "approve"),
    ],
)
@pytest.mark.django_db
def test_forbidden_transitions_are_refused_and_change_nothing(status, action):
    opening = draft(status=status, published_at=timezone.now())
    staff = StaffUserFactory()
    call = {
        "approve": lambda: services.opening_approve(opening_id=opening.pk, actor=staff),
        "reject": lambda: services.opening_reject(opening_id=opening.pk, actor=staff, reason="x"),
        "close": lambda: services.opening_close(opening_id=opening.pk, actor=None, reason="filled"),
        "submit": lambda: services.opening_submit(opening_id=opening.pk, actor=None),
    }[action]
    with pytest.raises(InvalidTransition):
        call()
    opening.refresh_from_db()
    assert opening.status == status
    assert not OpeningEvent.objects.exists()


@pytest.mark.django_db
def test_an_unverified_enterprise_cannot_submit_nor_be_published():
    opening = draft(enterprise=EnterpriseFactory(status=Enterprise.Status.PENDING))
    with pytest.raises(ValidationError, match="verified"):
        services.opening_submit(opening_id=opening.pk, actor=None)
    Opening.objects.filter(pk=opening.pk).update(status=S.SUBMITTED)
    with pytest.raises(InvalidTransition, match="not verified"):
        services.opening_approve(opening_id=opening.pk, actor=StaffUserFactory())


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"kind": "job", "salary_min": None, "salary_max": None}, "salary"),
        ({"kind": "development", "duration_months": None}, "duration"),
        ({"municipality": "", "work_mode": "on_site"}, "municipality"),
        ({"deadline": None}, "deadline"),
        ({"deadline": TODAY - datetime.timedelta(days=1)}, "passed"),
    ],
)
@pytest.mark.django_db
def test_submission_needs_a_complete_opening(fields, problem):
    opening = draft(**fields)
    with pytest.raises(ValidationError, match=problem):
        services.opening_submit(opening_id=opening.pk, actor=None)
    assert Opening.objects.get(pk=opening.pk).status == S.DRAFT


@pytest.mark.django_db
def test_a_remote_period_needs_no_municipality():
    opening = draft(kind="development", duration_months=3, municipality="", work_mode="remote")
    services.opening_submit(opening_id=opening.pk, actor=None)
    assert Opening.objects.get(pk=opening.pk).status == S.SUBMITTED


@pytest.mark.django_db
def test_submission_stores_the_quality_warnings_the_enterprise_saw():
    opening = draft(description="Please send your CV with a photo. Age 25-35.")
    OpeningLanguageFactory(opening=opening, language="fi", level=6)
    services.opening_submit(opening_id=opening.pk, actor=None)
    opening.refresh_from_db()
    codes = {row["code"] for row in opening.quality_warnings}
    assert codes == {"photo", "age", "finnish_level"}


@pytest.mark.django_db(transaction=False)
def test_rejection_mails_the_reason_to_the_contact_person(
    mailoutbox, django_capture_on_commit_callbacks
):
    contact = MembershipFactory().user
    opening = draft(status=S.SUBMITTED, enterprise=contact.enterprises.get(), contact=contact)
    MembershipFactory(enterprise=opening.enterprise)  # a colleague, not the contact
    with django_capture_on_commit_callbacks(execute=True):
        services.opening_reject(
            opening_id=opening.pk, actor=StaffUserFactory(), reason="Remove the age limit."
        )
    assert Opening.objects.get(pk=opening.pk).status == S.REJECTED
    [mail] = mailoutbox
    assert mail.to == [contact.email]
    assert "Remove the age limit." in mail.body
    assert f"/company/{opening.enterprise_id}/openings/{opening.pk}/" in mail.body
    content, footer = mail.body.split("\n--\n")
    assert content.count("http://") == 1
    assert "/notifications/unsubscribe/" in footer


@pytest.mark.django_db
def test_rejection_needs_a_reason():
    opening = draft(status=S.SUBMITTED)
    with pytest.raises(ValidationError, match="reason"):
        services.opening_reject(opening_id=opening.pk, actor=StaffUserFactory(), reason="  ")


@pytest.mark.django_db
def test_a_rejected_opening_can_be_fixed_and_resubmitted():
    opening = draft(status=S.REJECTED, rejection_reason="Add a salary.")
    services.opening_submit(opening_id=opening.pk, actor=None)
    opening.refresh_from_db()
    assert (opening.status, opening.rejection_reason) == (S.SUBMITTED, "")


@pytest.mark.django_db
def test_a_substantive_edit_sends_a_published_opening_back_to_review():
    opening = OpeningFactory()
    published_at = opening.published_at
    services.opening_update(opening_id=opening.pk, actor=None, changes={"title": "New title"})
    opening.refresh_from_db()
    assert opening.status == S.SUBMITTED
    assert opening.events.get().note == "Edited while published."
    # Approved again, it keeps its first publication date.
    services.opening_approve(opening_id=opening.pk, actor=StaffUserFactory())
    opening.refresh_from_db()
    assert (opening.status, opening.published_at) == (S.PUBLISHED, published_at)


@pytest.mark.django_db
def test_a_minor_edit_keeps_it_published():
    opening = OpeningFactory()
    services.opening_update(
        opening_id=opening.pk,
        actor=None,
        changes={"deadline": TODAY + datetime.timedelta(days=60), "positions": 2},
    )
    assert Opening.objects.get(pk=opening.pk).status == S.PUBLISHED


@pytest.mark.django_db
def test_changing_required_skills_of_a_published_opening_sends_it_to_review():
    opening = OpeningFactory()
    skill = Skill.objects.get(label_en="Python (computer programming)")
    services.opening_skill_set(
        opening_id=opening.pk, actor=None, skill=skill, essential=True, level=3
    )
    assert Opening.objects.get(pk=opening.pk).status == S.SUBMITTED


@pytest.mark.parametrize("status", [S.CLOSED, S.EXPIRED])
@pytest.mark.django_db
def test_closed_and_expired_openings_are_not_edited_but_reposted(status):
    opening = OpeningFactory(status=status, title="Forklift driver", close_reason="filled")
    OpeningSkillFactory(opening=opening)
    OpeningLanguageFactory(opening=opening, language="en", level=3)
    with pytest.raises(InvalidTransition, match="repost"):
        services.opening_update(opening_id=opening.pk, actor=None, changes={"title": "X"})
    copy = services.opening_repost(opening_id=opening.pk, actor=None)
    assert (copy.status, copy.title, copy.reposted_from) == (S.DRAFT, "Forklift driver", opening)
    assert copy.deadline is None
    assert copy.published_at is None
    assert copy.skills.count() == 1
    assert list(copy.languages.values_list("language", "level")) == [("en", 3)]


@pytest.mark.django_db
def test_only_closed_or_expired_openings_can_be_reposted():
    with pytest.raises(InvalidTransition):
        services.opening_repost(opening_id=OpeningFactory().pk, actor=None)


@pytest.mark.django_db
def test_only_a_draft_can_be_deleted():
    opening = OpeningFactory()
    with pytest.raises(InvalidTransition):
        services.opening_delete_draft(opening_id=opening.pk)
    services.opening_delete_draft(opening_id=draft().pk)
    assert Opening.objects.count() == 1


@pytest.mark.django_db
def test_closing_records_why():
    opening = OpeningFactory()
    services.opening_close(opening_id=opening.pk, actor=None, reason="filled")
    opening.refresh_from_db()
    assert (opening.status, opening.close_reason) == (S.CLOSED, "filled")
    assert opening.closed_at is not None


@pytest.mark.django_db
def test_the_expiry_task_expires_openings_after_their_deadline_day():
    past = OpeningFactory(deadline=TODAY - datetime.timedelta(days=1))
    today = OpeningFactory(deadline=TODAY)
    drafted = draft(deadline=TODAY - datetime.timedelta(days=3))
    assert tasks.expire_openings() == 1
    statuses = dict(Opening.objects.values_list("pk", "status"))
    assert statuses == {past.pk: S.EXPIRED, today.pk: S.PUBLISHED, drafted.pk: S.DRAFT}
    assert tasks.expire_openings() == 0


@pytest.mark.django_db
def test_the_reminder_goes_once_a_few_days_before_the_deadline(
    mailoutbox, django_capture_on_commit_callbacks
):
    soon = OpeningFactory(deadline=TODAY + datetime.timedelta(days=3))
    MembershipFactory(enterprise=soon.enterprise)
    OpeningFactory(deadline=TODAY + datetime.timedelta(days=4))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_expiring_openings() == 1
        assert tasks.remind_expiring_openings() == 0
    [mail] = mailoutbox
    assert soon.title in mail.subject
    assert mail.to == [soon.enterprise.membership_set.get().user.email]


@pytest.mark.django_db(transaction=True)
def test_two_staff_approving_at_once_publish_it_exactly_once(esco_starter):
    if connection.vendor != "postgresql":
        skip_unless_available("postgres", "row locks need PostgreSQL (DATABASE_URL)")
    opening = draft(status=S.SUBMITTED)
    staff = [StaffUserFactory(), StaffUserFactory()]
    barrier = threading.Barrier(2)
    outcomes = []

    def approve(moderator):
        barrier.wait()
        try:
            services.opening_approve(opening_id=opening.pk, actor=moderator)
            outcomes.append("published")
        except InvalidTransition:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(m,)) for m in staff]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["published", "refused"]
    assert OpeningEvent.objects.filter(to_status=S.PUBLISHED).count() == 1


@pytest.mark.django_db
def test_a_published_opening_keeps_what_it_needs_when_edited():
    opening = OpeningFactory()
    with pytest.raises(ValidationError, match="deadline"):
        services.opening_update(opening_id=opening.pk, actor=None, changes={"deadline": None})
    opening.refresh_from_db()
    assert opening.deadline is not None
    assert opening.status == S.PUBLISHED


@pytest.mark.django_db
def test_staff_see_warnings_for_what_a_submitted_opening_says_now():
    opening = draft(status=S.SUBMITTED)
    services.opening_update(
        opening_id=opening.pk, actor=None, changes={"description": "Send a photo, please."}
    )
    services.opening_language_set(opening_id=opening.pk, actor=None, language="fi", level=7)
    opening.refresh_from_db()
    assert [row["code"] for row in opening.quality_warnings] == ["photo", "finnish_level"]


@pytest.mark.django_db
def test_a_new_deadline_earns_a_new_reminder():
    opening = OpeningFactory(expiry_reminder_sent_at=timezone.now())
    later = TODAY + datetime.timedelta(days=40)
    services.opening_update(opening_id=opening.pk, actor=None, changes={"deadline": later})
    opening.refresh_from_db()
    assert (opening.status, opening.expiry_reminder_sent_at) == (S.PUBLISHED, None)


@pytest.mark.django_db
def test_the_rejection_mail_keeps_its_reason_after_a_quick_resubmission(
    mailoutbox, django_capture_on_commit_callbacks
):
    membership = MembershipFactory()
    opening = draft(status=S.SUBMITTED, enterprise=membership.enterprise)
    with django_capture_on_commit_callbacks() as callbacks:
        services.opening_reject(
            opening_id=opening.pk, actor=StaffUserFactory(), reason="Add the salary."
        )
    services.opening_submit(opening_id=opening.pk, actor=membership.user)
    for callback in callbacks:
        callback()  # the worker gets to it only now
    [mail] = mailoutbox
    assert "Add the salary." in mail.body


@pytest.mark.django_db
def test_approval_is_mailed_with_the_public_link(mailoutbox, django_capture_on_commit_callbacks):
    membership = MembershipFactory()
    opening = draft(status=S.SUBMITTED, enterprise=membership.enterprise)
    with django_capture_on_commit_callbacks(execute=True):
        services.opening_approve(opening_id=opening.pk, actor=StaffUserFactory())
    [mail] = mailoutbox
    assert opening.title in mail.subject
    assert re.search(rf"https?://\S+/openings/{opening.pk}/", mail.body)


@pytest.mark.django_db
def test_a_departed_contact_person_hands_the_mail_to_the_team(
    mailoutbox, django_capture_on_commit_callbacks
):
    contact = MembershipFactory()
    colleague = MembershipFactory(enterprise=contact.enterprise)
    contact.user.is_active = False
    contact.user.save()
    opening = draft(status=S.SUBMITTED, enterprise=contact.enterprise, contact=contact.user)
    with django_capture_on_commit_callbacks(execute=True):
        services.opening_reject(opening_id=opening.pk, actor=StaffUserFactory(), reason="Fix it.")
    [mail] = mailoutbox
    assert mail.to == [colleague.user.email]


@pytest.mark.parametrize("decide", ["approve", "reject"])
@pytest.mark.django_db
def test_only_staff_moderate(decide):
    opening = draft(status=S.SUBMITTED)
    member = MembershipFactory(enterprise=opening.enterprise).user
    call = {
        "approve": lambda: services.opening_approve(opening_id=opening.pk, actor=member),
        "reject": lambda: services.opening_reject(opening_id=opening.pk, actor=member, reason="-"),
    }[decide]
    with pytest.raises(PermissionDenied):
        call()
    assert Opening.objects.get(pk=opening.pk).status == S.SUBMITTED


@pytest.mark.django_db
def test_an_opening_leaves_public_pages_when_its_deadline_day_ends():
    open_today = OpeningFactory(deadline=TODAY)
    OpeningFactory(deadline=TODAY - datetime.timedelta(days=1))  # the hourly task is not yet due
    assert list(Opening.objects.published()) == [open_today]
