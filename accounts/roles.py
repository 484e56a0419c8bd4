"""Staff roles as groups, each with the least it needs.

The groups are kept in step with this table after every `migrate`, so a new permission
reaches its role on deploy without a hand step. A person's role is their group membership,
given in the admin; `is_staff` only lets them sign in there.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

MODERATOR = "Moderators"
REPORTER = "Reporters"
ADMINISTRATOR = "Administrators"


def _may(model: str, *actions: str) -> list[str]:
    """("organisations.referral", "view", "change") -> the two permission names."""
    app_label, name = model.split(".")
    return [f"{app_label}.{action}_{name}" for action in actions]


# "app.codename" is one permission, "*" all of them. Moderators verify companies, review
# openings and keep the directory and content up to date; they read the personal data they
# need for that (each view of a talent's data is logged), no more. They delete nothing that is
# a record: a referral, a feedback ticket, an organisation (it is made inactive instead).
ROLE_PERMISSIONS: dict[str, list[str]] = {
    MODERATOR: [
        "enterprises.view_enterprise",
        "enterprises.change_enterprise",
        "matching.view_opening",
        "matching.change_opening",
        "matching.view_startup",
        "matching.add_startup",
        "matching.change_startup",
        "notifications.view_notification",
        "notifications.change_notification",
        "profiles.view_talentprofile",
        "toolkit.view_assessment",
        *_may("organisations.organisation", "view", "add", "change"),
        # An organisation's services and languages are edited inline: rows come and go.
        *_may("organisations.organisationservice", "view", "add", "change", "delete"),
        *_may("organisations.organisationlanguage", "view", "add", "change", "delete"),
        *_may("organisations.referral", "view", "add", "change"),
        *_may("pages.page", "view", "add", "change"),
        *_may("pages.accessibilityfeedback", "view", "change"),
        "privacy.view_noticeversion",
    ],
    REPORTER: ["reports.view_impact", "reports.export_impact"],
    ADMINISTRATOR: ["*"],
}


def _permissions(specs: list[str]):
    if "*" in specs:
        return Permission.objects.all()
    condition = Q(pk__in=[])
    for spec in specs:
        app_label, codename = spec.split(".")
        condition |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(condition)


def roles_sync(**kwargs) -> None:
    """Create the role groups and give each exactly the permissions in the table."""
    for name, specs in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(specs))
