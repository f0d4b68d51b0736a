"""Reads, scoped to the user asking. Views fetch single objects with
``get_object_or_404(<selector>(user), pk=pk)`` so that a guessed id answers 404."""

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, TextChoices
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

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

    The asesi themselves and admin LSP may. The asesor assigned to assess this asesi sees them too, but
    only on the asesmen app's pages, which check the assignment themselves (``asesmen.selectors.
    peserta_for_asesor``: only while assigned) and record each view with
    ``services.asesi_profile_view_record`` — imports go one way, so that rule lives there. Everyone else,
    asesors included, sees masked values here."""
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
        .order_by(*PERMOHONAN_KEYSETS[Urutan.MENUNGGU])
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

    Asesors get none through this rule: the asesor assigned to an asesi's assessment downloads that
    asesi's documents through the asesmen app, which checks the assignment and asks
    ``dokumen_of_permohonan`` for them (imports go one way: asesmen imports asesi, never the reverse)."""
    if not user or not user.is_authenticated:
        return Dokumen.objects.none()
    qs = Dokumen.objects.select_related("permohonan__asesi")
    own = Q(permohonan__asesi__user=user)
    return qs.filter(own | _admin_sees("permohonan__")) if is_admin_lsp(user) else qs.filter(own)


def dokumen_of_permohonan(permohonan_ids) -> QuerySet:
    """The documents of the given applications (a queryset or a list of pks), for the asesmen app: it
    decides which applications its user may see (the asesor assigned to that asesi's assessment, while
    assigned) and asks here for their documents, so that asesi never imports asesmen."""
    return Dokumen.objects.filter(permohonan__in=permohonan_ids).select_related("permohonan__asesi", "persyaratan")


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


def _people_match(q: str, path: str = "") -> Q:
    """Name, username or email containing ``q`` (trigram-indexed on Postgres: ``lsp`` migration 0008)."""
    return (
        Q(**{f"{path}user__nama_lengkap__icontains": q})
        | Q(**{f"{path}user__username__icontains": q})
        | Q(**{f"{path}user__email__icontains": q})
    )


def _profile_ids_by_nik(q: str) -> list[int]:
    """The profiles a full 16-digit NIK (or a username typed in full) names: two lookups on unique indexes.
    (An OR of the two across the user join would make the database scan every profile.)"""
    by_nik = AsesiProfile.objects.filter(nik=q).values_list("pk", flat=True)
    by_username = AsesiProfile.objects.filter(user__username=q).values_list("pk", flat=True)
    return list(by_nik.union(by_username))


def asesi_search(qs: QuerySet, q: str) -> QuerySet:
    """Search by name, username or email (contains), or by NIK (exact). Sixteen digits can only be a NIK
    (or a username typed in full): that lookup uses the unique indexes instead of scanning every user."""
    q = (q or "").strip()
    if not q:
        return qs
    if nik_error(q) is None:
        return qs.filter(pk__in=_profile_ids_by_nik(q))
    return qs.filter(_people_match(q))


def permohonan_dikembalikan(user) -> QuerySet:
    """The asesi's applications sent back to fix (their menu badge counts them)."""
    return permohonan_for_owner(user).filter(status=Status.DIKEMBALIKAN)


def permohonan_menunggu_keputusan(user) -> QuerySet | None:
    """Applications assessed (*diases*) and waiting for the certification decision (komite's home)."""
    from lsp.access import user_has_role
    from lsp.roles import Role

    if not (user_has_role(user, Role.KOMITE) or is_admin_lsp(user)):
        return None
    return Permohonan.objects.filter(status=Status.DIASES)


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


# The asesi list, a page at a time by name (``lsp.pagination.KeysetPaginationMixin``), on the user name index.
ASESI_KEYSET = ("user__nama_lengkap", "user__username")


def verifikasi_search(qs: QuerySet, q: str) -> QuerySet:
    """The verification list's search: a full NIK (exact, its unique index), an APL number (``APL-000123``
    or its digits: the primary key), else the asesi's name, username or email (contains)."""
    q = (q or "").strip()
    if not q:
        return qs
    if nik_error(q) is None:
        return qs.filter(asesi__in=_profile_ids_by_nik(q))
    pk = nomor_permohonan_pk(q)
    if pk is None and q.isdigit() and len(q) <= 9:  # the number without its "APL-"
        pk = int(q)
    if pk is not None:
        return qs.filter(pk=pk)
    return qs.filter(_people_match(q, "asesi__"))


class Urutan(TextChoices):
    """Orders of the verification list; each is a keyset (ends in a unique field) an index serves."""

    MENUNGGU = "menunggu", _("Paling lama menunggu")
    TERBARU = "terbaru", _("Terbaru diajukan")
    NAMA = "nama", _("Nama asesi (A–Z)")
    SKEMA = "skema", _("Skema")


PERMOHONAN_KEYSETS = {
    Urutan.MENUNGGU: ("diajukan_pada", "pk"),
    Urutan.TERBARU: ("-diajukan_pada", "-pk"),
    Urutan.NAMA: ("asesi__user__nama_lengkap", "asesi__user__username", "pk"),
    Urutan.SKEMA: ("skema__kode", "diajukan_pada", "pk"),
}
