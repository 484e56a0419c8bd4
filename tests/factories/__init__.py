from .accounts import (
    PASSWORD,
    EnterpriseUserFactory,
    StaffUserFactory,
    TalentUserFactory,
    UserFactory,
)
from .enterprises import EnterpriseFactory, MembershipFactory
from .matching import OpeningFactory
from .profiles import TalentProfileFactory

__all__ = [
    "PASSWORD",
    "EnterpriseFactory",
    "EnterpriseUserFactory",
    "MembershipFactory",
    "OpeningFactory",
    "StaffUserFactory",
    "TalentProfileFactory",
    "TalentUserFactory",
    "UserFactory",
]
