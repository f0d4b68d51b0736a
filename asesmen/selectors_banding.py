"""Reads of FR.AK.04 banding and of the re-assessment, scoped to the user.

- ``banding_for_asesi`` / ``banding_for_komite``: what each may open (a foreign appeal is a 404);
- ``hasil_bk_for_asesi``: the asesi's BK results with what each allows (appeal until when, or why not);
- ``units_dibawa_of``: the units a placement does not assess again because an earlier record of the same
  asesi and skema found them K (R47)."""

from datetime import date

from django.conf import settings
from django.db.models import QuerySet, Subquery
from django.utils import timezone

from asesi.domain import Keputusan
from asesi.domain import Status as PermohonanStatus
from asesi.models import Permohonan, PermohonanRiwayat
from lsp.access import is_admin_lsp, user_has_role
from lsp.roles import Role

from . import domain_banding as rules
from .domain_pelaksanaan import StatusRekaman, Verdict
from .models import Banding, PenilaianUnit, RekamanAsesmen


def masa_banding() -> int:
    """The LSP's appeal period in days (``LSP_MASA_BANDING_HARI``, default 14)."""
    return settings.LSP_MASA_BANDING_HARI


def _select(qs: QuerySet) -> QuerySet:
    return qs.select_related(
        "permohonan__asesi__user", "permohonan__skema", "hasil", "rekaman__peserta__asesor__user",
        "rekaman__peserta__jadwal", "diputuskan_oleh",
    )


def banding_for_asesi(user) -> QuerySet:
    if not user or not user.is_authenticated:
        return Banding.objects.none()
    return _select(Banding.objects.filter(permohonan__asesi__user=user))


# The komite's list pages by a cursor (``lsp.pagination.KeysetPaginationMixin``): the waiting queue oldest first
# on ``banding_antrian_idx`` (status, diajukan_pada, id), the decided ones and "semua" newest first on the same
# index backwards and on ``banding_list_idx``.
BANDING_KEYSET_ANTRIAN = ("diajukan_pada", "pk")
BANDING_KEYSET = ("-diajukan_pada", "-pk")


def banding_for_komite(user) -> QuerySet:
    """Komite and admin LSP see every appeal (admin LSP reads only; deciding is the komite's)."""
    if user_has_role(user, Role.KOMITE) or is_admin_lsp(user):
        return _select(Banding.objects.all())
    return Banding.objects.none()


def banding_antrian(user) -> QuerySet:
    """The komite's queue: appeals waiting, oldest first (``banding_antrian_idx``)."""
    return banding_for_komite(user).filter(status=rules.StatusBanding.DIAJUKAN).order_by(*BANDING_KEYSET_ANTRIAN)


def banding_badge(user):
    if not user_has_role(user, Role.KOMITE):
        return None
    return Banding.objects.filter(status=rules.StatusBanding.DIAJUKAN)


def hasil_of(permohonan: Permohonan) -> PermohonanRiwayat | None:
    """The decision a result is: the newest move of the application into *diputuskan*."""
    return permohonan.riwayat.filter(ke=PermohonanStatus.DIPUTUSKAN).order_by("-created_at", "-pk").first()


def rekaman_of(permohonan: Permohonan) -> RekamanAsesmen | None:
    """The newest submitted FR.AK.02 of an application (the record a result was decided from)."""
    return (
        RekamanAsesmen.objects.filter(peserta__permohonan=permohonan, status=StatusRekaman.DIAJUKAN)
        .select_related("peserta__asesor__user").order_by("-diajukan_pada", "-pk").first()
    )


def banding_check(permohonan: Permohonan, *, today: date) -> dict:
    """Whether this application's result may be appealed today: {"hasil", "batas", "code"}."""
    hasil = hasil_of(permohonan) if permohonan.status == PermohonanStatus.DIPUTUSKAN else None
    diputuskan = timezone.localtime(hasil.created_at).date() if hasil else None
    masa = masa_banding()
    code = rules.banding_error(
        keputusan=permohonan.keputusan if hasil else "", diputuskan=diputuskan, today=today,
        sudah_banding=bool(hasil and Banding.objects.filter(hasil=hasil).exists()), masa=masa,
    )
    return {"hasil": hasil, "batas": rules.batas_banding(diputuskan, masa) if diputuskan else None, "code": code}


def hasil_bk_for_asesi(user, *, today: date) -> list[dict]:
    """The asesi's applications decided BK, each with its appeal state (at most a handful per asesi)."""
    if not user or not user.is_authenticated:
        return []
    qs = Permohonan.objects.filter(
        asesi__user=user, status=PermohonanStatus.DIPUTUSKAN, keputusan=Keputusan.BK
    ).select_related("skema").order_by("-updated_at", "-pk")[:20]
    return [{"permohonan": p, **banding_check(p, today=today)} for p in qs]


# --- re-assessment ----------------------------------------------------------------------------------


def rekaman_asal_of(peserta) -> RekamanAsesmen | None:
    """The record a placement re-assesses: the newest submitted BK record of the same asesi and skema
    made for an earlier placement; None for a first assessment."""
    permohonan = peserta.permohonan
    return (
        RekamanAsesmen.objects.filter(
            status=StatusRekaman.DIAJUKAN, rekomendasi=Verdict.BK, peserta_id__lt=peserta.pk,
            peserta__permohonan__asesi_id=permohonan.asesi_id, peserta__permohonan__skema_id=permohonan.skema_id,
        ).order_by("-peserta_id").first()
    )


def units_dibawa_of(peserta) -> dict:
    """{unit id: id of the record that found it K} for the units carried over into this placement's
    assessment (a unit carried twice keeps the record that assessed it)."""
    asal = rekaman_asal_of(peserta)
    if asal is None:
        return {}
    rows = PenilaianUnit.objects.filter(rekaman=asal, hasil=Verdict.K).values_list("unit_id", "dibawa_dari_id")
    verdicts = {unit_id: Verdict.K for unit_id, _dari in rows}
    keep = rules.units_dibawa(verdicts)
    return {unit_id: dari or asal.pk for unit_id, dari in rows if unit_id in keep}


def units_dibawa_rows(peserta) -> list[dict]:
    """The carried units with their code and title, for the workspace and the records."""
    from lsp.models import UnitKompetensi

    dibawa = units_dibawa_of(peserta)
    units = UnitKompetensi.objects.filter(pk__in=list(dibawa)).order_by("urutan", "kode")
    return [{"unit": u, "rekaman": dibawa[u.pk]} for u in units]


def komite_terlibat(banding: Banding) -> set:
    """The users involved in the assessment an appeal is about (they may not decide it)."""
    ids = {banding.permohonan.asesi.user_id}
    rekaman = banding.rekaman
    if rekaman is not None:
        ids.add(rekaman.diajukan_oleh_id)
        if rekaman.peserta.asesor_id:
            ids.add(rekaman.peserta.asesor.user_id)
        dari = PenilaianUnit.objects.filter(rekaman=rekaman).exclude(dibawa_dari=None).values("dibawa_dari")
        ids |= set(
            RekamanAsesmen.objects.filter(pk__in=Subquery(dari)).values_list("peserta__asesor__user_id", flat=True)
        )
    return ids - {None}




def dibawa_of_rekaman(rekaman: RekamanAsesmen) -> list[dict]:
    """The carried units of a record as stored at its submit, or as they stand while it is a draft."""
    if not rekaman.final:
        return units_dibawa_rows(rekaman.peserta)
    rows = PenilaianUnit.objects.filter(rekaman=rekaman).exclude(dibawa_dari=None).select_related("unit")
    return [{"unit": r.unit, "rekaman": r.dibawa_dari_id} for r in rows.order_by("unit__urutan", "unit__kode")]
