"""Importing a list of asesi from CSV/XLSX: every row checked first, then all saved or none."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from asesi.imports import TEMPLATE_HEADER, asesi_import_parse, template_xlsx
from asesi.models import AsesiProfile, Permohonan
from lsp.models import User
from tests.factories import skema_with_units

from .factories import AsesiProfileFactory, admin_user

pytestmark = pytest.mark.django_db

HEADER = "nama_lengkap;nik;tempat_lahir;tanggal_lahir;jenis_kelamin;alamat;kode_pos;telepon;email;pendidikan_terakhir"


def row(n, **kw):
    values = {
        "nama": f"Peserta {n}", "nik": f"35780145089500{n:02d}", "tempat": "Surabaya", "tgl": "05-08-1995",
        "jk": "P", "alamat": "Jl. Kenjeran 1", "pos": "60134", "telp": "081234567890",
        "email": f"peserta{n}@example.test", "pend": "SMK",
    }
    values.update(kw)
    return ";".join(values.values())


def csv_file(*rows, header=HEADER, name="asesi.csv"):
    return SimpleUploadedFile(name, ("\ufeff" + "\n".join([header, *rows])).encode("utf-8"))


def errors_of(result):
    return [(e.baris, e.kolom) for e in result.errors]


def test_valid_csv_is_parsed_with_normalised_values():
    result = asesi_import_parse(csv_file(row(1), row(2, jk="Laki-laki", tgl="1990-01-31", pend="s1")))
    assert result.errors == []
    first, second = result.rows
    assert first.nomor == 2 and first.username == "peserta1"
    assert first.data["tanggal_lahir"] == datetime.date(1995, 8, 5) and first.data["jenis_kelamin"] == "P"
    assert first.data["pendidikan_terakhir"] == "smk" and first.data["kebangsaan"] == "Indonesia"
    assert second.data["jenis_kelamin"] == "L" and second.data["pendidikan_terakhir"] == "s1"


@pytest.mark.parametrize(
    "bad, column, fragment",
    [
        ({"nik": "357801450895000"}, "nik", "16 digit"),  # 15 digits
        ({"nik": "35780145089500011"}, "nik", "16 digit"),  # 17 digits
        ({"nik": "35780145O8950001"}, "nik", "16 digit"),
        ({"tgl": "2999-01-01"}, "tanggal_lahir", "masa depan"),
        ({"tgl": "31/02/1995"}, "tanggal_lahir", "tidak valid"),
        ({"tgl": ""}, "tanggal_lahir", "wajib"),
        ({"email": "bukan-email"}, "email", "tidak valid"),
        ({"jk": "X"}, "jenis_kelamin", "L atau P"),
        ({"pos": "601"}, "kode_pos", "5 digit"),
        ({"telp": "telp"}, "telepon", "telepon"),
        ({"pend": "TK"}, "pendidikan_terakhir", "tidak dikenal"),
        ({"nama": ""}, "nama_lengkap", "wajib"),
        ({"alamat": "x" * 501}, "alamat", "terlalu panjang"),
    ],
)
def test_row_errors_name_row_and_column(bad, column, fragment):
    result = asesi_import_parse(csv_file(row(1), row(2, **bad)))
    assert result.rows == []
    assert (3, column) in errors_of(result)
    message = next(e.pesan for e in result.errors if e.kolom == column)
    assert fragment.lower() in message.lower()


def test_duplicates_inside_the_file_and_against_the_database():
    AsesiProfileFactory(nik="3578014508950009", user__email="Peserta5@example.test")
    result = asesi_import_parse(
        csv_file(
            row(1),
            row(2, nik="3578014508950001"),  # same NIK as row 2 of the sheet
            row(3, email="peserta1@example.test"),  # same email as row 2
            row(4, nik="3578014508950009"),  # NIK already registered
            row(5),  # email already registered (case-insensitive)
        )
    )
    assert sorted(errors_of(result)) == [(3, "nik"), (4, "email"), (5, "nik"), (6, "email")]
    assert "baris 2" in result.errors[0].pesan


def test_missing_columns_and_empty_files():
    result = asesi_import_parse(csv_file(row(1), header="nama;nik"))
    assert result.errors and "Kolom wajib tidak ada" in result.errors[0].pesan
    assert asesi_import_parse(csv_file(header="")).errors
    assert "Tidak ada baris data" in asesi_import_parse(csv_file()).errors[0].pesan


def test_unreadable_files():
    for upload in (
        SimpleUploadedFile("asesi.xlsx", b"PK\x03\x04 rusak sekali"),
        SimpleUploadedFile("asesi.xlsx", b"bukan zip"),
        SimpleUploadedFile("asesi.pdf", b"%PDF-1.4"),
        SimpleUploadedFile("asesi.csv", "nama;nik\nÉ".encode("latin-1")),
    ):
        result = asesi_import_parse(upload)
        assert result.rows == [] and result.errors and result.errors[0].baris is None


def test_file_size_limit(settings):
    settings.LSP_IMPORT_MAX_BYTES = 50
    result = asesi_import_parse(csv_file(row(1)))
    assert "melebihi batas" in result.errors[0].pesan


def test_xlsx_with_date_cells_and_text_nik():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(TEMPLATE_HEADER)
    sheet.append(["Ani", "3578014508950001", "Surabaya", datetime.datetime(1995, 8, 5), "P", "", "Jl. A", 60134,
                  "081234567890", "ani@example.test", "D3", "", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = asesi_import_parse(SimpleUploadedFile("asesi.xlsx", buffer.getvalue()))
    assert result.errors == []
    data = result.rows[0].data
    assert data["tanggal_lahir"] == datetime.date(1995, 8, 5) and data["kode_pos"] == "60134"


def test_template_downloads_and_is_importable():
    content = template_xlsx()
    sheet = load_workbook(io.BytesIO(content)).active
    assert [c.value for c in sheet[1]] == TEMPLATE_HEADER
    assert asesi_import_parse(SimpleUploadedFile("contoh.xlsx", content)).errors == []


def test_usernames_are_unique_across_file_and_database():
    User.objects.create(username="peserta1")
    result = asesi_import_parse(csv_file(row(1), row(2, email="peserta1@lain.test", nik="3578014508950077")))
    assert [r.username for r in result.rows] == ["peserta12", "peserta13"]


# --- the page ---------------------------------------------------------------------------------------


def test_import_page_saves_all_rows_and_drafts(client, django_capture_on_commit_callbacks):
    client.force_login(admin_user())
    skema = skema_with_units()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("asesi:asesi-import"),
            {"berkas": csv_file(row(1), row(2)), "skema": skema.pk, "tujuan": "sertifikasi"},
        )
    assert response.status_code == 302
    assert AsesiProfile.objects.count() == 2
    assert Permohonan.objects.filter(skema=skema, status="draft").count() == 2
    assert len(mail.outbox) == 2 and all("/asesi/aktivasi/" in m.body for m in mail.outbox)
    assert all(p.user.has_role("asesi") and not p.user.has_usable_password() for p in AsesiProfile.objects.all())


def test_import_page_saves_nothing_on_any_error(client):
    client.force_login(admin_user())
    response = client.post(
        reverse("asesi:asesi-import"),
        {"berkas": csv_file(row(1), row(2, nik="123"), row(3, tgl="2999-01-01")), "tujuan": "sertifikasi"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-testid="import-errors"' in html and "16 digit" in html and "masa depan" in html
    assert not AsesiProfile.objects.exists() and not User.objects.filter(username__startswith="peserta").exists()


def test_import_page_weird_input(client):
    client.force_login(admin_user())
    for data in ({}, {"tujuan": "lainnya", "berkas": csv_file(row(1))}, {"skema": "abc", "tujuan": "x"}):
        assert client.post(reverse("asesi:asesi-import"), data).status_code == 200
    assert not AsesiProfile.objects.exists()
