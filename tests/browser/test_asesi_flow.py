"""Issue 3 in a real browser: an asesi registers, confirms the email, applies (FR.APL.01 + APL.02) and
submits; admin LSP returns the application with a reason, the asesi fixes and resubmits, admin accepts;
another asesi cannot open someone else's application."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import field, link_path, login, mail_to, nav, submit, track_server_errors

pytestmark = [pytest.mark.browser]

JWD = "SKM-TIK-JWD-2024"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"This program cannot be run"

NEW_ASESI = {
    "Nama pengguna": "fajar.nugraha",
    "Nama lengkap (sesuai KTP)": "Fajar Nugraha",
    "Tempat lahir": "Gresik",
    "Tanggal lahir": "1999-05-25",
    "Kebangsaan": "Indonesia",
    "Alamat rumah": "Jl. Veteran No. 9, Gresik",
    "Kode pos": "61122",
    "Telepon/HP": "081233344455",
    "Email": "fajar.nugraha@example.com",
    "Nama institusi/perusahaan": "PT Kode Gresik",
}
PASSWORD = "Sertifikasi#2024"
NIK = "3525012505990007"


def pdf(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


def flash(page, kind):
    return page.locator(f"main > .alert-{kind}")


def test_asesi_registers_applies_and_submits(new_page, demo_data):
    from asesi.models import Permohonan

    page = new_page()
    errors = track_server_errors(page)
    page.goto("/")
    submit(page, page.get_by_role("link", name="Daftar sebagai asesi"))

    # 1. a 15-digit NIK is refused in Indonesian; everything else typed stays in the form
    for label, value in NEW_ASESI.items():
        field(page, label).fill(value)
    field(page, "NIK").fill(NIK[:15])
    field(page, "Jenis kelamin").select_option(label="Laki-laki")
    field(page, "Pendidikan terakhir").select_option(label="SMK")
    field(page, "Kata sandi").fill(PASSWORD)
    field(page, "Ulangi kata sandi").fill(PASSWORD)
    submit(page, page.get_by_role("button", name="Daftar", exact=True))

    expect(page.locator("#div_id_nik")).to_contain_text("NIK harus tepat 16 digit angka.")
    for label, value in NEW_ASESI.items():
        expect(field(page, label)).to_have_value(value)
    expect(field(page, "NIK")).to_have_value(NIK[:15])
    expect(field(page, "Jenis kelamin")).to_have_value("L")
    expect(field(page, "Pendidikan terakhir")).to_have_value("smk")

    # 2. fixed: registered, logged in, asked to confirm the email
    field(page, "NIK").fill(NIK)
    field(page, "Kata sandi").fill(PASSWORD)  # password fields are never sent back to the browser
    field(page, "Ulangi kata sandi").fill(PASSWORD)
    submit(page, page.get_by_role("button", name="Daftar", exact=True))
    expect(page.get_by_role("heading", name="Permohonan saya")).to_be_visible()
    expect(flash(page, "success")).to_contain_text("Pendaftaran berhasil")
    expect(page.get_by_test_id("email-unconfirmed")).to_be_visible()

    # 3. the confirmation link from the email
    (konfirmasi,) = mail_to(NEW_ASESI["Email"])
    assert "Konfirmasi alamat email" in konfirmasi.subject
    page.goto(link_path(konfirmasi.body, "/konfirmasi-email/"))
    expect(page.get_by_test_id("email-confirmed")).to_contain_text(NEW_ASESI["Email"])
    submit(page, page.get_by_role("link", name="Ke permohonan saya"))
    expect(page.get_by_test_id("email-unconfirmed")).to_have_count(0)

    # 4. a new application for the JWD scheme, purpose Sertifikasi
    submit(page, page.get_by_role("link", name="Ajukan permohonan baru"))
    field(page, "Skema sertifikasi").select_option(label=f"{JWD} — Junior Web Developer")
    page.get_by_label("Sertifikasi", exact=True).check()
    submit(page, page.get_by_role("button", name="Buat draf permohonan"))
    expect(flash(page, "success")).to_contain_text("Draf permohonan dibuat")
    expect(page.locator(".badge-status")).to_have_attribute("data-status", "draft")
    expect(page.get_by_text("Tujuan: Sertifikasi")).to_be_visible()

    # 5. one real PDF per persyaratan dasar
    persyaratan = page.locator("li[data-persyaratan]")
    ids = [persyaratan.nth(i).get_attribute("data-persyaratan") for i in range(persyaratan.count())]
    assert len(ids) == 3
    for i, pk in enumerate(ids, 1):
        field(page, "Untuk persyaratan").select_option(pk)
        field(page, "Berkas (PDF, JPG atau PNG)").set_input_files(pdf(f"persyaratan-{i}.pdf"))
        submit(page, page.get_by_role("button", name="Unggah", exact=True))
        expect(flash(page, "success")).to_contain_text(f"Dokumen “persyaratan-{i}.pdf” diunggah.")
        expect(page.locator(f"li[data-persyaratan='{pk}'] [data-dokumen]")).to_contain_text(f"persyaratan-{i}.pdf")

    # 6. an .exe renamed to .pdf is refused by its content
    field(page, "Berkas (PDF, JPG atau PNG)").set_input_files(
        {"name": "ijazah-asli.pdf", "mimeType": "application/pdf", "buffer": EXE}
    )
    submit(page, page.get_by_role("button", name="Unggah", exact=True))
    # refused at the file field, summarised above the upload form, which is brought into view
    summary = page.locator("[data-form-errors]")
    expect(summary).to_contain_text("Jenis berkas tidak diterima. Unggah PDF, JPG, atau PNG.")
    expect(summary).to_be_in_viewport()
    expect(page.locator("#div_id_berkas")).to_contain_text("Jenis berkas tidak diterima.")
    expect(page.get_by_text("ijazah-asli.pdf")).to_have_count(0)
    expect(page.locator("[data-dokumen]")).to_have_count(3)

    # 7. FR.APL.02: K with evidence for every element, one BK; a K without evidence is refused first
    submit(page, page.get_by_role("link", name="Isi asesmen mandiri"))
    rows = page.locator("li[data-elemen]")
    count = rows.count()
    assert count == 6  # JWD: 3 units x 2 elements
    for i in range(count):
        row = rows.nth(i)
        if i == count - 1:
            row.get_by_text("BK — belum kompeten").click()
            continue
        row.get_by_text("K — kompeten", exact=True).click()
        if i > 0:  # the first K has no evidence yet
            row.get_by_label(f"persyaratan-{i % 3 + 1}.pdf").check()
            row.get_by_label("Keterangan bukti").fill("Proyek toko daring 2023")
    submit(page, page.get_by_role("button", name="Simpan asesmen mandiri"))
    first = rows.nth(0)
    expect(first).to_contain_text("Sebutkan bukti (pilih dokumen atau tulis keterangan) untuk jawaban K.")
    # nothing else that was ticked is lost
    expect(rows.nth(1).get_by_label("K — kompeten")).to_be_checked()
    expect(rows.nth(1).get_by_label("persyaratan-2.pdf")).to_be_checked()
    expect(rows.nth(1).get_by_label("Keterangan bukti")).to_have_value("Proyek toko daring 2023")
    expect(rows.nth(count - 1).get_by_label("BK — belum kompeten")).to_be_checked()
    first.get_by_label("persyaratan-1.pdf").check()
    submit(page, page.get_by_role("button", name="Simpan asesmen mandiri"))
    # saved: back on the application page, where the checklist is complete
    expect(flash(page, "success")).to_contain_text("Asesmen mandiri tersimpan: 6 dari 6 elemen dijawab.")
    expect(page.get_by_test_id("kesiapan")).to_contain_text("6/6 elemen dijawab.")
    expect(page.locator("[data-langkah]")).to_have_text(["Semua syarat pengajuan terpenuhi: tekan “Ajukan”."])

    # 8. submit: the timeline says Diajukan
    expect(page.get_by_test_id("ajukan")).to_be_enabled()
    submit(page, page.get_by_test_id("ajukan"))
    expect(flash(page, "success")).to_contain_text("Permohonan diajukan.")
    expect(page.locator(".badge-status")).to_have_text("Diajukan")
    expect(page.locator("[data-step='diajukan']")).to_have_attribute("data-posisi", "sekarang")
    expect(page.locator("[data-step='draft']")).to_have_attribute("data-posisi", "selesai")
    expect(page.get_by_test_id("ajukan")).to_have_count(0)

    permohonan = Permohonan.objects.get(asesi__user__username=NEW_ASESI["Nama pengguna"])
    assert permohonan.status == "diajukan"
    assert permohonan.tujuan == "sertifikasi"
    assert permohonan.dokumen.count() == 3
    assert any("Diajukan" in m.subject for m in mail_to(NEW_ASESI["Email"]))
    assert errors == []


def test_admin_returns_then_accepts_and_asesi_resubmits(new_page, demo_data):
    """On the demo application of asesi2 (submitted, waiting for verification)."""
    from django.core import mail

    from asesi.models import Permohonan

    permohonan = Permohonan.objects.select_related("asesi__user").get(asesi__user__username="asesi2")
    assert permohonan.status == "diajukan"
    email = permohonan.asesi.user.email
    mail.outbox.clear()

    admin = new_page()
    errors = track_server_errors(admin)
    login(admin, "admin")
    nav(admin, "Verifikasi permohonan")
    row = admin.locator(f"tr[data-permohonan='{permohonan.pk}']")
    expect(row).to_contain_text("Bunga Maharani")
    submit(admin, row.get_by_role("link", name=permohonan.nomor))

    items = admin.locator("li[data-persyaratan]")
    assert items.count() == 3
    for i in range(3):
        items.nth(i).get_by_label("Ada, memenuhi syarat").check()
    last = items.nth(2)
    last.get_by_label("Ada, tidak memenuhi syarat").check()
    last.get_by_label("Catatan").fill("Pas foto buram; unggah ulang latar merah.")
    admin.get_by_label("Dikembalikan ke asesi untuk diperbaiki").check()
    # without a reason: refused, and the marks already made stay
    submit(admin, admin.get_by_role("button", name="Simpan keputusan"))
    expect(admin.locator("#div_id_catatan")).to_contain_text("Tuliskan alasan/catatan untuk keputusan ini.")
    expect(items.nth(0).get_by_label("Ada, memenuhi syarat")).to_be_checked()
    expect(last.get_by_label("Ada, tidak memenuhi syarat")).to_be_checked()
    expect(last.get_by_label("Catatan")).to_have_value("Pas foto buram; unggah ulang latar merah.")
    expect(admin.get_by_label("Dikembalikan ke asesi untuk diperbaiki")).to_be_checked()
    field(admin, "Catatan untuk asesi").fill("Mohon ganti pas foto dengan yang jelas.")
    submit(admin, admin.get_by_role("button", name="Simpan keputusan"))
    expect(admin.locator("main > .alert-success")).to_contain_text(
        f"Permohonan {permohonan.nomor}: Dikembalikan untuk diperbaiki."
    )

    # the asesi sees the reason, the per-requirement note, and every document still there
    asesi = new_page()
    asesi_errors = track_server_errors(asesi)
    login(asesi, "asesi2")
    submit(asesi, asesi.locator(f"a[data-permohonan='{permohonan.pk}']"))
    expect(asesi.locator(".badge-status")).to_have_text("Dikembalikan untuk diperbaiki")
    # the verifier's note at the top of the page, not only in the history beside it
    expect(asesi.get_by_test_id("catatan-verifikator")).to_contain_text("Mohon ganti pas foto dengan yang jelas.")
    expect(asesi.get_by_test_id("catatan-verifikator")).to_be_in_viewport()
    foto = asesi.locator("li[data-persyaratan]").nth(2)
    expect(foto).to_contain_text("Catatan verifikator: Pas foto buram; unggah ulang latar merah.")
    for i in range(3):
        expect(asesi.locator("li[data-persyaratan]").nth(i)).to_contain_text(f"persyaratan-{i + 1}.pdf")
    expect(asesi.get_by_text("portofolio-proyek.pdf")).to_be_visible()

    # a new photo for the flagged requirement, then resubmit
    # the upload form already points at the requirement that was sent back
    expect(field(asesi, "Untuk persyaratan")).to_have_value(foto.get_attribute("data-persyaratan"))
    field(asesi, "Berkas (PDF, JPG atau PNG)").set_input_files(pdf("pas-foto-baru.pdf"))
    submit(asesi, asesi.get_by_role("button", name="Unggah", exact=True))
    expect(asesi.locator("li[data-persyaratan]").nth(2)).to_contain_text("pas-foto-baru.pdf")
    expect(asesi.get_by_role("heading", name="Ajukan kembali")).to_be_visible()
    submit(asesi, asesi.get_by_test_id("ajukan"))
    expect(asesi.locator(".badge-status")).to_have_text("Diajukan")

    # admin accepts: the earlier marks are prefilled, only the photo changes
    nav(admin, "Verifikasi permohonan")
    submit(admin, admin.locator(f"tr[data-permohonan='{permohonan.pk}']").get_by_role("link", name=permohonan.nomor))
    expect(items.nth(0).get_by_label("Ada, memenuhi syarat")).to_be_checked()
    expect(items.nth(2)).to_contain_text("pas-foto-baru.pdf")
    items.nth(2).get_by_label("Ada, memenuhi syarat").check()
    items.nth(2).get_by_label("Catatan").fill("")
    admin.get_by_label("Diterima — lanjut ke penjadwalan").check()
    submit(admin, admin.get_by_role("button", name="Simpan keputusan"))
    expect(admin.locator("main > .alert-success")).to_contain_text(
        f"Permohonan {permohonan.nomor}: Diterima (terverifikasi)."
    )

    asesi.reload()
    expect(asesi.locator(".badge-status")).to_have_text("Diterima (terverifikasi)")
    expect(asesi.locator("[data-step='diterima']")).to_have_attribute("data-posisi", "sekarang")
    expect(asesi.get_by_test_id("ajukan")).to_have_count(0)

    subjects = [m.subject for m in mail_to(email)]
    assert subjects == [
        f"Status permohonan {permohonan.nomor}: Dikembalikan untuk diperbaiki",
        f"Status permohonan {permohonan.nomor}: Diajukan",
        f"Status permohonan {permohonan.nomor}: Diterima (terverifikasi)",
    ]
    returned = mail_to(email)[0].body
    assert "Mohon ganti pas foto dengan yang jelas." in returned
    assert "Pas foto buram; unggah ulang latar merah." in returned
    assert errors == [] and asesi_errors == []


def test_asesi_cannot_open_another_asesis_application(new_page, demo_data):
    from asesi.models import Permohonan

    other = Permohonan.objects.select_related("asesi__user").get(asesi__user__username="asesi1", status="draft")
    dokumen = other.dokumen.first()
    page = new_page()
    login(page, "asesi2")
    for url in (
        f"/asesi/permohonan/{other.pk}/",
        f"/asesi/permohonan/{other.pk}/asesmen-mandiri/",
        f"/asesi/permohonan/{other.pk}/ubah/",
        f"/asesi/dokumen/{dokumen.pk}/",
    ):
        response = page.goto(url)
        assert response.status == 404, url
        expect(page.get_by_text("Halaman atau data yang Anda cari tidak ditemukan.")).to_be_visible()
        body = page.content()
        assert other.nomor not in body
        assert "Andi Pratama" not in body
        assert other.asesi.nik not in body
    # the admin's verification page is not for an asesi at all
    response = page.goto(f"/asesi/verifikasi/{other.pk}/")
    assert response.status == 403
    assert other.nomor not in page.content()


def test_nik_typed_with_spaces_is_accepted(new_page, demo_data):
    page = new_page()
    page.goto("/asesi/daftar/")
    typed = "3525 0125 0599 0007"
    field(page, "NIK").press_sequentially(typed)  # key by key, as a person types (maxlength applies)
    assert field(page, "NIK").input_value() == typed
    for label, value in NEW_ASESI.items():
        field(page, label).fill(value)
    field(page, "Jenis kelamin").select_option(label="Laki-laki")
    field(page, "Pendidikan terakhir").select_option(label="SMK")
    field(page, "Kata sandi").fill(PASSWORD)
    field(page, "Ulangi kata sandi").fill(PASSWORD)
    submit(page, page.get_by_role("button", name="Daftar", exact=True))
    expect(page.get_by_role("heading", name="Permohonan saya")).to_be_visible()

    from asesi.models import AsesiProfile

    assert AsesiProfile.objects.get(user__username=NEW_ASESI["Nama pengguna"]).nik == NIK
