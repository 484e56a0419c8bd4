"""Staff verify and reject companies from the Django admin, through the services."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from enterprises.models import Enterprise
from tests.factories import EnterpriseFactory, MembershipFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:enterprises_enterprise_changelist")


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def test_the_list_puts_pending_companies_first(admin_client, django_assert_max_num_queries):
    EnterpriseFactory(name="Aaa Verified Oy")
    EnterpriseFactory(name="Zzz Pending Oy", status=Enterprise.Status.PENDING)

    with django_assert_max_num_queries(12):
        response = admin_client.get(CHANGELIST)

    html = response.content.decode()
    assert html.index("Zzz Pending Oy") < html.index("Aaa Verified Oy")
    assert admin_client.get(CHANGELIST, {"status__exact": "pending"}).status_code == 200
    assert admin_client.get(CHANGELIST, {"q": "Zzz"}).status_code == 200


def test_verify_selected_verifies_pending_and_skips_the_rest(
    admin_client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    pending = MembershipFactory(enterprise__status=Enterprise.Status.PENDING).enterprise
    verified = EnterpriseFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST,
            {"action": "verify_selected", ACTION_CHECKBOX_NAME: [pending.pk, verified.pk]},
            follow=True,
        )

    html = response.content.decode()
    assert "1 enterprise verified." in html
    # The refusal names the company and says why.
    assert f"{verified.name}: " in html
    pending.refresh_from_db()
    assert (pending.status, pending.reviewed_by) == (Enterprise.Status.VERIFIED, staff)
    assert len(mailoutbox) == 1


def test_reject_selected_asks_for_the_reason_on_a_page_of_its_own(
    admin_client, mailoutbox, django_capture_on_commit_callbacks
):
    first = MembershipFactory(enterprise__status=Enterprise.Status.PENDING).enterprise
    second = MembershipFactory(enterprise__status=Enterprise.Status.PENDING).enterprise
    selected = {"action": "reject_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk]}

    page = admin_client.post(CHANGELIST, selected)
    assert page.status_code == 200
    html = page.content.decode()
    assert "csrfmiddlewaretoken" in html
    assert 'name="reason"' in html
    assert first.name in html
    assert Enterprise.objects.filter(status=Enterprise.Status.REJECTED).count() == 0

    without_reason = admin_client.post(CHANGELIST, {**selected, "apply": "yes", "reason": ""})
    assert without_reason.status_code == 200
    assert "This field is required" in without_reason.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST,
            {**selected, "apply": "yes", "reason": "Not found in the trade register."},
            follow=True,
        )

    assert "2 enterprises rejected." in response.content.decode()
    for enterprise in (first, second):
        enterprise.refresh_from_db()
        assert enterprise.status == Enterprise.Status.REJECTED
        assert enterprise.rejection_reason == "Not found in the trade register."
    assert len(mailoutbox) == 2
    assert all("Not found in the trade register." in mail.body for mail in mailoutbox)


def test_the_change_form_does_not_edit_the_decision(admin_client):
    enterprise = MembershipFactory(enterprise__status=Enterprise.Status.PENDING).enterprise

    response = admin_client.get(
        reverse("admin:enterprises_enterprise_change", args=[enterprise.pk])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="status"' not in html
    assert 'name="logo"' not in html
