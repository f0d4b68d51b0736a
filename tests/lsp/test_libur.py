"""The holiday calendar (R64): pure rules of the import and the year, the one-query selector, the audited
services and the admin LSP pages (list by year, add, edit, delete, import a year)."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from lsp import domain_libur as rules
from lsp import services
from lsp.demo_libur import LIBUR_2026, LIBUR_2027, seed_libur
from lsp.models import AuditLog, HariLibur
from lsp.selectors import libur_antara

HEADER = ["tanggal", "nama", "jenis"]


def last_audit():
    return AuditLog.objects.order_by("-pk").first()


# --- pure rules -------------------------------------------------------------------------------------------


def test_the_year_of_the_list_defaults_to_this_year():
    today = date(2026, 12, 1)
    assert rules.tahun_dari("2027", today=today) == 2027
    assert rules.tahun_dari(None, today=today) == 2026
    for nonsense in ("", "abc", "1999", "2101", "-2026", "20261"):
        assert rules.tahun_dari(nonsense, today=today) == 2026
    assert rules.tahun_dari("2000", today=today) == 2000 and rules.tahun_dari("2100", today=today) == 2100


def test_dates_and_kinds_as_spreadsheets_write_them():
    assert rules.parse_tanggal("2027-03-26") == date(2027, 3, 26)
    assert rules.parse_tanggal("26-03-2027") == rules.parse_tanggal("26/03/2027") == date(2027, 3, 26)
    assert rules.parse_tanggal("2027-03-26T00:00:00") == date(2027, 3, 26)  # an xlsx date cell
    assert rules.parse_tanggal("31-02-2027") is None and rules.parse_tanggal("besok") is None
    assert rules.parse_jenis("Libur Nasional") == rules.parse_jenis("libur_nasional") == "libur_nasional"
    assert rules.parse_jenis("Cuti-Bersama") == rules.parse_jenis("CB") == "cuti_bersama"
    assert rules.parse_jenis("cuti tahunan") is None


def test_rows_are_checked_each_with_its_row_and_column():
    rows = [
        (2, ["2027-01-01", "Tahun Baru 2027 Masehi", "libur nasional"]),
        (3, ["2026-12-25", "Natal", "libur nasional"]),  # another year
        (4, ["2027-13-01", "", "cuti tahunan"]),  # three errors on one row
        (5, ["01-01-2027", "Tahun Baru lagi", "cuti bersama"]),  # the same date as row 2
        (6, ["", "Tanpa tanggal", "cuti bersama"]),
    ]
    result = rules.check_rows(HEADER, rows, tahun=2027)
    assert result.rows == []  # nothing is kept when any row is wrong
    assert [(e.baris, e.kolom, e.code) for e in result.errors] == [
        (3, "tanggal", "tanggal_tahun_lain"),
        (4, "tanggal", "tanggal_invalid"), (4, "nama", "wajib"), (4, "jenis", "jenis_invalid"),
        (5, "tanggal", "tanggal_ganda"),
        (6, "tanggal", "wajib"),
    ]
    assert "baris 2" in result.errors[4].pesan


def test_good_rows_and_the_header_with_other_names_and_columns():
    header = ["No", "Tanggal", "Keterangan", "Jenis Libur"]
    rows = [(2, ["1", "2027-03-26", "  Wafat  Yesus Kristus ", "Libur nasional"]),
            (3, ["2", "2027-03-29", "Paskah", "cuti bersama"])]
    result = rules.check_rows(header, rows, tahun=2027)
    assert result.errors == []
    assert [(r.baris, r.tanggal, r.nama, r.jenis) for r in result.rows] == [
        (2, date(2027, 3, 26), "Wafat Yesus Kristus", "libur_nasional"),
        (3, date(2027, 3, 29), "Paskah", "cuti_bersama"),
    ]


def test_a_file_without_the_columns_or_rows_is_refused_as_a_whole():
    missing = rules.check_rows(["tanggal", "nama"], [(2, ["2027-01-01", "x"])], tahun=2027, header_row=3)
    assert [(e.baris, e.code) for e in missing.errors] == [(3, "kolom_kurang")] and "jenis" in missing.errors[0].pesan
    assert [e.code for e in rules.check_rows(HEADER, [], tahun=2027).errors] == ["kosong"]
    nama = "x" * (rules.NAMA_MAX + 1)
    assert [e.code for e in rules.check_rows(HEADER, [(2, ["2027-01-01", nama, "ln"])], tahun=2027).errors] == [
        "nama_panjang"]


def test_the_seed_lists_are_one_year_each_and_unique():
    for tahun, rows in ((2026, LIBUR_2026), (2027, LIBUR_2027)):
        dates = [d for d, _n, _j in rows]
        assert len(set(dates)) == len(dates) and {d.year for d in dates} == {tahun}
    # the SKB of 2026: 17 days of libur nasional and 8 of cuti bersama
    assert sum(1 for *_x, j in LIBUR_2026 if j == "libur_nasional") == 17
    assert sum(1 for *_x, j in LIBUR_2026 if j == "cuti_bersama") == 8


# --- selector -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_libur_antara_is_one_query_both_ends_included(django_assert_num_queries):
    seed_libur()
    with django_assert_num_queries(1):
        days = libur_antara(date(2026, 3, 18), date(2026, 3, 24))
    assert days == frozenset(date(2026, 3, d) for d in (18, 19, 20, 21, 22, 23, 24))
    assert libur_antara(date(2026, 4, 4), date(2026, 4, 2)) == frozenset()  # an empty period: no query


@pytest.mark.django_db
def test_seed_libur_is_idempotent_and_keeps_what_the_admin_changed():
    assert seed_libur() == len(LIBUR_2026) + len(LIBUR_2027)
    HariLibur.objects.filter(tanggal=date(2027, 3, 9)).update(nama="Idul Fitri 1448 Hijriah (SKB)")
    assert seed_libur() == 0
    assert HariLibur.objects.get(tanggal=date(2027, 3, 9)).nama == "Idul Fitri 1448 Hijriah (SKB)"


# --- model and services -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_database_refuses_a_second_row_for_a_date_and_an_unknown_kind():
    HariLibur.objects.create(tanggal=date(2026, 8, 17), nama="Proklamasi Kemerdekaan")
    with pytest.raises(IntegrityError), transaction.atomic():
        HariLibur.objects.create(tanggal=date(2026, 8, 17), nama="Lagi")
    with pytest.raises(IntegrityError), transaction.atomic():
        HariLibur.objects.create(tanggal=date(2026, 8, 18), nama="x", jenis="libur_kantor")
    with pytest.raises(IntegrityError), transaction.atomic():
        HariLibur.objects.create(tanggal=date(2026, 8, 19), nama="")


@pytest.mark.django_db
def test_create_update_delete_are_audited_with_who(admin_lsp, make_user):
    libur = services.libur_create(by=admin_lsp, tanggal=date(2026, 8, 17), nama="  Proklamasi   Kemerdekaan ",
                                  jenis="libur_nasional")
    assert (libur.nama, libur.dibuat_oleh, libur.diubah_oleh) == ("Proklamasi Kemerdekaan", admin_lsp, admin_lsp)
    entry = last_audit()
    assert (entry.action, entry.actor, entry.target, entry.data["tanggal"]) == (
        "hari_libur.create", admin_lsp, libur, "2026-08-17")

    other = make_user("admin_lsp", username="admin_dua")
    libur = services.libur_update(libur=libur, by=other, tanggal=date(2026, 8, 17), nama="Proklamasi Kemerdekaan",
                                  jenis="cuti_bersama")
    assert (libur.jenis, libur.dibuat_oleh, libur.diubah_oleh) == ("cuti_bersama", admin_lsp, other)
    entry = last_audit()
    assert entry.action == "hari_libur.update" and entry.data == {"changes": {"jenis": ["libur_nasional",
                                                                                       "cuti_bersama"]}}
    count = AuditLog.objects.count()
    services.libur_update(libur=libur, by=other, tanggal=date(2026, 8, 17), nama="Proklamasi Kemerdekaan",
                          jenis="cuti_bersama")
    assert AuditLog.objects.count() == count  # nothing changed, nothing recorded

    pk = libur.pk
    services.libur_delete(libur=libur, by=admin_lsp)
    assert not HariLibur.objects.exists()
    entry = last_audit()
    assert (entry.action, entry.object_id, entry.data["nama"]) == ("hari_libur.delete", str(pk),
                                                                   "Proklamasi Kemerdekaan")


@pytest.mark.django_db
def test_a_date_taken_is_a_field_error_and_only_admin_lsp_writes(admin_lsp, make_user):
    services.libur_create(by=admin_lsp, tanggal=date(2026, 8, 17), nama="Proklamasi", jenis="libur_nasional")
    with pytest.raises(ValidationError) as exc:
        services.libur_create(by=admin_lsp, tanggal=date(2026, 8, 17), nama="Lagi", jenis="cuti_bersama")
    assert exc.value.error_dict["tanggal"][0].code == "tanggal_exists"
    with pytest.raises(PermissionDenied):
        services.libur_create(by=make_user("komite", username="k"), tanggal=date(2026, 8, 18), nama="x",
                              jenis="libur_nasional")
    assert HariLibur.objects.count() == 1


@pytest.mark.django_db
def test_import_adds_new_updates_changed_keeps_the_rest_in_one_audit_row(admin_lsp):
    keep = services.libur_create(by=admin_lsp, tanggal=date(2027, 1, 1), nama="Tahun Baru 2027 Masehi",
                                 jenis="libur_nasional")
    services.libur_create(by=admin_lsp, tanggal=date(2027, 3, 9), nama="Idul Fitri (perkiraan)",
                          jenis="libur_nasional")
    outside = services.libur_create(by=admin_lsp, tanggal=date(2027, 12, 24), nama="Cuti Natal", jenis="cuti_bersama")
    rows = rules.check_rows(HEADER, [
        (2, ["2027-01-01", "Tahun Baru 2027 Masehi", "libur nasional"]),
        (3, ["2027-03-09", "Idul Fitri 1448 Hijriah", "libur nasional"]),
        (4, ["2027-03-11", "Idul Fitri 1448 Hijriah", "cuti bersama"]),
    ], tahun=2027).rows
    counts = services.libur_import(rows=rows, tahun=2027, by=admin_lsp)
    assert counts == {"baru": 1, "diubah": 1, "sama": 1}
    assert HariLibur.objects.get(tanggal=date(2027, 3, 9)).nama == "Idul Fitri 1448 Hijriah"
    assert HariLibur.objects.get(tanggal=date(2027, 3, 11)).dibuat_oleh == admin_lsp
    assert HariLibur.objects.filter(pk__in=[keep.pk, outside.pk]).count() == 2  # not in the file: stays
    entry = last_audit()
    assert entry.action == "hari_libur.import" and entry.data["tanggal_baru"] == ["2027-03-11"]
    assert entry.data["perubahan"] == [{"tanggal": "2027-03-09", "dari": ["Idul Fitri (perkiraan)", "libur_nasional"],
                                        "ke": ["Idul Fitri 1448 Hijriah", "libur_nasional"]}]


@pytest.mark.django_db
def test_import_refuses_rows_of_another_year(admin_lsp):
    rows = rules.check_rows(HEADER, [(2, ["2026-01-01", "Tahun Baru", "ln"])], tahun=2026).rows
    with pytest.raises(ValidationError) as exc:
        services.libur_import(rows=rows, tahun=2027, by=admin_lsp)
    assert exc.value.code == "import_tahun" and not HariLibur.objects.exists()


# --- pages --------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_list_shows_one_year_in_date_order_in_few_queries(admin_client, django_assert_max_num_queries):
    seed_libur()
    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("lsp:libur-list"), {"tahun": "2026"})
    assert response.status_code == 200
    rows = list(response.context["libur_list"])
    assert [r.tanggal for r in rows] == sorted(d for d, _n, _j in LIBUR_2026)
    assert response.context["tahun_ada"] == [2026, 2027]
    html = response.content.decode()
    assert 'data-libur="2026-03-21"' in html and 'data-libur="2027-01-01"' not in html
    assert "17 libur nasional, 8 cuti bersama" in html


@pytest.mark.django_db
def test_the_list_defaults_to_this_year_and_shows_an_empty_year(admin_client):
    from django.utils import timezone

    response = admin_client.get(reverse("lsp:libur-list"), {"tahun": "tahun lalu"})
    assert response.context["tahun"] == timezone.localdate().year
    response = admin_client.get(reverse("lsp:libur-list"), {"tahun": "2030"})
    assert list(response.context["libur_list"]) == [] and "Belum ada hari libur untuk tahun 2030" in (
        response.content.decode())


@pytest.mark.django_db
def test_add_edit_delete_through_the_pages(admin_client):
    response = admin_client.post(reverse("lsp:libur-create"),
                                 {"tanggal": "2027-08-17", "nama": "Proklamasi Kemerdekaan", "jenis": "libur_nasional"})
    libur = HariLibur.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("lsp:libur-list") + "?tahun=2027"
    response = admin_client.post(reverse("lsp:libur-create"),
                                 {"tanggal": "2027-08-17", "nama": "Lagi", "jenis": "cuti_bersama"})
    assert response.status_code == 200 and response.context["form"].errors["tanggal"]

    response = admin_client.post(reverse("lsp:libur-update", args=[libur.pk]),
                                 {"tanggal": "2027-08-16", "nama": "Proklamasi Kemerdekaan", "jenis": "cuti_bersama"})
    assert response.status_code == 302
    libur.refresh_from_db()
    assert (libur.tanggal, libur.jenis) == (date(2027, 8, 16), "cuti_bersama")

    page = admin_client.get(reverse("lsp:libur-delete", args=[libur.pk]))
    assert page.status_code == 200 and "hari kerja" in page.content.decode()
    assert "tidak dapat dihapus" not in page.content.decode()  # the master-data note does not apply here
    response = admin_client.post(reverse("lsp:libur-delete", args=[libur.pk]))
    assert response.status_code == 302 and not HariLibur.objects.exists()
    assert AuditLog.objects.filter(action__startswith="hari_libur.").count() == 3


def _csv(rows, header=HEADER, delimiter=";"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile("libur.csv", buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")


def _xlsx(rows, header=HEADER):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("libur.xlsx", buffer.getvalue())


@pytest.mark.django_db
def test_import_a_year_from_csv(admin_client):
    upload = _csv([["2027-01-01", "Tahun Baru 2027 Masehi", "libur nasional"],
                   ["26-03-2027", "Wafat Yesus Kristus", "Libur Nasional"],
                   ["2027-12-24", "Kelahiran Yesus Kristus", "cuti bersama"]])
    response = admin_client.post(reverse("lsp:libur-import"), {"tahun": "2027", "berkas": upload})
    assert response.status_code == 302 and response["Location"].endswith("?tahun=2027")
    assert list(HariLibur.objects.values_list("tanggal", "jenis")) == [
        (date(2027, 1, 1), "libur_nasional"), (date(2027, 3, 26), "libur_nasional"),
        (date(2027, 12, 24), "cuti_bersama"),
    ]


@pytest.mark.django_db
def test_import_a_year_from_xlsx_with_date_cells(admin_client):
    upload = _xlsx([[date(2027, 5, 6), "Kenaikan Yesus Kristus", "libur nasional"],
                    [date(2027, 5, 7), "Kenaikan Yesus Kristus", "cuti bersama"]])
    response = admin_client.post(reverse("lsp:libur-import"), {"tahun": "2027", "berkas": upload})
    assert response.status_code == 302
    assert HariLibur.objects.count() == 2


@pytest.mark.django_db
def test_import_with_a_bad_row_saves_nothing_and_lists_each_error_in_indonesian(admin_client):
    upload = _csv([["2027-01-01", "Tahun Baru 2027 Masehi", "libur nasional"],
                   ["2027-02-30", "Tanggal salah", "libur nasional"],
                   ["2027-03-26", "", "libur kantor"]])
    response = admin_client.post(reverse("lsp:libur-import"), {"tahun": "2027", "berkas": upload})
    assert response.status_code == 400 and not HariLibur.objects.exists()
    html = response.content.decode()
    assert 'data-testid="import-errors"' in html and "tidak ada data yang disimpan" in html
    assert [(e.baris, e.kolom) for e in response.context["errors"]] == [(3, "tanggal"), (4, "nama"), (4, "jenis")]
    assert "tanggal tidak valid" in html and "wajib diisi" in html and "isi &#x27;libur nasional&#x27;" in html


@pytest.mark.django_db
def test_import_of_an_unreadable_file_is_one_error(admin_client):
    upload = SimpleUploadedFile("libur.pdf", b"%PDF-1.4 not a table")
    response = admin_client.post(reverse("lsp:libur-import"), {"tahun": "2027", "berkas": upload})
    assert response.status_code == 400 and not HariLibur.objects.exists()
    [error] = response.context["errors"]
    assert error.baris is None and error.code == "file_type"


@pytest.mark.django_db
def test_the_pages_are_admin_lsp_only(client, make_user):
    libur = HariLibur.objects.create(tanggal=date(2026, 8, 17), nama="Proklamasi Kemerdekaan")
    client.force_login(make_user("komite", username="komite_libur"))
    for url in (reverse("lsp:libur-list"), reverse("lsp:libur-create"), reverse("lsp:libur-import"),
                reverse("lsp:libur-xlsx"),
                reverse("lsp:libur-update", args=[libur.pk]), reverse("lsp:libur-delete", args=[libur.pk])):
        assert client.get(url).status_code == 403
    assert client.post(reverse("lsp:libur-delete", args=[libur.pk])).status_code == 403
    assert HariLibur.objects.exists()


@pytest.mark.django_db
def test_a_downloaded_year_imports_back_unchanged(admin_client):
    seed_libur()
    response = admin_client.get(reverse("lsp:libur-xlsx"), {"tahun": "2026"})
    assert response.status_code == 200 and 'filename="hari-libur-2026.xlsx"' in response["Content-Disposition"]
    upload = SimpleUploadedFile("hari-libur-2026.xlsx", response.content)
    response = admin_client.post(reverse("lsp:libur-import"), {"tahun": "2026", "berkas": upload}, follow=True)
    assert f"0 baru, 0 diubah, {len(LIBUR_2026)} tetap" in response.content.decode()
    empty = admin_client.get(reverse("lsp:libur-xlsx"), {"tahun": "2031"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(empty.content)).active
    assert [c.value for c in sheet[1]] == HEADER and sheet.max_row == 1
