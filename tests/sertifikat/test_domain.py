"""Pure certificate rules at their boundaries (no database)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sertifikat import domain
from sertifikat.domain import NomorKonteks, Status, StatusTersimpan


@pytest.mark.parametrize(
    "stored, today, expected",
    [
        (StatusTersimpan.AKTIF, date(2029, 1, 9), Status.AKTIF),  # the last valid day
        (StatusTersimpan.AKTIF, date(2029, 1, 10), Status.KEDALUWARSA),  # the day after
        (StatusTersimpan.DIBEKUKAN, date(2026, 1, 10), Status.DIBEKUKAN),
        (StatusTersimpan.DICABUT, date(2026, 1, 10), Status.DICABUT),
        (StatusTersimpan.DICABUT, date(2030, 1, 10), Status.DICABUT),  # revoked stays revoked after expiry
    ],
)
def test_status_on(stored, today, expected):
    assert domain.status_on(status=stored, berlaku_sampai=date(2029, 1, 9), today=today) == expected


def test_status_moves():
    A, B, C = StatusTersimpan.AKTIF, StatusTersimpan.DIBEKUKAN, StatusTersimpan.DICABUT
    assert domain.status_change_error(source=A, target=B, alasan="Pelanggaran kode etik") is None
    assert domain.status_change_error(source=B, target=A, alasan="Sudah diklarifikasi") is None
    assert domain.status_change_error(source=B, target=C, alasan="x") is None
    assert domain.status_change_error(source=A, target=C, alasan="x") is None
    assert domain.status_change_error(source=C, target=A, alasan="x") == "status_not_allowed"  # final
    assert domain.status_change_error(source=A, target=A, alasan="x") == "status_not_allowed"
    assert domain.status_change_error(source=A, target=B, alasan="   ") == "alasan_required"


def test_default_number_formats():
    konteks = NomorKonteks(tahun=2026, kode_lsp="1565", jenjang=5, sektor="TIK", skema="SKM-01")
    assert domain.nomor_format(domain.DEFAULT_NOMOR_FORMAT, urut=123, konteks=konteks) == "LSP-1565/2026/000123"
    assert domain.nomor_format(domain.BNSP_NOMOR_FORMAT, urut=167280, konteks=konteks) == "63111 2511 5 0167280 2026"
    assert domain.nomor_format(domain.DEFAULT_REGISTRASI_FORMAT, urut=51969, konteks=konteks) == "TIK 1565 51969 2026"
    blank = NomorKonteks(tahun=2026)
    assert domain.nomor_format(domain.DEFAULT_REGISTRASI_FORMAT, urut=1, konteks=blank) == "LSP 000 00001 2026"


@pytest.mark.parametrize(
    "fmt, ok",
    [
        ("LSP-{kode_lsp}/{tahun}/{urut:06d}", True),
        ("{urut}", False),  # no year: serials restart yearly, numbers would repeat
        ("{tahun}", False),
        ("{urut}/{tahun}/{nik}", False),  # unknown field
        ("{urut/{tahun}", False),  # broken braces
    ],
)
def test_nomor_format_error(fmt, ok):
    assert (domain.nomor_format_error(fmt) is None) is ok


def test_bad_format_raises_a_coded_error():
    with pytest.raises(ValidationError) as exc:
        domain.nomor_format("{urut}", urut=1, konteks=NomorKonteks(tahun=2026))
    assert exc.value.code == "format_invalid"


@pytest.mark.parametrize(
    "days, due",
    [(91, None), (90, 90), (31, 90), (30, 30), (8, 30), (7, 7), (0, 7), (-1, None)],
)
def test_reminder_due_with_catch_up(days, due):
    assert domain.reminder_due(days, [90, 30, 7]) == due


@pytest.mark.parametrize(
    "value, ok",
    [
        ("LSP-1565/2026/000123", True),
        ("63111 2511 5 0167280 2026", True),
        ("abc", False),
        ("' OR 1=1 --", False),
        ("x" * 81, False),
        ("<script>", False),
        ("LSP-1565/2026/000123\x00", False),
    ],
)
def test_lookup_normalize(value, ok):
    assert (domain.lookup_normalize(value) is not None) is ok


def test_surveillance_twelve_months_after_issue():
    assert domain.surveilans_due_on(date(2026, 1, 31)) == date(2027, 1, 31)
    assert domain.surveilans_due_on(date(2024, 2, 29)) == date(2025, 2, 28)
    assert domain.surveilans_due_on(date(2026, 8, 31), months=6) == date(2027, 2, 28)
