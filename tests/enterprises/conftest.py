import pytest

from enterprises.models import Enterprise, Membership
from tests.factories import EnterpriseUserFactory, MembershipFactory


@pytest.fixture
def company_data():
    """What the registration form's cleaned data looks like for a real company."""
    return {
        "name": "Pohjois-Karjalan Koodi Oy",
        "business_id": "0112038-9",
        "industry": "J",
        "size": "small",
        "municipality": "167",
        "website": "https://koodi.example.com",
        "description": "Software for forest owners.",
        "target_markets": ["DE", "SE"],
        "languages_needed": ["de", "sv"],
        "goals": "Entering the German market.",
    }


@pytest.fixture
def make_team(db):
    """An enterprise with an owner and `members` plain members: (enterprise, owner, members)."""

    def make(*, members=1, status=Enterprise.Status.VERIFIED, **fields):
        owner = MembershipFactory(enterprise__status=status, **fields)
        enterprise = owner.enterprise
        others = [
            MembershipFactory(enterprise=enterprise, role=Membership.Role.MEMBER).user
            for _ in range(members)
        ]
        return enterprise, owner.user, others

    return make


@pytest.fixture
def outsider(db):
    """A company representative in another enterprise."""
    return MembershipFactory().user


@pytest.fixture
def new_user(db):
    return EnterpriseUserFactory()
