"""Reads of the asesmen app, scoped to who asks. Views fetch with ``get_object_or_404(<selector>(user),
pk=pk)``, so a batch or placement the user may not see answers 404.

- admin LSP: every batch (``jadwal_for_admin``), the pick list of accepted applications, the eligibility
  of every asesi × asesor pair of a batch, the month calendar with TUK and asesor load;
- asesor: the batches they are assigned to and the asesi paired with them (``peserta_for_asesor``) —
  only while the placement is open; their documents through ``asesi.selectors``;
- asesi: their own open placements (``peserta_for_asesi``)."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from asesi.domain import Status as PermohonanStatus
from asesi.models import Permohonan
from asesi.selectors import asesi_search, dokumen_of_permohonan
from asesor.models import AsesorProfile
from lsp.access import is_admin_lsp, user_has_role
from lsp.roles import Role

from . import domain
from .domain import JADWAL_OPEN
from .models import Jadwal, MapaUnit, PenugasanAsesor, PesertaJadwal, VerifikasiTUK


def _count(model, **filters):
    """A correlated COUNT per shown row (no GROUP BY over the whole table before the LIMIT)."""
    qs = model.objects.filter(jadwal=OuterRef("pk"), **filters).order_by().values("jadwal")
    return Coalesce(Subquery(qs.annotate(n=Count("pk")).values("n")), 0)


def jadwal_for_admin(user) -> QuerySet:
    """Every batch for admin LSP (with skema, TUK, the number of asesi and asesors); nothing otherwise."""
    if not is_admin_lsp(user):
        return Jadwal.objects.none()
    return Jadwal.objects.select_related("skema", "tuk").annotate(
        jumlah_peserta=_count(PesertaJadwal, aktif=True), jumlah_asesor=_count(PenugasanAsesor)
    )


# The admin's batch list, latest start first, paged by a cursor on it (``lsp.pagination.KeysetPaginationMixin``);
# the status, skema and TUK filters each have an index ending in it (``models.Jadwal.Meta.indexes``), ``dari`` is a
# range on its first column.
JADWAL_KEYSET = ("-mulai", "-pk")


def jadwal_list_for_admin(user) -> QuerySet:
    """The batch list's rows (admin LSP): no per-row counts in SQL; ``with_counts`` adds them for the shown
    page only."""
    if not is_admin_lsp(user):
        return Jadwal.objects.none()
    return Jadwal.objects.select_related("skema", "tuk")


def with_counts(jadwal_list) -> list:
    """Set ``jumlah_peserta`` (open placements) and ``jumlah_asesor`` on each batch shown (two queries)."""
    jadwal_list = list(jadwal_list)
    ids = [j.pk for j in jadwal_list]
    peserta = dict(
        PesertaJadwal.objects.filter(jadwal_id__in=ids, aktif=True).order_by().values("jadwal_id")
        .annotate(n=Count("pk")).values_list("jadwal_id", "n")
    )
    asesor = dict(
        PenugasanAsesor.objects.filter(jadwal_id__in=ids).order_by().values("jadwal_id")
        .annotate(n=Count("pk")).values_list("jadwal_id", "n")
    )
    for j in jadwal_list:
        j.jumlah_peserta, j.jumlah_asesor = peserta.get(j.pk, 0), asesor.get(j.pk, 0)
    return jadwal_list


def jadwal_for_asesor(user) -> QuerySet:
    """The batches ``user`` is assigned to as asesor."""
    if not user_has_role(user, Role.ASESOR):
        return Jadwal.objects.none()
    return (
        Jadwal.objects.filter(penugasan__asesor__user=user)
        .select_related("skema", "tuk")
        .annotate(jumlah_peserta=_count(PesertaJadwal, aktif=True, asesor__user=user))
    )


def jadwal_for_tuk_check(user) -> QuerySet:
    """Batches whose TUK readiness ``user`` may record: all for admin LSP, assigned ones for an asesor."""
    if is_admin_lsp(user):
        return Jadwal.objects.select_related("skema", "tuk")
    return jadwal_for_asesor(user)


def jadwal_detail(jadwal: Jadwal) -> dict:
    """What the admin's batch page shows (a fixed number of queries whatever the number of asesi)."""
    peserta = list(
        jadwal.peserta.filter(aktif=True)
        .select_related("permohonan__asesi__user", "asesor__user", "ak01", "konsultasi")
        .order_by("permohonan__asesi__user__nama_lengkap", "pk")
    )
    return {
        "peserta": peserta,
        "penugasan": list(jadwal.penugasan.select_related("asesor__user")),
        "verifikasi_tuk": VerifikasiTUK.objects.filter(jadwal=jadwal).select_related("diverifikasi_oleh").first(),
        "mapa": list(MapaUnit.objects.filter(jadwal=jadwal).select_related("unit")),
    }


def permohonan_siap(jadwal: Jadwal, q: str = "") -> QuerySet:
    """The pick list: accepted applications of the batch's skema whose asesi is in no open batch of it."""
    placed = PesertaJadwal.objects.filter(
        aktif=True, jadwal__status__in=JADWAL_OPEN, jadwal__skema_id=jadwal.skema_id
    ).values("permohonan__asesi_id")
    qs = (
        Permohonan.objects.filter(skema_id=jadwal.skema_id, status=PermohonanStatus.DITERIMA)
        .exclude(asesi_id__in=placed)
        .select_related("asesi__user")
        .order_by("diajukan_pada", "pk")
    )
    q = (q or "").strip()
    if q:
        from asesi.models import AsesiProfile

        qs = qs.filter(asesi__in=asesi_search(AsesiProfile.objects.all(), q))
    return qs


def jadwal_pindah_tujuan(peserta: PesertaJadwal) -> QuerySet:
    """Planned batches of the same skema an asesi may be moved to."""
    return (
        Jadwal.objects.filter(skema_id=peserta.jadwal.skema_id, status__in=domain.JADWAL_EDITABLE)
        .exclude(pk=peserta.jadwal_id)
        .select_related("tuk", "skema")
        .order_by("mulai", "pk")
    )


def asesor_candidates(jadwal: Jadwal) -> QuerySet:
    """Asesors with a technical competence for the batch's skema (the rest are refused anyway)."""
    from asesor.selectors import asesor_competent_for

    assigned = jadwal.penugasan.values("asesor_id")
    return asesor_competent_for(AsesorProfile.objects.select_related("user"), jadwal.skema).exclude(
        pk__in=assigned
    ).order_by("user__nama_lengkap", "pk")


def pair_eligibility(jadwal: Jadwal, peserta, penugasan) -> dict:
    """For each asesi × assigned asesor: R6 on the batch's first day, with its reasons — the same rule as
    ``asesor.selectors.asesor_can_assess``, loaded once per asesor (status, competences) plus one query for
    the conflicts of interest, instead of once per pair."""
    from asesor import domain as asesor_domain
    from asesor.models import KonflikKepentingan
    from asesor.selectors import asesor_status_on

    day = timezone.localtime(jadwal.mulai).date()
    asesors = {t.asesor_id: t.asesor for t in penugasan}
    loaded = {
        pk: (asesor_status_on(asesor=a, on_date=day), list(a.kompetensi.all())) for pk, a in asesors.items()
    }
    users = {p.permohonan.asesi.user_id for p in peserta}
    konflik = set(
        KonflikKepentingan.objects.filter(asesor_id__in=asesors, pihak_id__in=users)
        .values_list("asesor_id", "pihak_id")
    )
    result = {}
    for p in peserta:
        user_id = p.permohonan.asesi.user_id
        for pk, a in asesors.items():
            status, kompetensi = loaded[pk]
            result[(p.pk, pk)] = asesor_domain.eligibility(
                status=status, kompetensi=kompetensi, skema=jadwal.skema, on_date=day,
                own_assessment=a.user_id == user_id, konflik=(pk, user_id) in konflik,
            )
    return result


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    tz = timezone.get_current_timezone()
    return datetime.combine(first, time.min, tz), datetime.combine(nxt, time.min, tz)


def kalender_days(user, *, year: int, month: int) -> list[dict]:
    """Every batch touching one month (admin LSP) as a few plain values — code, times, TUK — for the
    grid (one query; a month of a large LSP holds hundreds of batches)."""
    start, end = month_bounds(year, month)
    rows = (
        jadwal_list_for_admin(user)
        .filter(mulai__lt=end, selesai__gte=start)
        .exclude(status=domain.StatusJadwal.DIBATALKAN)
        .order_by("mulai", "pk")
        .values("pk", "mulai", "selesai", "tuk__nama")
    )
    return [{**r, "kode": f"JDW-{r['pk']:06d}"} for r in rows]


def kalender_page(user, *, year: int, month: int) -> QuerySet:
    """The month's batches for the paginated list under the grid; ``kalender_load`` fills the shown page."""
    start, end = month_bounds(year, month)
    return (
        jadwal_list_for_admin(user)
        .filter(mulai__lt=end, selesai__gte=start)
        .exclude(status=domain.StatusJadwal.DIBATALKAN)
        .order_by("mulai", "pk")
    )


def kalender_load(jadwal_list) -> list:
    """For the shown batches: the number of asesi, and each asesor with the asesi paired with them
    (``penugasan_beban``) — three queries for the page."""
    jadwal_list = with_counts(jadwal_list)
    per_asesor = PesertaJadwal.objects.filter(
        jadwal=OuterRef("jadwal"), asesor=OuterRef("asesor"), aktif=True
    ).order_by().values("jadwal")
    penugasan = (
        PenugasanAsesor.objects.filter(jadwal__in=[j.pk for j in jadwal_list])
        .select_related("asesor__user")
        .annotate(beban=Coalesce(Subquery(per_asesor.annotate(n=Count("pk")).values("n")), 0))
        .order_by("jadwal_id", "pk")
    )
    by_jadwal = {}
    for t in penugasan:
        by_jadwal.setdefault(t.jadwal_id, []).append(t)
    for j in jadwal_list:
        j.penugasan_beban = by_jadwal.get(j.pk, [])
    return jadwal_list


def weeks_of(year: int, month: int) -> list[list[date | None]]:
    """The month as weeks (Monday first), days outside it as None."""
    first = date(year, month, 1)
    start = first - timedelta(days=first.weekday())
    weeks = []
    day = start
    while True:
        week = [(day + timedelta(days=i)) if (day + timedelta(days=i)).month == month else None for i in range(7)]
        weeks.append(week)
        day += timedelta(days=7)
        if day.month != month and day > first:
            break
    return weeks


# --- the asesor's and the asesi's side ------------------------------------------------------------


def peserta_for_asesor(user) -> QuerySet:
    """Open placements whose asesor is ``user``: only while the asesor is assigned to that asesi."""
    if not user_has_role(user, Role.ASESOR):
        return PesertaJadwal.objects.none()
    return PesertaJadwal.objects.filter(aktif=True, asesor__user=user).exclude(
        jadwal__status=domain.StatusJadwal.DIBATALKAN
    ).select_related("jadwal__skema", "jadwal__tuk", "permohonan__asesi__user", "permohonan__skema", "asesor__user")


def penugasan_for_asesor(user) -> QuerySet:
    if not user_has_role(user, Role.ASESOR):
        return PenugasanAsesor.objects.none()
    return PenugasanAsesor.objects.filter(asesor__user=user).select_related("jadwal__skema", "jadwal__tuk",
                                                                            "asesor__user")


def penugasan_for_letter(user) -> QuerySet:
    """Assignments whose surat tugas ``user`` may download: admin LSP all, an asesor their own."""
    qs = PenugasanAsesor.objects.select_related("jadwal__skema", "jadwal__tuk", "asesor__user", "dibuat_oleh")
    if is_admin_lsp(user):
        return qs
    if user_has_role(user, Role.ASESOR):
        return qs.filter(asesor__user=user)
    return qs.none()


def dokumen_for_asesor(user) -> QuerySet:
    """Documents of the applications of the asesi currently assigned to ``user`` (asked of the asesi app)."""
    return dokumen_of_permohonan(peserta_for_asesor(user).values("permohonan_id"))


def peserta_for_asesi(user) -> QuerySet:
    """The asesi's own open placements."""
    if not user or not user.is_authenticated:
        return PesertaJadwal.objects.none()
    return PesertaJadwal.objects.filter(aktif=True, permohonan__asesi__user=user).select_related(
        "jadwal__skema", "jadwal__tuk", "permohonan", "asesor__user", "ak01", "konsultasi"
    )


def persiapan_of(peserta: PesertaJadwal) -> domain.Persiapan:
    """The records ``domain.assessment_can_start`` needs, for one placement (for execution, issue 12)."""
    from .models import KonsultasiPraAsesmen, PersetujuanAsesmen

    verifikasi = VerifikasiTUK.objects.filter(jadwal_id=peserta.jadwal_id).first()
    konsultasi = KonsultasiPraAsesmen.objects.filter(peserta=peserta).first()
    ak01 = PersetujuanAsesmen.objects.filter(peserta=peserta).first()
    pernyataan = PenugasanAsesor.objects.filter(
        jadwal_id=peserta.jadwal_id, asesor_id=peserta.asesor_id, pernyataan_pada__isnull=False
    ).exists()
    return domain.Persiapan(
        jadwal_status=peserta.jadwal.status,
        tuk_siap=bool(verifikasi and verifikasi.siap),
        pernyataan_asesor=pernyataan,
        konsultasi_lengkap=bool(konsultasi and konsultasi.lengkap),
        ak01_asesi=bool(ak01 and ak01.asesi_setuju_pada),
        ak01_asesor=bool(ak01 and ak01.asesor_setuju_pada),
        rekomendasi=peserta.rekomendasi,
    )


def jadwal_search(qs: QuerySet, q: str) -> QuerySet:
    """By batch code (``JDW-000123`` or the number), skema code or name, or TUK name."""
    q = (q or "").strip()
    if not q:
        return qs
    upper = q.upper()
    if upper.startswith("JDW-") and upper[4:].isdigit():  # a batch code: its primary key, nothing to scan
        return qs.filter(pk=int(upper[4:]))
    cond = Q(skema__kode__icontains=q) | Q(skema__nama__icontains=q) | Q(tuk__nama__icontains=q)
    if q.isdigit():
        cond |= Q(pk=int(q))
    return qs.filter(cond)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The local day as an aware [start, end) range (compare the indexed column, never cast it)."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tz)
    return start, start + timedelta(days=1)


def peserta_for_admin(user) -> QuerySet:
    """Every placement for admin LSP; nothing otherwise."""
    if not is_admin_lsp(user):
        return PesertaJadwal.objects.none()
    return PesertaJadwal.objects.select_related(
        "jadwal__skema", "jadwal__tuk", "permohonan__asesi__user", "asesor__user"
    )


def penugasan_for_admin(user) -> QuerySet:
    if not is_admin_lsp(user):
        return PenugasanAsesor.objects.none()
    return PenugasanAsesor.objects.select_related("jadwal", "asesor__user")


def mapa_sumber(jadwal: Jadwal) -> QuerySet:
    """Earlier batches of the same skema that have a plan to copy."""
    return (
        Jadwal.objects.filter(skema_id=jadwal.skema_id, mapa__isnull=False)
        .exclude(pk=jadwal.pk)
        .distinct()
        .order_by("-mulai", "-pk")
    )
