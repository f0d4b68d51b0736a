"""Issue 2 in a real browser: admin LSP imports units → elemen → KUK into a skema from a CSV file the
way Excel in Indonesian saves it (UTF-8 with BOM, ``;`` between columns)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import field, login, nav, submit, track_server_errors

pytestmark = [pytest.mark.browser]

JWD = "SKM-TIK-JWD-2024"
KODE = "J.620100.017.02"
JUDUL = "Mengimplementasikan Pemrograman Terstruktur"
ELEMEN_1 = "Menggunakan tipe data dan control program"
ELEMEN_2 = "Membuat program sederhana"
KUK = [
    (ELEMEN_1, "Tipe data yang sesuai standar ditentukan."),
    (ELEMEN_1, "Syntax program yang dikuasai digunakan sesuai standar."),
    (ELEMEN_2, "Program baca tulis untuk memasukkan data dari keyboard dibuat."),
]


def csv_file(name, rows):
    lines = ["kode_unit;judul_unit;elemen;kuk"] + [";".join(r) for r in rows]
    data = "\ufeff" + "\r\n".join(lines) + "\r\n"
    return {"name": name, "mimeType": "text/csv", "buffer": data.encode("utf-8")}


GOOD = [(KODE, JUDUL, elemen, kuk) for elemen, kuk in KUK]
BAD = [GOOD[0], (KODE, JUDUL, ELEMEN_1, ""), GOOD[2]]  # spreadsheet row 3: the KUK is empty


def test_admin_imports_units_from_csv(new_page, demo_data):
    from lsp.models import KUK as KukModel
    from lsp.models import Skema, UnitKompetensi

    skema = Skema.objects.get(kode=JWD)
    units_before = skema.units.count()
    kuk_before = KukModel.objects.count()

    page = new_page()
    errors = track_server_errors(page)
    login(page, "admin")
    nav(page, "Skema sertifikasi")
    submit(page, page.get_by_role("link", name=JWD, exact=True))
    expect(page.get_by_role("heading", name="Junior Web Developer")).to_be_visible()
    expect(page.locator(f"[data-unit='{KODE}']")).to_have_count(0)
    submit(page, page.get_by_role("link", name="Impor unit dari berkas"))

    # a row with an empty KUK: the file is refused with the row number, nothing is written
    field(page, "Berkas CSV atau XLSX").set_input_files(csv_file("unit-salah.csv", BAD))
    submit(page, page.get_by_role("button", name="Impor", exact=True))
    issues = page.locator("#import-issues")
    expect(issues).to_contain_text("Berkas unit-salah.csv ditolak: 1 masalah. Tidak ada data yang disimpan.")
    expect(issues.locator("tbody tr")).to_have_count(1)
    expect(issues.locator("tbody tr td")).to_have_text(["3", "kolom 'kuk' kosong."])
    assert skema.units.count() == units_before
    assert KukModel.objects.count() == kuk_before

    # the good file: "Periksa dulu" shows what would be added and still writes nothing
    field(page, "Berkas CSV atau XLSX").set_input_files(csv_file("unit-benar.csv", GOOD))
    submit(page, page.get_by_role("button", name="Periksa dulu"))
    expect(page.locator("#import-issues")).to_have_count(0)
    expect(page.locator("#import-preview")).to_contain_text("1 unit, 2 elemen, 3 KUK siap diimpor")
    assert skema.units.count() == units_before

    # … with one import button, the preview's "Impor sekarang", which writes what was checked (the file
    # need not be chosen again)
    expect(page.get_by_role("button", name="Impor", exact=True)).to_have_count(0)
    submit(page, page.get_by_role("button", name="Impor sekarang"))
    expect(page.locator("main > .alert-success")).to_contain_text(
        "Impor berhasil: 1 unit, 2 elemen, 3 KUK ditambahkan."
    )
    assert page.url.endswith(f"/lsp/skema/{skema.pk}/")
    card = page.locator(f"[data-unit='{KODE}']")
    expect(card).to_contain_text(f"{KODE} {JUDUL}")
    expect(card.locator("[data-elemen]")).to_have_count(2)
    expect(card.locator("[data-elemen='1']")).to_contain_text(f"Elemen 1. {ELEMEN_1}")
    expect(card.locator("[data-elemen='1'] li")).to_contain_text(
        ["1.1 Tipe data yang sesuai standar ditentukan.", "1.2 Syntax program yang dikuasai digunakan sesuai standar."]
    )
    expect(card.locator("[data-elemen='2']")).to_contain_text(f"Elemen 2. {ELEMEN_2}")
    expect(card.locator("[data-elemen='2'] li")).to_contain_text(["2.1 Program baca tulis"])

    unit = UnitKompetensi.objects.get(skema=skema, kode=KODE)
    assert unit.urutan == units_before + 1  # appended after the existing units
    assert [e.nama for e in unit.elemen.order_by("urutan")] == [ELEMEN_1, ELEMEN_2]
    assert KukModel.objects.count() == kuk_before + 3

    # importing the same file again is refused: the unit exists
    submit(page, page.get_by_role("link", name="Impor unit dari berkas"))
    field(page, "Berkas CSV atau XLSX").set_input_files(csv_file("unit-benar.csv", GOOD))
    submit(page, page.get_by_role("button", name="Impor", exact=True))
    expect(page.locator("#import-issues")).to_contain_text(f"unit {KODE} sudah ada di skema ini")
    assert KukModel.objects.count() == kuk_before + 3
    assert errors == []
