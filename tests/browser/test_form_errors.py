"""The one form-error pattern in a real browser: a form that comes back with errors brings its summary
into view and focuses it; a link of the summary takes the focus to its field (issue 10, item 2)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import field, login, nav, submit, track_server_errors

pytestmark = [pytest.mark.browser]

FOCUSED_IS_SUMMARY_OR_INVALID = """() => {
  const el = document.activeElement;
  return !!el && (el.hasAttribute('data-form-errors') || el.classList.contains('is-invalid'));
}"""


@pytest.mark.parametrize("width, height", [(1366, 768), (390, 844)])
def test_registration_sent_empty_focuses_the_summary_of_every_error(new_page, demo_data, width, height):
    page = new_page()
    page.set_viewport_size({"width": width, "height": height})
    errors = track_server_errors(page)
    page.goto("/asesi/daftar/")
    submit(page, page.get_by_role("button", name="Daftar", exact=True))

    summary = page.locator("[data-form-errors]")
    expect(summary).to_have_count(1)
    expect(summary).to_be_in_viewport()
    assert page.evaluate(FOCUSED_IS_SUMMARY_OR_INVALID)
    # every required field is listed, each a link to its field; the field's own error stays beside it
    links = summary.locator("a[data-error-for]")
    assert links.count() >= 10
    expect(summary).to_contain_text("Nama pengguna")
    expect(page.locator("#div_id_username .invalid-feedback")).to_be_visible()

    summary.get_by_role("link", name="NIK").click()
    expect(page.locator("#id_nik")).to_be_focused()
    expect(page.locator("#id_nik")).to_be_in_viewport()
    assert errors == []


def test_verification_returned_without_a_note_shows_the_error_in_view(new_page, demo_data):
    from asesi.models import Permohonan

    permohonan = Permohonan.objects.get(asesi__user__username="asesi2")
    page = new_page()
    errors = track_server_errors(page)
    login(page, "admin")
    nav(page, "Verifikasi permohonan")
    submit(page, page.locator(f"tr[data-permohonan='{permohonan.pk}']").get_by_role("link", name=permohonan.nomor))
    items = page.locator("li[data-persyaratan]")
    for i in range(items.count()):
        items.nth(i).get_by_label("Ada, memenuhi syarat").check()
    page.get_by_label("Dikembalikan ke asesi untuk diperbaiki").check()
    submit(page, page.get_by_role("button", name="Simpan keputusan"))

    summary = page.locator("[data-form-errors]")
    expect(summary).to_be_in_viewport()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Tuliskan alasan/catatan untuk keputusan ini.")
    summary.get_by_role("link", name="Catatan untuk asesi").click()
    expect(field(page, "Catatan untuk asesi")).to_be_focused()
    expect(field(page, "Catatan untuk asesi")).to_be_in_viewport()
    expect(page.locator("#div_id_catatan")).to_contain_text("Tuliskan alasan/catatan untuk keputusan ini.")
    assert errors == []


def test_a_link_to_a_field_focuses_it(new_page, demo_data):
    """"Ubah email" on the application page opens the profile with the email field focused."""
    page = new_page()
    login(page, "asesi1")
    page.goto("/asesi/profil/#id_email")
    expect(page.locator("#id_email")).to_be_focused()
