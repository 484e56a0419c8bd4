"""Staff roles: what each group may open, in the admin and on the staff pages."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from accounts.roles import ADMINISTRATOR, MODERATOR, REPORTER, ROLE_PERMISSIONS
from core.queues import QUEUES
from enterprises.models import Enterprise
from matching.models import Opening
from tests.factories import EnterpriseFactory, OpeningFactory, StaffMemberFactory
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

ADMIN_PAGES = {
    "enterprises": "admin:enterprises_enterprise_changelist",
    "openings": "admin:matching_opening_changelist",
    "profiles": "admin:profiles_talentprofile_changelist",
    "users": "admin:accounts_user_changelist",
    "groups": "admin:auth_group_changelist",
    "access log": "admin:audit_accesslog_changelist",
    "notifications": "admin:notifications_notification_changelist",
}

# role -> the admin pages it opens (200); every other one answers 403.
ALLOWED = {
    MODERATOR: {"enterprises", "openings", "profiles", "notifications"},
    REPORTER: set(),
    ADMINISTRATOR: set(ADMIN_PAGES),
    None: set(),  # staff without a role
}


@pytest.mark.parametrize("role", list(ALLOWED), ids=str)
def test_each_role_opens_only_its_part_of_the_admin(client, role):
    client.force_login(StaffMemberFactory(role=role))

    answers = {name: client.get(reverse(url)).status_code for name, url in ADMIN_PAGES.items()}

    assert answers == {name: 200 if name in ALLOWED[role] else 403 for name in ADMIN_PAGES}


def test_the_groups_hold_exactly_the_table_after_migrate():
    moderators = Group.objects.get(name=MODERATOR)
    moderators.permissions.clear()  # someone edited the group by hand

    call_command("migrate", verbosity=0)

    granted = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in moderators.permissions.select_related("content_type")
    }
    assert granted == set(ROLE_PERMISSIONS[MODERATOR])
    # Records are never deleted by a moderator.
    assert not {"organisations.delete_referral", "pages.delete_accessibilityfeedback"} & granted
    assert "reports.view_impact" not in granted
    assert "audit.view_accesslog" not in granted
    reporters = {p.codename for p in Group.objects.get(name=REPORTER).permissions.all()}
    assert reporters == {"view_impact", "export_impact"}


def test_a_moderator_verifies_a_company_and_approves_an_opening_from_the_queue(client):
    pending = EnterpriseFactory(status=Enterprise.Status.PENDING, name="Karelia Timber Oy")
    opening = OpeningFactory(
        enterprise=EnterpriseFactory(), status=Opening.Status.SUBMITTED, title="Data intern"
    )
    client.force_login(StaffMemberFactory(role=MODERATOR))

    index = client.get(reverse("admin:index")).content.decode()
    companies = reverse("admin:enterprises_enterprise_changelist") + "?status__exact=pending"
    openings = reverse("admin:matching_opening_changelist") + "?status__exact=submitted"
    assert f'href="{companies}"' in index
    assert f'href="{openings}"' in index

    assert "Karelia Timber Oy" in client.get(companies).content.decode()
    client.post(companies, {"action": "verify_selected", "_selected_action": [pending.pk]})
    assert "Data intern" in client.get(openings).content.decode()
    client.post(openings, {"action": "approve", "_selected_action": [opening.pk]})

    pending.refresh_from_db()
    opening.refresh_from_db()
    assert pending.status == Enterprise.Status.VERIFIED
    assert opening.status == Opening.Status.PUBLISHED


def test_the_queues_show_what_waits_and_only_to_those_who_handle_it(client):
    EnterpriseFactory.create_batch(3, status=Enterprise.Status.PENDING)
    EnterpriseFactory(status=Enterprise.Status.VERIFIED)

    client.force_login(StaffMemberFactory(role=MODERATOR))
    html = client.get(reverse("admin:index")).content.decode()
    assert "Companies waiting for verification" in html
    assert "<strong>3</strong>" in html

    client.force_login(StaffMemberFactory(role=REPORTER))
    assert "Review queues" not in client.get(reverse("admin:index")).content.decode()


def test_the_admin_front_page_counts_each_queue_once(client):
    client.force_login(StaffMemberFactory(role=ADMINISTRATOR))
    few = queries_of(client, reverse("admin:index"))
    EnterpriseFactory.create_batch(5, status=Enterprise.Status.PENDING)
    OpeningFactory.create_batch(5, status=Opening.Status.SUBMITTED)

    assert queries_of(client, reverse("admin:index")) == few


@pytest.mark.parametrize("queue", QUEUES, ids=lambda queue: queue.model)
def test_every_queue_opens_its_filtered_list(client, queue):
    # A filter the changelist does not offer would bounce to "?e=1" instead.
    client.force_login(StaffMemberFactory(role=ADMINISTRATOR))
    assert client.get(queue.url()).status_code == 200


@pytest.mark.parametrize(
    ("role", "admin_link", "dashboard_link"),
    [
        (MODERATOR, True, False),
        (REPORTER, False, True),
        (ADMINISTRATOR, True, True),
        (None, False, False),
    ],
)
def test_the_navigation_offers_staff_only_what_their_role_uses(
    client, role, admin_link, dashboard_link
):
    client.force_login(StaffMemberFactory(role=role))

    nav = client.get(reverse("core:home")).content.decode().split("</nav>")[0]

    assert (f'href="{reverse("admin:index")}"' in nav) is admin_link
    assert (f'href="{reverse("reports:dashboard")}"' in nav) is dashboard_link
