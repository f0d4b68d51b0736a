"""Reads, scoped to the user asking. Views fetch single objects with
``get_object_or_404(<selector>(user), pk=pk)`` so that a guessed id answers 404."""

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from lsp.access import is_admin_lsp
from lsp.models import Skema

from .domain import (
    NOTE_REQUIRED,
    QUEUE_STATUSES,
    Kesiapan,
    Status,
    apl02_complete,
    dikembalikan_untuk_diperbaiki,
    nik_error,
    nomor_permohonan_pk,
)
from .models import AsesiProfile, AsesmenMandiri, Dokumen, Permohonan, PermohonanPersyaratan, PermohonanRiwayat


def _admin_sees(path: str = "") -> Q:
    """The one rule of what admin LSP sees of an application and everything in it (documents, APL.02):
    not a draft, which stays the asesi's own until it is first submitted. ``path`` leads from the
    queried model to its ``Permohonan`` (``"permohonan__"`` for a document)."""
    return ~Q(**{f"{path}status": Status.DRAFT})


def asesi_profile_get(user) -> AsesiProfile | None:
    if not user or not user.is_authenticated:
        return None
    return AsesiProfile.objects.select_related("user").filter(user=user).first()


def asesi_profiles_for_admin(user) -> QuerySet:
    """Every asesi profile for admin LSP; nothing for anyone else."""
    qs = AsesiProfile.objects.select_related("user")
    return qs if is_admin_lsp(user) else qs.none()


def asesi_pii_visible(user, profile: AsesiProfile) -> bool:
    """May ``user`` see this asesi's NIK, birth date and address in full (UU PDP)?

    The asesi themselves and admin LSP may. The asesor assigned to assess this asesi will also be
    allowed once assessment scheduling (jadwal with assigned asesors) exists; that rule belongs to the
    scheduling app (which may import asesi) and is added together with it, recording each full view with
    ``services.asesi_profile_view_record``. Until then every other user, asesors included, sees masked
    values."""
    if not user or not user.is_authenticated:
        return False
    return profile.user_id == user.pk or is_admin_lsp(user)


def permohonan_for_owner(user) -> QuerySet:
    """The user's own applications (the asesi side of the app)."""
    if not user or not user.is_authenticated:
        return Permohonan.objects.none()
    return Permohonan.objects.filter(asesi__user=user).select_related("skema", "asesi__user")


def permohonan_list_for_owner(user) -> QuerySet:
    """The asesi's own applications for their status page, with the history rows that may carry the
    verifier's note (returned, refused) prefetched for ``domain.catatan_berlaku``."""
    notes = PermohonanRiwayat.objects.filter(ke__in=NOTE_REQUIRED).only("permohonan_id", "ke", "catatan", "created_at")
    return permohonan_for_owner(user).prefetch_related(Prefetch("riwayat", queryset=notes, to_attr="riwayat_catatan"))


def permohonan_for_admin(user) -> QuerySet:
    """All applications except drafts, for admin LSP; nothing for anyone else."""
    if not is_admin_lsp(user):
        return Permohonan.objects.none()
    return Permohonan.objects.filter(_admin_sees()).select_related("skema", "asesi__user")


def permohonan_queue(user) -> QuerySet:
    """The verification list: submitted applications with their document counts, oldest waiting first."""
    # A correlated count per row shown, not a GROUP BY over every application before the LIMIT (and the
    # paginator's COUNT stays a plain count on the status index).
    dokumen = Dokumen.objects.filter(permohonan=OuterRef("pk")).order_by().values("permohonan")
    return (
        permohonan_for_admin(user)
        .annotate(jumlah_dokumen=Coalesce(Subquery(dokumen.annotate(n=Count("pk")).values("n")), 0))
        .order_by("diajukan_pada", "pk")
    )


def permohonan_queue_count(user) -> int:
    return permohonan_menunggu_verifikasi(user).count()


def permohonan_with_details(qs: QuerySet) -> QuerySet:
    """Everything a detail page shows, prefetched."""
    return qs.prefetch_related(
        "units",
        Prefetch(
            "persyaratan",
            queryset=PermohonanPersyaratan.objects.prefetch_related("dokumen").select_related("diverifikasi_oleh"),
        ),
        Prefetch("dokumen", queryset=Dokumen.objects.select_related("persyaratan")),
        Prefetch("riwayat", queryset=PermohonanRiwayat.objects.select_related("oleh")),
    )


def dokumen_visible_to(user) -> QuerySet:
    """The documents ``user`` may download: their own, or for admin LSP those of every application
    admin LSP sees (``permohonan_for_admin``: not of a draft).

    Asesors get none through this rule yet: the asesor assigned to an asesi's assessment gains access
    when assessment scheduling (jadwal with assigned asesors) is built. Imports go one way (asesmen
    imports asesi, never the reverse), so that rule lives in the scheduling app: it serves the assigned
    asesor through its own scoped query over ``Dokumen`` and ``lsp.uploads.private_file_response``.
    Until then an asesor who is not the owner is refused like any other user (404)."""
    if not user or not user.is_authenticated:
        return Dokumen.objects.none()
    qs = Dokumen.objects.select_related("permohonan__asesi")
    own = Q(permohonan__asesi__user=user)
    return qs.filter(own | _admin_sees("permohonan__")) if is_admin_lsp(user) else qs.filter(own)


def asesmen_mandiri_rows(permohonan: Permohonan) -> QuerySet:
    """The FR.APL.02 rows of an application, in unit/element order, with evidence and KUK."""
    return (
        AsesmenMandiri.objects.filter(permohonan_unit__permohonan=permohonan)
        .select_related("permohonan_unit", "elemen")
        .prefetch_related("bukti", "elemen__kuk")
        .order_by("permohonan_unit__urutan", "permohonan_unit__kode", "urutan")
    )


def asesmen_mandiri_progress(permohonan: Permohonan) -> dict:
    answers = list(
        AsesmenMandiri.objects.filter(permohonan_unit__permohonan=permohonan).values_list("jawaban", flat=True)
    )
    return {
        "total": len(answers),
        "dijawab": sum(1 for a in answers if a),
        "lengkap": apl02_complete(answers),
    }


def permohonan_kesiapan(permohonan: Permohonan, *, apl02: dict) -> Kesiapan:
    """The readiness of an application loaded with ``permohonan_with_details`` (no further query);
    ``apl02`` is its ``asesmen_mandiri_progress``."""
    persyaratan = list(permohonan.persyaratan.all())
    return Kesiapan(
        status=permohonan.status,
        email_confirmed=permohonan.asesi.email_dikonfirmasi,
        unit_count=len(permohonan.units.all()),
        wajib_tanpa_dokumen=tuple(p.deskripsi for p in persyaratan if p.wajib and not p.dokumen.all()),
        perlu_diperbaiki=tuple(
            p.deskripsi for p in persyaratan if dikembalikan_untuk_diperbaiki(permohonan.status, p.hasil)
        ),
        apl02_dijawab=apl02["dijawab"],
        apl02_total=apl02["total"],
        keputusan=permohonan.keputusan,
    )


def persyaratan_wajib_tanpa_dokumen(permohonan: Permohonan) -> list[str]:
    return list(
        permohonan.persyaratan.filter(wajib=True)
        .annotate(n=Count("dokumen"))
        .filter(n=0)
        .values_list("deskripsi", flat=True)
    )


def skema_for_application() -> QuerySet:
    """Skema an asesi may apply for: active ones, with their units and requirements."""
    return Skema.objects.filter(aktif=True).prefetch_related("units__elemen", "persyaratan")


def permohonan_filter_by_date(qs: QuerySet, *, dari=None, sampai=None) -> QuerySet:
    if dari:
        qs = qs.filter(diajukan_pada__date__gte=dari)
    if sampai:
        qs = qs.filter(diajukan_pada__date__lte=sampai)
    return qs


def asesi_search(qs: QuerySet, q: str) -> QuerySet:
    """Search by name, username or email (contains), or by NIK (exact). Sixteen digits can only be a NIK
    (or a username typed in full): that lookup uses the unique indexes instead of scanning every user."""
    q = (q or "").strip()
    if not q:
        return qs
    if nik_error(q) is None:
        return qs.filter(Q(nik=q) | Q(user__username=q))
    return qs.filter(
        Q(user__nama_lengkap__icontains=q)
        | Q(user__username__icontains=q)
        | Q(user__email__icontains=q)
        | Q(nik=q)
    )


def permohonan_dikembalikan(user) -> QuerySet:
    """The asesi's applications sent back to fix (their menu badge counts them)."""
    return permohonan_for_owner(user).filter(status=Status.DIKEMBALIKAN)


def permohonan_menunggu_verifikasi(user) -> QuerySet:
    """Applications waiting in the verification queue (admin LSP; the menu badge and home number)."""
    return permohonan_for_admin(user).filter(status__in=QUEUE_STATUSES)


def permohonan_search(qs: QuerySet, q: str) -> QuerySet:
    """Applications by number (``APL-000123``, ``APL123``: the primary key, nothing else) or by skema
    code (prefix) or name (contains), through the ~hundreds of skema rather than a join over every
    application."""
    q = (q or "").strip()
    if not q:
        return qs.none()
    pk = nomor_permohonan_pk(q)
    if pk is not None:
        return qs.filter(pk=pk)
    skema = Skema.objects.filter(Q(kode__istartswith=q) | Q(nama__icontains=q)).values("pk")
    match = Q(skema__in=skema)
    if q.isdigit() and len(q) <= 9:
        match |= Q(pk=int(q))
    return qs.filter(match)
