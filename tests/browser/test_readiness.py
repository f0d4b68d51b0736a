"""Issue 10, item 1 in a real browser at phone width: the asesi sees why they cannot submit yet, fixes
each thing from the checklist itself (resend the link, upload per requirement) and *Ajukan* comes alive."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import link_path, login, mail_to, submit, track_server_errors

pytestmark = [pytest.mark.browser]

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def test_the_checklist_leads_a_draft_to_submission_at_phone_width(new_page, demo_data):
    from asesi.models import AsesiProfile, Permohonan

    permohonan = Permohonan.objects.select_related("asesi__user").get(asesi__user__username="asesi1", status="draft")
    AsesiProfile.objects.filter(pk=permohonan.asesi_id).update(email_dikonfirmasi_pada=None)
    email = permohonan.asesi.user.email

    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    errors = track_server_errors(page)
    login(page, "asesi1")
    page.goto(permohonan.get_absolute_url())

    kesiapan = page.get_by_test_id("kesiapan")
    expect(page.get_by_test_id("ajukan")).to_be_disabled()
    expect(kesiapan.locator("[data-cek=email]")).to_have_attribute("data-ok", "0")
    expect(kesiapan).to_contain_text("folder spam")
    missing = kesiapan.locator("[data-cek=persyaratan][data-ok='0']")
    expect(missing).to_have_count(2)
    steps = page.locator("[data-langkah]")
    expect(steps.first).to_have_attribute("data-langkah", "email_konfirmasi")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # resend the link from the checklist: back on this page
    submit(page, kesiapan.get_by_test_id("kirim-ulang"))
    assert page.url.endswith(permohonan.get_absolute_url())
    expect(page.locator("main > .alert-success")).to_contain_text(f"Tautan konfirmasi baru dikirim ke {email}")

    # each missing requirement with its own upload
    for _ in range(2):
        row = kesiapan.locator("[data-cek=persyaratan][data-ok='0']").first
        row.locator("input[type=file]").set_input_files({"name": "bukti.pdf", "mimeType": "application/pdf",
                                                         "buffer": PDF})
        submit(page, row.get_by_role("button", name="Unggah untuk"))
        expect(page.locator("main > .alert-success")).to_contain_text("diunggah")
    expect(kesiapan.locator("[data-cek=persyaratan][data-ok='0']")).to_have_count(0)
    expect(page.get_by_test_id("ajukan")).to_be_disabled()  # the email still blocks

    # the link from the email confirms; now nothing blocks
    page.goto(link_path(mail_to(email)[-1].body, "/konfirmasi-email/"))
    page.goto(permohonan.get_absolute_url())
    expect(kesiapan.locator("[data-cek=email]")).to_have_attribute("data-ok", "1")
    expect(page.get_by_test_id("ajukan")).to_be_enabled()
    expect(steps.last).to_have_attribute("data-langkah", "ajukan")
    submit(page, page.get_by_test_id("ajukan"))
    expect(page.locator(".badge-status")).to_have_text("Diajukan")
    assert errors == []
