import pytest
from django.contrib.auth.models import Permission

from tests.factories import StaffMemberFactory


def staff_with(*codenames):
    """Staff (not a superuser) with just these permissions of the pages app."""
    user = StaffMemberFactory()
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="pages", codename__in=codenames)
    )
    return user


@pytest.fixture
def editor(db):
    return staff_with("view_page", "change_page")


@pytest.fixture
def answerer(db):
    return staff_with("view_accessibilityfeedback", "change_accessibilityfeedback")
