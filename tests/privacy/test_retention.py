"""Retention: inactive talents are warned, then hidden; never-confirmed accounts and old
applications are deleted. Each case at its boundary, and a second run changes nothing."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from matching.models import Application, Opening, Placement
from notifications.models import Notification
from privacy.retention import retention_apply
from privacy.tasks import apply_retention
from profiles.models import TalentProfile
from profiles.storage import private_storage
from tests.factories import (
    ApplicationFactory,
    OpeningFactory,
    PlacementFactory,
    TalentProfileFactory,
    TalentUserFactory,
)
from tests.profiles.files import pdf_upload

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
VISIBLE = TalentProfile.Visibility.VISIBLE


def _last_seen(days_ago: float) -> TalentProfile:
    profile = TalentProfileFactory(visibility=VISIBLE)
    User.objects.filter(pk=profile.user_id).update(last_login=timezone.now() - days_ago * DAY)
    return profile


def _warned(profile) -> bool:
    return Notification.objects.filter(recipient=profile.user, kind="profile_inactive").exists()


def test_a_talent_away_a_year_is_warned_once(django_capture_on_commit_callbacks, mailoutbox):
    away, recent = _last_seen(366), _last_seen(364)

    with django_capture_on_commit_callbacks(execute=True):
        retention_apply()
        retention_apply()

    assert (_warned(away), _warned(recent)) == (True, False)
    assert Notification.objects.filter(kind="profile_inactive").count() == 1
    [mail] = mailoutbox
    assert mail.to == [away.user.email]
    assert "will be hidden" in mail.subject
    assert TalentProfile.objects.get(pk=away.pk).visibility == VISIBLE


def test_after_thirteen_months_the_profile_is_hidden_unless_they_signed_in():
    gone, back = _last_seen(396), _last_seen(30)
    never = TalentProfileFactory(visibility=VISIBLE)
    User.objects.filter(pk=never.user_id).update(
        last_login=None, date_joined=timezone.now() - 400 * DAY
    )

    report = retention_apply()

    visibility = dict(TalentProfile.objects.values_list("pk", "visibility"))
    assert visibility[gone.pk] == TalentProfile.Visibility.HIDDEN
    assert visibility[never.pk] == TalentProfile.Visibility.HIDDEN
    assert visibility[back.pk] == VISIBLE
    assert report.hidden == 2


def test_accounts_never_confirmed_go_after_seven_days():
    old = TalentUserFactory(verified=False)
    fresh = TalentUserFactory(verified=False)
    confirmed = TalentUserFactory()
    User.objects.filter(pk__in=[old.pk, confirmed.pk]).update(date_joined=timezone.now() - 8 * DAY)

    assert retention_apply().unverified_deleted == 1

    assert set(User.objects.values_list("pk", flat=True)) >= {fresh.pk, confirmed.pk}
    assert not User.objects.filter(pk=old.pk).exists()
    assert not EmailAddress.objects.filter(user_id=old.pk).exists()


def test_applications_go_a_year_after_the_opening_closed(django_capture_on_commit_callbacks):
    now = timezone.now()
    long_closed = OpeningFactory(status=Opening.Status.CLOSED, closed_at=now - 366 * DAY)
    expired = OpeningFactory(status=Opening.Status.EXPIRED, closed_at=now - 400 * DAY)
    recently_closed = OpeningFactory(status=Opening.Status.CLOSED, closed_at=now - 300 * DAY)
    open_ = OpeningFactory()
    gone = [ApplicationFactory(opening=long_closed), ApplicationFactory(opening=expired)]
    gone[0].cv.save("cv.pdf", pdf_upload(), save=True)
    kept = [ApplicationFactory(opening=recently_closed), ApplicationFactory(opening=open_)]
    hired = PlacementFactory(application=gone[1], profile=gone[1].profile)

    with django_capture_on_commit_callbacks(execute=True):
        report = retention_apply()

    assert report.applications_deleted == 2
    assert set(Application.objects.values_list("pk", flat=True)) == {a.pk for a in kept}
    assert not private_storage().exists(gone[0].cv.name)
    assert Placement.objects.filter(pk=hired.pk).exists()  # the placement outlives it


def test_the_beat_task_reports_what_it_did():
    _last_seen(400)

    # Away longer than the warning period gives: hidden at once, no warning about the past.
    assert apply_retention() == {
        "warned": 0,
        "hidden": 1,
        "unverified_deleted": 0,
        "applications_deleted": 0,
    }
