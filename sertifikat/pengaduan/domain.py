"""Pure rules of complaints (pengaduan, ISO/IEC 17024 §9.9; docs/domain.md R49-R50): the state machine
(diterima → diinvestigasi → ditutup; a complaint outside the LSP's remit may be closed at once), what each
step needs, the tracking code's shape. No ORM, no clock, no I/O."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusPengaduan(models.TextChoices):
    DITERIMA = "diterima", _("Diterima")
    DIINVESTIGASI = "diinvestigasi", _("Sedang ditangani")
    DITUTUP = "ditutup", _("Selesai")


class JenisPengaduan(models.TextChoices):
    ASESMEN = "asesmen", _("Pelaksanaan asesmen")
    ASESOR = "asesor", _("Asesor")
    PEMEGANG = "pemegang", _("Pemegang sertifikat")
    LAINNYA = "lainnya", _("Lainnya")


TRANSITIONS = {
    (StatusPengaduan.DITERIMA, StatusPengaduan.DIINVESTIGASI),
    (StatusPengaduan.DIINVESTIGASI, StatusPengaduan.DITUTUP),
    (StatusPengaduan.DITERIMA, StatusPengaduan.DITUTUP),
}

KODE_PREFIX = "ADU-"
KODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone
KODE_LENGTH = 10
KODE_RE = re.compile(rf"^{KODE_PREFIX}[{KODE_ALPHABET}]{{{KODE_LENGTH}}}$")

MESSAGES = {
    "isi_wajib": _("Tuliskan isi pengaduan Anda."),
    "jenis_invalid": _("Pilih pengaduan ini tentang apa."),
    "transisi": _("Pengaduan berstatus “%(dari)s” tidak dapat diubah ke “%(ke)s”."),
    "catatan_wajib": _("Tuliskan catatan penanganan."),
    "tindakan_wajib": _("Tuliskan tindakan yang diambil sebelum menutup pengaduan."),
    "hasil_wajib": _("Tuliskan hasil yang dapat dilihat pelapor sebelum menutup pengaduan."),
}


def error(code: str, **params) -> ValidationError:
    message = MESSAGES[code]
    return ValidationError(message % params if params else message, code=code)


def kode_normalize(value) -> str:
    """What people type (``adu-abcd 2345ef``) → ``ADU-ABCD2345EF``; the ``ADU-`` may be left out."""
    text = re.sub(r"[\s-]+", "", str(value or "")).upper()
    if text.startswith("ADU"):
        text = text[3:]
    return KODE_PREFIX + text


def kode_valid(value: str) -> bool:
    return bool(KODE_RE.fullmatch(value or ""))


def transition_errors(*, source: str, target: str, catatan: str, tindakan: str, hasil_publik: str) -> list[str]:
    """Why a complaint may not move (codes; empty = may). Investigating needs a note; closing needs the
    actions taken and the outcome the complainant will read."""
    if (source, target) not in TRANSITIONS:
        return ["transisi"]
    codes = []
    if target == StatusPengaduan.DIINVESTIGASI and not catatan.strip():
        codes.append("catatan_wajib")
    if target == StatusPengaduan.DITUTUP:
        if not tindakan.strip():
            codes.append("tindakan_wajib")
        if not hasil_publik.strip():
            codes.append("hasil_wajib")
    return codes


class AuditAction(models.TextChoices):
    PENGADUAN_AJUKAN = "pengaduan.ajukan", _("Pengaduan diterima")
    PENGADUAN_STATUS = "pengaduan.status", _("Status pengaduan diubah")
