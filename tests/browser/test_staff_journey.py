"""The staff issue's acceptance, tried as new staff and a talent would on the demo data: a
moderator works the review queues, a reporter reads the dashboard and downloads a suppressed
XLSX, and a talent finds an organisation that helps start a business and asks to be contacted.
"""

import io
import re

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from core.management.commands.seed_demo import (
    DEMO_PASSWORD,
    MODERATOR_EMAIL,
    REPORTER_EMAIL,
    TALENT_EMAIL,
)
from enterprises.models import Enterprise
from matching.models import Opening
from organisations.models import Referral
from tests.factories import EnterpriseFactory

from .test_journeys import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo refuses otherwise
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False


def test_a_moderator_verifies_a_company_and_approves_an_opening_from_the_queue(
    page, live_server, demo
):
    company = EnterpriseFactory(name="Koli Cabins Oy", status=Enterprise.Status.PENDING)
    waiting = Opening.objects.get(status=Opening.Status.SUBMITTED)
    log_in(page, live_server, MODERATOR_EMAIL, DEMO_PASSWORD)

    page.get_by_role("link", name="Companies waiting for verification").click()
    page.get_by_role("checkbox", name=re.compile("Koli Cabins Oy")).check()
    page.locator("select[name=action]").select_option(label="Verify selected enterprises")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1")

    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Openings waiting for review").click()
    page.get_by_role("checkbox", name=re.compile(re.escape(waiting.title))).check()
    page.locator("select[name=action]").select_option(
        label="Approve and publish the selected openings"
    )
    page.get_by_role("button", name="Go").click()

    company.refresh_from_db()
    waiting.refresh_from_db()
    assert company.status == Enterprise.Status.VERIFIED
    assert waiting.status == Opening.Status.PUBLISHED


def test_a_reporter_compares_years_reads_the_charts_and_downloads_a_suppressed_xlsx(
    page, live_server, demo
):
    log_in(page, live_server, REPORTER_EMAIL, DEMO_PASSWORD)

    # A reporter lands on the dashboard: this year next to the two before.
    expect(page.get_by_role("heading", level=1)).to_have_text("Impact dashboard")
    year = timezone.localdate().year
    table = page.get_by_role("table", name=re.compile("compared with earlier periods"))
    for label in [str(year - 2), str(year - 1)]:
        expect(table.get_by_role("columnheader", name=re.compile(label))).to_be_visible()
    for figure in ["cooperation period", "employed by", "start-ups"]:
        expect(table.get_by_role("rowheader", name=re.compile(figure, re.I)).first).to_be_visible()
    # Each chart is an image with a name, and has its table.
    charts = page.locator("svg[role=img]")
    assert charts.count() >= 4
    assert all(
        charts.nth(i).get_attribute("aria-labelledby") or charts.nth(i).get_attribute("aria-label")
        for i in range(charts.count())
    )
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as Excel (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    # A median (days to the first application) is not a count: 1 to 4 days may show.
    cells = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        if not str(row[0]).startswith("Median")
        for cell in row
    ]
    # Small counts are never written as numbers: the demo has some, and they read "<5".
    assert "<5" in cells
    assert not [c for c in cells if isinstance(c, int) and 0 < c < 5]


def test_a_talent_finds_help_to_start_a_business_and_asks_to_be_contacted(page, live_server, demo):
    log_in(page, live_server, TALENT_EMAIL, DEMO_PASSWORD)

    page.get_by_role("link", name="Support organisations").first.click()
    page.get_by_label(re.compile("Entrepreneurship", re.I)).first.check()
    page.get_by_role("button", name="Show organisations").click()
    assert_accessible(page)
    page.locator("main").get_by_role("link", name="Business Joensuu").first.click()

    page.get_by_label("Your message").fill("I would like to open a bakery in Joensuu.")
    page.get_by_role("button", name="Ask to be contacted").click()

    expect(page.get_by_role("status").first).to_be_visible()
    referral = Referral.objects.get(profile__user__email=TALENT_EMAIL)
    assert (referral.organisation.name, referral.status) == ("Business Joensuu", "requested")
    assert referral.message == "I would like to open a bakery in Joensuu."
