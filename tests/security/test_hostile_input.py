"""Hostile input: every form that takes free text, and every query string a page reads, is fed
markup, scripts, template syntax, control characters, very long text and mixed scripts.

Whatever is typed, no page answers 500, and no page turns typed text into markup: a value the
form can take (see `Form.takes`) is shown back as text, character for character, wherever a page
shows it; any other value is refused with an answer, not an error. The forms are listed in
cases.py; Hypothesis draws the values (strategies.py), the same ones on every run (conftest.py),
so a failure here fails the same way again.
"""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from profiles.models import TalentProfile
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    OpeningFactory,
    StaffUserFactory,
    TalentProfileFactory,
    TalentUserFactory,
)
from tests.factories.organisations import OrganisationFactory
from tests.profiles.files import pdf_upload

from .cases import CHOICE_FORMS, FORMS, Filled, Form, opening_member
from .markup import (
    XML_ILLEGAL,
    Page,
    feed_problems,
    feed_titles,
    injections,
    shows_as_text,
    squeeze,
)
from .strategies import MARKUP, NUMERIC, hostile_text, long_text, markup_text, short_text

pytestmark = pytest.mark.django_db
CLASSIC = '"><img src=x onerror=alert(1)> <script>alert(1)</script> &amp; {{ 7*7 }}'
# Forms whose text goes out by mail to the other side.
MAILING = {"application-message", "application-reject", "contact-thread", "placement-interrupt"}


def _get(client, user, url):
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _post(client, filled: Filled, data: dict):
    # Rate limits (sign-in, feedback) count in the cache: every example starts afresh.
    cache.clear()
    if filled.poster is None:
        client.logout()
    else:
        client.force_login(filled.poster)
    response = client.post(filled.url, data)
    assert response.status_code < 500
    if response.status_code == 200:
        assert injections(response.content.decode()) == [], filled.url
    return response


def _check_pages(client, form: Form, filled: Filled, values: dict[str, str]):
    taken = {name: value for name, value in values.items() if value.strip()}
    for user, url in filled.shown():
        html = _get(client, user, url)
        assert injections(html) == [], url
        for name, value in taken.items():
            assert shows_as_text(html, value), f"{form.name}: {name} not shown as text on {url}"
    for user, url in filled.also():
        html = _get(client, user, url)
        assert injections(html) == [], url


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.name)
def test_markup_is_saved_and_shown_as_text(client, form):
    filled = form.fill()
    values = {name: f"{CLASSIC} {name}" for name in form.fields}

    _post(client, filled, {**filled.data, **values})

    _check_pages(client, form, filled, values)


@pytest.mark.parametrize("form", FORMS, ids=lambda form: form.name)
@given(data=st.data())
def test_hostile_text_is_refused_or_shown_as_text(client, form, data):
    values = data.draw(st.fixed_dictionaries({name: short_text() for name in form.fields}))
    # Often one field is also far too long: the form must refuse it, not fail.
    too_long = data.draw(st.none() | st.sampled_from(sorted(form.fields)), label="too long")
    if too_long:
        values[too_long] = data.draw(long_text(), label=too_long)
    filled = form.fill()

    _post(client, filled, {**filled.data, **values})

    taken = all(form.takes(name, value) for name, value in values.items())
    event("taken" if taken else "refused")
    if taken:
        _check_pages(client, form, filled, values)


@pytest.mark.parametrize("form", FORMS + CHOICE_FORMS, ids=lambda form: form.name)
@given(data=st.data())
def test_hostile_values_in_other_fields_get_an_answer_not_an_error(client, form, data):
    filled = form.fill()
    others = sorted(set(filled.data) - set(form.fields)) or sorted(form.fields)
    name = data.draw(st.sampled_from(others), label="field")
    value = data.draw(hostile_text(), label="value")

    _post(client, filled, {**filled.data, **dict.fromkeys(form.fields, "Plain"), name: value})


# A published opening's text also goes to the public list, its JSON-LD and the feeds.


def _storable(text: str, max_length: int) -> str:
    """As a form would store it (PostgreSQL takes no NUL), for rows made without a form."""
    return text.replace("\x00", "")[:max_length].strip() or "x"


@given(title=markup_text() | hostile_text(), description=hostile_text())
def test_a_published_openings_text_is_escaped_in_pages_and_feeds(client, title, description):
    title, description = _storable(title, 200), _storable(description, 5000)
    opening = OpeningFactory(
        title=title, description=description, enterprise__name=f"{MARKUP[1]} Oy"
    )

    assert injections(_get(client, None, reverse("openings:list"))) == []
    detail = _get(client, None, reverse("openings:detail", args=[opening.pk]))
    assert injections(detail) == []
    assert '<script type="application/ld+json">' in detail
    assert shows_as_text(detail, title)
    assert shows_as_text(detail, description)
    for url in (reverse("openings:feed"), reverse("openings:feed_rss")):
        response = client.get(url)
        assert response.status_code == 200
        assert feed_problems(response.content) == [], url
        # XML 1.0 cannot carry control characters: the feed leaves them out.
        expected = "".join(XML_ILLEGAL.sub("", title).split())
        assert any(expected in "".join(t.split()) for t in feed_titles(response.content))


# Mail repeats what people typed: its plain text as typed, its HTML part escaped.


@pytest.mark.parametrize(
    "form",
    [form for form in FORMS if form.name in MAILING],
    ids=lambda form: form.name,
)
def test_mail_repeats_typed_markup_as_text(
    client, form, mailoutbox, django_capture_on_commit_callbacks
):
    filled = form.fill()
    values = {name: f"{CLASSIC} {name}" for name in form.fields}

    with django_capture_on_commit_callbacks(execute=True):
        _post(client, filled, {**filled.data, **values})

    assert mailoutbox
    for mail in mailoutbox:
        assert "\n" not in mail.subject
        (html, _type), *_rest = mail.alternatives
        assert injections(html) == [], mail.subject
        for value in values.values():
            assert squeeze(value) in squeeze(mail.body)
            assert shows_as_text(html, value)


# A file's name is typed text too: browsers send it as the user named the file (with `"` and
# line breaks percent-encoded, as HTML's form encoding does).
CV_NAMES = [
    "<script>alert(1)</script>.pdf",
    "%22><img src=x onerror=alert(1)>.pdf",
    "&lt;x-hostile&gt; {{ 7*7 }}.pdf",
    "履歴書 Ольга \u202efdp.exe.pdf",
]


@pytest.mark.parametrize("name", CV_NAMES)
def test_a_cv_file_name_is_shown_as_text(client, name):
    profile = TalentProfileFactory(visibility=TalentProfile.Visibility.VISIBLE)
    opening = OpeningFactory()
    client.force_login(profile.user)

    response = client.post(reverse("profiles:section", args=["cv"]), {"cv": pdf_upload(name)})

    assert response.status_code == 302
    profile.refresh_from_db()
    for url in (
        reverse("profiles:detail", args=[profile.pk]),
        reverse("profiles:section", args=["cv"]),
        reverse("applications:apply", args=[opening.pk]),
    ):
        html = _get(client, profile.user, url)
        assert injections(html) == [], url
        assert shows_as_text(html, profile.cv_filename), url
    download = client.get(reverse("profiles:cv", args=[profile.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment; filename")
    download.close()


# A company's website is an address that goes into href attributes and JSON-LD.


@given(path=st.sampled_from(MARKUP) | short_text())
@example(path='"><x-hostile>?a=1&b=<script>alert(1)</script>')
def test_a_website_with_markup_stays_one_address(client, path):
    membership = MembershipFactory()
    enterprise = membership.enterprise
    website = f"https://example.com/{path}"
    client.force_login(membership.user)
    response = client.post(
        reverse("enterprises:edit", args=[enterprise.pk]),
        {
            "name": enterprise.name,
            "business_id": enterprise.business_id,
            "industry": "J",
            "size": "small",
            "municipality": "167",
            "website": website,
        },
    )
    assert response.status_code in (200, 302)
    enterprise.refresh_from_db()
    opening = OpeningFactory(enterprise=enterprise)

    pages = [
        (membership.user, reverse("enterprises:detail", args=[enterprise.pk])),
        (None, reverse("openings:detail", args=[opening.pk])),
    ]
    for user, url in pages:
        html = _get(client, user, url)
        assert injections(html) == [], url
    event("taken" if enterprise.website else "refused")
    if enterprise.website:
        links = Page(_get(client, membership.user, pages[0][1])).elements
        assert ("a", [("href", enterprise.website), ("rel", "noopener noreferrer")]) in links


# Query strings: search boxes and filters take anything.


def _opening_page(url_name: str):
    def make():
        member, opening = opening_member()
        return member, reverse(url_name, args=[opening.enterprise_id, opening.pk])

    return make


# (who asks, where) and the parameters the page reads.
QUERY_PAGES = {
    "opening-list": (
        lambda: (None, reverse("openings:list")),
        [
            "q",
            "type",
            "occupation",
            "skills",
            "region",
            "municipality",
            "remote",
            "language",
            "paid",
            "starts_from",
            "starts_before",
            "max_duration",
            "sort",
            "page",
        ],
    ),
    "opening-feed": (
        lambda: (None, reverse("openings:feed")),
        ["q", "type", "occupation", "skills", "language", "sort", "page"],
    ),
    "organisation-directory": (
        lambda: (None, reverse("organisations:list")),
        ["q", "service", "language", "municipality", "page"],
    ),
    "organisation-detail": (
        lambda: (
            TalentUserFactory(),
            reverse("organisations:detail", args=[OrganisationFactory().slug]),
        ),
        ["service"],
    ),
    "talent-pool": (
        lambda: (MembershipFactory().user, reverse("profiles:pool")),
        [
            "skills",
            "skills_match",
            "occupation",
            "language",
            "language_level",
            "region",
            "relocate",
            "opportunity",
            "available_by",
            "match_opening",
            "page",
        ],
    ),
    "skill-search": (
        lambda: (TalentUserFactory(), reverse("profiles:section", args=["skills"])),
        ["q"],
    ),
    "occupation-search": (
        lambda: (TalentUserFactory(), reverse("profiles:section", args=["occupations"])),
        ["q"],
    ),
    "requirement-search": (_opening_page("company_openings:requirements"), ["q"]),
    "applicants": (_opening_page("company_openings:applicants"), ["status", "page"]),
    "impact-dashboard": (
        lambda: (StaffUserFactory(), reverse("reports:dashboard")),
        ["year", "date_from", "date_to", "type", "municipality", "industry"],
    ),
    "impact-export": (
        lambda: (StaffUserFactory(), reverse("reports:export_csv")),
        ["year", "date_from", "date_to", "type", "municipality", "industry"],
    ),
    "assessment": (
        lambda: (None, reverse("toolkit:assessment")),
        ["enterprise", "experience", "language"],
    ),
    "notifications": (lambda: (TalentUserFactory(), reverse("notifications:list")), ["page"]),
    "sign-in": (lambda: (None, reverse("account_login")), ["next"]),
}


@pytest.mark.parametrize("page", QUERY_PAGES, ids=str)
@given(data=st.data())
def test_hostile_query_strings_get_a_page_not_an_error(client, page, data):
    make, names = QUERY_PAGES[page]
    values = hostile_text() | st.sampled_from(NUMERIC)
    params = data.draw(st.dictionaries(st.sampled_from(names), values, min_size=1), label="params")
    user, url = make()

    if user is None:
        client.logout()
    else:
        client.force_login(user)
    response = client.get(url, params)

    assert response.status_code < 500
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/html"):
        assert injections(response.content.decode()) == []
    elif "xml" in content_type:
        assert feed_problems(response.content) == []


# Signing up and in: what a bot types into the first forms it finds.


@given(email=hostile_text() | st.just("a@example.com"), password=hostile_text())
def test_hostile_sign_up_and_sign_in_get_an_answer_not_an_error(client, email, password):
    cache.clear()
    client.logout()
    for url, data in (
        (
            reverse("account_signup"),
            {"side": "talent", "email": email, "password1": password, "password2": password},
        ),
        (reverse("account_login"), {"login": email, "password": password}),
    ):
        response = client.post(url, data)
        assert response.status_code < 500
        if response.status_code == 200:
            assert injections(response.content.decode()) == [], url


# Where a form sends people next: never off the site, whatever `next` says.
NEXT = (
    "//example.com",
    "https://example.com/",
    "javascript:alert(1)",
    "/\\example.com",
    "\\\\example.com",
    " //example.com",
    "\x00//example.com",
    "///example.com",
    "https:example.com",
    "/%2F%2Fexample.com",
)


def _stays_on_site(response) -> bool:
    """Where a browser goes: it trims spaces and controls, drops tabs and line breaks, and
    reads a backslash as a slash, before resolving the address against the page's."""
    location = response["Location"].strip("".join(map(chr, range(0x21))))
    location = re.sub(r"[\t\n\r]", "", location).replace("\\", "/")
    target = urlsplit(urljoin("http://testserver/accounts/login/", location))
    return target.scheme == "http" and target.netloc == "testserver"


@given(next_url=st.sampled_from(NEXT) | hostile_text())
def test_a_hostile_next_address_never_leads_off_the_site(client, next_url):
    cache.clear()
    client.logout()
    user = TalentUserFactory()

    signed_in = client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD, "next": next_url},
    )
    switched = client.post(reverse("set_language"), {"language": "en", "next": next_url})

    assert signed_in.status_code == 302
    assert _stays_on_site(signed_in)
    assert switched.status_code == 302
    assert _stays_on_site(switched)
