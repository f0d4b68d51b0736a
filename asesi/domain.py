"""Pure rules of the asesi app: no ORM, no clock, no I/O (``today`` is passed in).

- Identity data: NIK, kode pos, telepon, tanggal lahir checks; masking of personal data (UU PDP).
- The permohonan state machine: ``TRANSITIONS`` is the single list of allowed moves and who may make
  them; ``transition_error`` says why a move is refused (an error code). ``asesi.services.
  permohonan_transition`` is the only code that changes a status, and it asks this module first.
- What the asesi sees: timeline steps and "what to do next" per status.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# --- choices ---------------------------------------------------------------------------------------


class Status(models.TextChoices):
    DRAFT = "draft", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk diperbaiki")
    DITOLAK = "ditolak", _("Ditolak")
    DITERIMA = "diterima", _("Diterima (terverifikasi)")
    DIJADWALKAN = "dijadwalkan", _("Dijadwalkan")
    DIASES = "diases", _("Telah diases")
    DIPUTUSKAN = "diputuskan", _("Diputuskan")
    BERSERTIFIKAT = "bersertifikat", _("Bersertifikat")


class Keputusan(models.TextChoices):
    """The decided outcome an application carries from *diputuskan* on (issue 13 item 1): only K or BK."""

    K = "K", _("Kompeten")
    BK = "BK", _("Belum kompeten")


class Tujuan(models.TextChoices):
    SERTIFIKASI = "sertifikasi", _("Sertifikasi")
    SERTIFIKASI_ULANG = "sertifikasi_ulang", _("Sertifikasi ulang")
    RCC = "rcc", _("Pengakuan kompetensi terkini (RCC)")
    RPL = "rpl", _("Rekognisi pembelajaran lampau (RPL)")
    LAINNYA = "lainnya", _("Lainnya")


class JenisKelamin(models.TextChoices):
    LAKI_LAKI = "L", _("Laki-laki")
    PEREMPUAN = "P", _("Perempuan")


class Pendidikan(models.TextChoices):
    SD = "sd", _("SD/sederajat")
    SMP = "smp", _("SMP/sederajat")
    SMA = "sma", _("SMA/sederajat")
    SMK = "smk", _("SMK")
    D1 = "d1", _("D1")
    D2 = "d2", _("D2")
    D3 = "d3", _("D3")
    D4 = "d4", _("D4/Sarjana terapan")
    S1 = "s1", _("S1")
    S2 = "s2", _("S2")
    S3 = "s3", _("S3")


class HasilVerifikasi(models.TextChoices):
    """Result of checking one persyaratan dasar (docs/domain.md, flow step 2)."""

    ADA_MEMENUHI = "ada_memenuhi", _("Ada, memenuhi syarat")
    ADA_TIDAK_MEMENUHI = "ada_tidak_memenuhi", _("Ada, tidak memenuhi syarat")
    TIDAK_ADA = "tidak_ada", _("Tidak ada")


class Jawaban(models.TextChoices):
    """The asesi's own answer in FR.APL.02: only K and BK exist."""

    K = "K", _("K — kompeten")
    BK = "BK", _("BK — belum kompeten")


# --- identity data -----------------------------------------------------------------------------------

# The personal and job data of a profile (FR.APL.01 part A), in form order; name and email are on the account.
PROFILE_FIELDS = [
    "nik",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "kebangsaan",
    "alamat",
    "kode_pos",
    "telepon",
    "pendidikan_terakhir",
    "institusi",
    "jabatan",
    "alamat_kantor",
]
MAX_DOKUMEN_PER_PERMOHONAN = 30

USIA_MINIMAL = 15
USIA_MAKSIMAL = 100
TANGGAL_LAHIR_MINIMAL = date(1900, 1, 1)

MESSAGES = {
    "nik_format": _("NIK harus tepat 16 digit angka."),
    "nik_duplicate": _("NIK ini sudah terdaftar."),
    "nik_locked": _("NIK tidak dapat diubah setelah permohonan diajukan. Hubungi admin LSP."),
    "kode_pos_format": _("Kode pos harus 5 digit angka."),
    "telepon_format": _("Nomor telepon tidak valid: gunakan 8–15 digit angka, boleh diawali +."),
    "birth_date_future": _("Tanggal lahir tidak boleh di masa depan."),
    "birth_date_too_young": _("Usia asesi minimal %(min)s tahun."),
    "birth_date_too_old": _("Tanggal lahir tidak masuk akal (usia lebih dari %(max)s tahun)."),
    "email_duplicate": _("Email ini sudah terdaftar."),
    "username_duplicate": _("Nama pengguna ini sudah dipakai."),
    "tujuan_lainnya_required": _("Jelaskan tujuan asesmen lainnya."),
    # state machine
    "transition_not_allowed": _("Perubahan status dari “%(dari)s” ke “%(ke)s” tidak diperbolehkan."),
    "transition_role": _("Anda tidak berwenang mengubah status permohonan ini ke “%(ke)s”."),
    "transition_owner_only": _("Hanya pemilik permohonan yang dapat melakukan ini."),
    "transition_self": _("Anda tidak boleh memverifikasi atau memutuskan permohonan Anda sendiri."),
    "keputusan_required": _("Pilih keputusan: kompeten atau belum kompeten."),
    "keputusan_not_kompeten": _("Sertifikat hanya untuk permohonan yang diputuskan kompeten."),
    "ulang_bukan_bk": _("Hanya permohonan yang diputuskan belum kompeten yang dapat diases ulang."),
    # guards of particular transitions
    "email_unconfirmed": _("Konfirmasi alamat email Anda terlebih dahulu sebelum mengajukan permohonan."),
    "persyaratan_missing": _("Unggah dokumen untuk setiap persyaratan wajib: %(daftar)s."),
    "unit_missing": _("Pilih minimal satu unit kompetensi."),
    "note_required": _("Tuliskan alasan/catatan untuk keputusan ini."),
    "verifikasi_incomplete": _("Setiap persyaratan harus diberi hasil verifikasi."),
    "persyaratan_not_met": _("Permohonan hanya dapat diterima bila semua persyaratan wajib ada dan memenuhi syarat."),
    "apl02_incomplete": _("Asesmen mandiri (FR.APL.02) belum lengkap: setiap elemen harus dijawab K atau BK."),
    # editing
    "permohonan_locked": _("Permohonan ini sudah diajukan dan tidak dapat diubah, kecuali bila dikembalikan."),
    "apl02_locked": _("Asesmen mandiri tidak dapat diubah lagi pada status ini."),
    "permohonan_duplicate": _("Anda masih memiliki permohonan yang berjalan untuk skema ini."),
    "skema_inactive": _("Skema ini tidak aktif."),
    "bukti_required": _("Sebutkan bukti (pilih dokumen atau tulis keterangan) untuk jawaban K."),
    "bukti_invalid": _("Bukti yang dipilih bukan dokumen permohonan ini."),
    "jawaban_invalid": _("Jawaban hanya boleh K atau BK."),
    "delete_not_draft": _("Hanya draf yang belum pernah diajukan yang dapat dihapus."),
    "token_invalid": _("Tautan konfirmasi tidak valid."),
    "token_expired": _("Tautan konfirmasi sudah kedaluwarsa. Minta tautan baru."),
    "profile_missing": _("Lengkapi profil asesi Anda terlebih dahulu."),
}


def error(code: str, **params) -> ValidationError:
    """A ``ValidationError`` with this module's message for ``code``."""
    return ValidationError(MESSAGES[code], code=code, params=params or None)


NIK_RE = re.compile(r"^[0-9]{16}$")
KODE_POS_RE = re.compile(r"^[0-9]{5}$")
TELEPON_RE = re.compile(r"^\+?[0-9][0-9 \-]*$")


def nik_normalize(value) -> str:
    """Spaces people type between digit groups are dropped: ``3201 2345 ...`` → ``32012345...``."""
    return re.sub(r"\s+", "", str(value or ""))


NOMOR_PERMOHONAN = re.compile(r"^\s*APL[\s.-]*0*(\d{1,9})\s*$", re.IGNORECASE)


def nomor_permohonan_pk(value) -> int | None:
    """The id in an application number as people type it (``APL-000123``, ``apl 123``, ``APL123``), or
    None when ``value`` is not one. ``Permohonan.nomor`` is ``APL-`` + the id on six digits."""
    match = NOMOR_PERMOHONAN.match(str(value or ""))
    return int(match[1]) if match and int(match[1]) > 0 else None


def nik_error(value) -> str | None:
    return None if NIK_RE.fullmatch(str(value or "")) else "nik_format"


def kode_pos_error(value) -> str | None:
    return None if KODE_POS_RE.fullmatch(str(value or "")) else "kode_pos_format"


def telepon_error(value) -> str | None:
    value = str(value or "").strip()
    digits = re.sub(r"\D", "", value)
    if not TELEPON_RE.fullmatch(value) or not 8 <= len(digits) <= 15:
        return "telepon_format"
    return None


def usia(born: date, *, today: date) -> int:
    """Age in whole years on ``today``."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def tanggal_lahir_error(born: date, *, today: date, min_age=USIA_MINIMAL, max_age=USIA_MAKSIMAL) -> str | None:
    """Not in the future, at least ``min_age`` years old, at most ``max_age``."""
    if born > today:
        return "birth_date_future"
    age = usia(born, today=today)
    if age < min_age:
        return "birth_date_too_young"
    if age > max_age or born < TANGGAL_LAHIR_MINIMAL:
        return "birth_date_too_old"
    return None


def validate_nik(value):
    if code := nik_error(value):
        raise error(code)


def validate_kode_pos(value):
    if code := kode_pos_error(value):
        raise error(code)


def validate_telepon(value):
    if code := telepon_error(value):
        raise error(code)


def validate_tanggal_lahir(born: date, *, today: date):
    if code := tanggal_lahir_error(born, today=today):
        raise error(code, min=USIA_MINIMAL, max=USIA_MAKSIMAL)


# --- personal data masking (UU PDP) -------------------------------------------------------------------


def mask_nik(nik: str) -> str:
    """``3201234567890001`` → ``3201********0001``: region code and last 4 digits only."""
    nik = str(nik or "")
    if len(nik) <= 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


def mask_tanggal(value: date | None) -> str:
    """Only the birth year stays: ``**-**-1990``."""
    return f"**-**-{value.year}" if value else ""


def mask_telepon(telepon: str) -> str:
    """``081234567890`` → ``*********890``: the last 3 digits only."""
    telepon = str(telepon or "")
    return "*" * max(len(telepon) - 3, 0) + telepon[-3:] if len(telepon) > 3 else "*" * len(telepon)


def mask_alamat(alamat: str) -> str:
    """Keep the first word (``Jl.``/``Perum``) so a person recognises it; hide the rest."""
    words = str(alamat or "").split()
    if not words:
        return ""
    return f"{words[0]} ***"


def profil_display(data: dict, *, full: bool) -> dict:
    """The personal fields of a profile ready to show: masked unless ``full`` (owner / admin LSP)."""
    if full:
        return dict(data)
    shown = dict(data)
    shown["nik"] = mask_nik(data.get("nik", ""))
    shown["tanggal_lahir"] = mask_tanggal(data.get("tanggal_lahir"))
    shown["alamat"] = mask_alamat(data.get("alamat", ""))
    return shown


# --- permohonan state machine --------------------------------------------------------------------------

# The asesi role only counts for the owner of the permohonan (an asesi acts on their own application).
PEMILIK = "asesi"
ADMIN = "admin_lsp"
ASESOR = "asesor"
KOMITE = "komite"
DIREKTUR = "direktur"  # approves the SK hasil uji kompetensi, which moves its applications to *diputuskan*


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    roles: frozenset
    # Impartiality (ISO/IEC 17024 §4.3): the applicant may not verify/decide their own application,
    # even when they also hold a staff role.
    owner_forbidden: bool = False


def _t(source, target, roles, owner_forbidden=False):
    return Transition(source, target, frozenset(roles), owner_forbidden)


TRANSITIONS = {
    (t.source, t.target): t
    for t in [
        _t(Status.DRAFT, Status.DIAJUKAN, {PEMILIK, ADMIN}),
        _t(Status.DIAJUKAN, Status.DITERIMA, {ADMIN}, owner_forbidden=True),
        _t(Status.DIAJUKAN, Status.DIKEMBALIKAN, {ADMIN}, owner_forbidden=True),
        _t(Status.DIAJUKAN, Status.DITOLAK, {ADMIN}, owner_forbidden=True),
        _t(Status.DIKEMBALIKAN, Status.DIAJUKAN, {PEMILIK, ADMIN}),
        # scheduling, assessment, decision and issuing are applied by later apps through the service
        _t(Status.DITERIMA, Status.DIJADWALKAN, {ADMIN}, owner_forbidden=True),
        _t(Status.DIJADWALKAN, Status.DITERIMA, {ADMIN}, owner_forbidden=True),  # taken out of a jadwal
        _t(Status.DIJADWALKAN, Status.DIASES, {ADMIN, ASESOR}, owner_forbidden=True),
        _t(Status.DIASES, Status.DIPUTUSKAN, {ADMIN, KOMITE, DIREKTUR}, owner_forbidden=True),
        _t(Status.DIPUTUSKAN, Status.BERSERTIFIKAT, {ADMIN}, owner_forbidden=True),
        # a granted appeal (FR.AK.04) of a BK result: back to be scheduled for a re-assessment (R46)
        _t(Status.DIPUTUSKAN, Status.DITERIMA, {ADMIN, KOMITE}, owner_forbidden=True),
    ]
}

# The statuses that carry a decided outcome (``Permohonan.keputusan``); it is set by the move into
# *diputuskan* and only a K outcome may move on to *bersertifikat* (docs/domain.md, permohonan table).
DECIDED_STATUSES = frozenset({Status.DIPUTUSKAN, Status.BERSERTIFIKAT})


def keputusan_error(*, target: str, keputusan: str, current: str = "") -> str | None:
    """Why the outcome does not fit the move to ``target``: deciding needs K or BK; certifying needs the
    application's ``current`` outcome to be K; going back from a decision to *diterima* (a re-assessment
    after a granted appeal) needs it to be BK. None when it fits."""
    if target == Status.DIPUTUSKAN and keputusan not in Keputusan.values:
        return "keputusan_required"
    if target == Status.BERSERTIFIKAT and current != Keputusan.K:
        return "keputusan_not_kompeten"
    if target == Status.DITERIMA and current and current != Keputusan.BK:
        return "ulang_bukan_bk"
    return None


# Which transitions need a note (the reason is sent to the asesi).
NOTE_REQUIRED = {Status.DIKEMBALIKAN, Status.DITOLAK}

# FR.APL.01 (data, units, documents) may change only here; FR.APL.02 until the asesi is scheduled.
APL01_EDITABLE = frozenset({Status.DRAFT, Status.DIKEMBALIKAN})
APL02_EDITABLE = frozenset({Status.DRAFT, Status.DIAJUKAN, Status.DIKEMBALIKAN, Status.DITERIMA})
# An asesi has at most one of these per skema at a time.
OPEN_STATUSES = frozenset(
    {Status.DRAFT, Status.DIAJUKAN, Status.DIKEMBALIKAN, Status.DITERIMA, Status.DIJADWALKAN, Status.DIASES}
)
# Awaiting the admin's verification.
QUEUE_STATUSES = frozenset({Status.DIAJUKAN})

# The APL number shown everywhere is ``APL-`` + the application's id in six digits (``Permohonan.nomor``).


def hari_menunggu(diajukan_pada: date, today: date) -> int:
    """Whole days an application has waited since the (local) day it was submitted: 0 on that day."""
    return max(0, (today - diajukan_pada).days)


def allowed_targets(source: str) -> list[str]:
    return [t for (s, t) in TRANSITIONS if s == source]


def transition_error(*, source: str, target: str, actor_roles, actor_is_owner: bool) -> str | None:
    """Why ``actor`` may not move a permohonan from ``source`` to ``target`` (an error code), or None."""
    transition = TRANSITIONS.get((source, target))
    if transition is None:
        return "transition_not_allowed"
    roles = set(actor_roles)
    staff_roles = (transition.roles - {PEMILIK}) & roles
    if staff_roles:
        return "transition_self" if actor_is_owner and transition.owner_forbidden else None
    if PEMILIK in transition.roles and PEMILIK in roles:
        return None if actor_is_owner else "transition_owner_only"
    return "transition_role"


# --- guards that depend on the application's content ---------------------------------------------------


def submit_errors(*, email_confirmed: bool, unit_count: int, wajib_tanpa_dokumen: list[str]) -> list[str]:
    """Why an application cannot be submitted yet (codes; empty = ready)."""
    codes = []
    if not email_confirmed:
        codes.append("email_unconfirmed")
    if unit_count < 1:
        codes.append("unit_missing")
    if wajib_tanpa_dokumen:
        codes.append("persyaratan_missing")
    return codes


def acceptance_error(hasil: list[tuple[bool, str]]) -> str | None:
    """``hasil``: (wajib, hasil verifikasi) per persyaratan. Accept only when all are verified and
    every wajib one is *ada, memenuhi syarat*."""
    if any(not h for _wajib, h in hasil):
        return "verifikasi_incomplete"
    if any(wajib and h != HasilVerifikasi.ADA_MEMENUHI for wajib, h in hasil):
        return "persyaratan_not_met"
    return None


def jawaban_error(jawaban: str, *, ada_bukti: bool) -> str | None:
    """One FR.APL.02 answer: blank (not yet answered), K with evidence, or BK."""
    if jawaban and jawaban not in Jawaban.values:
        return "jawaban_invalid"
    if jawaban == Jawaban.K and not ada_bukti:
        return "bukti_required"
    return None


def apl02_complete(jawaban: list[str]) -> bool:
    """Every element answered K or BK (and there is at least one element)."""
    return bool(jawaban) and all(j in Jawaban.values for j in jawaban)


# --- what the asesi sees ---------------------------------------------------------------------------------

ALUR = [
    Status.DRAFT,
    Status.DIAJUKAN,
    Status.DITERIMA,
    Status.DIJADWALKAN,
    Status.DIASES,
    Status.DIPUTUSKAN,
    Status.BERSERTIFIKAT,
]

LANGKAH_BERIKUTNYA = {
    Status.DRAFT: _(
        "Lengkapi data permohonan, unggah dokumen untuk setiap persyaratan dasar, lalu ajukan permohonan. "
        "Asesmen mandiri (FR.APL.02) dapat diisi sekarang atau setelah diajukan."
    ),
    Status.DIAJUKAN: _("Permohonan Anda sedang diverifikasi oleh admin LSP."),
    Status.DIKEMBALIKAN: _(
        "Permohonan dikembalikan. Baca catatan verifikator, perbaiki data atau dokumen, lalu ajukan kembali. "
        "Data yang sudah Anda isi tetap tersimpan."
    ),
    Status.DITOLAK: _(
        "Permohonan ditolak. Baca alasannya; Anda dapat membuat permohonan baru bila persyaratan sudah terpenuhi."
    ),
    Status.DITERIMA: _("Permohonan diterima. Admin LSP akan menjadwalkan uji kompetensi Anda."),
    Status.DIJADWALKAN: _(
        "Anda sudah dijadwalkan. Hadiri uji kompetensi sesuai jadwal dan bawa dokumen asli persyaratan."
    ),
    Status.DIASES: _("Asesmen selesai. Hasilnya sedang menunggu keputusan komite LSP."),
    Status.DIPUTUSKAN: _(
        "Keputusan sertifikasi sudah ditetapkan. Anda akan diberi tahu tentang penerbitan sertifikat."
    ),
    Status.BERSERTIFIKAT: _("Selamat! Sertifikat kompetensi Anda telah terbit."),
}
LANGKAH_BELUM_KOMPETEN = _(
    "Keputusan: belum kompeten. Anda dapat mengajukan banding dalam masa banding, atau mengajukan asesmen "
    "ulang untuk unit yang belum kompeten."
)


# What is still missing, as the asesi reads it on the application page (``langkah_berikutnya``).
LANGKAH_MESSAGES = {
    "catatan_baca": _("Baca catatan verifikator di atas dan perbaiki yang diminta."),
    "persyaratan_perbaiki": _("Unggah dokumen pengganti untuk persyaratan “%(deskripsi)s” yang ditandai verifikator."),
    "email_konfirmasi": _(
        "Konfirmasi email Anda lewat tautan yang kami kirim (periksa juga folder spam), atau kirim ulang tautannya."
    ),
    "unit_pilih": _("Pilih minimal satu unit kompetensi lewat “Ubah tujuan/unit”."),
    "persyaratan_unggah": _("Unggah dokumen untuk persyaratan “%(deskripsi)s”."),
    "apl02_isi": _(
        "Isi asesmen mandiri (FR.APL.02): %(dijawab)s dari %(total)s elemen sudah dijawab; boleh setelah "
        "diajukan, tetapi wajib lengkap sebelum dijadwalkan."
    ),
    "apl02_lengkapi": _(
        "Lengkapi asesmen mandiri (FR.APL.02): %(dijawab)s dari %(total)s elemen sudah dijawab; admin LSP baru "
        "dapat menjadwalkan Anda setelah lengkap."
    ),
    "ajukan": _("Semua syarat pengajuan terpenuhi: tekan “Ajukan”."),
    "ajukan_kembali": _("Semua syarat pengajuan terpenuhi: tekan “Ajukan kembali”."),
}


def dikembalikan_untuk_diperbaiki(status: str, hasil: str) -> bool:
    """Was this requirement sent back: the application is returned and the verifier marked it anything
    but *ada, memenuhi syarat*."""
    return status == Status.DIKEMBALIKAN and bool(hasil) and hasil != HasilVerifikasi.ADA_MEMENUHI


@dataclass(frozen=True)
class Kesiapan:
    """What the readiness checklist of an application shows (loaded by ``selectors.permohonan_kesiapan``)."""

    status: str
    email_confirmed: bool
    unit_count: int
    wajib_tanpa_dokumen: tuple = ()
    perlu_diperbaiki: tuple = ()
    apl02_dijawab: int = 0
    apl02_total: int = 0
    keputusan: str = ""

    @property
    def siap(self) -> bool:
        """May it be submitted now (R10, the same guards ``submit_errors`` gives the service)?"""
        return not submit_errors(
            email_confirmed=self.email_confirmed,
            unit_count=self.unit_count,
            wajib_tanpa_dokumen=list(self.wajib_tanpa_dokumen),
        )

    def langkah(self) -> list["LangkahItem"]:
        return langkah_berikutnya(
            status=self.status,
            email_confirmed=self.email_confirmed,
            unit_count=self.unit_count,
            wajib_tanpa_dokumen=list(self.wajib_tanpa_dokumen),
            perlu_diperbaiki=list(self.perlu_diperbaiki),
            apl02_dijawab=self.apl02_dijawab,
            apl02_total=self.apl02_total,
            keputusan=self.keputusan,
        )


@dataclass(frozen=True)
class LangkahItem:
    code: str
    text: str


def langkah_berikutnya(
    *,
    status: str,
    email_confirmed: bool,
    unit_count: int,
    wajib_tanpa_dokumen: list[str],
    perlu_diperbaiki: list[str] = (),
    apl02_dijawab: int = 0,
    apl02_total: int = 0,
    keputusan: str = "",
) -> list[LangkahItem]:
    """*Langkah berikutnya*: the steps still missing for this application, in the order to do them.

    While the asesi may edit (draft, returned): the verifier's note and the requirements they marked
    (``perlu_diperbaiki``), then each guard of R10 that fails (``submit_errors``), then FR.APL.02 while
    incomplete (not needed to submit), and "press Ajukan" once nothing blocks. While waiting for
    verification or scheduling, an incomplete FR.APL.02 is named with its count; otherwise the status's
    fixed text (``LANGKAH_BERIKUTNYA``)."""

    def item(code, **params):
        return LangkahItem(code, str(LANGKAH_MESSAGES[code]) % params if params else str(LANGKAH_MESSAGES[code]))

    apl02_lengkap = apl02_total > 0 and apl02_dijawab >= apl02_total
    steps = []
    if status in APL01_EDITABLE:
        if status == Status.DIKEMBALIKAN:
            steps.append(item("catatan_baca"))
            steps += [item("persyaratan_perbaiki", deskripsi=d) for d in perlu_diperbaiki]
        codes = submit_errors(
            email_confirmed=email_confirmed, unit_count=unit_count, wajib_tanpa_dokumen=wajib_tanpa_dokumen
        )
        if "email_unconfirmed" in codes:
            steps.append(item("email_konfirmasi"))
        if "unit_missing" in codes:
            steps.append(item("unit_pilih"))
        steps += [item("persyaratan_unggah", deskripsi=d) for d in wajib_tanpa_dokumen]
        if not apl02_lengkap:
            steps.append(item("apl02_isi", dijawab=apl02_dijawab, total=apl02_total))
        if not codes:
            steps.append(item("ajukan_kembali" if status == Status.DIKEMBALIKAN else "ajukan"))
        return steps
    if status == Status.DIPUTUSKAN and keputusan == Keputusan.BK:
        steps.append(LangkahItem("belum_kompeten", str(LANGKAH_BELUM_KOMPETEN)))
        return steps
    steps.append(LangkahItem(status, str(LANGKAH_BERIKUTNYA[status])))
    if status in (Status.DIAJUKAN, Status.DITERIMA) and not apl02_lengkap:
        steps.append(item("apl02_lengkapi", dijawab=apl02_dijawab, total=apl02_total))
    return steps


@dataclass(frozen=True)
class PersyaratanState:
    """One requirement of an application as the upload form's default needs it."""

    pk: int
    wajib: bool
    hasil: str  # the verifier's mark ("" until verified)
    unggah_terakhir: datetime | None  # when its newest document was uploaded


def persyaratan_berikutnya(items: list[PersyaratanState], *, dikembalikan_pada: datetime | None = None) -> int | None:
    """The requirement the upload form starts on: one the verifier sent back (marked anything but *ada,
    memenuhi syarat*) and not uploaded again since ``dikembalikan_pada``; else a mandatory one without a
    document; else any without a document; else the first. None when there is no requirement."""
    if not items:
        return None
    if dikembalikan_pada is not None:
        for p in items:
            sent_back = p.hasil and p.hasil != HasilVerifikasi.ADA_MEMENUHI
            if sent_back and (p.unggah_terakhir is None or p.unggah_terakhir <= dikembalikan_pada):
                return p.pk
    for p in items:
        if p.wajib and p.unggah_terakhir is None:
            return p.pk
    for p in items:
        if p.unggah_terakhir is None:
            return p.pk
    return items[0].pk


def catatan_berlaku(status: str, riwayat: list[tuple[str, str]]) -> str:
    """The verifier's note that applies now: while an application is returned or refused, the note of
    the move into that status (``riwayat``: (ke, catatan) oldest first); otherwise none ("")."""
    if status not in NOTE_REQUIRED:
        return ""
    for ke, catatan in reversed(riwayat):
        if ke == status:
            return catatan
    return ""


@dataclass(frozen=True)
class Langkah:
    status: str
    label: str
    posisi: str  # "selesai", "sekarang", "nanti", "batal"


def timeline(status: str, keputusan: str = "") -> list[Langkah]:
    """The main path with this application's position; a return or a refusal replaces the
    verification step (*diterima*) and is the current step. Once decided, the *diputuskan* step names
    the outcome (kompeten / belum kompeten)."""
    labels = dict(Status.choices)
    if keputusan in Keputusan.values:
        labels[Status.DIPUTUSKAN] = f"{labels[Status.DIPUTUSKAN]}: {dict(Keputusan.choices)[keputusan]}"
    if status in (Status.DIKEMBALIKAN, Status.DITOLAK):
        current = ALUR.index(Status.DITERIMA)
        after = "batal" if status == Status.DITOLAK else "nanti"
        steps = []
        for i, s in enumerate(ALUR):
            if i < current:
                steps.append(Langkah(s, labels[s], "selesai"))
            elif i == current:
                steps.append(Langkah(status, labels[status], "sekarang"))
            else:
                steps.append(Langkah(s, labels[s], after))
        return steps
    current = ALUR.index(status)
    return [
        Langkah(s, labels[s], "selesai" if i < current else "sekarang" if i == current else "nanti")
        for i, s in enumerate(ALUR)
    ]


# --- audit trail -----------------------------------------------------------------------------------------


# A staff member reviewing an asesi opens several pages (the application, its documents, the profile)
# within minutes: that is one look at the personal data, recorded once.
PROFILE_VIEW_WINDOW = timedelta(minutes=30)


def profile_view_due(last_viewed_at: datetime | None, now: datetime, window: timedelta = PROFILE_VIEW_WINDOW) -> bool:
    """Should a staff member's view of a profile be written to the audit trail? Yes unless the same
    person's last recorded view of it is less than ``window`` ago."""
    return last_viewed_at is None or now - last_viewed_at >= window


class AuditAction(models.TextChoices):
    """What the asesi app writes to the audit trail (registered with ``lsp.audit`` in ``AsesiConfig.ready``)."""

    ASESI_REGISTER = "asesi.register", _("Asesi mendaftar")
    ASESI_PROFILE_CREATE = "asesi.profile_create", _("Profil asesi dibuat")
    ASESI_PROFILE_UPDATE = "asesi.profile_update", _("Profil asesi diubah")
    ASESI_PROFILE_VIEW = "asesi.profile_view", _("Data pribadi asesi dilihat staf")
    ASESI_EMAIL_CONFIRM = "asesi.email_confirm", _("Email asesi dikonfirmasi")
    ASESI_ACTIVATE = "asesi.activate", _("Akun asesi diaktifkan")
    ASESI_IMPORT = "asesi.import", _("Asesi diimpor dari berkas")
    PERMOHONAN_CREATE = "permohonan.create", _("Permohonan (FR.APL.01) dibuat")
    PERMOHONAN_UPDATE = "permohonan.update", _("Permohonan (FR.APL.01) diubah")
    PERMOHONAN_DELETE = "permohonan.delete", _("Draf permohonan dihapus")
    PERMOHONAN_STATUS = "permohonan.status", _("Status permohonan diubah")
    PERMOHONAN_VERIFY = "permohonan.verify", _("Persyaratan dasar diverifikasi")
    DOKUMEN_UPLOAD = "dokumen.upload", _("Dokumen diunggah")
    DOKUMEN_DELETE = "dokumen.delete", _("Dokumen dihapus")
    ASESMEN_MANDIRI_SAVE = "asesmen_mandiri.save", _("Asesmen mandiri (FR.APL.02) disimpan")
