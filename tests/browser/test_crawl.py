"""Every page each role can reach, in English and Finnish, passes axe and the Nu checker.

A crawler follows the links from the home page (and from the mails the site sends) as an
anonymous visitor, a talent, a company owner and a staff member. Every page is scanned with
axe (WCAG 2.0/2.1 A and AA) and its HTML kept for one Nu checker run. Then each form that
changes nothing for good is sent empty, and each filter with values it does not offer, so the
pages showing errors are checked as well.
Everything found is reported at once: one run lists every defect, not the first.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from allauth.mfa.utils import is_mfa_enabled
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError

from accounts.models import User
from core.management.commands.seed_demo import (
    COMPANY_EMAIL,
    DEMO_PASSWORD,
    STAFF_EMAIL,
    TALENT_EMAIL,
)
from tests.html import html_problems
from tests.totp import current_code

from .crawl_world import build_world, links_from_mail
from .test_journeys import WCAG_21_AA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = {
    "anonymous": None,
    "talent": TALENT_EMAIL,
    "enterprise": COMPANY_EMAIL,  # the owner: the member who sees the most of a company
    "staff": STAFF_EMAIL,  # with every staff role: the admin index, the pool, the dashboard
}
LANGUAGES = ["en", "fi"]
# More pages than any role reaches: hitting it fails the test rather than checking less.
MAX_PAGES = 200
# Pages of one view with the same query parameters (two openings, pages 2 and 3 of a list)
# differ in data, not in markup: a few of each are enough.
VARIANTS = 2
# Views that answer with a download (it stops the browser), or may act when visited. Feeds
# and the sitemap are shown, and left out as not HTML.
NOT_PAGES = {
    "account_logout",
    "applications:cv",
    "company_openings:application_cv",
    "enterprises:logo",
    "mfa_download_recovery_codes",
    "profiles:cv",
    "profiles:photo",
    "reports:export_csv",
    "reports:export_xlsx",
}
# Forms that act for good, or whose empty submission is an answer, not a mistake.
LASTING = re.compile(
    r"/(logout|delete|remove|withdraw|cancel|leave|close|block|unblock|read-all|setlang|"
    r"not-interested|interested-again|open|unsubscribe|deactivate|generate|owner|member|"
    r"repost|submit|status|respond|accept|decline|my-data|contact)/"
)
ADMIN = "/" + settings.ADMIN_URL
STATIC = "/" + settings.STATIC_URL.strip("/") + "/"
AXE_OPTIONS = {**WCAG_21_AA, "resultTypes": ["violations"]}
AXE_WITHOUT_SELECTORS = {**AXE_OPTIONS, "selectors": False}
AXE_RUN = "options => axe.run(document, options)"
# Started, not awaited: the scan runs in its tab while the crawler loads a page in the other.
AXE_START = "options => { window.axeScan = axe.run(document, options); }"
AXE_RESULTS = "() => window.axeScan"

# The fields a person fills in, by name: with the action, what tells a page's forms apart.
FIELDS = """form => [...form.elements]
    .filter(e => e.name && !["hidden", "submit", "button", "reset", "image"].includes(e.type))
    .map(e => e.name)"""
FORMS = f"""() => [...document.forms].map(form => ({{
    method: (form.getAttribute("method") || "get").toLowerCase(),
    action: form.action,
    fields: ({FIELDS})(form),
    refusable: [...form.elements].some(
        e => e.tagName === "SELECT" || ["number", "date", "checkbox", "radio"].includes(e.type)
    ),
}}))"""
FIND = f"""(action, fields) => [...document.forms].find(
    form => form.action === action && ({FIELDS})(form).join() === fields.join()
)"""
# Empties every field a person fills in, and sends the form past the browser's own checks.
SEND_EMPTY = f"""([action, fields]) => {{
    const form = ({FIND})(action, fields);
    for (const e of form.elements) {{
        if (["hidden", "submit", "button", "reset", "image", "file"].includes(e.type)) continue;
        if (e.type === "checkbox" || e.type === "radio") e.checked = false;
        else if (e.tagName === "SELECT") [...e.options].forEach(o => {{ o.selected = false; }});
        else e.value = "";
    }}
    form.noValidate = true;
    form.requestSubmit();
}}"""
# Gives each choice and number a value the form does not offer.
SEND_REFUSED = f"""([action, fields]) => {{
    const form = ({FIND})(action, fields);
    const groups = new Set();
    for (const e of form.elements) {{
        if (e.tagName === "SELECT") {{
            e.add(new Option("not-a-choice", "not-a-choice", true, true));
        }} else if (["number", "date"].includes(e.type)) {{
            e.type = "text";
            e.value = "not-a-value";
        }} else if (["checkbox", "radio"].includes(e.type) && !groups.has(e.name)) {{
            groups.add(e.name);
            e.value = "not-a-choice";
            e.checked = true;
        }}
    }}
    form.noValidate = true;
    form.requestSubmit();
}}"""


@dataclass
class Findings:
    role: str
    documents: list = field(default_factory=list)  # (name, HTML) for the Nu checker
    violations: list = field(default_factory=list)
    broken: list = field(default_factory=list)
    refused_by_csp: list = field(default_factory=list)
    pages: dict = field(default_factory=dict)  # language -> pages crawled
    forms: dict = field(default_factory=dict)  # language -> forms sent
    with_errors: dict = field(default_factory=dict)  # language -> of which showed errors

    def problems(self) -> list:
        return self.broken + self.violations + self.refused_by_csp

    def coverage(self) -> str:
        return (
            f"{self.role}: pages {self.pages}, forms sent {self.forms} "
            f"(showing errors {self.with_errors})"
        )


class Browser:
    """One person's browser in one language, with two tabs: while axe scans the page in one,
    the crawler loads the next page in the other (the machine has more than one core)."""

    def __init__(self, browser, base: str, language: str, findings: Findings):
        self.base, self.language, self.findings = base, language, findings
        self.context = browser.new_context(
            locale={"en": "en-GB", "fi": "fi-FI"}[language],
            viewport={"width": 1280, "height": 900},
        )
        self.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}]
        )
        # In every page as it loads, rather than sent over again for each scan.
        self.context.add_init_script(script=Axe().axe_script)
        self.tabs = [self._tab(), self._tab()]
        self.turns = 0
        self.scanning: dict = {}  # tab -> name of the page its scan is for

    def _tab(self):
        tab = self.context.new_page()
        tab.set_default_timeout(15_000)
        tab.on("console", self._refused)
        return tab

    def _refused(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.findings.refused_by_csp.append(f"{self.language}: {message.text}")

    def name(self, url: str) -> str:
        return f"{self.findings.role}/{self.language} {self.local(url)}"

    def local(self, url: str) -> str:
        return url.removeprefix(self.base) or "/"

    def next_tab(self):
        """The tab to load the next page in, its last scan finished."""
        tab = self.tabs[self.turns % len(self.tabs)]
        self.turns += 1
        self.finish(tab)
        return tab

    def check(self, tab, response, name: str) -> None:
        """Keep the HTML the server sent for the Nu checker, and start axe on the page."""
        if response.status >= 400:
            self.findings.broken.append(f"{name}: HTTP {response.status}")
            return
        self.findings.documents.append((name, response.body()))
        language = tab.evaluate("document.documentElement.lang")
        if language != self.language:
            self.findings.broken.append(f"{name}: in {language!r}, not {self.language!r}")
        tab.evaluate(AXE_START, AXE_OPTIONS)
        self.scanning[tab] = name

    def finish(self, tab) -> None:
        name = self.scanning.pop(tab, None)
        if name is None:
            return
        try:
            violations = tab.evaluate(AXE_RESULTS)["violations"]
        except PlaywrightError:
            # A field named like a method of its form (radios named "matches") hides that
            # method, and axe fails naming elements by CSS selector: it quotes their HTML.
            violations = tab.evaluate(AXE_RUN, AXE_WITHOUT_SELECTORS)["violations"]
        for violation in violations:
            nodes = ", ".join(" ".join(n.get("target") or [n["html"]]) for n in violation["nodes"])
            self.findings.violations.append(
                f"{name}: {violation['id']}: {violation['help']}: {nodes}"
            )

    def finish_all(self) -> None:
        for tab in self.tabs:
            self.finish(tab)

    def log_in(self, email: str, *, code: bool) -> bool:
        """Sign in by the fields' names, whatever the language; check the page asking for a
        code. Without `code`, stops there (False) if the person has two-step sign-in."""
        tab = self.next_tab()
        tab.goto(self.base + "/accounts/login/")
        tab.locator("input[name=login]").fill(email)
        tab.locator("input[name=password]").fill(DEMO_PASSWORD)
        with tab.expect_navigation() as navigation:
            tab.locator("main form button[type=submit]").click()
        user = User.objects.get(email=email)
        if is_mfa_enabled(user):
            self.check(tab, navigation.value, self.name(tab.url) + " (signing in)")
            self.finish(tab)
            if not code:
                return False
            tab.locator("input[name=code]").fill(current_code(user))
            tab.locator("input[name=code]").press("Enter")
        tab.wait_for_url(lambda url: "/accounts/" not in url)
        return True

    def crawl(self, starts: list) -> dict:
        """Breadth first from the start pages; returns the forms seen, one of each kind."""
        queue = deque((self.base + path, "start") for path in starts)
        seen = {normalised(url) for url, _ in queue}
        variants: dict = {}
        forms: dict = {}
        crawled = 0
        while queue:
            url, linked_from = queue.popleft()
            name = self.name(url)
            tab = self.next_tab()
            try:
                response = tab.goto(url)
            except PlaywrightError as error:
                # A file download, say: a view for NOT_PAGES.
                self.findings.broken.append(f"{name} (linked from {linked_from}): {error.message}")
                continue
            if not response.headers.get("content-type", "").startswith("text/html"):
                continue  # a feed: for feed readers, not people
            final = normalised(tab.url)
            if final != normalised(url):
                # Redirected (to the login page, say): check where it led only once.
                if final in seen:
                    continue
                seen.add(final)
                name = f"{name} → {self.local(final)}"
            crawled += 1
            assert crawled <= MAX_PAGES, f"{name}: more than {MAX_PAGES} pages"
            for link in tab.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
                link = normalised(link)
                if link in seen or not is_page(link, self.base):
                    continue
                seen.add(link)
                view = view_of(link)
                if view is not None:
                    variants[view] = variants.get(view, 0) + 1
                    if variants[view] > VARIANTS:
                        continue
                queue.append((link, self.local(final)))
            for form in tab.evaluate(FORMS):
                kind = (view_of(final), view_of(form["action"]), form["method"], *form["fields"])
                if kind not in forms and wants_sending(form, self.base):
                    forms[kind] = (final, form)
            self.check(tab, response, f"{name} (linked from {linked_from})")
        self.finish_all()
        self.findings.pages[self.language] = crawled
        return forms

    def send_forms(self, forms: dict) -> None:
        """Send each form empty (a filter with values it does not offer); check the answer."""
        sent = with_errors = 0
        for url, form in forms.values():
            tab = self.next_tab()
            tab.goto(url)
            target = [form["action"], form["fields"]]
            name = f"{self.name(url)} form to {self.local(target[0])}"
            if not tab.evaluate(f"([action, fields]) => !!({FIND})(action, fields)", target):
                self.findings.broken.append(f"{name}: gone when visited again")
                continue
            get = form["method"] == "get"
            script, how = (SEND_REFUSED, "with refused values") if get else (SEND_EMPTY, "empty")
            with tab.expect_navigation() as navigation:
                tab.evaluate(script, target)
            sent += 1
            with_errors += tab.locator(".error-summary, .errorlist").count() > 0
            self.check(tab, navigation.value, f"{name} sent {how} → {self.local(tab.url)}")
        self.finish_all()
        self.findings.forms[self.language] = sent
        self.findings.with_errors[self.language] = with_errors


@pytest.fixture
def world():
    build_world()


def view_of(url: str):
    """What kind of page a same-site URL is; None for an unknown path.

    Its view, the names of its query parameters, and the words in its path that choose a page
    rather than a record: /talent/profile/skills/ and /talent/profile/cv/ are two pages of one
    view, /openings/1/ and /openings/2/ (or a guide's slug) one page with other data.
    """
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    words = sorted(
        (key, value)
        for key, value in match.kwargs.items()
        if isinstance(value, str) and key not in ("slug", "token")
    )
    return match.view_name, *words, tuple(sorted({key for key, _ in parse_qsl(parts.query)}))


def normalised(url: str) -> str:
    """The URL without its fragment, its query parameters in order."""
    parts = urlsplit(url)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def is_page(url: str, base: str) -> bool:
    if not url.startswith(base + "/"):
        return False  # another site, mailto:, tel:
    path = urlsplit(url).path
    if path.startswith(ADMIN) and path != ADMIN:
        return False  # Django's own admin: only its index is ours
    if path.startswith(STATIC):
        return False
    view = view_of(url)
    return view is None or view[0] not in NOT_PAGES


def wants_sending(form: dict, base: str) -> bool:
    if not form["action"].startswith(base + "/") or LASTING.search(urlsplit(form["action"]).path):
        return False
    if form["method"] == "get":
        return form["refusable"]
    return bool(form["fields"])


@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_axe_and_the_nu_checker_in_english_and_finnish(
    browser, live_server, world, tmp_path, role
):
    findings = Findings(role)
    email = ROLES[role]
    starts = ["/", *links_from_mail(signed_in=bool(email))]
    browsers, forms, session = {}, {}, None
    for language in LANGUAGES:
        person = browsers[language] = Browser(browser, live_server.url, language, findings)
        if email and not person.log_in(email, code=session is None):
            # A code signs in once: this browser takes over the session of the first.
            person.context.add_cookies(session)
        if email and session is None:
            session = [
                cookie
                for cookie in person.context.cookies()
                if cookie["name"] != settings.LANGUAGE_COOKIE_NAME
            ]
        forms[language] = person.crawl(starts)
    # Only now, every page seen as it was: a form sent may change what the pages show.
    for language, person in browsers.items():
        person.send_forms(forms[language])
        person.context.close()

    problems = findings.problems() + html_problems(findings.documents, tmp_path, timeout=600)
    assert problems == [], "\n".join([findings.coverage(), *problems])


def test_the_nu_checker_names_the_page_of_each_error(tmp_path):
    # It once checked nothing and passed (given file names it could not open): the crawl's
    # verdict on HTML is only as good as this.
    fine = b"<!DOCTYPE html><html lang='en'><title>Fine</title><p>Text</p>"
    broken = b"<!DOCTYPE html><html lang='en'><title>Broken</title><p><div>Text</p>"

    problems = html_problems([("fine", fine), ("broken", broken)], tmp_path)

    assert problems
    assert all(problem.startswith("broken: line ") for problem in problems)
