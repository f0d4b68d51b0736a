"""Reads of the sertifikat app, scoped to the user.

``permohonan_siap_terbit`` is the one gate for issuing: an application in *diputuskan* with the outcome
kompeten (``asesi.Permohonan.keputusan``), decided K in an SK hasil uji kompetensi the director approved
(``asesmen.KeputusanPeserta`` in an ``asesmen.KeputusanSK`` *disetujui*), and no certificate yet — never
an undecided or BK one. Every issuing path (one, many, the bulk batch, from the SK page) goes through it.
Legacy certificates imported from a spreadsheet are the one exception (``services.sertifikat_import``).
"""

from django.db.models import Exists, OuterRef, QuerySet

from asesi.domain import Keputusan
from asesi.domain import Status as StatusPermohonan
from asesi.models import Permohonan
from asesmen.domain_keputusan import StatusSK
from asesmen.domain_pelaksanaan import Verdict
from asesmen.models import KeputusanPeserta
from lsp.access import is_admin_lsp

from .domain import StatusSurveilans
from .models import SURVEILANS_URUT, Sertifikat, Surveilans

# The issuing list's order, oldest decision first, paged by a cursor on it (served by the partial index
# ``asesi.Permohonan`` ``permohonan_siap_terbit_idx``).
PENERBITAN_KEYSET = ("updated_at", "pk")


def permohonan_siap_terbit() -> QuerySet:
    """Applications a certificate may be issued for now (see the module docstring)."""
    in_approved_sk = KeputusanPeserta.objects.filter(
        peserta__permohonan=OuterRef("pk"), keputusan=Verdict.K, sk__status=StatusSK.DISETUJUI)
    # status + keputusan match the partial index ``permohonan_siap_terbit_idx`` (in ``PENERBITAN_KEYSET``
    # order); "no certificate yet" is NOT EXISTS, probed per row on the certificate's unique permohonan
    # index, never a join over every certificate.
    return (
        Permohonan.objects.filter(
            Exists(in_approved_sk), ~Exists(Sertifikat.objects.filter(permohonan=OuterRef("pk"))),
            status=StatusPermohonan.DIPUTUSKAN, keputusan=Keputusan.K,
        )
        .select_related("asesi__user", "skema")
        .order_by(*PENERBITAN_KEYSET)
    )



def permohonan_siap_terbit_sk(sk) -> QuerySet:
    """``permohonan_siap_terbit`` limited to the kompeten asesi of one approved SK."""
    # The SK's applications first (one batch: tens of rows, one indexed query), then the gate over those ids
    # by primary key: as a subquery the planner merged it into the gate's own EXISTS and hashed every
    # decision of every SK (120 ms at ``seed_bench`` volume, against 1 ms this way).
    of_sk = list(KeputusanPeserta.objects.filter(sk=sk).values_list("peserta__permohonan_id", flat=True))
    return permohonan_siap_terbit().filter(pk__in=of_sk)


def sk_approved_for_admin(user) -> QuerySet:
    from asesmen.models import KeputusanSK

    if not is_admin_lsp(user):
        return KeputusanSK.objects.none()
    return KeputusanSK.objects.filter(status=StatusSK.DISETUJUI).select_related("jadwal__skema")


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


def sertifikat_berakhir(qs: QuerySet, *, today, hari: int) -> QuerySet:
    """Certificates of ``qs`` in force today whose validity ends within ``hari`` days (on the index of
    ``berlaku_sampai``): what the LSP reminds and plans recertification for."""
    from datetime import timedelta

    from .domain import StatusTersimpan

    return qs.filter(
        status=StatusTersimpan.AKTIF, berlaku_sampai__gte=today, berlaku_sampai__lte=today + timedelta(days=hari)
    )


def sertifikat_berakhir_badge(user) -> QuerySet:
    """The admin home's "expiring in 90 days" (``lsp.dashboard.register_action`` counts it)."""
    from django.utils import timezone

    return sertifikat_berakhir(sertifikat_for_admin(user), today=timezone.localdate(), hari=90)


# The surveillance queue pages by a cursor on its order (``lsp.pagination.KeysetPaginationMixin``), on the partial
# expression index ``surveilans_antrean_urut_idx`` (``models.SURVEILANS_URUT``, jatuh_tempo, id).
SURVEILANS_KEYSET = ("urut", "jatuh_tempo", "pk")


def surveilans_antrean(user) -> QuerySet:
    """The admin's queue: every surveillance not accepted yet, logbooks waiting for review first, then by due
    day (``SURVEILANS_KEYSET``)."""
    if not is_admin_lsp(user):
        return Surveilans.objects.none()
    return (
        Surveilans.objects.exclude(status=StatusSurveilans.DITERIMA).select_related("sertifikat")
        .annotate(urut=SURVEILANS_URUT).order_by(*SURVEILANS_KEYSET)
    )
