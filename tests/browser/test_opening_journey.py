"""The issue's acceptance journey: a company registers, is verified, invites a colleague, posts
a development period that staff approve, and an anonymous visitor finds it in both languages."""

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from enterprises.models import Enterprise
from matching.models import Opening
from tests.factories import StaffUserFactory
from tests.factories.enterprises import valid_business_id

from .test_journeys import assert_accessible, log_in, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Development period: entering the Polish market"


def run_admin_action(page, live_server, changelist, label, action):
    page.goto(f"{live_server.url}/admin/{changelist}/")
    page.get_by_role("checkbox", name=re.compile(re.escape(label))).check()
    page.locator("select[name=action]").select_option(label=action)
    page.get_by_role("button", name="Go").click()


def find_by_filters(page, live_server, *, finnish_not_required, keywords, show):
    page.goto(live_server.url + "/openings/")
    page.get_by_label(finnish_not_required).check()
    page.get_by_role("searchbox").first.fill(keywords)
    page.get_by_role("button", name=show).click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()


def test_a_company_posts_a_development_period_that_a_visitor_finds(
    browser, page, live_server, settings, tmp_path, esco_starter
):
    # A company representative signs up and registers the company.
    sign_up(page, live_server, settings, tmp_path, "sanna@example.com", "I represent a company")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your company")
    page.get_by_role("link", name="Register a company").click()
    page.get_by_role("textbox", name="Name:").fill("Karelia Routes Oy")
    page.get_by_label("Business ID").fill(valid_business_id(4242))
    page.get_by_label("Industry").select_option("J")
    page.get_by_label(re.compile("Small: fewer")).check()
    page.get_by_label("Municipality").select_option("167")
    page.get_by_role("textbox", name="Description:").fill("Route planning for forestry logistics.")
    page.get_by_role("button", name="Register the company").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Karelia Routes Oy")
    expect(page.locator("main")).to_contain_text("Pending verification")
    assert_accessible(page)

    # Staff verify it in the admin.
    staff_page = browser.new_context(locale="en-GB").new_page()
    log_in(staff_page, live_server, StaffUserFactory().email)
    run_admin_action(
        staff_page,
        live_server,
        "enterprises/enterprise",
        "Karelia Routes Oy",
        "Verify selected enterprises",
    )
    expect(staff_page.get_by_text("verified", exact=False).first).to_be_visible()
    assert Enterprise.objects.get(name="Karelia Routes Oy").status == "verified"

    # The representative invites a colleague, who gets a signed link by mail.
    page.reload()
    page.get_by_role("link", name="Team", exact=True).click()
    page.get_by_label("Email").fill("ville@example.com")
    page.get_by_role("button", name="Send invitation").click()
    mail = "".join(path.read_text() for path in tmp_path.glob("*.log"))
    assert re.search(r"http://\S+/company/invitations/\S+/", mail)

    # She writes a development period that asks for a photo, and needs English at B2.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My company").click()
    page.get_by_role("link", name="Karelia Routes Oy").first.click()
    page.get_by_role("main").get_by_role("link", name="Openings", exact=True).click()
    page.get_by_role("link", name="New opening").click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Development period").check()
    page.get_by_label("Description").fill(
        "We plan routes for timber trucks. Please attach a photo to your application."
    )
    page.get_by_label("What the talent will do").fill("Map customers and partners in Poland.")
    page.get_by_label("Finnish not required").check()
    page.get_by_label("Hybrid").check()
    page.get_by_label("Municipality").select_option("167")
    page.get_by_label("Duration in months").fill("3")
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("Application deadline").fill(deadline.isoformat())
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status").first).to_contain_text("Draft saved")
    page.get_by_role("combobox", name="Language").select_option(label="English")
    page.get_by_role("combobox", name="Minimum level").select_option(
        label="B2 – upper intermediate"
    )
    page.get_by_role("button", name="Add language").click()
    expect(page.locator("main")).to_contain_text("at least B2")
    assert_accessible(page)

    # Before staff see it, the check warns about the photo; she submits anyway.
    page.get_by_role("link", name="Check and submit").first.click()
    expect(page.get_by_role("heading", name=re.compile("reconsider"))).to_be_visible()
    expect(page.locator("main")).to_contain_text("photo")
    assert_accessible(page)
    page.get_by_role("button", name="Submit anyway").click()
    expect(page.get_by_role("status").first).to_contain_text("Submitted")
    expect(page.get_by_role("heading", name="Waiting for review (1)")).to_be_visible()
    assert_accessible(page)

    # Staff see the warning in the review queue and approve.
    run_admin_action(
        staff_page,
        live_server,
        "matching/opening",
        TITLE,
        "Approve and publish the selected openings",
    )
    expect(staff_page.get_by_text("1 opening published.")).to_be_visible()
    assert Opening.objects.get(title=TITLE).status == "published"

    # An anonymous visitor finds it by "Finnish not required" and a keyword, in English...
    visitor = browser.new_context(locale="en-GB").new_page()
    find_by_filters(
        visitor,
        live_server,
        finnish_not_required="Finnish not required",
        keywords="Polish market",
        show="Show openings",
    )
    assert_accessible(visitor)
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator("main")).to_contain_text("Karelia Routes Oy")

    # ... and in Finnish.
    visitor.get_by_role("button", name="Suomi").click()
    expect(visitor.locator("html")).to_have_attribute("lang", "fi")
    with translation.override("fi"):
        labels = gettext("Finnish not required"), gettext("Show openings")
    assert labels != ("Finnish not required", "Show openings")
    find_by_filters(
        visitor,
        live_server,
        finnish_not_required=labels[0],
        keywords="Polish",
        show=labels[1],
    )
    assert_accessible(visitor)
