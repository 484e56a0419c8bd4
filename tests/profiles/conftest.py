import pytest

from accounts import roles
from enterprises.models import Enterprise
from profiles import services
from profiles.documents import photo_process
from profiles.models import TalentProfile
from tests.factories import (
    MembershipFactory,
    ProfileLanguageFactory,
    ProfileSkillFactory,
    StaffMemberFactory,
    StaffUserFactory,
    TalentProfileFactory,
    TalentUserFactory,
)

from .files import image_upload, pdf_upload


@pytest.fixture
def make_profile(db):
    """A profile with a skill, a language, a photo and a CV, at the visibility asked for."""

    def make(visibility=TalentProfile.Visibility.ANONYMOUS, **fields):
        profile = TalentProfileFactory(visibility=visibility, **fields)
        ProfileSkillFactory(profile=profile)
        ProfileLanguageFactory(profile=profile, language="fi", level=4)
        services.profile_photo_set(profile=profile, photo=photo_process(image_upload()))
        services.profile_cv_set(profile=profile, upload=pdf_upload("Ana Souza CV.pdf"))
        return profile

    return make


@pytest.fixture
def viewer_for(db):
    """A signed-in person for each role the visibility rules tell apart (None: anonymous)."""

    def make(role, profile):
        return {
            "anonymous": lambda: None,
            "owner": lambda: profile.user,
            "other_talent": TalentUserFactory,
            "member": lambda: MembershipFactory().user,
            "unverified_member": lambda: (
                MembershipFactory(enterprise__status=Enterprise.Status.PENDING).user
            ),
            "staff": StaffUserFactory,
            "moderator": lambda: StaffMemberFactory(role=roles.MODERATOR),
            "reporter": lambda: StaffMemberFactory(role=roles.REPORTER),
        }[role]()

    return make
