"""FR.VA in a real browser, on a phone: the demo validator opens the demo sample, concludes on the sampled
record, signs the report with a drawn signature, and downloads the PDF; then draws a new sample with a
chosen seed from the form."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import draw_signature, field, login, nav, submit, track_server_errors

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}


def test_validator_concludes_signs_and_draws_again(new_page, demo_data):
    from asesmen.models import SampelValidasi

    page = new_page()
    page.set_viewport_size(PHONE)
    errors = track_server_errors(page)
    login(page, "validator")
    nav(page, "Validasi asesmen")
    sampel = SampelValidasi.objects.get()
    submit(page, page.get_by_role("link", name=sampel.kode))
    submit(page, page.locator("[data-item] a").first)
    submit(page, page.get_by_role("link", name="Tetapkan kesimpulan"))
    page.get_by_label("Sesuai dengan catatan").check()
    field(page, "Catatan").fill("Bukti portofolio perlu diperbarui.")
    submit(page, page.get_by_role("button", name="Simpan"))
    expect(page.get_by_test_id("kesimpulan")).to_contain_text("Sesuai dengan catatan")
    page.goto(sampel.get_absolute_url())
    submit(page, page.get_by_role("link", name="Sahkan laporan"))
    field(page, "Ringkasan dan rekomendasi validator").fill("Asesmen valid; satu tindak lanjut terbuka.")
    draw_signature(page, page.locator("form"))
    submit(page, page.get_by_role("button", name="Tandatangani dan sahkan"))
    sampel.refresh_from_db()
    assert sampel.disahkan and sampel.ttd.name
    with page.expect_download() as download:
        page.get_by_role("link", name="Laporan (PDF)").click()
    assert download.value.suggested_filename == f"laporan-validasi-{sampel.kode}.pdf"
    page.goto("/asesmen/validasi/tarik/")
    field(page, "Benih acak (opsional)").fill("ulang-1")
    field(page, "Periode dari").fill(timezone.localdate().replace(day=1).isoformat())
    submit(page, page.get_by_role("button", name="Simpan"))
    expect(page.get_by_test_id("seed")).to_have_text("ulang-1")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert errors == []
