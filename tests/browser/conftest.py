"""Browser tests: Playwright (Python) drives Debian's Chromium against pytest-django's live server.

Never downloads a browser: ``executable_path=/usr/bin/chromium``. Marked ``browser``; with CI=true a
missing Chromium fails the test instead of skipping it (see tests/conftest.py)."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it
# are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        from tests.conftest import _missing

        _missing(f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def new_page(chromium, live_server, request):
    """A factory of fresh pages (each with its own cookies), pointed at the live server. When the test
    fails, every page it opened is saved as a full-page screenshot under test-artifacts/ (gitignored)."""
    contexts = []

    def make(locale="id-ID"):
        context = chromium.new_context(base_url=live_server.url, locale=locale)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                try:
                    page.screenshot(path=str(ARTIFACTS / f"{name}-{i}-{j}.png"), full_page=True)
                except Exception as exc:  # a crashed page must not hide the test's own failure
                    print(f"screenshot of page {i}-{j} failed: {exc}")
    for context in contexts:
        context.close()


@pytest.fixture
def demo_data(transactional_db):
    call_command("seed_demo", stdout=open(os.devnull, "w"))


def login(page, username, password="Demo12345!"):
    page.goto("/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")


# --- helpers for the scenario tests -------------------------------------------------------------------


def field(page, label):
    """The form control whose label is ``label`` (crispy adds a ``*`` to required fields' labels)."""
    import re

    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def nav(page, label):
    """Follow the sidebar item ``label``, as a user would: on a phone-width page the menu button opens
    the sidebar (an offcanvas) first."""
    import re

    item = page.locator("#sidebar a.nav-link").filter(has=page.get_by_text(re.compile(rf"^\s*{re.escape(label)}\s*$")))
    item = item.first
    if not item.is_visible():
        page.click("[data-testid=menu-toggle]")
        item.wait_for(state="visible")
    with page.expect_navigation():
        item.click()


def submit(page, locator):
    """Click a button/link that loads a new page and wait for it."""
    with page.expect_navigation():
        locator.click()


def track_server_errors(page):
    """A list that collects every 5xx answer the page receives (assert it stays empty)."""
    errors = []
    page.on("response", lambda r: errors.append(f"{r.status} {r.request.method} {r.url}") if r.status >= 500 else None)
    return errors


def mail_to(address):
    from django.core import mail

    return [m for m in mail.outbox if address in m.to]


def link_path(body, marker):
    """The path of the first absolute link in an email ``body`` containing ``marker``; the live server's
    address differs from LSP_SITE_URL, so tests open the path on the live server."""
    import re
    from urllib.parse import urlparse

    for url in re.findall(r"https?://\S+", body):
        if marker in url:
            return urlparse(url).path
    raise AssertionError(f"no link containing {marker!r} in:\n{body}")


def draw_signature(page, scope):
    """Draw a zigzag on the signature pad inside ``scope`` and wait until it is stored as a PNG data URL."""
    from playwright.sync_api import expect

    canvas = scope.locator("canvas[data-ttd-canvas]")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x, y = box["x"] + 20, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(x + step * 15, y + (12 if step % 2 else -12), steps=3)
    page.mouse.up()
    expect(scope.locator("input[data-ttd-input]")).to_have_value(re.compile(r"^data:image/png;base64,"))
