import os

import pytest
from django.core.cache import cache

from .factories import (
    EnterpriseUserFactory,
    MembershipFactory,
    StaffUserFactory,
    TalentUserFactory,
)

# CI sets TALENTHUB_REQUIRE=browser,integration,gettext: what a developer's laptop may
# lack is then a failure, not a skip, so a green CI run proves that it ran.
REQUIRED = {part.strip() for part in os.environ.get("TALENTHUB_REQUIRE", "").split(",") if part}


def skip_unless_available(capability: str, reason: str) -> None:
    if capability in REQUIRED:
        pytest.fail(f"{reason} (TALENTHUB_REQUIRE includes {capability!r})")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits count in the cache; one test's attempts must not throttle the next.
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
