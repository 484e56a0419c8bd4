import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from esco.importer import STARTER_TAXONOMY, import_export
from esco.models import Skill

from .factories import (
    EnterpriseUserFactory,
    MembershipFactory,
    StaffUserFactory,
    TalentUserFactory,
)

# CI sets TALENTHUB_REQUIRE=browser,integration,...: what a developer's laptop may lack
# is then a failure, not a skip, so a green CI run proves that it ran. With "noskip" in
# the list, any skip at all fails the run.
REQUIRED = {part.strip() for part in os.environ.get("TALENTHUB_REQUIRE", "").split(",") if part}


def skip_unless_available(capability: str, reason: str) -> None:
    if capability in REQUIRED:
        pytest.fail(f"{reason} (TALENTHUB_REQUIRE includes {capability!r})")
    pytest.skip(reason)


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if "noskip" in REQUIRED and skipped and exitstatus == pytest.ExitCode.OK:
        reporter.write_sep(
            "=", f"FAILED: {len(skipped)} skipped, and TALENTHUB_REQUIRE has noskip", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database holds the shipped starter taxonomy, as after `make run`.

    pytest-django runs transactional tests (which empty the database) after all others; those
    that need the taxonomy ask for `esco_starter`.
    """
    with django_db_blocker.unblock():
        _import_starter()


def _import_starter():
    if not Skill.objects.exists():
        import_export(STARTER_TAXONOMY, lambda message: None)


@pytest.fixture
def esco_starter(transactional_db):
    _import_starter()


@pytest.fixture(autouse=True)
def _default_language():
    # A request leaves its language active in the thread (LocaleMiddleware activates, nothing
    # deactivates): a test that signs in a Finnish speaker must not make the next one Finnish.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache(monkeypatch):
    # Rate limits count in the cache; one test's attempts must not throttle the next. The
    # match scores' copy of the published openings is this process's cache of the cache.
    monkeypatch.setattr("matching.services.scores._local", None)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def talent(db):
    return TalentUserFactory()


@pytest.fixture
def member(db):
    """A member of a verified enterprise."""
    return MembershipFactory().user


@pytest.fixture
def enterprise_user(db):
    """Signed up as a company representative, no company registered yet."""
    return EnterpriseUserFactory()


@pytest.fixture
def admin_user(db):
    """pytest-django's admin_client signs in as this superuser: with two-step sign-in on, as
    every staff account must have before the admin opens."""
    return StaffUserFactory(email="admin@example.com")


@pytest.fixture
def staff(db):
    return StaffUserFactory()


@pytest.fixture
def user_for_role(db):
    """Make a user for a role name used in per-role test tables (None for anonymous)."""
    makers = {
        "anonymous": lambda: None,
        "talent": TalentUserFactory,
        "member": lambda: MembershipFactory().user,
        "enterprise_user": EnterpriseUserFactory,
        "staff": StaffUserFactory,
    }
    return lambda role: makers[role]()
