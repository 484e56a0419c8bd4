"""Matching as new users meet it: a talent is recommended a development period with the
reasons and applies; the company finds the talent among its suggestions, shortlists,
interviews and offers; the talent accepts; the period runs to completion with feedback from
both sides and the outcome "employed by the same company"."""

import re

import pytest
from playwright.sync_api import expect

from matching.models import Placement
from matching.services.scores import scores_rebuild
from tests.factories import (
    MembershipFactory,
    OpeningFactory,
    OpeningLanguageFactory,
    OpeningSkillFactory,
    ProfileLanguageFactory,
    ProfileSkillFactory,
    TalentProfileFactory,
)

from .test_journeys import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Development period: route planning for Poland"


def test_a_recommended_talent_applies_and_accepts_an_offer(
    browser, page, live_server, esco_starter
):
    team = MembershipFactory(enterprise__name="Karelia Routes Oy")
    opening = OpeningFactory(
        enterprise=team.enterprise,
        title=TITLE,
        kind="development",
        duration_months=3,
        finnish_not_required=True,
        work_mode="remote",
        contact=team.user,
    )
    OpeningSkillFactory(opening=opening, label="Python (computer programming)", level=3)
    OpeningLanguageFactory(opening=opening, language="en", level=4)
    talent = TalentProfileFactory(display_name="Amira Haddad")
    talent.opportunities.create(kind="development")
    ProfileSkillFactory(profile=talent, level=3)
    ProfileLanguageFactory(profile=talent, language="en", level=5)
    ProfileLanguageFactory(profile=talent, language="fi", level=2)
    scores_rebuild()

    # The talent sees the period recommended, with the reasons, and applies.
    log_in(page, live_server, talent.user.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Recommended").click()
    card = page.get_by_role("listitem").filter(has_text=TITLE).first
    expect(card).to_contain_text("1 of 1 essential skill")
    expect(card).to_contain_text("English C1 (B2 required)")
    expect(card).to_contain_text("Finnish A2 – not required")
    expect(card).to_contain_text("Interested in: Development period")
    assert_accessible(page)
    card.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Apply now").click()
    page.get_by_label("Why are you interested?").fill("I mapped logistics partners in Poland.")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your application")
    assert_accessible(page)

    # The company finds her among the suggested talents and moves her through the pipeline.
    company = browser.new_context(locale="en-GB").new_page()
    log_in(company, live_server, team.user.email)
    company.goto(f"{live_server.url}/company/{team.enterprise.pk}/openings/")
    suggested = re.compile(rf"^Suggested talents\W+{re.escape(TITLE)}")
    company.get_by_role("link", name=suggested).click()
    expect(company.get_by_role("listitem").filter(has_text="Amira Haddad")).to_contain_text(
        "Has applied"
    )
    assert_accessible(company)
    company.goto(f"{live_server.url}/company/{team.enterprise.pk}/openings/")
    company.get_by_role("link", name=re.compile(rf"^Applicants \(1\)\W+{re.escape(TITLE)}")).click()
    company.get_by_role("link", name="Amira Haddad").click()
    for step in ("Shortlist", "Invite to an interview", "Make an offer"):
        company.get_by_role("button", name=step).click()
        expect(company.get_by_role("status").first).to_be_visible()
    assert_accessible(company)

    # The talent accepts the offer.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My applications").click()
    page.get_by_role("link", name=TITLE).first.click()
    page.get_by_role("button", name="Accept the offer").click()
    expect(page.get_by_role("status").first).to_contain_text("Congratulations")

    # The placement runs: the company starts and completes it and gives feedback.
    company.reload()
    company.get_by_role("link", name="The placement: dates, goals and supervisor").click()
    company.get_by_role("button", name="Mark as started").click()
    company.get_by_role("button", name="Mark as completed").click()
    expect(company.get_by_role("status").first).to_contain_text("give your feedback")
    company.get_by_label("5", exact=True).check()
    company.get_by_label("A few words").fill("Amira opened three customer talks in Poland.")
    company.get_by_role("button", name="Give feedback").click()
    assert_accessible(company)

    # The talent gives hers, sees the company's, and records the outcome.
    page.get_by_role("link", name="Your placement: dates, goals and supervisor").click()
    page.get_by_label("4", exact=True).check()
    page.get_by_label("A few words").fill("A real project with a helpful team.")
    page.get_by_role("button", name="Give feedback").click()
    expect(page.locator("main")).to_contain_text("Amira opened three customer talks")
    page.get_by_label("Employed by the same company").check()
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.locator("main")).to_contain_text("Employed by the same company")
    assert_accessible(page)
    placement = Placement.objects.get(profile=talent)
    assert placement.status == "completed"
    assert placement.outcomes.get(is_current=True).kind == "employed_same_sme"
