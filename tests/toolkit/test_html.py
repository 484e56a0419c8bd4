"""The toolkit's pages are valid HTML, as the Nu HTML checker (vnu) sees it (see tests/core)."""

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, TalentUserFactory
from tests.html import assert_valid_html

from .answers import NEW, READY

ASSESSMENT = reverse("toolkit:assessment")


def pages(client):
    yield "questions", client.get(ASSESSMENT)
    yield "errors", client.post(ASSESSMENT, {"need": "try"})
    yield "result anonymous", client.post(ASSESSMENT, NEW)
    client.force_login(TalentUserFactory())
    yield "result talent", client.post(ASSESSMENT, READY)
    membership = MembershipFactory()
    client.force_login(membership.user)
    yield "result member", client.post(ASSESSMENT, READY)
    second = MembershipFactory(user=membership.user).enterprise
    yield "questions, several companies", client.get(ASSESSMENT)
    yield "result, several companies", client.post(ASSESSMENT, {**NEW, "enterprise": second.pk})
    yield (
        "altered answers",
        client.post(reverse("toolkit:draft"), {"enterprise": second.pk, "need": "all"}),
    )


@pytest.mark.django_db
def test_toolkit_pages_are_valid_html(client, tmp_path):
    assert_valid_html(pages(client), tmp_path, statuses=(200, 400))
