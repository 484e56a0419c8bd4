"""Main journeys in headless Chromium, with an axe-core scan of each key page."""

import re

import pytest
from allauth.mfa.utils import is_mfa_enabled
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from accounts.models import User
from tests.factories import PASSWORD
from tests.totp import current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page):
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


KEY_PAGES = [
    "/",
    "/about/",
    "/accounts/signup/",
    "/accounts/login/",
    "/for-talents/",
    "/accessibility/",
    "/organisations/",
    "/organisations/entrepreneurship/",
    "/toolkit/",
    "/toolkit/assessment/",
]


@pytest.mark.parametrize("path", KEY_PAGES)
@pytest.mark.parametrize("width", [1280, 320])
def test_key_pages_have_no_wcag_21_aa_violations(page, live_server, path, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + path)

    assert_accessible(page)
    # Nothing is cut off on a narrow phone: the page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_keyboard_user_reaches_the_skip_link_first(page, live_server):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")

    expect(page.locator(":focus")).to_have_text("Skip to main content")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))


def log_in(page, live_server, email, password=PASSWORD):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    user = User.objects.get(email=email)
    if is_mfa_enabled(user):
        # Staff sign in in two steps: the code their authenticator app shows now.
        page.locator("input[name=code]").fill(current_code(user))
        page.get_by_role("button", name="Sign In").click()
        expect(page.locator("input[name=code]")).to_have_count(0)


def sign_up_talent(page, live_server, settings, tmp_path, email="amira@example.com"):
    sign_up(page, live_server, settings, tmp_path, email, "I am a talent")


def sign_up(page, live_server, settings, tmp_path, email, side):
    """Sign up on one side and confirm the address from the mail, as a newcomer would."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label(side).check()
    page.get_by_role("textbox", name="Email").fill(email)
    page.get_by_label("Password:", exact=True).fill("a-long-and-unusual-passphrase")
    page.get_by_label("Password (again):", exact=True).fill("a-long-and-unusual-passphrase")
    page.get_by_role("button", name="Sign Up").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    mail = "".join(path.read_text() for path in tmp_path.glob("*.log"))
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()


def test_talent_signs_up_confirms_by_mail_and_lands_on_the_profile(
    page, live_server, settings, tmp_path
):
    sign_up_talent(page, live_server, settings, tmp_path)

    expect(page.get_by_role("heading", level=1)).to_have_text("Your talent profile")
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("My profile")


def test_language_switch_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/about/")

    page.get_by_role("button", name="Suomi").click()

    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page).to_have_url(live_server.url + "/about/")
    context.close()
