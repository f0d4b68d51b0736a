"""Pure rules of the validasi asesmen (FR.VA, flow step 11, ``docs/domain.md`` R51–R54, R65): no ORM, no
clock, no I/O.

- the sample (``draw_sample``): from the submitted FR.AK.02 records of a scope (skema, asesor, period),
  a share rounded up, and never fewer than one record of every asesor who assessed in the scope; the
  same candidates and the same seed always give the same sample, whatever the order they come in;
- the aspects a validator judges each sampled record against (the principles of assessment, the rules
  of evidence, the instruments), the conclusion per record, and the follow-ups (tindak lanjut);
- impartiality: a validator never validates a record they assessed (``validator_conflict``);
- when a report may be signed (``sign_errors``).

Kept apart from the planning and execution rules so each stage stays readable; it imports nothing from
the app."""

import math
import random
import secrets
from collections.abc import Iterable, Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

PERSEN_BAWAAN = 10
PERSEN_MIN, PERSEN_MAKS = 1, 100
SEED_MAKS = 32
CATATAN_SELESAI_MAKS = 1000  # the owner's note when marking a follow-up done: a short account, not a report


class Aspek(models.TextChoices):
    """What FR.VA checks: the four principles of assessment, the four rules of evidence, the instruments."""

    VALID = "valid", _("Prinsip: valid")
    RELIABEL = "reliabel", _("Prinsip: reliabel")
    FLEKSIBEL = "fleksibel", _("Prinsip: fleksibel")
    ADIL = "adil", _("Prinsip: adil")
    BUKTI_VALID = "bukti_valid", _("Bukti: valid")
    BUKTI_MEMADAI = "bukti_memadai", _("Bukti: memadai (cukup)")
    BUKTI_ASLI = "bukti_asli", _("Bukti: asli")
    BUKTI_TERKINI = "bukti_terkini", _("Bukti: terkini")
    INSTRUMEN = "instrumen", _("Kecukupan instrumen asesmen")


class Kesimpulan(models.TextChoices):
    """The validator's conclusion on one sampled record."""

    SESUAI = "sesuai", _("Sesuai")
    SESUAI_CATATAN = "catatan", _("Sesuai dengan catatan")
    TIDAK_SESUAI = "tidak_sesuai", _("Tidak sesuai")


class StatusSampel(models.TextChoices):
    DIVALIDASI = "divalidasi", _("Sedang divalidasi")
    DISAHKAN = "disahkan", _("Disahkan validator")


class StatusTindakLanjut(models.TextChoices):
    TERBUKA = "terbuka", _("Terbuka")
    SELESAI = "selesai", _("Selesai")


def sample_size(n: int, persen: int) -> int:
    """``persen`` % of ``n`` records, rounded up (10 % of 11 → 2; of 1 → 1); 0 for no records. Integer
    arithmetic, so 10 % of 30 is exactly 3, never 4 from a float rounding."""
    if n <= 0:
        return 0
    return min(n, -(-n * persen // 100))


def new_seed() -> str:
    """A fresh seed for a draw (recorded with the sample, so the draw can be repeated)."""
    return secrets.token_hex(8)


def draw_sample(candidates: Iterable[tuple[int, int]], *, persen: int, seed: str) -> list[int]:
    """The record ids to validate, sorted. ``candidates``: ``(record id, asesor id)`` of every submitted
    record in the scope. First one record of every asesor (asesors in id order), then the rest drawn from
    the remaining records until the share (``sample_size``) is reached: the sample holds
    ``max(sample_size, number of asesors)`` records. Deterministic for the same candidates and seed
    (sorted before drawing; ``random.Random`` seeded with the text). Raises for an empty scope or a share
    outside 1–100."""
    if not PERSEN_MIN <= persen <= PERSEN_MAKS:
        raise error("persen_rentang")
    if not seed or len(seed) > SEED_MAKS:
        raise error("seed_invalid")
    pool = sorted(set(candidates))
    if not pool:
        raise error("sampel_kosong")
    if len({rid for rid, _asesor in pool}) != len(pool):
        raise ValueError("a record belongs to one asesor")
    rng = random.Random(f"fr.va:{seed}")
    per_asesor: dict[int, list[int]] = {}
    for rid, asesor in pool:
        per_asesor.setdefault(asesor, []).append(rid)
    chosen = [rng.choice(per_asesor[asesor]) for asesor in sorted(per_asesor)]
    rest = [rid for rid, _asesor in pool if rid not in set(chosen)]
    target = max(sample_size(len(pool), persen), len(chosen))
    chosen += rng.sample(rest, target - len(chosen))
    return sorted(chosen)


def period_errors(dari: date, sampai: date) -> list[str]:
    return ["periode_terbalik"] if sampai < dari else []


def validator_conflict(*, validator_id: int, assessed_by: Iterable[int | None]) -> bool:
    """True when the validator is among the users who assessed the record (its asesor, or whoever signed
    and submitted it): they may not validate it (impartiality, ISO/IEC 17024)."""
    return validator_id in {u for u in assessed_by if u is not None}


def sign_errors(*, kesimpulan: Sequence[str]) -> list[str]:
    """Why the report may not be signed yet (codes): a sampled record still has no conclusion."""
    return ["kesimpulan_belum_lengkap"] if any(not k for k in kesimpulan) else []


def tindak_lanjut_overdue(*, status: str, batas: date, today: date) -> bool:
    """An open follow-up is overdue from the day after its due date (the due date itself still counts)."""
    return status == StatusTindakLanjut.TERBUKA and today > batas


def selesai_errors(*, status: str, owner_id: int | None, by_id: int) -> list[str]:
    """Why ``by`` may not mark a follow-up done (codes): only its owner (``penanggung_jawab``) may, and only
    while it is open (R65)."""
    errors = []
    if owner_id != by_id:
        errors.append("bukan_penanggung_jawab")
    if status != StatusTindakLanjut.TERBUKA:
        errors.append("tindak_lanjut_selesai")
    return errors


def share_percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` as a whole percentage, rounded up (the report states the share reached)."""
    return 0 if whole <= 0 else math.ceil(part * 100 / whole)


MESSAGES = {
    "persen_rentang": _("Persentase sampel antara 1 dan 100."),
    "seed_invalid": _("Benih acak berisi 1 sampai 32 karakter."),
    "sampel_kosong": _("Tidak ada rekaman asesmen yang sudah diajukan pada lingkup ini: ubah skema, asesor, "
                       "atau periode."),
    "periode_terbalik": _("Tanggal akhir periode tidak boleh sebelum tanggal awal."),
    "bukan_validator": _("Hanya validator yang menarik sampel ini yang dapat melakukannya."),
    "validator_menilai_sendiri": _("Anda adalah asesor rekaman ini; rekaman yang Anda ases sendiri tidak boleh "
                                   "Anda validasi."),
    "sampel_disahkan": _("Laporan validasi sudah disahkan; temuan dan kesimpulan tidak dapat diubah lagi."),
    "kesimpulan_belum_lengkap": _("Setiap rekaman dalam sampel memerlukan kesimpulan sebelum laporan disahkan."),
    "uraian_wajib": _("Tuliskan uraiannya."),
    "tindak_lanjut_selesai": _("Tindak lanjut ini sudah ditutup."),
    "batas_lampau": _("Batas waktu tidak boleh sebelum hari ini."),
    "penanggung_jawab": _("Penanggung jawab harus admin LSP atau asesor rekaman ini."),
    "bukan_penanggung_jawab": _("Hanya penanggung jawab tindak lanjut ini yang dapat menandainya selesai."),
}


def error(code: str, **params) -> ValidationError:
    message = MESSAGES[code]
    return ValidationError(message % params if params else message, code=code)


class AuditAction(models.TextChoices):
    """What the validation writes to the audit trail (registered in ``AsesmenConfig.ready``)."""

    SAMPEL_DRAW = "sampel_validasi.draw", _("Sampel validasi asesmen ditarik")
    SAMPEL_SIGN = "sampel_validasi.sign", _("Laporan validasi asesmen disahkan")
    TEMUAN_ADD = "temuan_validasi.add", _("Temuan validasi dicatat")
    KESIMPULAN_SAVE = "sampel_rekaman.conclude", _("Kesimpulan validasi rekaman disimpan")
    TINDAK_LANJUT_ADD = "tindak_lanjut_validasi.add", _("Tindak lanjut validasi ditetapkan")
    TINDAK_LANJUT_CLOSE = "tindak_lanjut_validasi.close", _("Tindak lanjut validasi ditutup")
    TINDAK_LANJUT_DONE = "tindak_lanjut_validasi.done", _("Tindak lanjut validasi diselesaikan penanggung jawab")
