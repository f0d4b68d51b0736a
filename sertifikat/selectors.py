"""Reads of the sertifikat app, scoped to the user.

``permohonan_siap_terbit`` is the one gate for issuing: an application in *diputuskan* with the outcome
kompeten (``asesi.Permohonan.keputusan``, issue 13 item 1) and no certificate yet — never an undecided
or BK one. When the pleno/SK of issue 13 lands, this selector is narrowed to "in an approved SK", and
every issuing path (one, many, the bulk batch) follows, because all of them go through it.
"""

from django.db.models import QuerySet

from asesi.domain import Keputusan
from asesi.domain import Status as StatusPermohonan
from asesi.models import Permohonan
from lsp.access import is_admin_lsp

from .models import Sertifikat


def permohonan_siap_terbit() -> QuerySet:
    """Applications a certificate may be issued for now (see the module docstring)."""
    return (
        Permohonan.objects.filter(
            status=StatusPermohonan.DIPUTUSKAN, keputusan=Keputusan.K, sertifikat__isnull=True
        )
        .select_related("asesi__user", "skema")
        .order_by("updated_at", "pk")
    )


def siap_terbit_badge(user) -> QuerySet:
    """The menu badge (``lsp.dashboard`` counts it): decided-kompeten applications waiting for their
    certificate."""
    return permohonan_siap_terbit() if is_admin_lsp(user) else Permohonan.objects.none()


def sertifikat_for_admin(user) -> QuerySet:
    if not is_admin_lsp(user):
        return Sertifikat.objects.none()
    return Sertifikat.objects.select_related("asesi__user", "skema")


# The admin list's order, newest first, paged by a cursor on it (``lsp.pagination.KeysetPaginationMixin``);
# every filter of ``filters.SertifikatFilter`` has an index ending in it (``models.Sertifikat.Meta.indexes``).
SERTIFIKAT_KEYSET = ("-tanggal_terbit", "-pk")
# Expired certificates are listed by expiry, most recently expired first: "aktif and berlaku_sampai < today"
# has no index in issue order (the expired ones are the oldest, a scan in that order would pass every valid
# one first), while the berlaku_sampai index serves it directly (with an incremental sort of equal days).
SERTIFIKAT_KEYSET_KEDALUWARSA = ("-berlaku_sampai", "-pk")


def sertifikat_list_admin(user) -> QuerySet:
    """The admin list: only the columns the table shows, from the certificate row alone (the holder's name
    and the skema are snapshots on it: no join), in ``SERTIFIKAT_KEYSET`` order."""
    if not is_admin_lsp(user):
        return Sertifikat.objects.none()
    return Sertifikat.objects.only(
        "pk", "nomor", "nama_pemegang", "skema_kode", "tanggal_terbit", "berlaku_sampai", "status", "pdf_status"
    ).order_by(*SERTIFIKAT_KEYSET)


def sertifikat_for_owner(user) -> QuerySet:
    """The holder's own certificates (the asesi page)."""
    if not user.is_authenticated:
        return Sertifikat.objects.none()
    return Sertifikat.objects.filter(asesi__user=user).select_related("skema").order_by("-tanggal_terbit", "-pk")


def sertifikat_downloadable_by(user) -> QuerySet:
    """The certificates whose PDF ``user`` may download: their own, or any for the admin LSP."""
    return sertifikat_for_admin(user) if is_admin_lsp(user) else sertifikat_for_owner(user)


def sertifikat_by_lookup(text: str) -> Sertifikat | None:
    """The certificate for a verification token or number, by their unique indexes (exact, then the
    number case-insensitively): at most two indexed queries; no ``icontains``."""
    fields = ("pk", "token", "nomor", "nomor_registrasi", "nama_pemegang", "skema_kode", "skema_nama",
              "tanggal_terbit", "berlaku_sampai", "status", "status_pada")
    hit = Sertifikat.objects.only(*fields).filter(token=text).first()
    if hit is None:
        hit = Sertifikat.objects.only(*fields).filter(nomor__iexact=text).first()
    return hit
