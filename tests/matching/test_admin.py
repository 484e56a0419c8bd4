"""Staff moderate openings in the admin: the review queue first, bulk approve and reject."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from matching.models import Opening, OpeningEvent
from tests.factories import MembershipFactory, OpeningFactory, StaffUserFactory

S = Opening.Status
CHANGELIST = reverse("admin:matching_opening_changelist")


@pytest.fixture
def staff_client(client):
    moderator = StaffUserFactory()
    client.force_login(moderator)
    client.moderator = moderator
    return client


def submitted(**fields):
    return OpeningFactory(status=S.SUBMITTED, **fields)


@pytest.mark.django_db
def test_the_review_queue_comes_first_with_its_warnings(staff_client):
    OpeningFactory(title="Live one")
    submitted(title="Waiting one", quality_warnings=[{"code": "age", "field": "title"}])
    html = staff_client.get(CHANGELIST).content.decode()
    assert html.index("Waiting one") < html.index("Live one")


@pytest.mark.django_db
def test_bulk_approve_publishes_submitted_and_reports_the_rest(staff_client):
    waiting, live = submitted(), OpeningFactory()
    response = staff_client.post(
        CHANGELIST,
        {"action": "approve", ACTION_CHECKBOX_NAME: [waiting.pk, live.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "1 opening published." in html
    assert f"{live.title}: This opening is published" in html
    event = OpeningEvent.objects.get()
    assert (event.opening, event.actor, event.to_status) == (
        waiting,
        staff_client.moderator,
        S.PUBLISHED,
    )


@pytest.mark.django_db
def test_bulk_reject_asks_for_the_reason_then_mails_it(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = submitted(), submitted()
    for opening in (first, second):
        MembershipFactory(enterprise=opening.enterprise)
    selected = {"action": "reject", ACTION_CHECKBOX_NAME: [first.pk, second.pk]}
    page = staff_client.post(CHANGELIST, selected)
    assert page.status_code == 200
    assert "The reason is mailed to each enterprise" in page.content.decode()
    assert Opening.objects.filter(status=S.SUBMITTED).count() == 2
    # An empty reason is refused on the same page.
    again = staff_client.post(CHANGELIST, {**selected, "apply": "yes", "reason": " "})
    assert 'class="errorlist' in again.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            CHANGELIST, {**selected, "apply": "yes", "reason": "State the salary range."}
        )
    assert Opening.objects.filter(status=S.REJECTED).count() == 2
    assert len(mailoutbox) == 2
    assert all("State the salary range." in mail.body for mail in mailoutbox)


@pytest.mark.django_db
def test_lifecycle_fields_are_read_only_in_the_admin(staff_client):
    opening = submitted()
    url = reverse("admin:matching_opening_change", args=[opening.pk])
    html = staff_client.get(url).content.decode()
    assert 'name="status"' not in html
    assert 'name="published_at"' not in html
    assert 'name="enterprise"' not in html
    # Staff can preview the opening as talents will see it.
    assert "View on site" in html


@pytest.mark.django_db
def test_the_changelist_query_count_does_not_grow(staff_client, django_assert_max_num_queries):
    submitted()
    with django_assert_max_num_queries(20) as few:
        staff_client.get(CHANGELIST)
    OpeningFactory.create_batch(20)
    with django_assert_max_num_queries(len(few)):
        staff_client.get(CHANGELIST)
