"""Reads about accounts: which role a person has and where they go next."""

from enum import StrEnum

from django.urls import reverse

from .models import User


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    TALENT = "talent"
    ENTERPRISE = "enterprise"
    STAFF = "staff"


def user_role(user) -> Role:
    """The role that decides navigation and landing pages (no query: fields on the user)."""
    if not user.is_authenticated:
        return Role.ANONYMOUS
    if user.is_staff:
        return Role.STAFF
    if user.side == User.Side.ENTERPRISE:
        return Role.ENTERPRISE
    return Role.TALENT


def next_step_url(user) -> str:
    """Where a person lands after logging in: the next thing their side needs to do. A
    reporter's work is the impact dashboard; other staff work in the admin."""
    if user.is_staff and not works_in_admin(user) and user.has_perm("reports.view_impact"):
        return reverse("reports:dashboard")
    return {
        Role.STAFF: reverse("admin:index"),
        Role.ENTERPRISE: reverse("enterprises:start"),
        Role.TALENT: reverse("profiles:start"),
        Role.ANONYMOUS: reverse("core:home"),
    }[user_role(user)]


def works_in_admin(user) -> bool:
    """Staff whose role has something to do in the admin: not a reporter (the impact figures
    are outside it) nor staff given no role yet."""
    if not user.is_staff:
        return False
    return user.is_superuser or any(
        not permission.startswith("reports.") for permission in user.get_all_permissions()
    )
