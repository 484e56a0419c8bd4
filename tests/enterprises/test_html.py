"""The company pages are valid HTML, as the Nu HTML checker (vnu) sees it (see tests/core)."""

import pytest
from django.urls import reverse

from enterprises import services
from enterprises.models import Enterprise, Membership
from tests.factories import EnterpriseUserFactory, InvitationFactory, MembershipFactory
from tests.html import assert_valid_html


def pages(client):
    owner = MembershipFactory(
        enterprise__status=Enterprise.Status.REJECTED, enterprise__rejection_reason="Wrong ID."
    )
    enterprise = owner.enterprise
    enterprise.target_markets, enterprise.languages_needed = ["DE"], ["de"]
    enterprise.save()
    member = MembershipFactory(enterprise=enterprise, role=Membership.Role.MEMBER)
    invitation = InvitationFactory(enterprise=enterprise, invited_by=owner.user)
    client.force_login(owner.user)
    yield "start", client.get(reverse("enterprises:start"))
    yield "register", client.get(reverse("enterprises:register"))
    yield "register errors", client.post(reverse("enterprises:register"), {})
    yield "detail", client.get(reverse("enterprises:detail", args=[enterprise.pk]))
    yield "edit", client.get(reverse("enterprises:edit", args=[enterprise.pk]))
    yield "team", client.get(reverse("enterprises:team", args=[enterprise.pk]))
    yield (
        "hand over",
        client.get(reverse("enterprises:hand_over", args=[enterprise.pk, member.pk])),
    )
    yield "leave", client.get(reverse("enterprises:leave", args=[enterprise.pk]))
    token = services.invitation_token(invitation)
    yield "invitation", client.get(reverse("enterprises:invitation", args=[token]))
    yield "invitation error", client.get(reverse("enterprises:invitation", args=["x:y:z"]))
    client.force_login(EnterpriseUserFactory(email=invitation.email))
    yield "invitations on start", client.get(reverse("enterprises:start"))
    yield "join", client.get(reverse("enterprises:invitation", args=[token]))
    client.logout()
    yield "invitation anonymous", client.get(reverse("enterprises:invitation", args=[token]))


@pytest.mark.django_db
def test_company_pages_are_valid_html(client, tmp_path):
    assert_valid_html(pages(client), tmp_path, statuses=(200, 400))
