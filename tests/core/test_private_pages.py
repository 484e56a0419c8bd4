"""The heaviest signed-in pages from the cache (core.pagecache.private_page): kept per person,
served again without the page's own queries, and gone once any write that such a page could
show commits, whichever way it was written (a service, a bulk update, raw SQL).

These tests commit for real (transactional_db): the pages go when a transaction commits, and
a test's own transaction never would."""

import re
from types import SimpleNamespace

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from psycopg import sql as psycopg_sql

from audit.models import AccessLog
from audit.services import access_record
from core.pagecache import DATA_VERSION_KEY, UNSEEN_TABLES, _watch, _writes, watch_writes
from enterprises.models import Membership
from matching.models import MatchScore
from matching.services.scores import _insert, scores_refresh_profile
from profiles.models import TalentProfile
from profiles.services import profile_update
from tests.factories import (
    MembershipFactory,
    OpeningFactory,
    StaffUserFactory,
    scored_talent,
)

pytestmark = pytest.mark.usefixtures("esco_starter")

TABLE = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"')
# What a signed-in request reads before the page: the session, the user, for staff their
# two-step sign-in, and for a company's pages whether the person is still one of its members.
SIGNED_IN_TABLES = {"django_session", "accounts_user", "mfa_authenticator"}
ACCESS_TABLES = SIGNED_IN_TABLES | {"enterprises_membership", "enterprises_enterprise"}


@pytest.fixture(autouse=True)
def _page_cache(settings):
    settings.PRIVATE_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def world():
    """An opening with two suggested talents, its company's member, and staff."""
    opening = OpeningFactory(title="Export sales")
    member = MembershipFactory(enterprise=opening.enterprise).user
    vera = scored_talent(opening, 80, display_name="Visible Vera")
    sami = scored_talent(opening, 70, display_name="Seen Sami")
    return {"opening": opening, "member": member, "vera": vera, "sami": sami}


def _pages(world):
    """Each cached page, with who asks for it."""
    opening = world["opening"]
    suggestions = reverse("company_openings:suggestions", args=[opening.enterprise_id, opening.pk])
    return {
        "talent_start": (reverse("profiles:start"), world["vera"].user),
        "suggestions": (suggestions, world["member"]),
        "pool": (f"{reverse('profiles:pool')}?match_opening={opening.pk}", world["member"]),
        "impact_dashboard": (reverse("reports:dashboard"), StaffUserFactory()),
    }


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _ask(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return response, {table for q in context.captured_queries for table in TABLE.findall(q["sql"])}


@pytest.mark.parametrize("page", ["talent_start", "suggestions", "pool", "impact_dashboard"])
def test_a_page_asked_again_is_served_without_its_own_queries(world, page):
    url, user = _pages(world)[page]
    client = _signed_in(user)
    first, rendered = _ask(client, url)
    _ask(client, url)  # asked again: stored

    cached, read = _ask(client, url)

    assert rendered - ACCESS_TABLES
    assert read <= ACCESS_TABLES
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", cached.text) == token.sub("", first.text)
    assert "private" in cached["Cache-Control"]
    # What the page reads is what a write must clear it for: no table it shows is unseen.
    assert not (rendered - {"django_session"}) & UNSEEN_TABLES


@pytest.mark.parametrize("page", ["talent_start", "suggestions", "pool", "impact_dashboard"])
def test_rendering_a_page_writes_nothing_that_would_clear_it(world, page):
    url, user = _pages(world)[page]
    client = _signed_in(user)
    client.get(url)  # the first visit may set things up (the talent's empty profile)
    version = cache.get(DATA_VERSION_KEY)
    for _ in range(3):
        client.get(url)
    assert cache.get(DATA_VERSION_KEY) == version


def test_each_person_gets_their_own_page(world):
    vera, sami = world["vera"], world["sami"]
    MatchScore.objects.create(
        profile=sami, opening=OpeningFactory(title="Warehouse lead"), score=90, reasons=[]
    )
    url = reverse("profiles:start")
    for profile in (vera, sami, vera, sami, vera, sami):
        html = _signed_in(profile.user).get(url).text
        assert "Export sales" in html
        assert ("Warehouse lead" in html) is (profile == sami)


def _suggestions(world):
    url, member = _pages(world)["suggestions"]
    client = _signed_in(member)
    for _ in range(2):
        assert "Visible Vera" in client.get(url).text
    return client, url


def test_a_talent_who_hides_their_profile_leaves_the_cached_suggestions_at_once(world):
    client, url = _suggestions(world)
    profile_update(profile=world["vera"], changes={"visibility": TalentProfile.Visibility.HIDDEN})
    assert "Visible Vera" not in client.get(url).text


def test_a_bulk_update_without_signals_clears_the_pages(world):
    client, url = _suggestions(world)
    TalentProfile.objects.filter(pk=world["vera"].pk).update(display_name="Renamed Vera")
    assert "Renamed Vera" in client.get(url).text


def test_raw_sql_clears_the_pages(world):
    client, url = _suggestions(world)
    with connection.cursor() as cursor:
        cursor.execute(
            f'DELETE FROM "{MatchScore._meta.db_table}" WHERE profile_id = %s',  # noqa: S608
            [world["vera"].pk],
        )
    assert "Visible Vera" not in client.get(url).text


def test_a_member_removed_from_the_company_no_longer_gets_its_cached_page(world):
    client, url = _suggestions(world)
    Membership.objects.filter(user=world["member"]).delete()
    assert client.get(url).status_code == 404


def test_a_write_rolled_back_leaves_the_pages(world):
    client, url = _suggestions(world)
    version = cache.get(DATA_VERSION_KEY)

    def rolled_back():
        with transaction.atomic():
            TalentProfile.objects.filter(pk=world["vera"].pk).update(display_name="Never")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        rolled_back()
    assert cache.get(DATA_VERSION_KEY) == version
    _response, read = _ask(client, url)
    assert read <= ACCESS_TABLES


def test_a_write_that_changes_no_row_leaves_the_pages(world):
    client, url = _suggestions(world)
    TalentProfile.objects.filter(pk=0).update(display_name="Nobody")
    TalentProfile.objects.filter(pk=0).delete()
    _response, read = _ask(client, url)
    assert read <= SIGNED_IN_TABLES


def test_a_savepoint_rolled_back_moves_nothing_and_a_later_write_still_does(world):
    cache.set(DATA_VERSION_KEY, "before")
    version = "before"
    profiles = TalentProfile.objects.filter(pk=world["vera"].pk)

    def rolled_back():
        with transaction.atomic():
            profiles.update(display_name="Never")
            raise RuntimeError

    with transaction.atomic(), pytest.raises(RuntimeError):
        rolled_back()
    assert cache.get(DATA_VERSION_KEY) == version

    with transaction.atomic():
        with pytest.raises(RuntimeError):
            rolled_back()
        profiles.update(display_name="Later")
    assert cache.get(DATA_VERSION_KEY) != version


def test_scores_copied_in_move_the_version(world):
    # COPY (PostgreSQL) is not a statement Django sees; SQLite's bulk INSERT is.
    cache.set(DATA_VERSION_KEY, "before")
    MatchScore.objects.filter(profile=world["sami"]).delete()
    cache.set(DATA_VERSION_KEY, "before")
    _insert([(world["sami"].pk, world["opening"].pk, 50, [], timezone.now())])
    assert cache.get(DATA_VERSION_KEY) != "before"


def test_a_talent_rescored_moves_the_version(world):
    # On PostgreSQL the refresh writes through a psycopg cursor of its own, unseen by Django.
    MatchScore.objects.filter(profile=world["sami"]).delete()
    cache.set(DATA_VERSION_KEY, "before")
    scores_refresh_profile(profile_id=world["sami"].pk)
    assert MatchScore.objects.filter(profile=world["sami"]).exists()
    assert cache.get(DATA_VERSION_KEY) != "before"


def test_the_watcher_is_first_so_a_wrapper_block_cannot_remove_it():
    def other(execute, *args):
        return execute(*args)

    opened = SimpleNamespace(execute_wrappers=[other])
    watch_writes(None, opened)
    watch_writes(None, opened)
    assert opened.execute_wrappers == [_watch, other]


def test_sign_ins_and_access_records_leave_the_pages(world):
    client, url = _suggestions(world)
    version = cache.get(DATA_VERSION_KEY)
    _signed_in(world["sami"].user)  # a session written, the last login set
    request = RequestFactory().get("/")
    request.user = world["member"]
    access_record(
        request=request,
        subject_id=world["vera"].user_id,
        action=AccessLog.Action.PROFILE,
        target=world["vera"],
    )
    assert cache.get(DATA_VERSION_KEY) == version
    _response, read = _ask(client, url)
    assert read <= ACCESS_TABLES


def test_a_waiting_message_gets_a_fresh_page(world):
    client, url = _suggestions(world)
    storage = CookieStorage(RequestFactory().get(url))
    client.cookies["messages"] = storage._encode([Message(constants.INFO, "Invitation sent")])
    assert "Invitation sent" in client.get(url).text


def test_off_when_the_setting_is_zero(world, settings):
    settings.PRIVATE_PAGE_CACHE_SECONDS = 0
    url, member = _pages(world)["suggestions"]
    client = _signed_in(member)
    client.get(url)
    client.get(url)
    _response, read = _ask(client, url)
    assert read - ACCESS_TABLES


@pytest.mark.parametrize(
    ("statement", "writes"),
    [
        ('SELECT "a"."id" FROM "profiles_talentprofile" a', False),
        ('SAVEPOINT "s1"', False),
        ('RELEASE SAVEPOINT "s1"', False),
        ('INSERT INTO "profiles_talentprofile" ("id") VALUES (1)', True),
        ('UPDATE "profiles_talentprofile" SET "display_name" = %s', True),
        ('DELETE FROM "matching_matchscore" WHERE "id" = 1', True),
        ('EXPLAIN ANALYZE DELETE FROM "matching_matchscore"', True),
        ('INSERT INTO "django_session" ("session_key") VALUES (%s)', False),
        ('UPDATE "django_session" SET "expire_date" = %s', False),
        ('UPDATE "accounts_user" SET "last_login" = %s WHERE "accounts_user"."id" = %s', False),
        ('UPDATE "accounts_user" SET "last_login" = %s, "is_active" = %s', True),
        ('UPDATE "accounts_user" SET "full_name" = %s WHERE "accounts_user"."id" = %s', True),
        ("BEGIN", False),
        ('INSERT INTO "audit_accesslog" ("id") VALUES (1)', False),
        ('WITH t AS (SELECT 1) SELECT * FROM "profiles_talentprofile"', False),
        ('WITH t AS (DELETE FROM "matching_matchscore" RETURNING 1) SELECT 1', True),
        (psycopg_sql.SQL("INSERT INTO {} VALUES (1)").format(psycopg_sql.Identifier("x")), True),
    ],
)
def test_which_statements_count_as_writes(statement, writes):
    assert _writes(statement) is writes


def test_the_unseen_tables_exist():
    # Renamed, its writes (at every sign-in, every profile a company opens) would clear the
    # pages again.
    assert set(connection.introspection.table_names()) >= UNSEEN_TABLES
