"""Every daily-work changelist of the admin runs the same queries for 1 row as for many: no
N+1 as the tables grow."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLog
from matching.models import Outcome, Placement, StartUp
from notifications.models import Notification
from tests.factories import (
    ApplicationFactory,
    EnterpriseFactory,
    MembershipFactory,
    OpeningFactory,
    PlacementFactory,
    StaffUserFactory,
    TalentProfileFactory,
    TalentUserFactory,
)
from tests.factories.organisations import OrganisationFactory, ReferralFactory
from tests.factories.pages import FeedbackFactory, GuideFactory
from tests.queries import queries_of
from tests.toolkit.answers import READY
from toolkit.assessment import assess
from toolkit.services import assessment_record

pytestmark = pytest.mark.django_db


def _notification(n):
    now = timezone.now()
    Notification.objects.create(
        recipient=TalentUserFactory(),
        kind="welcome",
        category="account",
        key=f"welcome:{n}",
        batch=uuid.uuid4(),
        frequency="immediate",
        status=Notification.Status.FAILED,
        next_attempt_at=now,
        queued_at=now,
    )


def _outcome(n):
    placement = PlacementFactory(status=Placement.Status.COMPLETED)
    startup = StartUp.objects.create(
        founder=placement.profile, name=f"Start-up {n}", founded_on=datetime.date(2026, 1, 5)
    )
    Outcome.objects.create(placement=placement, kind=Outcome.Kind.STARTUP, startup=startup)


def _assessment(n):
    membership = MembershipFactory()
    answers = dict(READY)
    assessment_record(
        enterprise=membership.enterprise,
        actor=membership.user,
        answers=answers,
        result=assess(answers),
    )


def _access(n):
    AccessLog.objects.create(
        actor=StaffUserFactory(),
        subject=TalentUserFactory(),
        action=AccessLog.Action.CV,
        target=f"profiles.talentprofile:{n}",
        path="/",
    )


ROWS = {
    "enterprises_enterprise": lambda n: EnterpriseFactory(),
    "matching_opening": lambda n: OpeningFactory(),
    "matching_application": lambda n: ApplicationFactory(),
    "matching_placement": lambda n: PlacementFactory(),
    "matching_outcome": _outcome,
    "matching_startup": _outcome,
    "profiles_talentprofile": lambda n: TalentProfileFactory(),
    "accounts_user": lambda n: TalentUserFactory(),
    "notifications_notification": _notification,
    "organisations_organisation": lambda n: OrganisationFactory(),
    "organisations_referral": lambda n: ReferralFactory(),
    "pages_accessibilityfeedback": lambda n: FeedbackFactory(),
    "pages_page": lambda n: GuideFactory(),
    "toolkit_assessment": _assessment,
    "audit_accesslog": _access,
}


@pytest.mark.parametrize("changelist", list(ROWS))
def test_the_changelist_queries_do_not_grow(client, changelist):
    client.force_login(StaffUserFactory())
    url = reverse(f"admin:{changelist}_changelist")
    ROWS[changelist](0)
    one = queries_of(client, url)

    for n in range(1, 8):
        ROWS[changelist](n)

    assert queries_of(client, url) == one
