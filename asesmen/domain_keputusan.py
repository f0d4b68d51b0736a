"""Decision (flow steps 8–9): FR.AK.05 laporan asesmen, the komite's pleno decision per asesi and the SK
hasil uji kompetensi per batch. Pure rules: no ORM, no clock (``today`` is passed in).

* ``hari_kerja_antara`` / ``keputusan_terlambat`` — the komite decides within 5 working days of the
  assessment (weekends, and the holidays passed in, do not count); later is a warning, not a block.
* ``SK_TRANSITIONS`` — draf → diajukan → disetujui / ditolak; a refused SK goes back to the komite, who
  revise it and submit again.
* ``keputusan_error`` — who may decide an asesi: a komite member who did not assess (nor train) them.
* ``sk_submit_errors`` — an SK is submitted only with a pleno date and every asesi decided."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .domain_pelaksanaan import Verdict

BATAS_HARI_KERJA = 5


# --- working days ---------------------------------------------------------------------------------


def is_hari_kerja(day: date, libur: Iterable[date] = ()) -> bool:
    """Monday to Friday and not one of ``libur`` (the LSP's holiday calendar, R64)."""
    libur = libur if isinstance(libur, set | frozenset) else frozenset(libur)
    return day.weekday() < 5 and day not in libur


def hari_kerja_antara(mulai: date, sampai: date, libur: Iterable[date] = ()) -> int:
    """Working days after ``mulai`` up to and including ``sampai`` (0 when ``sampai`` ≤ ``mulai``):
    assessed on a Friday, the next Friday is the 5th working day, the Monday after it the 6th."""
    libur = frozenset(libur)
    n, day = 0, mulai
    while day < sampai:
        day += timedelta(days=1)
        if is_hari_kerja(day, libur):
            n += 1
    return n


def hari_kerja_ke(mulai: date, n: int, libur: Iterable[date] = ()) -> date:
    """The ``n``-th working day after ``mulai`` (``n`` ≥ 1): the last day a decision is on time when
    ``n`` is ``BATAS_HARI_KERJA``. ``libur`` must cover the weeks after ``mulai`` that this reaches."""
    libur = frozenset(libur)
    day, found = mulai, 0
    while found < n:
        day += timedelta(days=1)
        if is_hari_kerja(day, libur):
            found += 1
    return day


def keputusan_terlambat(*, diases: date, diputuskan: date, libur: Iterable[date] = (),
                        batas: int = BATAS_HARI_KERJA) -> bool:
    """True when the decision comes more than ``batas`` working days after the assessment."""
    return hari_kerja_antara(diases, diputuskan, libur) > batas


# --- SK hasil uji kompetensi ----------------------------------------------------------------------


class StatusSK(models.TextChoices):
    DRAF = "draf", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan ke direktur")
    DISETUJUI = "disetujui", _("Disetujui")
    DITOLAK = "ditolak", _("Ditolak, direvisi komite")


KOMITE = "komite"
DIREKTUR = "direktur"

# (from, to) → the role that moves it.
SK_TRANSITIONS = {
    (StatusSK.DRAF, StatusSK.DIAJUKAN): KOMITE,
    (StatusSK.DITOLAK, StatusSK.DIAJUKAN): KOMITE,
    (StatusSK.DIAJUKAN, StatusSK.DISETUJUI): DIREKTUR,
    (StatusSK.DIAJUKAN, StatusSK.DITOLAK): DIREKTUR,
}

# The komite may decide asesi and change the pleno date only in these states.
SK_EDITABLE = frozenset({StatusSK.DRAF, StatusSK.DITOLAK})


def sk_transition_error(*, source: str, target: str, roles: Iterable[str], alasan: str = "") -> str | None:
    role = SK_TRANSITIONS.get((source, target))
    if role is None:
        return "sk_transisi"
    if role not in set(roles):
        return "sk_peran"
    if target == StatusSK.DITOLAK and not (alasan or "").strip():
        return "sk_alasan"
    return None


def sk_submit_errors(*, tanggal_pleno: date | None, belum_diputuskan: int, jumlah: int, today: date) -> list[str]:
    codes = []
    if jumlah == 0:
        codes.append("sk_kosong")
    if belum_diputuskan:
        codes.append("sk_belum_diputuskan")
    if tanggal_pleno is None:
        codes.append("sk_tanggal_pleno")
    elif tanggal_pleno > today:
        codes.append("sk_tanggal_pleno_depan")
    return codes


def keputusan_error(*, keputusan: str, is_komite: bool, is_asesor_asesi: bool, is_pemilik: bool,
                    is_pelatih: bool, rekaman_final: bool, sk_editable: bool,
                    calon_asesor: bool = False, asesor_master: bool = True) -> str | None:
    """Why ``by`` may not record this decision (ISO/IEC 17024 §4.3: nobody decides on a candidate they
    assessed or trained, nor on themself), or None."""
    if not is_komite:
        return "bukan_komite"
    if is_asesor_asesi:
        return "komite_asesor_sendiri"
    if is_pemilik or is_pelatih:
        return "komite_tidak_netral"
    if not rekaman_final:
        return "rekaman_belum_final"
    if not sk_editable:
        return "sk_terkunci"
    if keputusan not in Verdict.values:
        return "keputusan_invalid"
    if calon_asesor and keputusan == Verdict.K and not asesor_master:
        return "calon_asesor_bukan_master"
    return None


# --- FR.AK.05 -------------------------------------------------------------------------------------


class StatusLaporan(models.TextChoices):
    DRAF = "draf", _("Draf")
    DITANDATANGANI = "ditandatangani", _("Ditandatangani asesor")


def laporan_errors(*, belum_diajukan: int, jumlah: int) -> list[str]:
    """FR.AK.05 is signed once every asesi of the asesor in the batch has a submitted FR.AK.02."""
    if jumlah == 0:
        return ["laporan_kosong"]
    return ["laporan_rekaman_belum"] if belum_diajukan else []


# --- messages and audit ---------------------------------------------------------------------------

MESSAGES = {
    "bukan_komite": _("Hanya anggota komite yang dapat memutuskan dalam pleno."),
    "komite_asesor_sendiri": _(
        "Anda adalah asesor yang mengases asesi ini; keputusan harus diambil anggota komite lain."),
    "komite_tidak_netral": _(
        "Anda tidak dapat memutuskan asesi ini (diri sendiri atau peserta diklat yang Anda latih)."),
    "rekaman_belum_final": _("Rekaman asesmen (FR.AK.02) asesi ini belum diajukan asesor."),
    "sk_terkunci": _("SK sudah diajukan atau disetujui; keputusan tidak dapat diubah."),
    "keputusan_invalid": _("Pilih kompeten (K) atau belum kompeten (BK)."),
    "calon_asesor_bukan_master": _(
        "Asesi ini peserta diklat asesor: hanya dapat diputuskan kompeten bila diases oleh Master Asesor."),
    "sk_transisi": _("Status SK tidak dapat diubah dari %(dari)s menjadi %(ke)s."),
    "sk_peran": _("Anda tidak berwenang melakukan langkah ini pada SK."),
    "sk_alasan": _("Tuliskan alasan penolakan SK."),
    "sk_kosong": _("Belum ada asesi dengan rekaman asesmen di jadwal ini."),
    "sk_belum_diputuskan": _("SK belum dapat diajukan: %(n)s asesi belum diputuskan (%(nama)s)."),
    "sk_tanggal_pleno": _("Isi tanggal pleno sebelum mengajukan SK."),
    "sk_tanggal_pleno_depan": _("Tanggal pleno tidak boleh di masa depan."),
    "laporan_kosong": _("Tidak ada asesi Anda di jadwal ini."),
    "laporan_rekaman_belum": _("Ajukan rekaman asesmen (FR.AK.02) semua asesi Anda sebelum menandatangani FR.AK.05."),
    "laporan_sudah": _("Laporan asesmen (FR.AK.05) sudah ditandatangani dan tidak dapat diubah."),
    "laporan_bukan_asesor": _("Hanya asesor yang ditugaskan yang mengisi laporan asesmen ini."),
}


def error(code: str, **params) -> ValidationError:
    message = MESSAGES[code]
    return ValidationError(message % params if params else message, code=code)


class AuditAction(models.TextChoices):
    """What the decision stage writes to the audit trail (registered in ``AsesmenConfig.ready``)."""

    LAPORAN_SAVE = "laporan_asesmen.save", _("Laporan asesmen (FR.AK.05) disimpan")
    LAPORAN_SIGN = "laporan_asesmen.sign", _("Laporan asesmen (FR.AK.05) ditandatangani asesor")
    KEPUTUSAN_SAVE = "keputusan_pleno.save", _("Keputusan pleno atas asesi dicatat komite")
    SK_SAVE = "sk.save", _("SK hasil uji kompetensi diubah")
    SK_STATUS = "sk.status", _("Status SK hasil uji kompetensi diubah")
    ASESOR_DARI_SK = "sk.asesor", _("Peserta diklat menjadi asesor melalui SK")
