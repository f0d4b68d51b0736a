"""Reads of complaints: admin LSP sees all; anyone else only the public view of one, by its code."""

from django.db.models import QuerySet

from lsp.access import is_admin_lsp

from .domain import StatusPengaduan, kode_normalize, kode_valid
from .models import Pengaduan

# The admin's list, newest first, paged by a cursor on it (``lsp.pagination.KeysetPaginationMixin``).
PENGADUAN_KEYSET = ("-created_at", "-pk")


def pengaduan_for_admin(user) -> QuerySet:
    if not is_admin_lsp(user):
        return Pengaduan.objects.none()
    return Pengaduan.objects.select_related("ditangani_oleh", "pelapor")


def pengaduan_badge(user):
    if not is_admin_lsp(user):
        return None
    return Pengaduan.objects.filter(status=StatusPengaduan.DITERIMA)


def pengaduan_publik(kode: str) -> dict | None:
    """What the complainant may read (status, its dates, the public outcome), or None. An exact lookup on
    the unique code; a malformed code never reaches the database."""
    kode = kode_normalize(kode)
    if not kode_valid(kode):
        return None
    row = (
        Pengaduan.objects.filter(kode=kode)
        .values("kode", "jenis", "status", "created_at", "diinvestigasi_pada", "ditutup_pada", "hasil_publik")
        .first()
    )
    if row is None:
        return None
    row["status_label"] = StatusPengaduan(row["status"]).label
    return row
