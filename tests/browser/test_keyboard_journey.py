"""A person who uses no pointer: signs up, fills in their profile and applies, with the
keyboard alone. Every control is reached by Tab (or Shift+Tab) from where the page starts, and
used with Enter, Space or typing, so each step proves the control is in the focus order."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import OpeningFactory

from .test_journeys import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSPHRASE = "a-long-and-unusual-passphrase"


def tab_to(page, locator, *, most=80):
    """Press Tab until the control has the focus, as a keyboard user would."""
    target = locator.first
    for _ in range(most):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def test_sign_up_fill_in_the_profile_and_apply_with_the_keyboard_only(
    page, live_server, settings, tmp_path
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    opening = OpeningFactory(title="Joint work period: export sales to Japan")
    page.goto(live_server.url + "/")

    tab_to(page, page.get_by_role("link", name="Sign up"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("I am a talent"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("textbox", name="Email"))
    page.keyboard.type("keys@example.com")
    tab_to(page, page.get_by_label("Password:", exact=True))
    page.keyboard.type(PASSPHRASE)
    tab_to(page, page.get_by_label("Password (again):", exact=True))
    page.keyboard.type(PASSPHRASE)
    tab_to(page, page.get_by_label("Verified companies may find my profile"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Sign Up"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")

    mail = "".join(path.read_text() for path in tmp_path.glob("*.log"))
    page.goto(re.search(r"http://\S+/accounts/confirm-email/\S+/", mail).group(0))
    tab_to(page, page.get_by_role("button", name="Confirm"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your talent profile")

    tab_to(page, page.get_by_role("link", name="Name and place"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Headline"))
    page.keyboard.type("Export sales in Japanese and English")
    tab_to(page, page.get_by_role("button", name="Save"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("Saved")

    page.goto(f"{live_server.url}/openings/{opening.pk}/")
    tab_to(page, page.get_by_role("link", name="Apply now"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_label("Why are you interested?"))
    page.keyboard.type("I sold log-house kits in Osaka for three years.")
    tab_to(page, page.get_by_role("button", name="Send the application"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Your application")
    assert_accessible(page)
