from .accounts import (
    PASSWORD,
    EnterpriseUserFactory,
    StaffUserFactory,
    TalentUserFactory,
    UserFactory,
)
from .enterprises import EnterpriseFactory, MembershipFactory
from .matching import OpeningFactory
from .profiles import ProfileLanguageFactory, ProfileSkillFactory, TalentProfileFactory

__all__ = [
    "PASSWORD",
    "EnterpriseFactory",
    "EnterpriseUserFactory",
    "MembershipFactory",
    "OpeningFactory",
    "ProfileLanguageFactory",
    "ProfileSkillFactory",
    "StaffUserFactory",
    "TalentProfileFactory",
    "TalentUserFactory",
    "UserFactory",
]
