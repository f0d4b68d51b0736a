"""Pure rules of certificates: no ORM, no clock, no I/O (``today`` is passed in).

- ``status_on``: aktif / kedaluwarsa / dibekukan / dicabut on a given day. Suspension and revocation
  are recorded (``Sertifikat.status``); expiry is derived from ``berlaku_sampai`` and never stored.
- ``STATUS_TRANSITIONS``: the one list of suspend / revoke / reinstate moves.
- Numbering: ``nomor_format`` fills the LSP's configured format with the yearly serial.
- Reminders before expiry (``reminder_due``) and surveillance (``surveilans_due_on``).
"""

import calendar
import re
import string
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from lsp.domain import reminder_due  # noqa: F401 - the shared catch-up rule (R4), re-exported here


class StatusTersimpan(models.TextChoices):
    """What is recorded on the certificate. *Kedaluwarsa* is not here: it follows from the date."""

    AKTIF = "aktif", _("Aktif")
    DIBEKUKAN = "dibekukan", _("Dibekukan")
    DICABUT = "dicabut", _("Dicabut")


class Status(models.TextChoices):
    """What a certificate is on a day (``status_on``): shown to the holder, the admin and the public."""

    AKTIF = "aktif", _("Aktif (berlaku)")
    KEDALUWARSA = "kedaluwarsa", _("Kedaluwarsa")
    DIBEKUKAN = "dibekukan", _("Dibekukan")
    DICABUT = "dicabut", _("Dicabut")


class StatusPdf(models.TextChoices):
    SEDANG_DIBUAT = "sedang_dibuat", _("Sedang dibuat")
    SIAP = "siap", _("Siap")
    GAGAL = "gagal", _("Gagal")


class Sumber(models.TextChoices):
    TERBIT = "terbit", _("Diterbitkan dari keputusan")
    IMPOR = "impor", _("Impor data lama")


class StatusSurveilans(models.TextChoices):
    """The yearly surveillance of a certificate: the holder uploads a logbook, an admin reviews it."""

    MENUNGGU = "menunggu", _("Menunggu logbook")
    DIUNGGAH = "diunggah", _("Logbook diunggah, menunggu pemeriksaan")
    DITERIMA = "diterima", _("Diterima")
    DITOLAK = "ditolak", _("Ditolak, unggah ulang")


# (from, to): who — the holder uploads (again after a refusal), the admin LSP decides.
SURVEILANS_TRANSITIONS = {
    (StatusSurveilans.MENUNGGU, StatusSurveilans.DIUNGGAH): "pemegang",
    (StatusSurveilans.DITOLAK, StatusSurveilans.DIUNGGAH): "pemegang",
    (StatusSurveilans.DIUNGGAH, StatusSurveilans.DITERIMA): "admin",
    (StatusSurveilans.DIUNGGAH, StatusSurveilans.DITOLAK): "admin",
}


class JenisNomor(models.TextChoices):
    SERTIFIKAT = "sertifikat", _("Nomor sertifikat")
    REGISTRASI = "registrasi", _("Nomor registrasi")


def status_on(*, status: str, berlaku_sampai: date, today: date) -> str:
    """Revoked and suspended win over the date; otherwise aktif through ``berlaku_sampai`` (inclusive)
    and kedaluwarsa from the day after."""
    if status == StatusTersimpan.DICABUT:
        return Status.DICABUT
    if status == StatusTersimpan.DIBEKUKAN:
        return Status.DIBEKUKAN
    return Status.AKTIF if today <= berlaku_sampai else Status.KEDALUWARSA


# --- suspend / revoke / reinstate ------------------------------------------------------------------------

# (from, to): the action's audit name. Revoked is final (ISO/IEC 17024 §9.5: withdrawal).
STATUS_TRANSITIONS = {
    (StatusTersimpan.AKTIF, StatusTersimpan.DIBEKUKAN): "suspend",
    (StatusTersimpan.DIBEKUKAN, StatusTersimpan.AKTIF): "reinstate",
    (StatusTersimpan.AKTIF, StatusTersimpan.DICABUT): "revoke",
    (StatusTersimpan.DIBEKUKAN, StatusTersimpan.DICABUT): "revoke",
}

MESSAGES = {
    "status_not_allowed": _("Perubahan status sertifikat dari “%(dari)s” ke “%(ke)s” tidak diperbolehkan."),
    "alasan_required": _("Tuliskan alasan perubahan status sertifikat."),
    "not_siap_terbit": _(
        "Sertifikat hanya diterbitkan untuk permohonan yang sudah diputuskan kompeten dan belum bersertifikat."
    ),
    "none_selected": _("Pilih minimal satu permohonan."),
    "format_invalid": _("Format nomor tidak valid: %(alasan)s"),
    "pdf_not_failed": _("Hanya PDF yang gagal dibuat yang dapat dicoba lagi."),
    "nomor_duplicate": _("Nomor sertifikat %(nomor)s sudah ada."),
    "surveilans_not_allowed": _("Langkah surveilans ini tidak dapat dilakukan sekarang."),
    "catatan_required": _("Tuliskan catatan untuk penolakan logbook."),
}


def error(code: str, **params) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def status_change_error(*, source: str, target: str, alasan: str) -> str | None:
    if (source, target) not in STATUS_TRANSITIONS:
        return "status_not_allowed"
    if not (alasan or "").strip():
        return "alasan_required"
    return None


# --- numbering -----------------------------------------------------------------------------------------

# The fields a number format may use. ``urut`` is the yearly serial (gapless, from the counter row).
NOMOR_FIELDS = {"urut", "tahun", "kode_lsp", "jenjang", "sektor", "skema"}
DEFAULT_NOMOR_FORMAT = "LSP-{kode_lsp}/{tahun}/{urut:06d}"
# BNSP style (docs/domain.md): ``63111 2511 5 0167280 2026`` — KBLI and KBJI written into the format.
BNSP_NOMOR_FORMAT = "63111 2511 {jenjang} {urut:07d} {tahun}"
DEFAULT_REGISTRASI_FORMAT = "{sektor} {kode_lsp} {urut:05d} {tahun}"  # ``TIK 1565 51969 2026``


def nomor_format_error(fmt: str) -> str | None:
    """Why ``fmt`` cannot number certificates (a reason), or None. It must use ``{urut}`` (the serial)
    and ``{tahun}`` (a serial restarts every year, so the year keeps numbers unique) and nothing else
    than ``NOMOR_FIELDS``."""
    try:
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(fmt or "") if name is not None}
    except ValueError as exc:
        return str(exc)
    unknown = names - NOMOR_FIELDS
    if unknown:
        return f"unknown field(s) {sorted(unknown)}"
    if not {"urut", "tahun"} <= names:
        return "{urut} and {tahun} are required"
    return None


@dataclass(frozen=True)
class NomorKonteks:
    tahun: int
    kode_lsp: str = ""
    jenjang: int | None = None
    sektor: str = ""
    skema: str = ""


def nomor_format(fmt: str, *, urut: int, konteks: NomorKonteks) -> str:
    """The number for serial ``urut`` in ``fmt``: empty codes are written ``000`` / ``0`` / ``LSP`` so a
    number never has a hole."""
    if reason := nomor_format_error(fmt):
        raise error("format_invalid", alasan=reason)
    return fmt.format(
        urut=urut,
        tahun=konteks.tahun,
        kode_lsp=konteks.kode_lsp or "000",
        jenjang=konteks.jenjang or 0,
        sektor=(konteks.sektor or "LSP").split()[0].upper()[:10],
        skema=konteks.skema,
    ).strip()


# A certificate number or verification token as people type or scan it: printable, no control characters.
LOOKUP_RE = re.compile(r"^[A-Za-z0-9 ./_\-]{4,80}$")


def lookup_normalize(value) -> str | None:
    """The text to look a certificate up by (spaces collapsed), or None when it cannot be a number or
    token at all (too long, odd characters — such input is a 404, never a query)."""
    text = re.sub(r"\s+", " ", str(value or "")).strip()
    return text if LOOKUP_RE.fullmatch(text) else None


# --- reminders and surveillance -------------------------------------------------------------------------


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month (31 Aug + 6 → 28/29 Feb)."""
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))


def surveilans_due_on(tanggal_terbit: date, *, months: int = 12) -> date:
    """The day the surveillance (the holder's logbook) is due: ``months`` after issue (docs/domain.md)."""
    return add_months(tanggal_terbit, months)


# --- audit trail -----------------------------------------------------------------------------------------


class AuditAction(models.TextChoices):
    """What the sertifikat app writes to the audit trail (registered in ``SertifikatConfig.ready``)."""

    SERTIFIKAT_ISSUE = "sertifikat.issue", _("Sertifikat diterbitkan")
    SERTIFIKAT_IMPORT = "sertifikat.import", _("Sertifikat lama diimpor")
    SERTIFIKAT_SUSPEND = "sertifikat.suspend", _("Sertifikat dibekukan")
    SERTIFIKAT_REVOKE = "sertifikat.revoke", _("Sertifikat dicabut")
    SERTIFIKAT_REINSTATE = "sertifikat.reinstate", _("Pembekuan sertifikat dicabut (aktif kembali)")
    SERTIFIKAT_PDF_RETRY = "sertifikat.pdf_retry", _("Pembuatan PDF sertifikat diulang")
    SURVEILANS_REQUEST = "surveilans.request", _("Surveilans sertifikat diminta")
    SURVEILANS_UPLOAD = "surveilans.upload", _("Logbook surveilans diunggah")
    SURVEILANS_REVIEW = "surveilans.review", _("Logbook surveilans diperiksa")
    LAPORAN_BNSP_PRIBADI = "laporan_bnsp.personal_data", _("Laporan BNSP diekspor dengan data pribadi")
