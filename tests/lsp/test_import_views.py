"""Importing units → elemen → KUK from a file on the skema page: good files land in the tree in file
order; any bad file or row is reported (row number + reason) and nothing at all is written."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lsp.models import KUK, AuditLog, Elemen, UnitKompetensi
from tests.factories import SkemaFactory, UnitFactory

pytestmark = pytest.mark.django_db

HEADER = ["kode_unit", "judul_unit", "elemen", "kuk"]
ROWS = [
    ["J.620100.004.02", "Menggunakan Struktur Data", "Mengidentifikasi konsep data", "Konsep data diidentifikasi."],
    ["J.620100.004.02", "Menggunakan Struktur Data", "Mengidentifikasi konsep data", "Alternatif dibandingkan."],
    ["J.620100.004.02", "Menggunakan Struktur Data", "Menerapkan struktur data", "Struktur data diterapkan."],
    ["J.620100.016.01", "Menulis Kode", "Menerapkan coding-guidelines", "Kode sumber ditulis; galat ditangani."],
]


def csv_file(rows, *, header=HEADER, delimiter=",", bom=False, encoding="utf-8", name="unit.csv"):
    def cell(value):
        return f'"{value}"' if delimiter in value or '"' in value else value

    text = "\r\n".join(delimiter.join(cell(c) for c in row) for row in [header, *rows]) + "\r\n"
    return SimpleUploadedFile(name, (("\ufeff" if bom else "") + text).encode(encoding))


def xlsx_file(rows, *, header=("Kode Unit", "Judul Unit", "Elemen", "KUK"), name="unit.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def skema():
    return SkemaFactory()


@pytest.fixture
def upload(client, admin_lsp, skema):
    client.force_login(admin_lsp)

    def post(berkas, aksi="impor"):
        return client.post(reverse("lsp:skema-import", args=[skema.pk]), {"berkas": berkas, "aksi": aksi})

    return post


def tree(skema):
    return [
        (u.kode, u.judul, [(e.urutan, e.nama, [(k.urutan, k.deskripsi) for k in e.kuk.order_by("urutan")])
                           for e in u.elemen.order_by("urutan")])
        for u in skema.units.order_by("urutan")
    ]


EXPECTED_TREE = [
    ("J.620100.004.02", "Menggunakan Struktur Data", [
        (1, "Mengidentifikasi konsep data", [(1, "Konsep data diidentifikasi."), (2, "Alternatif dibandingkan.")]),
        (2, "Menerapkan struktur data", [(1, "Struktur data diterapkan.")]),
    ]),
    ("J.620100.016.01", "Menulis Kode", [
        (1, "Menerapkan coding-guidelines", [(1, "Kode sumber ditulis; galat ditangani.")]),
    ]),
]


def nothing_written():
    return not (UnitKompetensi.objects.exists() or Elemen.objects.exists() or KUK.objects.exists()
                or AuditLog.objects.exists())


def issue_rows(response):
    return [(i.row, i.code) for i in response.context["issues"]]


# --- good files ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "make",
    [
        lambda: csv_file(ROWS),
        lambda: csv_file(ROWS, delimiter=";", bom=True),
        lambda: csv_file(ROWS, delimiter="\t", name="unit.txt"),
        lambda: csv_file(ROWS, header=["Kode Unit", "JUDUL UNIT", " Elemen ", "Kuk"], bom=True),
        lambda: xlsx_file(ROWS),
    ],
    ids=["csv-comma", "csv-semicolon-bom", "tsv", "csv-header-variants", "xlsx"],
)
def test_good_file_is_imported_in_file_order(upload, client, skema, make):
    response = upload(make())
    assert response.status_code == 302, response.context and response.context.get("issues")
    assert response["Location"] == reverse("lsp:skema-detail", args=[skema.pk])
    assert tree(skema) == EXPECTED_TREE
    entry = AuditLog.objects.get()
    assert (entry.action, entry.data["unit"], entry.data["elemen"], entry.data["kuk"]) == ("skema.import", 2, 3, 4)
    detail = client.get(response["Location"]).content.decode()
    assert "Impor berhasil: 2 unit, 3 elemen, 4 KUK ditambahkan." in detail
    for row in ROWS:
        assert row[3] in detail


def test_import_appends_after_existing_units(upload, skema):
    UnitFactory(skema=skema, kode="J.1.1", urutan=1)
    assert upload(csv_file(ROWS)).status_code == 302
    assert list(skema.units.order_by("urutan").values_list("kode", "urutan")) == [
        ("J.1.1", 1), ("J.620100.004.02", 2), ("J.620100.016.01", 3)
    ]


def test_check_only_shows_a_preview_and_writes_nothing(upload):
    response = upload(csv_file(ROWS), aksi="periksa")
    assert response.status_code == 200
    preview = response.context["preview"]
    assert (len(preview.units), preview.elemen_count, preview.kuk_count) == (2, 3, 4)
    assert "siap diimpor" in response.content.decode()
    assert nothing_written()


def test_import_from_the_preview_without_choosing_the_file_again(client, upload, skema):
    token = upload(csv_file(ROWS), aksi="periksa").context["token"]
    url = reverse("lsp:skema-import", args=[skema.pk])
    response = client.post(url, {"aksi": "impor_pratinjau", "pratinjau": token})
    assert response.status_code == 302
    assert tree(skema)[0][0] == "J.620100.004.02" and UnitKompetensi.objects.filter(skema=skema).count() == 2
    assert KUK.objects.filter(elemen__unit__skema=skema).count() == 4
    assert AuditLog.objects.filter(action="skema.import").count() == 1
    # the same preview cannot import twice: its units exist now
    again = client.post(url, {"aksi": "impor_pratinjau", "pratinjau": token}, follow=True)
    assert "sudah ada" in again.content.decode()
    assert UnitKompetensi.objects.filter(skema=skema).count() == 2


def test_a_tampered_or_foreign_preview_is_refused(client, upload, skema):
    token = upload(csv_file(ROWS), aksi="periksa").context["token"]
    url = reverse("lsp:skema-import", args=[skema.pk])
    for bad in (token[:-3] + "xyz", "", "not-a-token"):
        response = client.post(url, {"aksi": "impor_pratinjau", "pratinjau": bad}, follow=True)
        assert response.status_code == 200 and "tidak sah" in response.content.decode()
    other = SkemaFactory()
    response = client.post(
        reverse("lsp:skema-import", args=[other.pk]), {"aksi": "impor_pratinjau", "pratinjau": token}, follow=True
    )
    assert "tidak sah" in response.content.decode()
    assert nothing_written()


def test_an_expired_preview_is_refused(client, upload, skema, monkeypatch):
    from lsp.views.imports import SkemaImportView

    token = upload(csv_file(ROWS), aksi="periksa").context["token"]
    monkeypatch.setattr(SkemaImportView, "PREVIEW_MAX_AGE", -1)
    response = client.post(
        reverse("lsp:skema-import", args=[skema.pk]), {"aksi": "impor_pratinjau", "pratinjau": token}, follow=True
    )
    assert "kedaluwarsa" in response.content.decode()
    assert nothing_written()


# --- bad rows: every one reported, nothing written -----------------------------------------------
def test_every_bad_row_is_reported_and_nothing_is_written(upload):
    rows = ROWS + [
        ["J620100", "Judul", "Elemen", "KUK"],                                       # 6: bad code
        ["J.620100.016.01", "", "Elemen", "KUK x"],                                  # 7: empty cell
        ["J.620100.016.01", "Judul Lain", "Menerapkan coding-guidelines", "KUK y"],  # 8: other title
        ["J.620100.004.02", "Menggunakan Struktur Data", "Menerapkan struktur data", "Struktur data diterapkan."],  # 9
    ]
    response = upload(csv_file(rows))
    assert response.status_code == 200
    assert issue_rows(response) == [(6, "kode_unit"), (7, "empty_cell"), (8, "judul_conflict"), (9, "duplicate_kuk")]
    html = response.content.decode()
    assert "ditolak: 4 masalah. Tidak ada data yang disimpan." in html
    assert "kode unit &#x27;J620100&#x27; tidak sah" in html
    assert nothing_written()


def test_unit_already_in_skema_is_refused(upload, skema):
    UnitFactory(skema=skema, kode="J.620100.016.01")
    before = (UnitKompetensi.objects.count(), Elemen.objects.count(), KUK.objects.count())
    response = upload(xlsx_file(ROWS))
    assert issue_rows(response) == [(5, "unit_exists")]
    assert (UnitKompetensi.objects.count(), Elemen.objects.count(), KUK.objects.count()) == before
    assert not AuditLog.objects.exists()


@pytest.mark.parametrize(
    ("header", "code"),
    [(["kode_unit", "judul_unit", "elemen"], "missing_columns"), (["nama", "alamat", "telepon", "email"],
                                                                  "missing_columns"),
     (["kode_unit", "judul_unit", "elemen", "kuk", "KUK"], "duplicate_column")],
)
def test_wrong_or_missing_columns(upload, header, code):
    response = upload(csv_file([["J.1.2", "a", "b", "c"]], header=header))
    assert (1, code) in issue_rows(response)
    assert nothing_written()


def test_header_only(upload):
    response = upload(csv_file([]))
    assert issue_rows(response) == [(None, "no_rows")]
    assert nothing_written()


def test_many_bad_rows_are_capped_on_screen(upload):
    rows = [["BAD", "Judul", "Elemen", f"KUK {i}"] for i in range(250)]
    response = upload(csv_file(rows))
    assert len(response.context["issues"]) == 200 and response.context["issues_hidden"] == 50
    assert "dan 50 masalah lainnya" in response.content.decode()
    assert nothing_written()


# --- bad files -----------------------------------------------------------------------------------
def cp1252_file():
    return csv_file([["J.620100.004.02", "Café", "Elemen – satu", "KUK"]], delimiter=";", encoding="cp1252")


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (cp1252_file, "bukan teks UTF-8"),
        (lambda: csv_file(ROWS, encoding="utf-16"), "UTF-16"),
        (lambda: SimpleUploadedFile("unit.xlsx", b"\x00\x01garbage" * 100), "bukan berkas XLSX yang sah"),
        (lambda: SimpleUploadedFile("unit.xlsx", b"PK\x03\x04" + b"\x00" * 50), "bukan berkas XLSX yang sah"),
        (lambda: SimpleUploadedFile("unit.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50), ".xls"),
        (lambda: SimpleUploadedFile("unit.pdf", b"%PDF-1.4"), "Unggah berkas .csv atau .xlsx"),
        (lambda: SimpleUploadedFile("unit.csv", b"\r\n\r\n"), "Berkas kosong"),
    ],
    ids=["cp1252", "utf16", "random-bytes-xlsx", "broken-zip-xlsx", "old-xls", "pdf", "blank"],
)
def test_bad_file_is_a_form_error_and_writes_nothing(upload, make, fragment):
    response = upload(make())
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["berkas"])
    assert fragment in errors
    assert nothing_written()


def test_empty_upload_is_refused_by_the_form(upload):
    response = upload(SimpleUploadedFile("unit.csv", b""))
    assert response.context["form"].errors["berkas"] == ["Berkas yang dikirimkan kosong."]
    assert nothing_written()


def test_missing_file(client, admin_lsp, skema):
    client.force_login(admin_lsp)
    response = client.post(reverse("lsp:skema-import", args=[skema.pk]), {"aksi": "impor"})
    assert response.context["form"].errors["berkas"] == ["Bidang ini tidak boleh kosong."]


def test_file_too_large(upload, settings):
    berkas = csv_file(ROWS)
    settings.LSP_IMPORT_MAX_BYTES = berkas.size - 1
    response = upload(berkas)
    assert "melebihi batas" in response.context["form"].errors["berkas"][0]
    assert nothing_written()


def test_too_many_rows(upload, settings):
    settings.LSP_IMPORT_MAX_ROWS = 3
    response = upload(csv_file(ROWS))
    assert "lebih dari 3 baris" in response.context["form"].errors["berkas"][0]
    assert nothing_written()


# --- templates -----------------------------------------------------------------------------------
def test_template_downloads(client, admin_lsp):
    client.force_login(admin_lsp)
    csv_response = client.get(reverse("lsp:skema-import-template", args=["csv"]))
    assert csv_response["Content-Disposition"] == 'attachment; filename="templat-impor-unit.csv"'
    assert csv_response.content.startswith(b"\xef\xbb\xbfkode_unit;judul_unit;elemen;kuk")
    xlsx_response = client.get(reverse("lsp:skema-import-template", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert [c.value for c in sheet[1]] == HEADER and sheet.max_row >= 2
    assert client.get(reverse("lsp:skema-import-template", args=["pdf"])).status_code == 404


def test_downloaded_template_imports_cleanly(client, admin_lsp, skema, upload):
    content = client.get(reverse("lsp:skema-import-template", args=["xlsx"])).content
    assert upload(SimpleUploadedFile("templat.xlsx", content)).status_code == 302
    assert skema.units.count() == 1


def test_import_page_links_templates(client, admin_lsp, skema):
    client.force_login(admin_lsp)
    html = client.get(reverse("lsp:skema-import", args=[skema.pk])).content.decode()
    assert reverse("lsp:skema-import-template", args=["csv"]) in html
    assert reverse("lsp:skema-import-template", args=["xlsx"]) in html
    detail = client.get(reverse("lsp:skema-detail", args=[skema.pk])).content.decode()
    assert "Impor unit dari berkas" in detail
