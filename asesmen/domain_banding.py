"""Pure rules of FR.AK.04 banding (appeal) and of the re-assessment that may follow (docs/domain.md,
R44-R48): no ORM, no clock, no I/O (``today`` is passed in).

- the appeal period: the asesi may appeal a BK result from the day it was decided through that day +
  ``masa`` days (day 14 still valid, day 15 not, with the default 14);
- who may appeal what: only a BK result, once per result;
- who may decide: a komite member who was not involved in the assessment (never its asesor);
- the re-assessment: the units already K are carried over (never assessed again); the overall verdict
  is K only when every unit, carried and newly assessed, is K."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .domain_pelaksanaan import Verdict, overall_verdict

MASA_BANDING_HARI = 14


class StatusBanding(models.TextChoices):
    DIAJUKAN = "diajukan", _("Menunggu keputusan")
    DITERIMA = "diterima", _("Diterima: asesmen ulang")
    DITOLAK = "ditolak", _("Ditolak")


# The FR.AK.04 questions (yes / no) the asesi answers with the appeal.
PERTANYAAN = [
    ("dijelaskan", _("Apakah proses banding telah dijelaskan kepada Anda?")),
    ("didiskusikan", _("Apakah Anda telah mendiskusikan banding dengan asesor?")),
    ("melibatkan", _("Apakah Anda mau melibatkan “orang lain” membantu Anda dalam proses banding?")),
]

MESSAGES = {
    "bukan_bk": _("Banding hanya dapat diajukan atas keputusan belum kompeten (BK)."),
    "belum_diputuskan": _("Permohonan ini belum diputuskan; banding diajukan setelah keputusan."),
    "lewat_masa": _(
        "Masa banding sudah berakhir: banding dapat diajukan paling lambat %(batas)s (%(hari)s hari setelah "
        "keputusan)."
    ),
    "sudah_banding": _("Banding atas keputusan ini sudah pernah diajukan."),
    "alasan_wajib": _("Tuliskan alasan banding Anda."),
    "jawaban_wajib": _("Jawab setiap pertanyaan FR.AK.04 dengan ya atau tidak."),
    "bukan_komite": _("Banding hanya diputuskan oleh komite."),
    "terlibat": _(
        "Anda terlibat dalam asesmen ini (asesor atau pemohon), sehingga tidak boleh memutuskan bandingnya."
    ),
    "sudah_diputuskan": _("Banding ini sudah diputuskan."),
    "keputusan_invalid": _("Pilih keputusan: diterima atau ditolak."),
    "alasan_keputusan_wajib": _("Tuliskan alasan keputusan banding."),
    "tanpa_rekaman": _("Tidak ada rekaman asesmen (FR.AK.02) untuk keputusan ini."),
    "unit_sudah_kompeten": _(
        "Unit ini sudah kompeten (K) di rekaman #%(rekaman)s dan dibawa ke asesmen ulang; unit ini tidak "
        "dinilai lagi."
    ),
}


def error(code: str, **params) -> ValidationError:
    message = MESSAGES[code]
    return ValidationError(message % params if params else message, code=code, params=params or None)


def batas_banding(diputuskan: date, masa: int = MASA_BANDING_HARI) -> date:
    """The last day an appeal is accepted: the (local) day of the decision + ``masa`` days."""
    return diputuskan + timedelta(days=masa)


def banding_error(
    *, keputusan: str, diputuskan: date | None, today: date, sudah_banding: bool, masa: int = MASA_BANDING_HARI
) -> str | None:
    """Why this result may not be appealed today (a code), or None. Order: not decided, not BK, already
    appealed, period over."""
    if diputuskan is None or not keputusan:
        return "belum_diputuskan"
    if keputusan != Verdict.BK:
        return "bukan_bk"
    if sudah_banding:
        return "sudah_banding"
    if today > batas_banding(diputuskan, masa):
        return "lewat_masa"
    return None


def jawaban_errors(jawaban: dict, alasan: str) -> list[str]:
    codes = []
    if any(jawaban.get(key) not in (True, False) for key, _label in PERTANYAAN):
        codes.append("jawaban_wajib")
    if not (alasan or "").strip():
        codes.append("alasan_wajib")
    return codes


def pemutus_error(*, is_komite: bool, user_id: int, terlibat: Iterable[int]) -> str | None:
    """May this user decide the appeal? Only a komite member, never someone involved in the assessment
    (the asesor who assessed the record, whoever submitted it, the asesi)."""
    if not is_komite:
        return "bukan_komite"
    if user_id in set(terlibat):
        return "terlibat"
    return None


def keputusan_errors(*, status: str, keputusan: str, alasan: str) -> list[str]:
    if status != StatusBanding.DIAJUKAN:
        return ["sudah_diputuskan"]
    codes = []
    if keputusan not in (StatusBanding.DITERIMA, StatusBanding.DITOLAK):
        codes.append("keputusan_invalid")
    if not (alasan or "").strip():
        codes.append("alasan_keputusan_wajib")
    return codes


# --- re-assessment ----------------------------------------------------------------------------------


def units_dibawa(unit_verdicts: dict) -> set:
    """Of an earlier record's unit verdicts ({unit: K/BK}), the units carried over: those already K."""
    return {unit for unit, verdict in unit_verdicts.items() if verdict == Verdict.K}


def overall_verdict_ulang(*, dinilai: Iterable[str | None], dibawa: Iterable[str]) -> str | None:
    """The verdict of a re-assessment: K only when every unit, carried over and newly assessed, is K;
    None while a newly assessed unit is open."""
    dinilai = list(dinilai)
    if any(v not in Verdict.values for v in dinilai):
        return None
    return overall_verdict([*dinilai, *dibawa])


class AuditAction(models.TextChoices):
    """What banding writes to the audit trail (registered in ``AsesmenConfig.ready``)."""

    BANDING_AJUKAN = "banding.ajukan", _("Banding (FR.AK.04) diajukan asesi")
    BANDING_PUTUSKAN = "banding.putuskan", _("Banding diputuskan komite")
