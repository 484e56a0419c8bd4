"""The directory, an organisation's page, the path and a talent's requests are valid HTML, as
the Nu HTML checker (vnu) sees them (see tests/core)."""

import pytest
from django.urls import reverse

from organisations.demo import seed_demo
from organisations.models import Organisation, Referral
from tests.factories import TalentProfileFactory, TalentUserFactory
from tests.factories.organisations import OrganisationFactory, ReferralFactory
from tests.html import assert_valid_html


def pages(client):
    seed_demo()
    OrganisationFactory.create_batch(15, services=["networking"], languages=["en"])
    organisation = Organisation.objects.get(slug="business-joensuu")
    directory = reverse("organisations:list")
    detail = reverse("organisations:detail", args=[organisation.slug])
    ask = reverse("organisations:ask", args=[organisation.slug])
    yield "directory", client.get(directory)
    yield "directory, page 2, filtered", client.get(directory, {"page": 2, "language": "en"})
    yield "directory, none", client.get(directory, {"q": "astronaut", "service": "funding"})
    yield "directory, errors", client.get(directory, {"service": "x", "municipality": "999"})
    yield "detail, anonymous", client.get(detail)
    yield "path, anonymous", client.get(reverse("organisations:entrepreneurship"))

    talent = TalentUserFactory()
    profile = TalentProfileFactory(user=talent)
    client.force_login(talent)
    yield "detail, talent", client.get(detail, {"service": "funding"})
    yield "ask, errors", client.post(ask, {"message": "", "service": "x"})
    yield "path, talent", client.get(reverse("organisations:entrepreneurship"))
    yield "my requests, none", client.get(reverse("organisations:my_referrals"))
    ReferralFactory(profile=profile, organisation=organisation)
    for other in Organisation.objects.exclude(pk=organisation.pk)[:21]:
        ReferralFactory(
            profile=profile, organisation=other, status=Referral.Status.CLOSED, result="other"
        )
    yield "detail, open request", client.get(detail)
    yield "ask, duplicate", client.post(ask, {"message": "Again"})
    yield "my requests", client.get(reverse("organisations:my_referrals"))
    yield "my requests, page 2", client.get(reverse("organisations:my_referrals"), {"page": 2})


@pytest.mark.django_db
def test_organisation_pages_are_valid_html(client, tmp_path):
    assert_valid_html(pages(client), tmp_path)
