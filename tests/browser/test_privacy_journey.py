"""A newcomer's privacy rights, tried in the browser as they would: download their data, turn on
two-step sign-in, change a consent, delete the account; only nameless statistics stay."""

import io
import json
import zipfile

import pytest
from playwright.sync_api import expect

from accounts.models import User
from matching.models import Placement
from privacy.models import Consent
from profiles.models import TalentProfile
from tests.browser.test_journeys import assert_accessible, sign_up_talent
from tests.factories import PlacementFactory
from tests.totp import code_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSPHRASE = "a-long-and-unusual-passphrase"


def confirm_it_is_me(page, secret=None):
    """Before a sensitive change the service asks to sign in again, if it is a while since
    the last time: with the password, or with the code once two-step sign-in is on."""
    main = page.locator("main")
    if main.locator("input[name=password]").count():
        main.locator("input[name=password]").fill(PASSPHRASE)
        main.locator("button[type=submit]").click()
    elif main.locator("input[name=code]").count():
        main.locator("input[name=code]").fill(code_for(secret))
        main.locator("button[type=submit]").click()


def test_a_newcomer_exports_their_data_turns_on_mfa_and_deletes_the_account(
    page, live_server, settings, tmp_path
):
    sign_up_talent(page, live_server, settings, tmp_path, email="nadia@example.com")
    user = User.objects.get(email="nadia@example.com")
    # The programme's record of a cooperation period she did: it must outlive her account.
    PlacementFactory(profile=TalentProfile.objects.get(user=user))

    page.get_by_role("link", name="Download your data").click()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == "nadia@example.com"
    assert {consent["purpose"] for consent in data["consents"]} == {
        "shown_to_companies",
        "match_mail",
    }

    page.get_by_role("link", name="Two-step sign-in").click()
    page.get_by_role("link", name="Activate").first.click()
    confirm_it_is_me(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(code_for(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery Codes")

    page.get_by_role("link", name="Your privacy choices").click()
    assert_accessible(page)
    page.get_by_label("Email me new openings that match my profile").check()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_text("Your choices have been saved.")).to_be_visible()

    page.get_by_role("link", name="Delete your account").click()
    confirm_it_is_me(page, secret)
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your account")
    assert_accessible(page)
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Delete my account").click()

    expect(page.get_by_text("Your account and your data have been deleted.")).to_be_visible()
    stub = User.objects.get(pk=user.pk)
    assert (stub.is_active, stub.full_name) == (False, "")
    assert "nadia" not in stub.email
    assert not stub.authenticator_set.exists()
    # What stays names nobody: the placement for the statistics, the proof of her consents.
    assert Placement.objects.get().profile.display_name == "Deleted talent"
    # Signed up without either, gave match mail, withdrawn by the deletion.
    assert Consent.objects.filter(user=stub).count() == 4
