"""Reads of LSP master data, scoped to the user: master data pages are for admin LSP only, so every
selector answers an empty queryset to anyone else (a guessed id then gives 404)."""

from datetime import date

from django.db.models import Count, Prefetch, Q

from .access import is_admin_lsp
from .models import KUK, TUK, AuditLog, Ekspor, Elemen, HariLibur, PersyaratanDasar, Skema, UnitKompetensi, User


def skema_list_for_user(user):
    """Skema with ``jumlah_unit`` counted in the same query."""
    if not is_admin_lsp(user):
        return Skema.objects.none()
    return Skema.objects.annotate(jumlah_unit=Count("units", distinct=True)).order_by("kode")


def skema_detail_for_user(user):
    """Skema with the whole unit → elemen → KUK tree and persyaratan dasar prefetched in order."""
    if not is_admin_lsp(user):
        return Skema.objects.none()
    return Skema.objects.prefetch_related(
        Prefetch("units", queryset=UnitKompetensi.objects.order_by("urutan", "pk")),
        Prefetch("units__elemen", queryset=Elemen.objects.order_by("urutan", "pk")),
        Prefetch("units__elemen__kuk", queryset=KUK.objects.order_by("urutan", "pk")),
        Prefetch("persyaratan", queryset=PersyaratanDasar.objects.order_by("urutan", "pk")),
    )


def skema_bidang_values() -> list[str]:
    return list(Skema.objects.exclude(bidang="").order_by("bidang").values_list("bidang", flat=True).distinct())


def skema_active():
    """Active skema, for other apps' choices (e.g. the asesi's permohonan)."""
    return Skema.objects.filter(aktif=True).order_by("kode")


def unit_for_user(user):
    if not is_admin_lsp(user):
        return UnitKompetensi.objects.none()
    return UnitKompetensi.objects.select_related("skema")


def elemen_for_user(user):
    if not is_admin_lsp(user):
        return Elemen.objects.none()
    return Elemen.objects.select_related("unit__skema")


def kuk_for_user(user):
    if not is_admin_lsp(user):
        return KUK.objects.none()
    return KUK.objects.select_related("elemen__unit__skema")


def persyaratan_for_user(user):
    if not is_admin_lsp(user):
        return PersyaratanDasar.objects.none()
    return PersyaratanDasar.objects.select_related("skema")


def tuk_list_for_user(user):
    if not is_admin_lsp(user):
        return TUK.objects.none()
    return TUK.objects.order_by("nama", "pk")


def audit_list_for_user(user):
    if not is_admin_lsp(user):
        return AuditLog.objects.none()
    return AuditLog.objects.select_related("actor", "content_type").order_by("-created_at", "-pk")




def ekspor_for_user(user):
    """Background exports: each user sees the ones they asked for (admin LSP only asks for them today)."""
    if not user or not user.is_authenticated:
        return Ekspor.objects.none()
    return Ekspor.objects.filter(created_by=user)


STAFF_ROLES = ("admin_lsp", "direktur", "komite", "validator", "asesor")


def _holding(roles):
    """People holding one of ``roles``: an IN over the role table's user ids, which the database hashes once
    (an EXISTS OR-ed with ``is_superuser`` would be asked again for each of 100k accounts)."""
    return Q(pk__in=User.groups.through.objects.filter(group__name__in=list(roles)).values("user_id"))


def user_list_for_user(user, *, peran: str = ""):
    """People on the "Pengguna & peran" page (admin LSP only): by default everyone holding a staff role
    or superuser status; ``peran`` narrows to one role, ``"semua"`` shows every account (asesi too)."""
    if not is_admin_lsp(user):
        return User.objects.none()
    qs = User.objects.prefetch_related("groups").order_by(*USER_KEYSET)
    if peran == "semua":
        return qs
    if peran:
        return qs.filter(_holding([peran]))
    return qs.filter(_holding(STAFF_ROLES) | Q(is_superuser=True))


# Per-user lists paged by a cursor (``lsp.pagination.KeysetPaginationMixin``): the notifications on
# ``pemberitahuan_list_idx`` (penerima, -dibuat_pada, -id); "Pengguna & peran" by username (unique: its index).
PEMBERITAHUAN_KEYSET = ("-dibuat_pada", "-pk")
USER_KEYSET = ("username", "pk")


def pemberitahuan_for_user(user):
    """The user's own in-app notifications, newest first; nothing for anyone else's."""
    from .models import Pemberitahuan

    if not user or not user.is_authenticated:
        return Pemberitahuan.objects.none()
    return Pemberitahuan.objects.filter(penerima=user).order_by(*PEMBERITAHUAN_KEYSET)


def pemberitahuan_unread(user):
    """The user's unread notifications: the bell counts them (on the partial index of unread rows)."""
    return pemberitahuan_for_user(user).filter(dibaca_pada__isnull=True)


def skema_search_for_user(user, q: str):
    """Admin LSP: skema by code (prefix) or name (contains), ordered by code; nothing for anyone else."""
    if not is_admin_lsp(user):
        return Skema.objects.none()
    return Skema.objects.filter(Q(kode__istartswith=q) | Q(nama__icontains=q)).order_by("kode")


def libur_antara(mulai: date, sampai: date) -> frozenset[date]:
    """The holidays (libur nasional and cuti bersama) from ``mulai`` to ``sampai``, both included: one
    query on the unique index of ``tanggal``. Not scoped: every app reads the LSP's calendar (R64)."""
    if sampai < mulai:
        return frozenset()
    return frozenset(HariLibur.objects.filter(tanggal__range=(mulai, sampai)).values_list("tanggal", flat=True))


def libur_list_for_user(user):
    """The holiday calendar for its admin pages (admin LSP only), in date order."""
    if not is_admin_lsp(user):
        return HariLibur.objects.none()
    return HariLibur.objects.select_related("dibuat_oleh", "diubah_oleh").order_by("tanggal")


def libur_tahun_ada(user) -> list[int]:
    """The years that have holidays, for the year links of the list (a small table: one query)."""
    if not is_admin_lsp(user):
        return []
    return [d.year for d in HariLibur.objects.dates("tanggal", "year")]
