"""Every key page is valid HTML, as the Nu HTML checker (vnu) sees it.

The checker comes from npm (package.json) and runs on Java; a laptop without them
skips, CI installs both and requires the check (TALENTHUB_REQUIRE=html).
"""

import pytest
from django.test import Client
from django.urls import reverse

from profiles.views import SECTIONS
from tests.factories import (
    MembershipFactory,
    ProfileLanguageFactory,
    ProfileSkillFactory,
    TalentProfileFactory,
    TalentUserFactory,
)
from tests.html import assert_valid_html


def pages(client):
    """(name, html) for each key page, per role."""
    yield "home", client.get(reverse("core:home"))
    for name in ("pages:about", "pages:privacy", "pages:accessibility", "account_login"):
        yield name, client.get(reverse(name))
    yield "signup", client.get(reverse("account_signup"))
    yield "signup with errors", client.post(reverse("account_signup"), {"email": "not-an-email"})
    yield "404", client.get("/no-such-page/")
    yield "expired form", Client(enforce_csrf_checks=True).post(reverse("account_login"))
    talent = TalentUserFactory()
    profile = TalentProfileFactory(user=talent, visibility="anonymous")
    ProfileSkillFactory(profile=profile)
    ProfileLanguageFactory(profile=profile)
    client.force_login(talent)
    yield "talent editor", client.get(reverse("profiles:start"))
    for section in SECTIONS:
        yield f"editor: {section}", client.get(reverse("profiles:section", args=[section]))
    yield "skill search", client.get(reverse("profiles:section", args=["skills"]), {"q": "trukki"})
    yield (
        "occupation search",
        client.get(reverse("profiles:section", args=["occupations"]), {"q": "developer"}),
    )
    yield "editor errors", client.post(reverse("profiles:section", args=["basics"]), {})
    yield "own profile", client.get(reverse("profiles:detail", args=[profile.pk]))
    client.force_login(MembershipFactory().user)
    yield "company start", client.get(reverse("enterprises:start"))
    yield "talent pool", client.get(reverse("profiles:pool"))
    yield "pool errors", client.get(reverse("profiles:pool"), {"available_by": "x"})
    yield "anonymous profile", client.get(reverse("profiles:detail", args=[profile.pk]))


@pytest.mark.django_db
def test_key_pages_are_valid_html(client, tmp_path):
    assert_valid_html(pages(client), tmp_path, statuses=(200, 403, 404))
