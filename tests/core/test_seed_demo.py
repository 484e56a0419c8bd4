import re

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from core.management.commands.seed_demo import (
    COMPANY_EMAIL,
    DEMO_PASSWORD,
    MODERATOR_EMAIL,
    REPORTER_EMAIL,
    STAFF_EMAIL,
    TALENT_EMAIL,
)
from enterprises.models import Enterprise
from matching.models import Opening
from notifications.models import Notification
from profiles.models import TalentProfile
from tests.totp import current_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug(settings):
    settings.DEBUG = True  # as under `make run`


def test_seed_demo_refuses_to_publish_demo_logins_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--allow-without-debug"):
        call_command("seed_demo")
    assert not User.objects.exists()

    call_command("seed_demo", allow_without_debug=True)
    assert User.objects.filter(email=STAFF_EMAIL).exists()


def counts():
    return [m.objects.count() for m in (User, Enterprise, TalentProfile, Opening, Notification)]


def test_seed_demo_is_idempotent_and_fills_every_side(capsys):
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")

    assert counts() == first
    users, enterprises, profiles, openings, _notifications = first
    assert users >= 10
    assert enterprises >= 3
    assert profiles >= 5
    assert openings >= 5
    assert Enterprise.objects.verified().count() == enterprises
    # All published but one, which waits in the staff review queue with its warnings; the
    # programme's history is closed openings only, so talents never see it in the lists.
    current = Opening.objects.exclude(status=Opening.Status.CLOSED).count()
    assert Opening.objects.published().count() == current - 1
    waiting = Opening.objects.get(status=Opening.Status.SUBMITTED)
    assert {"photo", "age", "gender"} <= {w["code"] for w in waiting.quality_warnings}
    assert Opening.objects.filter(skills__isnull=False).distinct().count() >= 2
    # The demo talent sees recommendations, a development period among them.
    talent = TalentProfile.objects.get(user__email=TALENT_EMAIL)
    kinds = set(talent.match_scores.values_list("opening__kind", flat=True))
    assert "development" in kinds
    # ...and finds the openings that match her in her notification centre, told of once.
    assert Notification.objects.for_reader(talent.user).filter(kind="opening_match").exists()
    assert STAFF_EMAIL in capsys.readouterr().out


def test_seed_demo_keeps_what_people_changed():
    call_command("seed_demo")
    profile = TalentProfile.objects.get(user__email=TALENT_EMAIL)
    profile.headline = "Now a data engineer"
    profile.save()

    call_command("seed_demo")

    profile.refresh_from_db()
    assert profile.headline == "Now a data engineer"


@pytest.mark.parametrize(
    ("email", "landing"),
    [
        (STAFF_EMAIL, "admin:index"),
        (MODERATOR_EMAIL, "admin:index"),
        (REPORTER_EMAIL, "reports:dashboard"),
        (TALENT_EMAIL, "profiles:start"),
        (COMPANY_EMAIL, "enterprises:start"),
    ],
)
def test_printed_demo_logins_work(client, email, landing):
    call_command("seed_demo")

    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    user = User.objects.get(email=email)
    if user.is_staff:
        # Staff sign in in two steps (the demo's staff have an authenticator).
        assert response.url == reverse("mfa_authenticate")
        response = client.post(reverse("mfa_authenticate"), {"code": current_code(user)})

    assert response.status_code == 302
    assert response.url == reverse(landing)


def test_the_demo_history_fills_the_impact_figures_above_suppression(client):
    call_command("seed_demo")
    cache.clear()

    html = client.get(reverse("core:home")).content.decode()

    figures = re.findall(r"<strong>([^<]+)</strong>", html.split('id="achieved"')[1])[:3]
    assert all(figure.isdigit() and int(figure) >= 5 for figure in figures), figures
