"""Staff keep the directory in the admin and work through the referral queue."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import MODERATOR
from organisations.models import Organisation, Referral
from tests.factories import (
    EnterpriseFactory,
    StaffUserFactory,
    TalentProfileFactory,
)
from tests.factories.organisations import OrganisationFactory, ReferralFactory

pytestmark = pytest.mark.django_db
Status = Referral.Status
REFERRALS = reverse("admin:organisations_referral_changelist")
ORGANISATIONS = reverse("admin:organisations_organisation_changelist")


@pytest.fixture
def moderator():
    user = StaffUserFactory(is_superuser=False)
    user.groups.add(Group.objects.get(name=MODERATOR))
    return user


@pytest.fixture
def staff_client(client, moderator):
    client.force_login(moderator)
    return client


def test_staff_without_the_permission_do_not_see_the_queue(client):
    client.force_login(StaffUserFactory(is_superuser=False))
    assert client.get(REFERRALS).status_code == 403


def test_the_queue_puts_new_requests_first_then_oldest_first(staff_client):
    closed = ReferralFactory(status=Status.CLOSED, result="other")
    contacted = ReferralFactory(status=Status.CONTACTED)
    first = ReferralFactory()
    second = ReferralFactory()
    referred = ReferralFactory(status=Status.REFERRED)
    response = staff_client.get(REFERRALS)
    assert list(response.context["cl"].result_list) == [first, second, referred, contacted, closed]
    filtered = staff_client.get(REFERRALS, {"status__exact": "requested"})
    assert filtered.context["cl"].result_count == 2
    by_subject = staff_client.get(REFERRALS, {"subject": "enterprise"})
    assert by_subject.context["cl"].result_count == 0
    search = staff_client.get(REFERRALS, {"q": first.profile.display_name})
    assert first in search.context["cl"].result_list


def test_staff_move_referrals_on_and_refusals_are_reported(staff_client, moderator):
    waiting = ReferralFactory()
    contacted = ReferralFactory(status=Status.CONTACTED)
    response = staff_client.post(
        REFERRALS,
        {"action": "mark_referred", ACTION_CHECKBOX_NAME: [waiting.pk, contacted.pk]},
        follow=True,
    )
    body = response.content.decode()
    assert "1 referral passed on." in body
    assert "cannot be changed" in body
    waiting.refresh_from_db()
    assert (waiting.status, waiting.handled_by) == (Status.REFERRED, moderator)
    staff_client.post(REFERRALS, {"action": "mark_contacted", ACTION_CHECKBOX_NAME: [waiting.pk]})
    assert Referral.objects.get(pk=waiting.pk).status == Status.CONTACTED


def test_closing_asks_for_the_result_first(staff_client):
    referral = ReferralFactory(status=Status.CONTACTED)
    selected = {"action": "close_selected", ACTION_CHECKBOX_NAME: [referral.pk]}
    page = staff_client.post(REFERRALS, selected)
    assert page.status_code == 200
    assert "Started a business" in page.content.decode()
    assert Referral.objects.get(pk=referral.pk).status == Status.CONTACTED

    staff_client.post(REFERRALS, {**selected, "apply": "yes", "result": "nonsense"})
    assert Referral.objects.get(pk=referral.pk).status == Status.CONTACTED

    response = staff_client.post(
        REFERRALS,
        {**selected, "apply": "yes", "result": "started_business", "note": "Bakery Oy"},
        follow=True,
    )
    assert "1 referral closed." in response.content.decode()
    referral.refresh_from_db()
    assert (referral.status, referral.result, referral.result_note) == (
        Status.CLOSED,
        "started_business",
        "Bakery Oy",
    )


def test_staff_add_a_referral_of_an_enterprise(staff_client, moderator):
    organisation = OrganisationFactory()
    enterprise = EnterpriseFactory()
    add = reverse("admin:organisations_referral_add")
    form = staff_client.get(add)
    assert form.status_code == 200
    # The three pickers search as staff type (and their admins define search_fields).
    assert form.content.decode().count("admin-autocomplete") >= 3

    data = {"organisation": organisation.pk, "enterprise": enterprise.pk, "service": "funding"}
    response = staff_client.post(add, data)
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.status, referral.source) == (Status.REFERRED, Referral.Source.STAFF)
    assert referral.handled_by == moderator

    again = staff_client.post(add, data)
    assert again.status_code == 200
    assert "already has an open referral" in again.content.decode()
    both = staff_client.post(add, {**data, "profile": TalentProfileFactory().pk})
    assert both.content.decode().count("either a talent or an enterprise") == 1
    assert Referral.objects.count() == 1


def test_the_autocomplete_finds_talents_for_a_moderator(staff_client):
    profile = TalentProfileFactory(display_name="Amina Farouk")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Amina",
            "app_label": "organisations",
            "model_name": "referral",
            "field_name": "profile",
        },
    )
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [str(profile.pk)]


def test_the_change_page_is_read_only(staff_client):
    referral = ReferralFactory()
    url = reverse("admin:organisations_referral_change", args=[referral.pk])
    assert staff_client.get(url).status_code == 200
    staff_client.post(url, {"status": "closed", "message": "changed"})
    referral.refresh_from_db()
    assert (referral.status, referral.message) == (
        Status.REQUESTED,
        "I would like to start a bakery.",
    )


def test_staff_add_an_organisation_with_services_and_languages(staff_client):
    response = staff_client.post(
        reverse("admin:organisations_organisation_add"),
        {
            "name": "Luotsi",
            "slug": "luotsi",
            "description_en": "Help with settling in.",
            "municipality": "167",
            "website": "joensuu.fi",
            "is_active": "on",
            "services-TOTAL_FORMS": 1,
            "services-INITIAL_FORMS": 0,
            "services-0-service": "integration",
            "languages-TOTAL_FORMS": 1,
            "languages-INITIAL_FORMS": 0,
            "languages-0-language": "uk",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    organisation = Organisation.objects.get(slug="luotsi")
    assert organisation.website == "https://joensuu.fi"
    assert [row.service for row in organisation.services.all()] == ["integration"]
    assert [row.language for row in organisation.languages.all()] == ["uk"]


def test_a_page_address_cannot_be_an_organisation_address(staff_client):
    response = staff_client.post(
        reverse("admin:organisations_organisation_add"),
        {
            "name": "Path",
            "slug": "entrepreneurship",
            "description_en": "x",
            "services-TOTAL_FORMS": 0,
            "services-INITIAL_FORMS": 0,
            "languages-TOTAL_FORMS": 0,
            "languages-INITIAL_FORMS": 0,
        },
    )
    assert "slug" in response.context["adminform"].form.errors


@pytest.mark.parametrize(
    ("changelist", "make_rows"),
    [
        (
            REFERRALS,
            lambda: [
                ReferralFactory(),
                ReferralFactory(profile=None, enterprise=EnterpriseFactory()),
                ReferralFactory(status=Status.REFERRED, handled_by=StaffUserFactory()),
            ],
        ),
        (
            ORGANISATIONS,
            lambda: [OrganisationFactory(services=["funding", "education"], languages=["en"])],
        ),
    ],
)
def test_changelist_query_counts_do_not_grow_with_rows(
    staff_client, django_assert_max_num_queries, changelist, make_rows
):
    make_rows()
    with django_assert_max_num_queries(30) as few:
        staff_client.get(changelist)
    for _number in range(10):
        make_rows()
    with django_assert_max_num_queries(len(few)):
        response = staff_client.get(changelist)
    assert response.context["cl"].result_count > 10
