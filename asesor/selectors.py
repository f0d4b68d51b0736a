"""Reads about asesors, scoped to who asks. The rules are in ``asesor.domain``; these functions load the
records the rules need (with the related rows prefetched) and hand them over.

For the asesmen app (scheduling): ``asesor_can_assess(asesor=, skema=, on_date=, asesi_user=)``.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from lsp.audit import audit_trail_for
from lsp.roles import Role

from . import domain
from .models import (
    AsesorProfile,
    BuktiRekognisi,
    Diklat,
    KompetensiTeknis,
    KonflikKepentingan,
    PengajuanRekognisi,
    PesertaDiklat,
    RiwayatAsesmen,
    SertifikatAsesor,
)

# --- settings the rules read ---------------------------------------------------------------------


def warn_days() -> int:
    """The "segera kedaluwarsa" window: the earliest reminder (90 days by default)."""
    return max(settings.LSP_REMINDER_DAYS, default=0)


def recognition_minimum() -> int:
    return settings.LSP_ASESOR_RECOGNITION_MIN


# --- querysets ----------------------------------------------------------------------------------


def counted_riwayat() -> QuerySet:
    """Assessment-log entries that count towards recognition (accepted; internal ones are accepted)."""
    return RiwayatAsesmen.objects.filter(status=domain.VERIFIKASI_DIHITUNG)


def asesor_queryset() -> QuerySet:
    """Asesors with everything ``asesor_status`` and the list row need, in a constant number of queries."""
    return AsesorProfile.objects.select_related("user").prefetch_related(
        "sertifikat",
        Prefetch("riwayat", queryset=counted_riwayat().only("id", "asesor_id", "tanggal"), to_attr="riwayat_dihitung"),
        Prefetch("kompetensi", queryset=KompetensiTeknis.objects.select_related("skema")),
    )


def asesor_list_for_user(user) -> QuerySet:
    """Admin LSP sees every asesor; an asesor sees only themselves; anyone else nothing."""
    qs = asesor_queryset()
    if user.has_role(Role.ADMIN_LSP):
        return qs
    if user.has_role(Role.ASESOR):
        return qs.filter(user=user)
    return qs.none()


def _admin_only(user, qs: QuerySet) -> QuerySet:
    return qs if user.has_role(Role.ADMIN_LSP) else qs.none()


def kompetensi_for_user(user) -> QuerySet:
    """Technical competences an admin may edit (the asesor reads theirs on their own page)."""
    return _admin_only(user, KompetensiTeknis.objects.select_related("asesor__user", "skema"))


def riwayat_for_user(user) -> QuerySet:
    """Assessment-log entries an admin may verify."""
    return _admin_only(user, RiwayatAsesmen.objects.select_related("asesor__user", "skema", "created_by"))


def riwayat_eksternal_list(user) -> QuerySet:
    """External assessments for the admin's list, oldest waiting first (``riwayat_status_idx``)."""
    return riwayat_for_user(user).filter(sumber=RiwayatAsesmen.Sumber.EKSTERNAL).order_by("created_at", "pk")


def riwayat_menunggu(user) -> QuerySet:
    """External assessments waiting for verification (admin LSP; the menu badge counts them)."""
    return riwayat_for_user(user).filter(status=domain.StatusVerifikasi.MENUNGGU)


def pengajuan_menunggu(user) -> QuerySet:
    """Recognition requests waiting for admin LSP's decision (the menu badge counts them)."""
    return pengajuan_for_user(user).filter(status=domain.StatusPengajuan.DIAJUKAN)


def peserta_diklat_for_user(user) -> QuerySet:
    """Diklat participants whose outcome an admin may record."""
    return _admin_only(user, PesertaDiklat.objects.select_related("diklat", "user"))


def diklat_for_user(user) -> QuerySet:
    return _admin_only(user, diklat_list())


def asesor_own(user) -> AsesorProfile | None:
    """The asesor profile of ``user`` (with its records), or None."""
    if not user.is_authenticated:
        return None
    return asesor_queryset().filter(user=user).first()


def kompetensi_marked(kompetensi, on_date: date) -> list:
    """The technical competences, each marked ``kedaluwarsa`` when its certificate has ended by ``on_date``."""
    rows = list(kompetensi)
    for k in rows:
        k.kedaluwarsa = domain.kompetensi_kedaluwarsa(k, on_date)
    return rows


def asesor_detail(asesor: AsesorProfile, status: domain.AsesorStatus) -> dict:
    """Certificate history, technical competence, the whole log (each entry marked ``dihitung`` when it
    counts for the certificate in force on the status date) and conflicts, for the detail pages."""
    riwayat = list(asesor.riwayat.select_related("skema", "created_by", "verified_by").order_by("-tanggal", "-pk"))
    pengajuan = list(pengajuan_queryset().filter(asesor=asesor)[:10])
    terbuka = next((p for p in pengajuan if p.status == domain.StatusPengajuan.DIAJUKAN), None)
    kompetensi = kompetensi_marked(asesor.kompetensi.select_related("skema").order_by("-issued_on"), status.on_date)
    for r in riwayat:
        r.dihitung = r.status == domain.VERIFIKASI_DIHITUNG and domain.asesmen_counts(
            r.tanggal, status.sertifikat, status.on_date
        )
    return {
        "audit": list(audit_trail_for(asesor)[:20]),
        "sertifikat": sorted(asesor.sertifikat.all(), key=lambda c: c.issued_on, reverse=True),
        "kompetensi": kompetensi,
        "riwayat": riwayat,
        "konflik": list(asesor.konflik.select_related("pihak", "declared_by")),
        "pengajuan": pengajuan,
        "pengajuan_terbuka": terbuka,
        "bisa_ajukan_rekognisi": domain.rekognisi_dapat_diajukan(status, ada_pengajuan_terbuka=terbuka is not None),
    }


# --- status -------------------------------------------------------------------------------------


def status_from_loaded(asesor: AsesorProfile, on_date: date) -> domain.AsesorStatus:
    """``domain.asesor_status`` for an asesor loaded by ``asesor_queryset`` (no further query)."""
    riwayat = getattr(asesor, "riwayat_dihitung", None)
    if riwayat is None:
        riwayat = list(counted_riwayat().filter(asesor=asesor).only("id", "asesor_id", "tanggal"))
    return domain.asesor_status(
        sertifikat=asesor.sertifikat.all(),
        tanggal_asesmen=[r.tanggal for r in riwayat],
        on_date=on_date,
        warn_days=warn_days(),
        minimum=recognition_minimum(),
    )


def asesor_status_on(*, asesor: AsesorProfile, on_date: date) -> domain.AsesorStatus:
    """The status of one asesor on a date, loaded fresh from the database (2 queries)."""
    dates = counted_riwayat().filter(asesor=asesor).values_list("tanggal", flat=True)
    return domain.asesor_status(
        sertifikat=list(asesor.sertifikat.all()),
        tanggal_asesmen=list(dates),
        on_date=on_date,
        warn_days=warn_days(),
        minimum=recognition_minimum(),
    )


def asesor_statuses(asesors, on_date: date) -> dict[int, domain.AsesorStatus]:
    """Status for many asesors (loaded by ``asesor_queryset``): pk → status, without a query per row."""
    return {a.pk: status_from_loaded(a, on_date) for a in asesors}


def asesor_status_annotate(qs: QuerySet, *, on_date: date) -> QuerySet:
    """``domain.asesor_status`` on ``on_date`` computed by the database, one row per asesor, for counts,
    filters and exports over every asesor (no record loaded into Python). The same rule, written in SQL:
    ``tests/asesor/test_status_sql.py`` walks its boundaries and asserts it equals the Python one for every
    asesor. Adds ``st_issued_on``, ``st_valid_until``, ``st_nomor``, ``st_jenis`` (the certificate in force:
    the latest issued on or before ``on_date``), ``st_berikutnya`` (a later one is recorded),
    ``st_jumlah`` (counted assessments inside its window, not after ``on_date``), ``st_status`` and
    ``st_rekognisi`` (``""`` without a certificate). Idempotent: annotating twice is a no-op."""
    if "st_status" in qs.query.annotations:
        return qs
    current = SertifikatAsesor.objects.filter(asesor=OuterRef("pk"), issued_on__lte=on_date).order_by("-issued_on")
    jumlah = (
        counted_riwayat()
        .filter(
            asesor=OuterRef("pk"),
            tanggal__gte=OuterRef("st_issued_on"),
            tanggal__lte=OuterRef("st_valid_until"),
        )
        .filter(tanggal__lte=on_date)
        .order_by()
        .values("asesor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    later = SertifikatAsesor.objects.filter(asesor=OuterRef("pk"), issued_on__gt=on_date)
    S, R = domain.StatusAsesor, domain.StatusRekognisi
    return qs.annotate(
        st_issued_on=Subquery(current.values("issued_on")[:1]),
        st_valid_until=Subquery(current.values("valid_until")[:1]),
        st_nomor=Subquery(current.values("nomor")[:1]),
        st_jenis=Subquery(current.values("jenis")[:1]),
        st_berikutnya=Exists(later),
        st_jumlah=Coalesce(Subquery(jumlah), 0),
    ).annotate(
        st_status=Case(
            When(st_issued_on__isnull=True, then=Value(S.TIDAK_ADA_SERTIFIKAT.value)),
            When(st_valid_until__lt=on_date, then=Value(S.KEDALUWARSA.value)),
            When(
                st_valid_until__lte=on_date + timedelta(days=warn_days()),
                st_berikutnya=False,
                then=Value(S.SEGERA_KEDALUWARSA.value),
            ),
            default=Value(S.AKTIF.value),
        ),
        st_rekognisi=Case(
            When(st_issued_on__isnull=True, then=Value("")),
            When(st_jumlah__gte=recognition_minimum(), then=Value(R.LAYAK.value)),
            When(st_valid_until__lt=on_date, then=Value(R.WAJIB_MENGULANG.value)),
            default=Value(R.BELUM_MEMENUHI.value),
        ),
    )


def asesor_export_rows(qs: QuerySet, *, on_date: date, chunk_size: int = 500):
    """Plain values for an export, one dict per asesor of ``qs``: its fields, its user's name and email, the
    status by the database (``asesor_status_annotate``) and ``kompetensi`` (skema codes or bidang). Read in
    chunks without building model instances, so a large export costs little memory and time."""
    rows = (
        asesor_status_annotate(qs, on_date=on_date)
        .prefetch_related(None)
        .values(*EXPORT_FIELDS, "st_nomor", "st_jenis", "st_issued_on", "st_valid_until", "st_status",
                "st_rekognisi", "st_jumlah")
    )
    kompetensi = {}
    for asesor_id, kode, bidang in (
        KompetensiTeknis.objects.filter(asesor__in=qs.order_by().values("pk"))
        .order_by("asesor_id", "-issued_on", "pk").values_list("asesor_id", "skema__kode", "bidang")
    ):
        kompetensi.setdefault(asesor_id, []).append(kode or bidang)
    for row in rows.iterator(chunk_size=chunk_size):
        row["kompetensi"] = kompetensi.get(row["pk"], [])
        yield row


EXPORT_FIELDS = (
    "pk", "nomor_registrasi", "telepon", "is_master",
    "user__username", "user__nama_lengkap", "user__first_name", "user__last_name", "user__email",
)


BERLAKU = (domain.StatusAsesor.AKTIF, domain.StatusAsesor.SEGERA_KEDALUWARSA)  # ``AsesorStatus.berlaku``


def asesor_filter_status(
    qs: QuerySet, *, on_date: date, status=None, rekognisi=None, berlaku: bool | None = None
) -> QuerySet:
    """Asesors in ``qs`` whose status, recognition state and/or holding a valid certificate on ``on_date``
    match (in SQL)."""
    qs = asesor_status_annotate(qs, on_date=on_date)
    if status:
        qs = qs.filter(st_status=status)
    if rekognisi:
        qs = qs.filter(st_rekognisi=rekognisi)
    if berlaku is not None:
        qs = qs.filter(st_status__in=BERLAKU) if berlaku else qs.exclude(st_status__in=BERLAKU)
    return qs


def asesor_expiring_within(qs: QuerySet, *, on_date: date, days: int) -> QuerySet:
    """Asesors whose certificate in force on ``on_date`` ends within ``days`` days (inclusive) and who
    have no next certificate recorded yet. Certificates never overlap, so the one with
    issued_on ≤ on_date ≤ valid_until is the one in force (SQL on the stored ``valid_until``)."""
    ending = SertifikatAsesor.objects.filter(
        issued_on__lte=on_date, valid_until__gte=on_date, valid_until__lte=on_date + timedelta(days=days)
    ).values("asesor_id")
    successor = SertifikatAsesor.objects.filter(issued_on__gt=on_date).values("asesor_id")
    return qs.filter(pk__in=ending).exclude(pk__in=successor)


def asesor_competent_for(qs: QuerySet, skema) -> QuerySet:
    """Asesors with a technical competence naming ``skema`` or its bidang (see ``domain.kompetensi_covers``)."""
    cond = Q(skema=skema)
    if (skema.bidang or "").strip():
        cond |= Q(skema__isnull=True, bidang__iexact=skema.bidang.strip())
    return qs.filter(pk__in=KompetensiTeknis.objects.filter(cond).values("asesor_id"))


# --- the scheduling guard -----------------------------------------------------------------------


def asesor_can_assess(*, asesor, skema, on_date: date, asesi_user=None) -> domain.Eligibility:
    """May ``asesor`` (an ``AsesorProfile``, or a user who may hold one) be assigned to assess ``skema``
    on ``on_date`` — for ``asesi_user`` if given? Returns ``Eligibility(ok, reasons)``; each reason has a
    ``code``: ``bukan_asesor``, ``tidak_ada_sertifikat``, ``sertifikat_kedaluwarsa``,
    ``tanpa_kompetensi_teknis``, ``kompetensi_teknis_tidak_berlaku``, ``asesmen_diri_sendiri``,
    ``konflik_kepentingan``. Called by the asesmen app when it plans a jadwal."""
    if not isinstance(asesor, AsesorProfile):
        asesor = AsesorProfile.objects.filter(user=asesor).first()
    if asesor is None:
        return domain.eligibility(
            status=None, kompetensi=[], skema=skema, on_date=on_date, own_assessment=False, konflik=False
        )
    status = asesor_status_on(asesor=asesor, on_date=on_date)
    konflik = (
        asesi_user is not None and KonflikKepentingan.objects.filter(asesor=asesor, pihak=asesi_user).exists()
    )
    return domain.eligibility(
        status=status,
        kompetensi=list(asesor.kompetensi.all()),
        skema=skema,
        on_date=on_date,
        own_assessment=asesi_user is not None and asesi_user.pk == asesor.user_id,
        konflik=konflik,
    )


# --- recognition requests and the admin's queue --------------------------------------------------


def pengajuan_queryset() -> QuerySet:
    return PengajuanRekognisi.objects.select_related(
        "asesor__user", "sertifikat", "sertifikat_baru", "diputuskan_oleh"
    ).prefetch_related("bukti")


def pengajuan_for_user(user) -> QuerySet:
    """Recognition requests: admin LSP all, an asesor their own, anyone else none."""
    if user.has_role(Role.ADMIN_LSP):
        return pengajuan_queryset()
    if user.has_role(Role.ASESOR):
        return pengajuan_queryset().filter(asesor__user=user)
    return PengajuanRekognisi.objects.none()


def pengajuan_terbuka(asesor: AsesorProfile) -> PengajuanRekognisi | None:
    return pengajuan_queryset().filter(asesor=asesor, status=domain.StatusPengajuan.DIAJUKAN).first()


ANTREAN_BATAS = 100


def antrean_verifikasi(user) -> dict:
    """What waits for admin LSP about asesors, oldest first: recognition requests and external
    assessments to verify (each list at most ``ANTREAN_BATAS`` rows, with the full count)."""
    if not user.has_role(Role.ADMIN_LSP):
        return {"pengajuan": [], "pengajuan_total": 0, "riwayat": [], "riwayat_total": 0}
    pengajuan = pengajuan_queryset().filter(status=domain.StatusPengajuan.DIAJUKAN).order_by("diajukan_pada", "pk")
    riwayat = (
        RiwayatAsesmen.objects.filter(status=domain.StatusVerifikasi.MENUNGGU)
        .select_related("asesor__user", "skema", "created_by")
        .order_by("created_at", "pk")
    )
    return {
        "pengajuan": list(pengajuan[:ANTREAN_BATAS]),
        "pengajuan_total": pengajuan.count(),
        "riwayat": list(riwayat[:ANTREAN_BATAS]),
        "riwayat_total": riwayat.count(),
    }


# --- documents ----------------------------------------------------------------------------------

# kind in the URL → (model, the lookup naming the asesor's user who owns the file)
DOKUMEN_MODELS = {
    "sertifikat": (SertifikatAsesor, "asesor__user"),
    "kompetensi": (KompetensiTeknis, "asesor__user"),
    "riwayat": (RiwayatAsesmen, "asesor__user"),
    "rekognisi": (BuktiRekognisi, "pengajuan__asesor__user"),
}


def dokumen_for_user(user, kind: str) -> QuerySet:
    """Rows with a document of ``kind`` that ``user`` may download: admin LSP all, an asesor their own."""
    if kind not in DOKUMEN_MODELS:
        return RiwayatAsesmen.objects.none()
    model, owner = DOKUMEN_MODELS[kind]
    qs = model.objects.exclude(dokumen="")
    if user.has_role(Role.ADMIN_LSP):
        return qs
    if user.has_role(Role.ASESOR):
        return qs.filter(**{owner: user})
    return qs.none()


# --- diklat -------------------------------------------------------------------------------------


def diklat_list() -> QuerySet:
    return (
        Diklat.objects.select_related("master_asesor__user", "tuk", "skema")
        .annotate(jumlah_peserta=Count("peserta"))
        .order_by("-tanggal_mulai", "-pk")
    )


def diklat_peserta(diklat: Diklat) -> QuerySet:
    return diklat.peserta.select_related("user", "asesor", "decided_by")


def peserta_diklat_open_for(*, user, skema=None) -> PesertaDiklat | None:
    """The open diklat participation of ``user`` (not yet kompeten / withdrawn), newest first —
    optionally for a diklat assessed on ``skema``. For the asesmen app: when the komite decides K on
    an asesi of the Asesor Kompetensi skema, find the participant row here and call
    ``services.diklat_peserta_declare_kompeten``."""
    qs = PesertaDiklat.objects.filter(
        user=user, hasil__in=[domain.HasilPeserta.TERDAFTAR, domain.HasilPeserta.BELUM_KOMPETEN]
    ).select_related("diklat")
    if skema is not None:
        qs = qs.filter(diklat__skema=skema)
    return qs.order_by("-diklat__tanggal_mulai", "-pk").first()


def master_asesor_queryset() -> QuerySet:
    return AsesorProfile.objects.filter(is_master=True).select_related("user")


def asesor_summary(on_date: date) -> dict:
    """Counts for the admin's home panel: two queries, computed by the database whatever the number of
    asesors (``asesor_status_annotate``)."""
    S, R = domain.StatusAsesor, domain.StatusRekognisi
    counts = asesor_status_annotate(AsesorProfile.objects.all(), on_date=on_date).aggregate(
        berlaku=Count("pk", filter=Q(st_status__in=BERLAKU)),
        segera=Count("pk", filter=Q(st_status=S.SEGERA_KEDALUWARSA)),
        wajib_mengulang=Count("pk", filter=Q(st_rekognisi=R.WAJIB_MENGULANG)),
    )
    counts["menunggu_verifikasi"] = RiwayatAsesmen.objects.filter(status=domain.StatusVerifikasi.MENUNGGU).count()
    counts["rekognisi_menunggu"] = PengajuanRekognisi.objects.filter(status=domain.StatusPengajuan.DIAJUKAN).count()
    return counts


def asesor_search_for_user(user, q: str) -> QuerySet:
    """Asesors by name, username, email or MET registration number, in the user's scope (as
    ``asesor_list_for_user``: admin LSP all, an asesor themselves) without the status prefetches."""
    if user.has_role(Role.ADMIN_LSP):
        qs = AsesorProfile.objects.all()
    elif user.has_role(Role.ASESOR):
        qs = AsesorProfile.objects.filter(user=user)
    else:
        return AsesorProfile.objects.none()
    return (
        qs.select_related("user")
        .filter(
            Q(user__nama_lengkap__icontains=q)
            | Q(user__username__icontains=q)
            | Q(user__email__icontains=q)
            | Q(nomor_registrasi__icontains=q)
        )
        .order_by("user__nama_lengkap", "user__username")
    )
