from pathlib import Path

import pytest

from tests.conftest import skip_unless_available

CHROMIUM = Path("/usr/bin/chromium")
# Chromium as root in a container, on a machine with no outside network: no sandbox, and
# none of the background traffic that would otherwise be refused many times over.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        skip_unless_available("browser", f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # Playwright keeps an event loop running in this thread while a browser is open; the
    # ORM calls the tests make are safe. Both end with the module, so neither the loop nor
    # the variable reaches other tests (or their subprocesses).
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Whatever the journey, nothing on the way may be refused by the Content-Security-Policy.
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert refused == [], refused
