"""Talents hear of a newly published opening that matches them: once, above the threshold
they chose, and even when the broker was down at publishing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from matching import tasks
from matching.models import MatchScore, Opening
from matching.services import openings as opening_services
from matching.services import scores
from notifications.models import Frequency, Notification, Preferences
from tests.factories import StaffUserFactory
from tests.matching.test_scores import developer_opening, five_talents

pytestmark = pytest.mark.django_db


@pytest.fixture
def talents():
    return five_talents()


def publish(opening):
    opening_services.opening_approve(opening_id=opening.pk, actor=StaffUserFactory())


def recipients(mailoutbox):
    return sorted(mail.to[0] for mail in mailoutbox)


def test_publishing_mails_each_talent_above_their_threshold_once(
    talents, mailoutbox, django_capture_on_commit_callbacks
):
    Preferences.objects.create(user=talents["Dana"].user, match_threshold=50)
    Preferences.objects.create(user=talents["Eve"].user, match_threshold=90)
    Preferences.objects.create(user=talents["Cai"].user, matches=Frequency.OFF)
    opening = developer_opening(status=Opening.Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        publish(opening)
    expected = sorted(talents[name].user.email for name in ("Ana", "Dana"))
    assert recipients([m for m in mailoutbox if "New opening for you" in m.subject]) == expected
    ana = next(m for m in mailoutbox if m.to == [talents["Ana"].user.email])
    assert "matches your profile by 95 %" in ana.body
    assert f"http://testserver/openings/{opening.pk}/" in ana.body
    # Cai turned the mail off but still sees it in the centre; Bo and Eve are below.
    assert Notification.objects.filter(kind="opening_match").count() == 3
    assert Opening.objects.get(pk=opening.pk).matches_notified_at is not None

    # Scored again (an edit, the nightly rebuild): nobody hears of it twice.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        scores.scores_refresh_opening(opening_id=opening.pk)
        scores.scores_rebuild()
    assert mailoutbox == []
    assert Notification.objects.filter(kind="opening_match").count() == 3


def test_an_opening_published_while_the_broker_was_down_is_announced_by_the_relay(
    talents, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    def refused(*args):
        raise BrokerError("[Errno 111] Connection refused")

    monkeypatch.setattr(tasks.rescore_opening, "delay", refused)
    opening = developer_opening(status=Opening.Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        publish(opening)
    assert Opening.objects.get(pk=opening.pk).status == Opening.Status.PUBLISHED
    assert not Notification.objects.filter(kind="opening_match").exists()
    assert mailoutbox == []

    monkeypatch.undo()
    # The relay leaves a fresh opening to the task queued at publishing.
    assert tasks.relay_match_notices() == 0
    Opening.objects.filter(pk=opening.pk).update(updated_at=timezone.now() - timedelta(minutes=10))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.relay_match_notices() == 1
    matched = [m for m in mailoutbox if "New opening for you" in m.subject]
    assert len(matched) == 3  # Ana, Cai and Eve reach the default threshold of 60
    assert tasks.relay_match_notices() == 0


def test_existing_openings_are_not_announced_when_notifications_arrive(talents):
    # The migration marks openings published before it as announced; the relay skips them.
    opening = developer_opening()
    Opening.objects.filter(pk=opening.pk).update(
        published_at=timezone.now() - timedelta(days=3),
        updated_at=timezone.now() - timedelta(days=3),
        matches_notified_at=timezone.now(),
    )
    assert tasks.relay_match_notices() == 0


def test_talents_beyond_the_stored_best_still_hear_of_an_opening(
    talents, monkeypatch, django_capture_on_commit_callbacks
):
    # Only the best talents are stored for the suggestion list; everyone who reaches their
    # threshold is told.
    monkeypatch.setattr(scores, "MAX_PER_OPENING", 1)
    opening = developer_opening(status=Opening.Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        publish(opening)
    assert MatchScore.objects.filter(opening=opening).count() == 1
    told = Notification.objects.filter(kind="opening_match").values_list(
        "recipient__email", flat=True
    )
    assert set(told) == {talents[name].user.email for name in ("Ana", "Cai", "Eve")}
