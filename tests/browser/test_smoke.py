"""Smoke: the login page is styled, every demo role lands on its own home, the language switch works."""

import pytest

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser]

ROLE_OF = {
    "admin": "admin_lsp",
    "komite": "komite",
    "validator": "validator",
    "asesor1": "asesor",
    "asesi1": "asesi",
}


def test_login_page_is_styled_and_indonesian(new_page, demo_data):
    page = new_page()
    page.goto("/akun/masuk/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("heading", name="Masuk").is_visible()
    # Bootstrap from static/vendor is loaded: the primary button is styled (not the browser default)
    colour = page.locator("button[type=submit]").evaluate("el => getComputedStyle(el).backgroundColor")
    assert colour == "rgb(10, 88, 202)"  # lsp.css: one shade darker than Bootstrap's, for AA contrast
    assert page.evaluate("typeof htmx") == "object"


@pytest.mark.parametrize("username", list(ROLE_OF))
def test_each_demo_role_lands_on_its_own_home(new_page, demo_data, live_server, username):
    page = new_page()
    login(page, username)
    assert page.url == f"{live_server.url}/"
    assert page.locator(f"[data-role-panel='{ROLE_OF[username]}']").count() == 1
    other_roles = set(ROLE_OF.values()) - {ROLE_OF[username]}
    for role in other_roles:
        assert page.locator(f"[data-role-panel='{role}']").count() == 0


def test_wrong_password_shows_indonesian_error(new_page, demo_data):
    page = new_page()
    login(page, "admin", password="salah-sandi")
    assert page.get_by_text("Nama pengguna/email atau kata sandi salah.").is_visible()


def test_language_switch_shows_english(new_page, demo_data):
    page = new_page()
    page.goto("/akun/masuk/")
    with page.expect_navigation():
        page.select_option("#language-form select[name=language]", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Log in").is_visible()
    login(page, "admin")
    assert page.get_by_role("heading", name="Welcome, Admin LSP Demo").is_visible()
