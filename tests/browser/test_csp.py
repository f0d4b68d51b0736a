"""The Content-Security-Policy in a real browser: the main pages of every role load with no CSP violation
and no console error, and what used to be inline script (the language switch, the "delete draft?"
question), Bootstrap's dropdowns and htmx still work under it."""

import pytest

from tests.browser.conftest import login, nav, submit, track_server_errors

pytestmark = [pytest.mark.browser]

# Registered before any page script runs: every violation the browser reports is kept in the page.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${where}`);
});
"""


class Watch:
    """Collects CSP violations, console errors and 5xx answers of one page across navigations."""

    def __init__(self, page):
        self.page = page
        self.violations = []
        self.console_errors = []
        self.server_errors = track_server_errors(page)
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self.on_console)

    def on_console(self, message):
        # the browser's own request for /favicon.ico (the app has none) is not a page error
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def visit(self, url):
        response = self.page.goto(url)
        assert response.status == 200, url
        policy = [part.strip() for part in response.headers["content-security-policy"].split(";")]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy, url
        self.collect(url)

    def collect(self, where):
        self.violations += [f"{where}: {v}" for v in self.page.evaluate("window.__cspViolations")]

    def assert_clean(self):
        assert self.violations == []
        assert self.console_errors == []
        assert self.server_errors == []


def main_pages(username):
    from asesi.models import AsesiProfile, Permohonan
    from asesor.models import AsesorProfile
    from lsp.models import Skema

    if username is None:
        return ["/", "/akun/masuk/", "/asesi/daftar/", "/akun/kata-sandi/lupa/"]
    if username == "admin":
        permohonan = Permohonan.objects.exclude(diajukan_pada=None).order_by("pk").first()
        return [
            "/",
            "/asesi/verifikasi/",
            f"/asesi/verifikasi/{permohonan.pk}/",
            "/asesi/daftar-asesi/",
            f"/asesi/daftar-asesi/{AsesiProfile.objects.order_by('pk').first().pk}/",
            "/asesi/daftar-asesi/baru/",
            "/asesor/",
            f"/asesor/{AsesorProfile.objects.order_by('pk').first().pk}/",
            "/asesor/diklat/",
            "/lsp/skema/",
            f"/lsp/skema/{Skema.objects.order_by('pk').first().pk}/",
            "/lsp/tuk/",
            "/lsp/profil/",
            "/lsp/audit/",
            "/akun/kata-sandi/ubah/",
        ]
    if username == "asesi1":
        draft = Permohonan.objects.filter(asesi__user__username="asesi1").order_by("pk").first()
        return [
            "/",
            "/asesi/permohonan/",
            f"/asesi/permohonan/{draft.pk}/",
            f"/asesi/permohonan/{draft.pk}/ubah/",
            f"/asesi/permohonan/{draft.pk}/asesmen-mandiri/",
            "/asesi/permohonan/baru/",
            "/asesi/profil/",
        ]
    return ["/", "/asesor/saya/"] if username == "asesor1" else ["/"]


@pytest.mark.parametrize("username", [None, "admin", "asesi1", "asesor1", "komite", "validator"])
def test_main_pages_load_without_csp_violations(new_page, demo_data, username):
    page = new_page()
    watch = Watch(page)
    if username:
        login(page, username)
    for url in main_pages(username):
        watch.visit(url)
    # htmx loaded under the policy, with its inline indicator <style> switched off, and it still talks to
    # the server (its request carries the CSRF header from <body hx-headers>).
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    page.evaluate("() => htmx.ajax('GET', '/', {target: 'main', select: 'main'})")
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    assert page.locator("style").count() == 0
    watch.collect("after htmx")
    watch.assert_clean()


def test_django_admin_loads_without_csp_violations(new_page, demo_data):
    from lsp.models import User

    User.objects.filter(username="admin").update(is_staff=True, is_superuser=True)
    page = new_page()
    watch = Watch(page)
    login(page, "admin")
    for url in ["/django-admin/", "/django-admin/lsp/user/", "/django-admin/lsp/user/add/"]:
        watch.visit(url)
    watch.assert_clean()


def test_bootstrap_menus_and_language_switch_work_under_the_policy(new_page, demo_data):
    page = new_page()
    watch = Watch(page)
    login(page, "admin")
    nav(page, "Skema sertifikasi")
    assert page.url.endswith("/lsp/skema/")
    page.click("[data-testid=current-user]")  # a Bootstrap dropdown opened by its script, positioned by Popper
    page.get_by_role("button", name="Keluar").wait_for(state="visible")
    page.set_viewport_size({"width": 390, "height": 844})
    page.click("[data-testid=menu-toggle]")  # the sidebar as a Bootstrap offcanvas
    page.locator("#sidebar").get_by_role("link", name="TUK").wait_for(state="visible")
    with page.expect_navigation():  # the language <select data-autosubmit> (was an inline onchange)
        page.select_option("#language-form select[name=language]", "en")
    assert page.locator("html").get_attribute("lang") == "en"
    watch.collect("after the switch")
    watch.assert_clean()


def test_delete_draft_asks_first_and_cancel_keeps_it(new_page, demo_data):
    from asesi.models import Permohonan

    draft = Permohonan.objects.filter(asesi__user__username="asesi1").order_by("pk").first()
    page = new_page()
    watch = Watch(page)
    login(page, "asesi1")
    watch.visit(f"/asesi/permohonan/{draft.pk}/")
    questions = []

    page.once("dialog", lambda d: (questions.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Hapus draf").click()
    assert questions == ["Hapus draf ini?"]
    assert Permohonan.objects.filter(pk=draft.pk).exists()

    page.once("dialog", lambda d: d.accept())
    submit(page, page.get_by_role("button", name="Hapus draf"))
    assert not Permohonan.objects.filter(pk=draft.pk).exists()
    watch.collect("after delete")
    watch.assert_clean()
