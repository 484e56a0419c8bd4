import pytest
from django.contrib.auth.models import Group, Permission

from accounts.roles import REPORTER
from tests.factories import StaffUserFactory


def staff_with(*codenames):
    """A staff member (not a superuser) with just these reports permissions."""
    user = StaffUserFactory(is_superuser=False)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="reports", codename__in=codenames)
    )
    return user


@pytest.fixture
def reporter(db):
    user = StaffUserFactory(is_superuser=False)
    user.groups.add(Group.objects.get(name=REPORTER))
    return user
