"""Staff read companies' readiness in the admin: filter, search, read; never edit."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import MembershipFactory, StaffUserFactory
from toolkit.assessment import assess
from toolkit.models import Assessment
from toolkit.services import assessment_record

from .answers import NEW, READY

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:toolkit_assessment_changelist")


def record(given, **enterprise):
    membership = MembershipFactory(**{f"enterprise__{k}": v for k, v in enterprise.items()})
    return assessment_record(
        enterprise=membership.enterprise,
        actor=membership.user,
        answers=given,
        result=assess(given),
    )


@pytest.fixture
def reader(client):
    user = StaffUserFactory(is_superuser=False)
    user.user_permissions.add(
        Permission.objects.get(codename="view_assessment", content_type__app_label="toolkit")
    )
    client.force_login(user)
    return client


def test_staff_without_the_permission_are_refused(client):
    client.force_login(StaffUserFactory(is_superuser=False))
    assert client.get(CHANGELIST).status_code == 403


def test_list_filters_and_search(reader):
    ready = record(READY, name="Karelia Code Oy")
    record(NEW, name="Liperin Kuljetus Oy")

    assert reader.get(CHANGELIST).context["cl"].result_count == 2
    by_level = reader.get(CHANGELIST, {"level__exact": "ready"}).context["cl"]
    assert list(by_level.result_list) == [ready]
    by_kind = reader.get(CHANGELIST, {"suggested_kind__exact": "joint_work"}).context["cl"]
    assert by_kind.result_count == 1
    assert list(reader.get(CHANGELIST, {"q": "karelia"}).context["cl"].result_list) == [ready]


def test_query_count_does_not_grow_with_rows(reader, django_assert_max_num_queries):
    record(READY)
    with django_assert_max_num_queries(12) as one:
        reader.get(CHANGELIST)
    for _number in range(10):
        record(NEW)
    with django_assert_max_num_queries(len(one)):
        reader.get(CHANGELIST)


def test_the_record_is_read_only_with_answers_in_words(reader, admin_client):
    assessment = record(NEW)
    change = reverse("admin:toolkit_assessment_change", args=[assessment.pk])
    html = reader.get(change).content.decode()
    assert "No, we do not know what is needed" in html
    assert 'name="_save"' not in html
    # Not even an administrator adds or edits them: they are what a company answered.
    assert admin_client.get(reverse("admin:toolkit_assessment_add")).status_code == 403
    admin_client.post(change, {"level": "ready"})
    assessment.refresh_from_db()
    assert assessment.level == "getting_started"


def test_answers_the_questions_no_longer_have_are_shown_as_stored():
    assessment = Assessment(answers={**NEW, "permits": "retired", "budget": "small"})
    rows = dict(assessment.answer_labels())
    assert rows["Do you know how to check a person’s right to work in Finland?"] == "retired"
    assert rows["budget"] == "small"
