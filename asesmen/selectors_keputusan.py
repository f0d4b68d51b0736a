"""Reads of the decision stage, scoped to the user: the komite's pleno queue, SKs for komite / director /
admin LSP, the FR.AK.05 reports and what a pleno page shows of each asesi (recommendation, unit verdicts)."""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from lsp.access import user_has_role
from lsp.roles import Role
from lsp.selectors import libur_antara

from .domain_keputusan import BATAS_HARI_KERJA, StatusSK, hari_kerja_ke
from .domain_pelaksanaan import StatusRekaman
from .models import (
    Jadwal,
    KeputusanPeserta,
    KeputusanSK,
    LaporanAsesmen,
    PenilaianUnit,
    PenugasanAsesor,
    PesertaJadwal,
    RekamanAsesmen,
)

SK_ROLES = (Role.KOMITE, Role.DIREKTUR, Role.ADMIN_LSP)


def count_subquery(qs):
    """A correlated COUNT subquery: computed for the rows of the page only, no GROUP BY over the table."""
    return Coalesce(Subquery(qs.order_by().values(_g=Value(1)).annotate(n=Count("pk")).values("n")[:1]), 0)


def pleno_jadwal(user) -> QuerySet:
    """Batches with at least one submitted FR.AK.02 whose SK is not approved yet (komite only)."""
    if not user_has_role(user, Role.KOMITE):
        return Jadwal.objects.none()
    submitted = RekamanAsesmen.objects.filter(peserta__jadwal=OuterRef("pk"), peserta__aktif=True,
                                              status=StatusRekaman.DIAJUKAN)
    return Jadwal.objects.filter(Exists(submitted)).exclude(sk__status=StatusSK.DISETUJUI)


# The pleno queue and the SK list page by a cursor on their order (``lsp.pagination.KeysetPaginationMixin``): the
# queue on ``jadwal_list_idx`` (its conditions are per-batch subqueries, checked along that index), the SK list on
# ``sk_list_idx`` and, by status, ``sk_status_idx``.
PLENO_KEYSET = ("-mulai", "-pk")
SK_KEYSET = ("-updated_at", "-pk")


def pleno_queue(user) -> QuerySet:
    """``pleno_jadwal`` with the counts a row shows, computed by the database."""
    return (
        pleno_jadwal(user)
        .select_related("skema", "tuk")
        .annotate(
            n_rekaman=count_subquery(RekamanAsesmen.objects.filter(
                peserta__jadwal=OuterRef("pk"), peserta__aktif=True, status=StatusRekaman.DIAJUKAN)),
            n_diputuskan=count_subquery(KeputusanPeserta.objects.filter(
                peserta__jadwal=OuterRef("pk"), peserta__aktif=True)),
            sk_status=Subquery(KeputusanSK.objects.filter(jadwal=OuterRef("pk")).values("status")[:1]),
            sk_pk=Subquery(KeputusanSK.objects.filter(jadwal=OuterRef("pk")).values("pk")[:1]),
        )
        .order_by(*PLENO_KEYSET)
    )


def pleno_badge(user) -> QuerySet:
    """Batches the komite still has to decide (not yet submitted to the director)."""
    return pleno_jadwal(user).exclude(sk__status=StatusSK.DIAJUKAN)


def sk_for_user(user) -> QuerySet:
    if not user_has_role(user, *SK_ROLES):
        return KeputusanSK.objects.none()
    return KeputusanSK.objects.select_related("jadwal__skema", "jadwal__tuk", "diputuskan_oleh", "diajukan_oleh")


def sk_list(user) -> QuerySet:
    return sk_for_user(user).annotate(
        n_k=count_subquery(KeputusanPeserta.objects.filter(sk=OuterRef("pk"), keputusan="K")),
        n_bk=count_subquery(KeputusanPeserta.objects.filter(sk=OuterRef("pk"), keputusan="BK")),
    ).order_by(*SK_KEYSET)


def sk_diajukan_badge(user) -> QuerySet:
    if not user_has_role(user, Role.DIREKTUR):
        return KeputusanSK.objects.none()
    return KeputusanSK.objects.filter(status=StatusSK.DIAJUKAN)


def pleno_rows(jadwal_id: int, sk: KeputusanSK | None = None) -> list[dict]:
    """Each open asesi of the batch with a record: placement, record, unit verdicts, decision (4 queries)."""
    peserta = list(
        PesertaJadwal.objects.filter(jadwal_id=jadwal_id, aktif=True, rekaman__isnull=False)
        .select_related("permohonan__asesi__user", "asesor__user", "rekaman")
        .order_by("permohonan__asesi__user__nama_lengkap", "pk")
    )
    units = defaultdict(list)
    for row in (PenilaianUnit.objects.filter(rekaman__peserta__in=peserta)
                .select_related("unit").order_by("unit__urutan", "pk")):
        units[row.rekaman_id].append(row)
    keputusan = {k.peserta_id: k for k in KeputusanPeserta.objects.filter(peserta__in=peserta).select_related("oleh")}
    return [{"peserta": p, "rekaman": p.rekaman, "units": units.get(p.rekaman.pk, []),
             "keputusan": keputusan.get(p.pk)} for p in peserta]


# how far after the last assessment day the holidays are read: 5 working days fit in it even around
# Lebaran (about ten days off in a row with the cuti bersama)
BATAS_CAKUPAN_HARI = 60


def with_batas_keputusan(rows: list[dict]) -> list[dict]:
    """Give each ``pleno_rows`` row ``batas``: the last day its decision is on time (R40), the LSP's
    holidays not counted (R64) — one query for all rows."""
    days = {r["peserta"].pk: timezone.localtime(r["rekaman"].diajukan_pada).date()
            for r in rows if r["rekaman"].diajukan_pada}
    libur = libur_antara(min(days.values()), max(days.values()) + timedelta(days=BATAS_CAKUPAN_HARI)) if days else ()
    for r in rows:
        day = days.get(r["peserta"].pk)
        r["batas"] = hari_kerja_ke(day, BATAS_HARI_KERJA, libur) if day else None
    return rows


def peserta_for_komite(user) -> QuerySet:
    """Placements with a submitted record (what the pleno decides from)."""
    if not user_has_role(user, Role.KOMITE):
        return PesertaJadwal.objects.none()
    return PesertaJadwal.objects.filter(aktif=True, rekaman__status=StatusRekaman.DIAJUKAN).select_related(
        "permohonan__asesi__user", "asesor__user", "jadwal__skema", "rekaman")


def penugasan_laporan_for_user(user) -> QuerySet:
    """Assignments whose FR.AK.05 ``user`` may read: their own (asesor), every one for admin LSP, komite
    and director."""
    qs = PenugasanAsesor.objects.select_related("jadwal__skema", "jadwal__tuk", "asesor__user")
    if user_has_role(user, *SK_ROLES):
        return qs
    if user_has_role(user, Role.ASESOR):
        return qs.filter(asesor__user=user)
    return qs.none()


def laporan_rows(penugasan: PenugasanAsesor) -> list[dict]:
    """The asesor's asesi in the batch with their record and unit verdicts (FR.AK.05 table)."""
    peserta = list(
        PesertaJadwal.objects.filter(jadwal_id=penugasan.jadwal_id, asesor_id=penugasan.asesor_id, aktif=True)
        .select_related("permohonan__asesi", "rekaman").order_by("permohonan__asesi__user__nama_lengkap", "pk")
    )
    units = defaultdict(list)
    for row in (PenilaianUnit.objects.filter(rekaman__peserta__in=peserta)
                .select_related("unit").order_by("unit__urutan", "pk")):
        units[row.rekaman_id].append(row)
    rows = []
    for p in peserta:
        rekaman = getattr(p, "rekaman", None)
        rows.append({"peserta": p, "rekaman": rekaman, "units": units.get(rekaman.pk, []) if rekaman else []})
    return rows


def laporan_of(penugasan: PenugasanAsesor) -> LaporanAsesmen | None:
    return LaporanAsesmen.objects.filter(penugasan=penugasan).first()
