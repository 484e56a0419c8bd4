"""The issue's acceptance journey: a newcomer builds an anonymous profile; a company finds it."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, MembershipFactory
from tests.profiles.files import image_upload, pdf_upload

from .test_journeys import assert_accessible, sign_up_talent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _file(upload, mime):
    return {"name": upload.name, "mimeType": mime, "buffer": upload.read()}


def _open_section(page, name):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My profile").click()
    page.get_by_role("link", name=name, exact=True).first.click()


def _add_skill(page, query, label):
    page.get_by_role("searchbox", name="Search").fill(query)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name=re.compile(rf"^Add\W+{re.escape(label)}$")).click()
    expect(page.get_by_role("status").first).to_contain_text("Saved")


def test_talent_builds_an_anonymous_profile_and_a_company_finds_it(
    page, live_server, settings, tmp_path, esco_starter
):
    sign_up_talent(page, live_server, settings, tmp_path, email="amira@example.com")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your talent profile")
    assert_accessible(page)

    page.get_by_role("link", name="Name and place").click()
    page.get_by_label("Display name").fill("Amira Haddad")
    page.get_by_label("Headline").fill("Python developer and data analyst")
    page.get_by_label("About").fill("Six years of building data pipelines in Tunis and Tampere.")
    page.get_by_label("Municipality").select_option("167")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_contain_text("Saved")

    page.get_by_role("link", name="Skills", exact=True).click()
    for query, label in [
        ("python", "Python (computer programming)"),
        ("ohjelmointi", "computer programming"),
        ("sql", "SQL"),
        ("javascript", "JavaScript"),
        ("debug", "debug software"),
    ]:
        _add_skill(page, query, label)
    assert_accessible(page)

    _open_section(page, "Languages")
    for language, level in [("Finnish", "B1 – intermediate"), ("English", "C1 – advanced")]:
        page.get_by_role("combobox", name="Language").select_option(label=language)
        page.get_by_role("combobox", name="Level").select_option(label=level)
        page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("list").filter(has_text="Finnish")).to_contain_text("English")

    _open_section(page, "Photo")
    page.get_by_label("Photo").set_input_files(_file(image_upload("me.jpg"), "image/jpeg"))
    page.get_by_role("button", name="Upload").click()
    _open_section(page, "CV")
    page.get_by_label("CV").set_input_files(_file(pdf_upload("amira.pdf"), "application/pdf"))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status").first).to_contain_text("Saved")

    page.get_by_role("link", name="Change who can see you").click()
    page.get_by_label("Anonymous to verified enterprises").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your profile is")).to_contain_text("%")
    page.get_by_role("button", name="Log out").click()

    # A member of a verified company searches the pool by skill and language.
    member = MembershipFactory().user
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Talent pool").click()
    page.get_by_role("textbox", name="Skills").fill("python")
    page.get_by_role("combobox", name="Language").select_option(label="Finnish")
    page.get_by_label("At least").select_option(label="B1 – intermediate")
    page.get_by_role("button", name="Show talents").click()

    expect(page.get_by_role("heading", name="1 talent found")).to_be_visible()
    assert_accessible(page)
    card = page.get_by_role("listitem").filter(has_text="Python developer and data analyst")
    expect(card).to_contain_text("Anonymous talent #")
    expect(page.locator("main")).not_to_contain_text("Amira")
    card.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anonymous talent #")
    expect(page.locator("main")).not_to_contain_text("Amira")
    expect(page.locator("main")).not_to_contain_text("amira@example.com")
    expect(page.get_by_role("link", name="Download CV")).to_have_count(0)
    assert_accessible(page)
