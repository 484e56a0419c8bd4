"""Referrals: a talent asks to be contacted, staff record one and move it on to its result."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse

from core.errors import InvalidTransition
from organisations import services
from organisations.models import Referral
from tests.factories import (
    EnterpriseFactory,
    StaffUserFactory,
    TalentProfileFactory,
    TalentUserFactory,
)
from tests.factories.organisations import OrganisationFactory, ReferralFactory

pytestmark = pytest.mark.django_db
Status = Referral.Status
Result = Referral.Result
MY_REFERRALS = reverse("organisations:my_referrals")


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Business Joensuu", services=["entrepreneurship", "funding"])


def detail(organisation):
    return reverse("organisations:detail", args=[organisation.slug])


def ask(organisation):
    return reverse("organisations:ask", args=[organisation.slug])


# -- services -------------------------------------------------------------------------------


def test_a_talent_request_waits_for_staff(organisation):
    profile = TalentProfileFactory()
    referral = services.referral_request(
        profile=profile, organisation=organisation, service="funding", message="  Starttiraha?  "
    )
    assert referral.status == Status.REQUESTED
    assert referral.source == Referral.Source.TALENT
    assert referral.message == "Starttiraha?"
    assert referral.handled_by is None


def test_a_second_open_request_to_the_same_organisation_is_refused(organisation):
    profile = TalentProfileFactory()
    services.referral_request(profile=profile, organisation=organisation, message="Help")
    with pytest.raises(ValidationError, match="already asked Business Joensuu"):
        services.referral_request(profile=profile, organisation=organisation, message="Again")
    # Another organisation, or the same one after the first was closed, is fine.
    services.referral_request(profile=profile, organisation=OrganisationFactory(), message="Hi")
    Referral.objects.filter(organisation=organisation).update(status=Status.CLOSED, result="other")
    services.referral_request(profile=profile, organisation=organisation, message="Again")
    assert Referral.objects.filter(profile=profile).count() == 3


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"message": "   "}, "what you would like help with"),
        ({"service": "astrology"}, "Choose a service"),
    ],
)
def test_a_request_needs_a_message_and_a_known_service(organisation, fields, error):
    with pytest.raises(ValidationError, match=error):
        services.referral_request(
            profile=TalentProfileFactory(),
            organisation=organisation,
            **{"message": "Help", **fields},
        )


def test_an_inactive_organisation_takes_no_requests():
    with pytest.raises(ValidationError, match="no longer listed"):
        services.referral_request(
            profile=TalentProfileFactory(),
            organisation=OrganisationFactory(is_active=False),
            message="Help",
        )


def test_staff_record_a_referral_of_a_talent_or_an_enterprise(organisation):
    staff = StaffUserFactory()
    enterprise = EnterpriseFactory()
    referral = services.referral_record(
        actor=staff, organisation=organisation, enterprise=enterprise, service="funding"
    )
    assert (referral.status, referral.source) == (Status.REFERRED, Referral.Source.STAFF)
    assert referral.referred_at
    assert referral.handled_by == staff
    with pytest.raises(ValidationError, match="already has an open referral"):
        services.referral_record(actor=staff, organisation=organisation, enterprise=enterprise)
    profile = TalentProfileFactory()
    assert services.referral_record(actor=staff, organisation=organisation, profile=profile)


@pytest.mark.parametrize("subjects", ["none", "both"])
def test_a_referral_is_about_exactly_one_subject(organisation, subjects):
    given = (
        {}
        if subjects == "none"
        else {"profile": TalentProfileFactory(), "enterprise": EnterpriseFactory()}
    )
    with pytest.raises(ValidationError, match="either a talent or an enterprise"):
        services.referral_record(actor=StaffUserFactory(), organisation=organisation, **given)


def test_the_database_refuses_a_referral_of_both_or_neither(organisation):
    with pytest.raises(IntegrityError):
        Referral.objects.create(organisation=organisation, source="staff")


def test_only_staff_record_and_move_referrals(organisation):
    talent = TalentUserFactory()
    with pytest.raises(PermissionDenied):
        services.referral_record(
            actor=talent, organisation=organisation, profile=TalentProfileFactory()
        )
    referral = ReferralFactory()
    with pytest.raises(PermissionDenied):
        services.referral_move(referral_id=referral.pk, actor=talent, to=Status.REFERRED)


def test_a_referral_moves_from_requested_to_closed_with_a_result():
    staff = StaffUserFactory()
    referral = ReferralFactory()
    for target in (Status.REFERRED, Status.CONTACTED):
        referral = services.referral_move(referral_id=referral.pk, actor=staff, to=target)
        assert referral.status == target
    referral = services.referral_move(
        referral_id=referral.pk,
        actor=staff,
        to=Status.CLOSED,
        result=Result.STARTED_BUSINESS,
        note="Toiminimi registered.",
    )
    referral.refresh_from_db()
    assert (referral.status, referral.result) == (Status.CLOSED, Result.STARTED_BUSINESS)
    assert referral.result_note == "Toiminimi registered."
    assert referral.referred_at <= referral.contacted_at <= referral.closed_at
    assert referral.handled_by == staff


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.REQUESTED, Status.CONTACTED),  # staff pass it on first
        (Status.REFERRED, Status.REQUESTED),
        (Status.CONTACTED, Status.REFERRED),
        (Status.CLOSED, Status.REFERRED),
        (Status.CLOSED, Status.CLOSED),
    ],
)
def test_refused_transitions(start, target):
    referral = ReferralFactory(
        status=start, result=Result.OTHER if start == Status.CLOSED else Result.NONE
    )
    with pytest.raises(InvalidTransition):
        services.referral_move(
            referral_id=referral.pk, actor=StaffUserFactory(), to=target, result=Result.OTHER
        )
    referral.refresh_from_db()
    assert referral.status == start


@pytest.mark.parametrize("start", [Status.REQUESTED, Status.REFERRED, Status.CONTACTED])
def test_an_open_referral_closes_from_any_state_but_only_with_a_result(start):
    referral = ReferralFactory(status=start)
    staff = StaffUserFactory()
    for result in ("", "astrology"):
        with pytest.raises(ValidationError, match="Choose a result"):
            services.referral_move(
                referral_id=referral.pk, actor=staff, to=Status.CLOSED, result=result
            )
    services.referral_move(
        referral_id=referral.pk, actor=staff, to=Status.CLOSED, result=Result.NOT_INTERESTED
    )
    assert Referral.objects.get(pk=referral.pk).status == Status.CLOSED


# -- the talent's side ----------------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_log_in(client, organisation):
    body = client.get(detail(organisation)).content.decode()
    assert f'href="/accounts/login/?next={detail(organisation)}"' in body
    assert "<textarea" not in body
    response = client.post(ask(organisation), {"message": "Help"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert client.get(MY_REFERRALS).status_code == 302
    assert not Referral.objects.exists()


def test_a_talent_asks_to_be_contacted(client, talent, organisation):
    client.force_login(talent)
    page = client.get(detail(organisation))
    body = page.content.decode()
    assert "will see your name, your email address and your message" in body
    topics = [code for code, _label in page.context["form"].fields["service"].choices]
    assert topics == ["", "entrepreneurship", "funding"]  # what the organisation offers

    response = client.post(
        ask(organisation), {"service": "funding", "message": "Can I get a start-up grant?"}
    )
    assert response.status_code == 302
    assert response.url == MY_REFERRALS
    referral = Referral.objects.get()
    assert referral.profile.user == talent
    assert (referral.service, referral.status) == ("funding", Status.REQUESTED)

    listing = client.get(MY_REFERRALS)
    body = listing.content.decode()
    assert "TalentHub staff will pass your request on to Business Joensuu" in body
    assert 'role="status"' in body
    assert list(listing.context["referrals"]) == [referral]
    # The organisation's page now tells the talent their request is open.
    assert "You asked to be contacted on" in client.get(detail(organisation)).content.decode()


def test_a_duplicate_request_is_refused_with_a_clear_message(client, talent, organisation):
    client.force_login(talent)
    client.post(ask(organisation), {"message": "Help"})
    response = client.post(ask(organisation), {"message": "Help again"})
    assert response.status_code == 200
    assert "You have already asked Business Joensuu to contact you" in response.content.decode()
    assert Referral.objects.count() == 1


def test_an_empty_or_too_long_message_is_shown_as_a_form_error(client, talent, organisation):
    client.force_login(talent)
    for message in ("", "x" * 2001):
        response = client.post(ask(organisation), {"message": message})
        assert response.status_code == 200
        assert "message" in response.context["form"].errors
    response = client.post(ask(organisation), {"message": "Hi", "service": "work_permits"})
    assert "service" in response.context["form"].errors  # not a service it offers
    assert not Referral.objects.exists()


@pytest.mark.parametrize("role", ["member", "enterprise_user", "staff"])
def test_other_roles_get_no_form_and_404_on_post(client, user_for_role, organisation, role):
    client.force_login(user_for_role(role))
    page = client.get(detail(organisation))
    assert page.status_code == 200
    assert page.context["form"] is None
    assert "<textarea" not in page.content.decode()
    assert client.post(ask(organisation), {"message": "Help"}).status_code == 404
    assert client.get(MY_REFERRALS).status_code == 404
    assert not Referral.objects.exists()


def test_asking_an_inactive_or_unknown_organisation_is_404(client, talent):
    client.force_login(talent)
    hidden = OrganisationFactory(is_active=False)
    assert client.post(ask(hidden), {"message": "Help"}).status_code == 404
    assert client.post("/organisations/nobody/ask/", {"message": "Help"}).status_code == 404


def test_asking_takes_post_only(client, talent, organisation):
    client.force_login(talent)
    assert client.get(ask(organisation)).status_code == 405


def test_a_talent_sees_their_own_referrals_only(client, talent):
    mine = ReferralFactory(profile=TalentProfileFactory(user=talent))
    recorded = ReferralFactory(
        profile=mine.profile, source=Referral.Source.STAFF, status=Status.CLOSED,
        result=Result.GOT_ADVICE,
    )  # fmt: skip
    theirs = ReferralFactory(message="Someone else’s secret plan")
    client.force_login(talent)
    response = client.get(MY_REFERRALS)
    assert set(response.context["referrals"]) == {mine, recorded}
    assert "Got advice" in response.content.decode()

    client.force_login(theirs.profile.user)
    response = client.get(MY_REFERRALS)
    assert list(response.context["referrals"]) == [theirs]


@pytest.mark.parametrize("rows", [1, 25])
def test_my_referrals_paginate_in_few_queries(client, talent, django_assert_max_num_queries, rows):
    profile = TalentProfileFactory(user=talent)
    for organisation in OrganisationFactory.create_batch(rows):
        ReferralFactory(profile=profile, organisation=organisation)
    client.force_login(talent)
    with django_assert_max_num_queries(6):  # session, user, count, page, unread count
        response = client.get(MY_REFERRALS)
    assert len(response.context["referrals"]) == min(rows, 20)
