from .accounts import (
    PASSWORD,
    EnterpriseUserFactory,
    StaffMemberFactory,
    StaffUserFactory,
    TalentUserFactory,
    UserFactory,
)
from .enterprises import EnterpriseFactory, InvitationFactory, MembershipFactory
from .matching import (
    ApplicationFactory,
    OpeningFactory,
    OpeningLanguageFactory,
    OpeningSkillFactory,
    PlacementFactory,
    scored_talent,
)
from .profiles import ProfileLanguageFactory, ProfileSkillFactory, TalentProfileFactory

__all__ = [
    "PASSWORD",
    "ApplicationFactory",
    "EnterpriseFactory",
    "EnterpriseUserFactory",
    "InvitationFactory",
    "MembershipFactory",
    "OpeningFactory",
    "OpeningLanguageFactory",
    "OpeningSkillFactory",
    "PlacementFactory",
    "ProfileLanguageFactory",
    "ProfileSkillFactory",
    "StaffMemberFactory",
    "StaffUserFactory",
    "TalentProfileFactory",
    "TalentUserFactory",
    "UserFactory",
    "scored_talent",
]
