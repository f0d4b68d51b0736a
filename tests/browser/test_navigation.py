"""Navigation in a real browser (issue 10): each role's main task walked through the sidebar without
typing a URL, on a laptop and at phone width; text contrast of the navigation and of every button and
badge style measured with getComputedStyle against WCAG AA (4.5:1)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login, nav, submit, track_server_errors

pytestmark = [pytest.mark.browser]

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# Relative luminance and contrast ratio (WCAG 2.x). The background is the first opaque one up the tree,
# with translucent layers composited over it; the text colour is composited over that background.
CONTRAST_JS = """
(elements) => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let colour = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
  };
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  return elements.filter(el => el.offsetParent !== null && el.innerText.trim() && !el.disabled).map(el => {
    const bg = background(el);
    const fg = over(parse(getComputedStyle(el).color), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    return {
      text: el.innerText.trim().slice(0, 40), cls: el.className,
      ratio: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100,
    };
  });
}
"""

GALLERY_JS = """
() => {
  const variants = ["primary", "secondary", "success", "danger", "warning", "info", "light", "dark"];
  const box = document.createElement("div");
  box.id = "style-gallery";
  const add = (tag, cls, text) => {
    const el = document.createElement(tag);
    el.className = cls;
    el.textContent = text;
    box.appendChild(el);
  };
  for (const v of variants) {
    add("button", "btn btn-" + v, "btn-" + v);
    // btn-outline-light is white text for dark backgrounds only; the app does not use it
    if (v !== "light") add("button", "btn btn-sm btn-outline-" + v, "btn-outline-" + v);
    add("span", "badge text-bg-" + v, "text-bg-" + v);
    add("div", "alert alert-" + v, "alert-" + v);
  }
  add("button", "btn btn-link", "btn-link");
  add("span", "text-muted", "text-muted");
  add("span", "text-body-secondary", "text-body-secondary");
  add("a", "", "a link");
  document.querySelector("main").prepend(box);
}
"""

NAV_SELECTOR = (
    "header .navbar-brand, header .btn, header .badge, #sidebar .nav-link, #sidebar .lsp-sidebar-heading, "
    "#sidebar small, #sidebar .badge, .breadcrumb-item, [data-count-link] .card-body > div"
)


def low_contrast(page, selector):
    results = page.locator(selector).evaluate_all(CONTRAST_JS)
    assert results, f"nothing measured for {selector}"
    return [r for r in results if r["ratio"] < 4.5]


@pytest.mark.parametrize("username", ["admin", "asesi1", "asesor1", "komite"])
def test_navigation_text_meets_wcag_aa(new_page, demo_data, username):
    page = new_page()
    page.set_viewport_size(LAPTOP)
    login(page, username)
    assert low_contrast(page, NAV_SELECTOR) == []


def test_every_button_badge_and_alert_style_meets_wcag_aa_on_the_page_and_in_a_card(new_page, demo_data):
    page = new_page()
    page.set_viewport_size(LAPTOP)
    login(page, "admin")
    page.evaluate(GALLERY_JS)
    assert low_contrast(page, "#style-gallery > *") == []  # on the page's own background
    page.evaluate("() => document.getElementById('style-gallery').classList.add('card', 'card-body')")
    assert low_contrast(page, "#style-gallery > *") == []  # on a white card


def test_the_old_top_bar_contrast_would_have_failed(new_page, demo_data):
    """The measurement is real: Bootstrap's default dark-navbar link on primary (2.4:1) is caught."""
    page = new_page()
    login(page, "admin")
    page.evaluate("""() => {
      const bar = document.createElement('nav');
      bar.className = 'navbar navbar-dark';
      bar.style.backgroundColor = '#0d6efd';  // Bootstrap's own primary, as the old bar had
      bar.id = 'old-bar';
      bar.innerHTML = '<ul class="navbar-nav"><li class="nav-item">'
        + '<a class="nav-link" href="#">Admin LSP</a></li></ul>';
      document.body.prepend(bar);
    }""")
    [failure] = low_contrast(page, "#old-bar .nav-link")
    assert failure["ratio"] < 3


# --- each role's main task through the sidebar ----------------------------------------------------------


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_admin_verifies_through_the_sidebar(new_page, demo_data, viewport):
    page = new_page()
    page.set_viewport_size(viewport)
    errors = track_server_errors(page)
    login(page, "admin")
    nav(page, "Verifikasi permohonan")
    assert page.url.endswith("/asesi/verifikasi/")
    submit(page, page.locator("main a[href^='/asesi/verifikasi/']").filter(has_text=re.compile(r"APL-\d+")).first)
    assert re.search(r"/asesi/verifikasi/\d+/$", page.url)
    expect(page.locator("[data-testid=breadcrumbs] a", has_text="Verifikasi permohonan")).to_be_visible()
    nav(page, "Asesmen eksternal")
    submit(page, page.locator("main").get_by_role("link", name="Verifikasi").first)
    assert re.search(r"/asesor/riwayat/\d+/verifikasi/$", page.url)
    assert errors == []
    # the frame (top bar, sidebar, breadcrumbs) never makes a page wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_asesi_opens_their_application_through_the_sidebar(new_page, demo_data, viewport):
    page = new_page()
    page.set_viewport_size(viewport)
    login(page, "asesi1")
    nav(page, "Permohonan saya")
    submit(page, page.locator("main [data-permohonan] a").first)
    assert re.search(r"/asesi/permohonan/\d+/$", page.url)
    submit(page, page.locator("[data-testid=breadcrumbs] a", has_text="Permohonan saya"))
    assert page.url.endswith("/asesi/permohonan/")


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_asesor_opens_their_own_page_through_the_sidebar(new_page, demo_data, viewport):
    page = new_page()
    page.set_viewport_size(viewport)
    login(page, "asesor1")
    nav(page, "Profil asesor saya")
    expect(page.get_by_role("heading", name="Profil asesor saya")).to_be_visible()


@pytest.mark.parametrize("username, link, url", [
    ("komite", "Keputusan sertifikasi (pleno)", "/asesmen/pleno/"),
    ("validator", "Validasi asesmen", "/asesmen/validasi/"),
])
def test_komite_and_validator_reach_their_home_and_their_pages(new_page, demo_data, username, link, url):
    page = new_page()
    page.set_viewport_size(PHONE)
    login(page, username)
    nav(page, "Beranda Komite / pengambil keputusan" if username == "komite" else "Beranda Validator")
    assert "/lsp/beranda/" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    nav(page, link)  # the pleno (komite) and FR.VA (validator) pages exist: the menu links to them
    assert page.url.endswith(url)


def test_search_and_bell_from_the_top_bar(new_page, demo_data):
    page = new_page()
    page.set_viewport_size(LAPTOP)
    login(page, "admin")
    page.fill("#q-top", "asesi1")
    with page.expect_navigation():
        page.press("#q-top", "Enter")
    assert "/lsp/cari/" in page.url
    expect(page.locator("[data-search-group=asesi] [data-search-hit]").first).to_be_visible()
    submit(page, page.locator("[data-testid=bell]"))
    expect(page.get_by_role("heading", name="Pemberitahuan")).to_be_visible()
