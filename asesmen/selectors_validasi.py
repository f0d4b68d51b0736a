"""Reads of the validasi asesmen, scoped to the user: a validator sees the samples they drew (and
nothing else); the records a draw may choose from (``kandidat_validasi``) are the submitted FR.AK.02 of
the scope, minus the ones the validator assessed. The admin LSP reads every sample, read-only
(``sampel_readable_by``, ``sampel_list_admin``); an asesor sees the follow-ups they own on records they
assessed (``tindak_lanjut_for_owner``, R65)."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Q, QuerySet
from django.utils import timezone

from lsp.access import is_admin_lsp, user_has_role
from lsp.roles import Role

from .domain_pelaksanaan import StatusRekaman
from .domain_validasi import StatusTindakLanjut
from .models import RekamanAsesmen, SampelRekaman, SampelValidasi, TemuanValidasi, TindakLanjutValidasi
from .selectors_keputusan import count_subquery


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def kandidat_validasi(*, validator, dari, sampai, skema=None, asesor=None) -> QuerySet:
    """Submitted records whose submission falls in [dari, sampai] (local days, both included), of the skema
    and asesor when given, not assessed by ``validator``; ordered by id. Uses ``rekaman_status_idx``."""
    qs = RekamanAsesmen.objects.filter(
        status=StatusRekaman.DIAJUKAN, diajukan_pada__gte=_day_start(dari),
        diajukan_pada__lt=_day_start(sampai + timedelta(days=1)),
    )
    if skema is not None:
        qs = qs.filter(peserta__jadwal__skema=skema)
    if asesor is not None:
        qs = qs.filter(peserta__asesor=asesor)
    return qs.exclude(Q(peserta__asesor__user=validator) | Q(diajukan_oleh=validator)).order_by("pk")


def sampel_for_user(user) -> QuerySet:
    """The samples ``user`` drew (validator role); none for anyone else."""
    if not user_has_role(user, Role.VALIDATOR):
        return SampelValidasi.objects.none()
    return SampelValidasi.objects.filter(validator=user).select_related("skema", "asesor__user", "validator")


def sampel_list_for_user(user) -> QuerySet:
    """The validator's samples, newest first, with how many records were chosen and concluded, and how many
    follow-ups are still open (the asesor marking theirs done shows here, R65)."""
    return sampel_for_user(user).annotate(
        jumlah=Count("rekaman", distinct=True),
        disimpulkan=Count("rekaman", filter=~Q(rekaman__kesimpulan=""), distinct=True),
        tindak_lanjut_terbuka=count_subquery(TindakLanjutValidasi.objects.filter(
            temuan__item__sampel=OuterRef("pk"), status=StatusTindakLanjut.TERBUKA)),
    ).order_by("-created_at", "-pk")


def item_for_user(user) -> QuerySet:
    """Sampled records of the samples ``user`` drew."""
    if not user_has_role(user, Role.VALIDATOR):
        return SampelRekaman.objects.none()
    return SampelRekaman.objects.filter(sampel__validator=user).select_related(
        "sampel", "asesor__user", "rekaman__peserta__jadwal__skema", "rekaman__peserta__jadwal__tuk",
        "rekaman__peserta__permohonan__asesi__user", "rekaman__peserta__asesor__user",
    )


def temuan_for_user(user) -> QuerySet:
    if not user_has_role(user, Role.VALIDATOR):
        return TemuanValidasi.objects.none()
    return TemuanValidasi.objects.filter(item__sampel__validator=user).select_related("item__sampel")


def tindak_lanjut_for_user(user) -> QuerySet:
    if not user_has_role(user, Role.VALIDATOR):
        return TindakLanjutValidasi.objects.none()
    return TindakLanjutValidasi.objects.filter(temuan__item__sampel__validator=user).select_related(
        "temuan__item__sampel", "penanggung_jawab")


def sampel_items(sampel) -> QuerySet:
    """The sampled records of one sample with what the report shows (one query per page of them)."""
    return SampelRekaman.objects.filter(sampel=sampel).select_related(
        "asesor__user", "rekaman__peserta__jadwal__skema", "rekaman__peserta__permohonan__asesi__user",
    ).annotate(
        jumlah_temuan=Count("temuan", distinct=True),
        tidak_memenuhi=Count("temuan", filter=Q(temuan__memenuhi=False), distinct=True),
    ).order_by("rekaman_id")


def sampel_belum_disimpulkan(sampel) -> bool:
    return SampelRekaman.objects.filter(sampel=sampel, kesimpulan="").exists()


def sampel_temuan(sampel) -> list[TemuanValidasi]:
    return list(TemuanValidasi.objects.filter(item__sampel=sampel).select_related(
        "item__rekaman__peserta__permohonan").order_by("item__rekaman_id", "created_at", "pk"))


def sampel_tindak_lanjut(sampel) -> list[TindakLanjutValidasi]:
    return list(TindakLanjutValidasi.objects.filter(temuan__item__sampel=sampel).select_related(
        "penanggung_jawab", "ditutup_oleh", "temuan__item__rekaman__peserta__permohonan").order_by("batas", "pk"))


def tindak_lanjut_terbuka_count(user) -> int:
    return tindak_lanjut_for_user(user).filter(status=StatusTindakLanjut.TERBUKA).count()


def penanggung_jawab_choices(item) -> QuerySet:
    """Who may own a follow-up of this record: an admin LSP, or the asesor of the record."""
    asesor_user = item.asesor.user_id if item.asesor_id else None
    return get_user_model().objects.filter(
        Q(groups__name=Role.ADMIN_LSP) | Q(pk=asesor_user), is_active=True
    ).distinct().order_by("nama_lengkap", "pk")


# --- admin LSP: every sample, read-only (R65) --------------------------------------------------------------

# The admin list's order, newest first, paged by a cursor on it; every filter of
# ``filters_validasi.SampelAdminFilter`` has an index (``SampelValidasi.Meta.indexes``).
SAMPEL_KEYSET = ("-created_at", "-pk")


def sampel_readable_by(user) -> QuerySet:
    """The samples whose report ``user`` may read: every one for the admin LSP (the LSP's management reads,
    only the validator edits), the validator's own otherwise; none for anyone else."""
    if is_admin_lsp(user):
        return SampelValidasi.objects.select_related("skema", "asesor__user", "validator")
    return sampel_for_user(user)


def item_readable_by(user) -> QuerySet:
    """Sampled records ``user`` may read (as ``sampel_readable_by``)."""
    if is_admin_lsp(user):
        return SampelRekaman.objects.select_related(
            "sampel__validator", "asesor__user", "rekaman__peserta__jadwal__skema", "rekaman__peserta__jadwal__tuk",
            "rekaman__peserta__permohonan__asesi__user", "rekaman__peserta__asesor__user",
        )
    return item_for_user(user)


def sampel_list_admin(user) -> QuerySet:
    """Every sample for the admin LSP, newest first (``SAMPEL_KEYSET``), with how many records were chosen
    and concluded and how many follow-ups are still open, each counted for the shown rows only."""
    if not is_admin_lsp(user):
        return SampelValidasi.objects.none()
    rekaman = SampelRekaman.objects.filter(sampel=OuterRef("pk"))
    return SampelValidasi.objects.select_related("skema", "asesor__user", "validator").annotate(
        jumlah=count_subquery(rekaman),
        disimpulkan=count_subquery(rekaman.exclude(kesimpulan="")),
        tindak_lanjut_terbuka=count_subquery(TindakLanjutValidasi.objects.filter(
            temuan__item__sampel=OuterRef("pk"), status=StatusTindakLanjut.TERBUKA)),
    ).order_by(*SAMPEL_KEYSET)


def validator_users() -> QuerySet:
    """Who holds the validator role (the admin list's filter: a handful of people)."""
    return get_user_model().objects.filter(groups__name=Role.VALIDATOR).distinct().order_by("nama_lengkap", "pk")


# --- the asesor owning a follow-up (R65) ----------------------------------------------------------------

TINDAK_LANJUT_SAYA_KEYSET = ("batas", "pk")


def tindak_lanjut_for_owner(user) -> QuerySet:
    """The follow-ups assigned to ``user`` as the asesor of the sampled record (samples that include their
    records): what their page lists and what they may mark done; anyone else's is not in it (404). Served
    by ``tindak_lanjut_pj_idx``."""
    if not user_has_role(user, Role.ASESOR):
        return TindakLanjutValidasi.objects.none()
    return TindakLanjutValidasi.objects.filter(penanggung_jawab=user, temuan__item__asesor__user=user).select_related(
        "temuan__item__sampel__validator", "temuan__item__rekaman__peserta__jadwal__skema",
        "temuan__item__rekaman__peserta__permohonan__asesi__user",
    )


def tindak_lanjut_terbuka_badge(user) -> QuerySet:
    """The asesor's menu badge and home action line (``lsp.dashboard`` counts it): their open follow-ups."""
    return tindak_lanjut_for_owner(user).filter(status=StatusTindakLanjut.TERBUKA)
