"""Pure rules about asesors: no ORM, no clock, no I/O — ``on_date`` / ``today`` is always passed in.

Everything that decides something about an asesor lives here, once:

* ``nomor_registrasi_normalize`` — the BNSP registration number ``MET.000.001234 2024``.
* ``sertifikat_valid_until`` — an asesor certificate is valid 3 years (issue date + 3 years − 1 day, the
  shared rule ``lsp.domain.valid_until``; ``add_years`` is ``lsp.domain.add_years``).
* ``asesor_status`` — the one status function: certificate status on a date and the recognition count.
* ``reminders_due`` — which reminders a status calls for on its date.
* ``kompetensi_covers`` / ``kompetensi_valid_on`` and ``eligibility`` — may this asesor assess this skema?
* State machines of the assessment-log verification and of a diklat participant, as data.
* Input rules (``*_issues``) the services check and raise all at once; forms only shape input.

The functions take plain values or any objects with the named attributes (model instances or the small
dataclasses the tests build), so the selectors load rows and this module decides.
"""

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from lsp.domain import add_years, reminder_due, valid_until  # noqa: F401 - add_years: asesor.demo uses domain.add_years

# --- nomor registrasi asesor ---------------------------------------------------------------------

NOMOR_REGISTRASI_PATTERN = r"^MET\.000\.[0-9]{6}[. ][0-9]{4}$"
# What the database stores (see the CheckConstraint on AsesorProfile): always the space form.
NOMOR_REGISTRASI_CANONICAL_PATTERN = r"^MET\.000\.[0-9]{6} [0-9]{4}$"
_NOMOR_RE = re.compile(r"^MET\.000\.([0-9]{6})[. ]([0-9]{4})$")


def nomor_registrasi_normalize(value: str) -> str:
    """``MET.000.001234.2024``, `` met.000.001234   2024 `` → ``MET.000.001234 2024``.

    BNSP writes the year after a dot or after a space; both name the same asesor, so we store one
    form (the space form) and uniqueness holds whichever way it was typed. Raises ``ValueError`` for
    anything that is not ``MET.000.`` + 6 digits + (dot or space) + a 4-digit year."""
    text = re.sub(r"\s+", " ", str(value or "").strip()).upper()
    match = _NOMOR_RE.match(text)
    if not match:
        raise ValueError(value)
    return f"MET.000.{match.group(1)} {match.group(2)}"


# --- dates --------------------------------------------------------------------------------------

SERTIFIKAT_MASA_BERLAKU_TAHUN = 3


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month (31 Aug + 6 → 28/29 Feb)."""
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))


def sertifikat_valid_until(issued_on: date, years: int = SERTIFIKAT_MASA_BERLAKU_TAHUN) -> date:
    """The last day an asesor certificate is valid: issue date + ``years`` − 1 day (``lsp.domain.valid_until``:
    issued 29 Feb 2024 → valid through 27 Feb 2027). Computed once, when the certificate is recorded, and
    stored (``SertifikatAsesor.valid_until``) so it can be filtered in SQL."""
    return valid_until(issued_on, years)


def recognition_starts_on(previous_valid_until: date) -> date:
    """A recognition (RCC) certificate starts the day after the previous one ends."""
    return previous_valid_until + timedelta(days=1)


# --- the status of an asesor on a date ------------------------------------------------------------


class StatusAsesor(TextChoices):
    AKTIF = "aktif", _("Aktif")
    SEGERA_KEDALUWARSA = "segera_kedaluwarsa", _("Segera kedaluwarsa")
    KEDALUWARSA = "kedaluwarsa", _("Kedaluwarsa")
    TIDAK_ADA_SERTIFIKAT = "tidak_ada_sertifikat", _("Tidak ada sertifikat")


class StatusRekognisi(TextChoices):
    LAYAK = "layak_rekognisi", _("Layak rekognisi")
    BELUM_MEMENUHI = "belum_memenuhi", _("Belum memenuhi")
    WAJIB_MENGULANG = "wajib_mengulang", _("Wajib mengulang")


class JenisSertifikat(TextChoices):
    AWAL = "awal", _("Awal (setelah diklat dan uji kompetensi)")
    REKOGNISI = "rekognisi", _("Rekognisi (RCC)")
    ULANG = "ulang", _("Ulang (setelah mengulang diklat dan uji kompetensi)")


@dataclass(frozen=True)
class Periode:
    """A certificate's validity window, for tests and callers without a model instance."""

    issued_on: date
    valid_until: date


@dataclass(frozen=True)
class AsesorStatus:
    """What ``asesor_status`` found for one asesor on ``on_date``.

    ``sertifikat`` is the certificate in force on that date (the latest one issued on or before it, even
    if it has since expired); ``berikutnya`` a certificate recorded to start after ``on_date`` (a
    recognition recorded ahead of time). ``sisa_hari`` counts the days from ``on_date`` to the last valid
    day: 0 on the last valid day, negative once expired."""

    on_date: date
    status: str
    sertifikat: Any = None
    berikutnya: Any = None
    sisa_hari: int | None = None
    jumlah_asesmen: int = 0
    minimum: int = 6
    rekognisi: str | None = None

    @property
    def berlaku(self) -> bool:
        """The asesor holds a valid certificate on ``on_date``."""
        return self.status in (StatusAsesor.AKTIF, StatusAsesor.SEGERA_KEDALUWARSA)

    @property
    def valid_until(self) -> date | None:
        return self.sertifikat.valid_until if self.sertifikat is not None else None

    @property
    def kekurangan(self) -> int:
        return max(0, self.minimum - self.jumlah_asesmen)

    @property
    def status_label(self) -> str:
        return StatusAsesor(self.status).label

    @property
    def rekognisi_label(self) -> str:
        return StatusRekognisi(self.rekognisi).label if self.rekognisi else ""

    @property
    def memenuhi(self) -> bool:
        """Enough assessments for recognition (``minimum`` or more inside the window)."""
        return self.jumlah_asesmen >= self.minimum

    @property
    def hitungan(self) -> str:
        """"4 dari 6 asesmen" — counted up to the minimum: never "7 dari 6" (more are not needed)."""
        return gettext("%(jumlah)s dari %(minimum)s asesmen") % {
            "jumlah": min(self.jumlah_asesmen, self.minimum),
            "minimum": self.minimum,
        }

    @property
    def ringkasan_rekognisi(self) -> str:
        """The plain statement for the asesor: "kurang 2 asesmen untuk rekognisi", "sudah memenuhi (6 dari 6
        asesmen)", or, once the certificate has expired short, "tidak memenuhi (4 dari 6 asesmen)". Empty
        without a certificate."""
        if self.sertifikat is None:
            return ""
        if self.memenuhi:
            return gettext("sudah memenuhi (%(hitungan)s)") % {"hitungan": self.hitungan}
        if self.rekognisi == StatusRekognisi.WAJIB_MENGULANG:
            return gettext("tidak memenuhi (%(hitungan)s)") % {"hitungan": self.hitungan}
        return ngettext(
            "kurang %(n)s asesmen untuk rekognisi", "kurang %(n)s asesmen untuk rekognisi", self.kekurangan
        ) % {"n": self.kekurangan}


def asesor_status(
    *,
    sertifikat: Iterable,
    tanggal_asesmen: Iterable[date],
    on_date: date,
    warn_days: int,
    minimum: int,
) -> AsesorStatus:
    """The status of an asesor on ``on_date`` — the only place these rules live. Counts, filters and exports
    over every asesor ask the database the same question (``selectors.asesor_status_annotate``, its SQL
    twin); ``tests/asesor/test_status_sql.py`` keeps the two equal at every boundary below.

    ``sertifikat``: all the asesor's certificates (objects with ``issued_on`` and ``valid_until``; they
    never overlap, see ``sertifikat_overlap``). ``tanggal_asesmen``: the dates of the assessments that
    count (internal ones, and external ones an admin has verified). ``warn_days``: the reminder window
    (the largest of ``LSP_REMINDER_DAYS``). ``minimum``: ``LSP_ASESOR_RECOGNITION_MIN``.

    Certificate status:
      * no certificate issued on or before ``on_date`` → ``tidak_ada_sertifikat``;
      * ``on_date`` after the last valid day → ``kedaluwarsa`` (the last valid day itself is still valid);
      * ``sisa_hari`` ≤ ``warn_days`` and no next certificate recorded → ``segera_kedaluwarsa``;
      * otherwise ``aktif``.

    Recognition: the assessments dated inside the certificate's window [issued_on, valid_until], both
    ends included, and not after ``on_date`` (the status on a past date counts what had happened by
    then). Each log entry is one assessment, whatever its number of asesi. ``jumlah ≥ minimum`` →
    ``layak_rekognisi``; short while the certificate is valid → ``belum_memenuhi`` ("4 dari 6
    asesmen"); short once it has expired → ``wajib_mengulang`` (repeat diklat + uji kompetensi)."""
    certs = sorted(sertifikat, key=lambda c: c.issued_on)
    current = None
    berikutnya = None
    for cert in certs:
        if cert.issued_on <= on_date:
            current = cert
        elif berikutnya is None:
            berikutnya = cert
    if current is None:
        return AsesorStatus(
            on_date=on_date, status=StatusAsesor.TIDAK_ADA_SERTIFIKAT, berikutnya=berikutnya, minimum=minimum
        )

    jumlah = sum(1 for d in tanggal_asesmen if asesmen_counts(d, current, on_date))
    sisa = (current.valid_until - on_date).days
    if sisa < 0:
        status = StatusAsesor.KEDALUWARSA
    elif sisa <= warn_days and berikutnya is None:
        status = StatusAsesor.SEGERA_KEDALUWARSA
    else:
        status = StatusAsesor.AKTIF
    if jumlah >= minimum:
        rekognisi = StatusRekognisi.LAYAK
    elif status == StatusAsesor.KEDALUWARSA:
        rekognisi = StatusRekognisi.WAJIB_MENGULANG
    else:
        rekognisi = StatusRekognisi.BELUM_MEMENUHI
    return AsesorStatus(
        on_date=on_date,
        status=status,
        sertifikat=current,
        berikutnya=berikutnya,
        sisa_hari=sisa,
        jumlah_asesmen=jumlah,
        minimum=minimum,
        rekognisi=rekognisi,
    )


def rekognisi_issues(status: AsesorStatus) -> list["InputIssue"]:
    """Why recognition (RCC) may not be granted — or requested — on ``status``'s date; empty = it may.

    The one recognition rule: a certificate, no next certificate recorded yet, and ``layak_rekognisi``
    (``minimum`` assessments inside the window). Codes: ``tidak_ada_sertifikat``,
    ``rekognisi_sudah_dicatat``, ``rekognisi_kurang_asesmen`` (still valid, short), ``wajib_mengulang``
    (expired and short)."""
    if status.sertifikat is None:
        return [InputIssue(None, "tidak_ada_sertifikat", _("Asesor ini belum memiliki sertifikat asesor."))]
    if status.berikutnya is not None:
        message = _("Sertifikat berikutnya sudah dicatat (berlaku mulai %(tanggal)s).") % {
            "tanggal": status.berikutnya.issued_on.strftime("%d-%m-%Y")
        }
        return [InputIssue(None, "rekognisi_sudah_dicatat", message)]
    if status.rekognisi == StatusRekognisi.LAYAK:
        return []
    params = {"jumlah": status.jumlah_asesmen, "minimum": status.minimum}
    if status.rekognisi == StatusRekognisi.WAJIB_MENGULANG:
        message = _(
            "Rekognisi ditolak: hanya %(jumlah)s dari %(minimum)s asesmen dalam masa berlaku sertifikat, "
            "dan sertifikat sudah kedaluwarsa. Asesor wajib mengulang diklat dan uji kompetensi."
        ) % params
        return [InputIssue(None, "wajib_mengulang", message, params)]
    message = _("Rekognisi ditolak: baru %(jumlah)s dari %(minimum)s asesmen dalam masa berlaku sertifikat.") % params
    return [InputIssue(None, "rekognisi_kurang_asesmen", message, params)]


def asesmen_counts(tanggal: date, sertifikat, on_date: date) -> bool:
    """An assessment on ``tanggal`` counts for ``sertifikat``: inside [issued_on, valid_until], both ends
    included, and not after ``on_date``."""
    return sertifikat is not None and sertifikat.issued_on <= tanggal <= min(sertifikat.valid_until, on_date)


def sertifikat_overlap(existing: Iterable, issued_on: date) -> bool:
    """A new certificate may only start after every earlier one has ended (no two at once)."""
    return any(issued_on <= c.valid_until for c in existing)


# --- reminders ----------------------------------------------------------------------------------

REKOGNISI_PENGINGAT_BULAN = 6


class JenisPengingat(TextChoices):
    KEDALUWARSA = "kedaluwarsa", _("Sertifikat asesor akan kedaluwarsa")
    REKOGNISI_KURANG = "rekognisi_kurang", _("Jumlah asesmen belum cukup untuk rekognisi")


@dataclass(frozen=True)
class Pengingat:
    jenis: str
    hari: int | None = None  # days before expiry for ``kedaluwarsa``

    @property
    def key_part(self) -> str:
        return f"{self.jenis}-{self.hari}" if self.hari is not None else self.jenis


def reminders_due(
    status: AsesorStatus, *, reminder_days: Iterable[int], short_months: int = REKOGNISI_PENGINGAT_BULAN
) -> list[Pengingat]:
    """Reminders that ``status`` calls for on its date (the caller makes each one send-once).

    * Expiry: the 90, 30 or 7 days (``reminder_days``) threshold reached, with catch-up
      (``lsp.domain.reminder_due``: 90…31 days left → 90, 30…8 → 30, 7…0 → 7); ``hari`` is the
      threshold, so the caller's send-once key sends each one once even when a run was missed.
    * Recognition short: the certificate is valid, fewer than ``minimum`` assessments, and less than
      ``short_months`` months left (the last valid day comes before ``on_date`` + 6 months).
    Nothing when there is no valid certificate or the next certificate is already recorded."""
    if not status.berlaku or status.berikutnya is not None:
        return []
    due = []
    threshold = reminder_due(status.sisa_hari, reminder_days)
    if threshold is not None:
        due.append(Pengingat(JenisPengingat.KEDALUWARSA, threshold))
    if status.rekognisi == StatusRekognisi.BELUM_MEMENUHI and status.valid_until < add_months(
        status.on_date, short_months
    ):
        due.append(Pengingat(JenisPengingat.REKOGNISI_KURANG))
    return due


# --- technical competence and eligibility -------------------------------------------------------


def kompetensi_covers(kompetensi, skema) -> bool:
    """A technical competence covers a skema when it names that skema, or when it names no skema but a
    bidang equal (case-insensitively) to the skema's bidang."""
    if kompetensi.skema_id is not None:
        return kompetensi.skema_id == skema.pk
    bidang = (kompetensi.bidang or "").strip().casefold()
    return bool(bidang) and bidang == (skema.bidang or "").strip().casefold()


def kompetensi_valid_on(kompetensi, on_date: date) -> bool:
    """The technical certificate was issued by ``on_date`` and, if it has an end date, not yet ended."""
    if kompetensi.issued_on > on_date:
        return False
    return kompetensi.valid_until is None or on_date <= kompetensi.valid_until


def kompetensi_kedaluwarsa(kompetensi, on_date: date) -> bool:
    """The technical certificate had an end date and it has passed (the last valid day still counts)."""
    return kompetensi.valid_until is not None and kompetensi.valid_until < on_date


@dataclass(frozen=True)
class Alasan:
    code: str
    message: str

    def __str__(self):
        return str(self.message)


@dataclass(frozen=True)
class Eligibility:
    ok: bool
    reasons: list[Alasan] = field(default_factory=list)

    def __bool__(self):
        return self.ok

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.reasons]


def eligibility(
    *, status: AsesorStatus | None, kompetensi: Iterable, skema, on_date: date, own_assessment: bool, konflik: bool
) -> Eligibility:
    """May the asesor assess ``skema`` on ``on_date``? Every reason that says no, each with a code.

    ``status``: ``asesor_status`` on that date (None: the user has no asesor profile). ``kompetensi``:
    all the asesor's technical competences. ``own_assessment``: the asesor would assess themselves.
    ``konflik``: a conflict of interest with this asesi is recorded."""
    reasons = []
    if status is None:
        reasons.append(Alasan("bukan_asesor", _("Pengguna ini belum terdaftar sebagai asesor.")))
    elif status.status == StatusAsesor.TIDAK_ADA_SERTIFIKAT:
        reasons.append(
            Alasan("tidak_ada_sertifikat", _("Asesor tidak memiliki sertifikat asesor yang berlaku pada tanggal itu."))
        )
    elif status.status == StatusAsesor.KEDALUWARSA:
        reasons.append(
            Alasan(
                "sertifikat_kedaluwarsa",
                _("Sertifikat asesor sudah kedaluwarsa (berlaku sampai %(tanggal)s).")
                % {"tanggal": status.valid_until.strftime("%d-%m-%Y")},
            )
        )
    covering = [k for k in kompetensi if kompetensi_covers(k, skema)]
    if not covering:
        reasons.append(
            Alasan("tanpa_kompetensi_teknis", _("Asesor tidak memiliki kompetensi teknis untuk skema ini."))
        )
    elif not any(kompetensi_valid_on(k, on_date) for k in covering):
        reasons.append(
            Alasan(
                "kompetensi_teknis_tidak_berlaku",
                _("Sertifikat teknis asesor untuk skema ini tidak berlaku pada tanggal itu."),
            )
        )
    if own_assessment:
        reasons.append(Alasan("asesmen_diri_sendiri", _("Asesor tidak boleh menilai dirinya sendiri.")))
    if konflik:
        reasons.append(
            Alasan("konflik_kepentingan", _("Ada konflik kepentingan yang tercatat antara asesor dan asesi ini."))
        )
    return Eligibility(ok=not reasons, reasons=reasons)


# --- state machines -----------------------------------------------------------------------------


class StatusVerifikasi(TextChoices):
    """An assessment-log entry. Internal entries (written by the asesmen app) are accepted as they are
    written; external ones (assessments for other LSPs) wait for an admin to check the evidence, and
    only accepted entries count towards recognition."""

    MENUNGGU = "menunggu", _("Menunggu verifikasi")
    DITERIMA = "diterima", _("Diterima")
    DITOLAK = "ditolak", _("Ditolak")


# Only accepted entries count towards recognition.
VERIFIKASI_DIHITUNG = StatusVerifikasi.DITERIMA

VERIFIKASI_TRANSITIONS = {
    StatusVerifikasi.MENUNGGU: {StatusVerifikasi.DITERIMA, StatusVerifikasi.DITOLAK},
    StatusVerifikasi.DITERIMA: set(),
    StatusVerifikasi.DITOLAK: set(),
}


class StatusPengajuan(TextChoices):
    """An asesor's request for recognition (RCC), with evidence, that admin LSP decides."""

    DIAJUKAN = "diajukan", _("Diajukan")
    DISETUJUI = "disetujui", _("Disetujui")
    DITOLAK = "ditolak", _("Ditolak")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


PENGAJUAN_ADMIN = "admin_lsp"
PENGAJUAN_PEMILIK = "pemilik"  # the asesor who asked

# (from, to) → who may make the move. Only an open request moves; approving records the new certificate.
PENGAJUAN_TRANSITIONS = {
    (StatusPengajuan.DIAJUKAN, StatusPengajuan.DISETUJUI): PENGAJUAN_ADMIN,
    (StatusPengajuan.DIAJUKAN, StatusPengajuan.DITOLAK): PENGAJUAN_ADMIN,
    (StatusPengajuan.DIAJUKAN, StatusPengajuan.DIBATALKAN): PENGAJUAN_PEMILIK,
}


def pengajuan_transition_error(*, source: str, target: str, is_admin: bool, is_owner: bool) -> str | None:
    """Why a recognition request may not move from ``source`` to ``target`` by this actor (a code), or
    None. Admin LSP decides, but never on their own request (impartiality); only the asesor who asked
    withdraws it."""
    who = PENGAJUAN_TRANSITIONS.get((source, target))
    if who is None:
        return "transisi_tidak_sah"
    if who == PENGAJUAN_ADMIN:
        if not is_admin:
            return "bukan_admin"
        return "keputusan_diri_sendiri" if is_owner else None
    return None if is_owner else "bukan_pemilik"


PENGAJUAN_BUKTI_MAKSIMUM = 5


def rekognisi_dapat_diajukan(status: AsesorStatus, *, ada_pengajuan_terbuka: bool) -> bool:
    """Whether the asesor's pages offer "Ajukan rekognisi": the recognition rule holds and no request is open."""
    return not rekognisi_issues(status) and not ada_pengajuan_terbuka


def pengajuan_issues(*, status: AsesorStatus, jumlah_bukti: int, ada_pengajuan_terbuka: bool) -> list["InputIssue"]:
    """May the asesor ask for recognition now? The recognition rule (``rekognisi_issues``), at least one
    piece of evidence and at most ``PENGAJUAN_BUKTI_MAKSIMUM``, and no other request still open."""
    issues = list(rekognisi_issues(status))
    if ada_pengajuan_terbuka:
        message = _("Masih ada pengajuan rekognisi yang menunggu keputusan.")
        issues.append(InputIssue(None, "pengajuan_terbuka", message))
    if jumlah_bukti < 1:
        issues.append(InputIssue("bukti", "bukti_wajib", _("Unggah minimal satu dokumen bukti.")))
    elif jumlah_bukti > PENGAJUAN_BUKTI_MAKSIMUM:
        issues.append(
            InputIssue(
                "bukti", "bukti_terlalu_banyak",
                _("Paling banyak %(n)s dokumen bukti.") % {"n": PENGAJUAN_BUKTI_MAKSIMUM},
            )
        )
    return issues


class HasilPeserta(TextChoices):
    """A diklat participant. Verdicts are only kompeten / belum kompeten (K / BK)."""

    TERDAFTAR = "terdaftar", _("Terdaftar")
    KOMPETEN = "kompeten", _("Kompeten")
    BELUM_KOMPETEN = "belum_kompeten", _("Belum kompeten")
    MENGUNDURKAN_DIRI = "mengundurkan_diri", _("Mengundurkan diri")


# Belum kompeten may be assessed again (and become kompeten); kompeten and withdrawn are final.
PESERTA_TRANSITIONS = {
    HasilPeserta.TERDAFTAR: {HasilPeserta.KOMPETEN, HasilPeserta.BELUM_KOMPETEN, HasilPeserta.MENGUNDURKAN_DIRI},
    HasilPeserta.BELUM_KOMPETEN: {HasilPeserta.KOMPETEN, HasilPeserta.MENGUNDURKAN_DIRI},
    HasilPeserta.KOMPETEN: set(),
    HasilPeserta.MENGUNDURKAN_DIRI: set(),
}


def can_transition(transitions: dict, current: str, target: str) -> bool:
    return target in transitions.get(current, set())


# The skema an asesor candidate is assessed on (seeded by lsp/demo.py); a diklat proposes it by default.
SKEMA_ASESOR_KOMPETENSI_KODE = "SKM-MET-ASKOM-2023"


# --- input rules (the services check them; forms only shape input) ------------------------------


@dataclass(frozen=True)
class InputIssue:
    """One reason a service refuses its input. ``field`` names the form field it belongs to (``None``: the
    input as a whole). The services raise every issue at once, so a form page shows them together."""

    field: str | None
    code: str
    message: str
    params: dict | None = None  # the numbers in ``message``, for callers that check them


def akun_baru_issues(*, nama_lengkap: str, email: str) -> list[InputIssue]:
    """A new account made for an asesor needs a full name and an email (the person sets a password
    through "Lupa kata sandi", which mails them)."""
    fields = (("nama_lengkap", nama_lengkap), ("email", email))
    return [InputIssue(f, "required", _("Wajib untuk akun baru.")) for f, value in fields if not (value or "").strip()]


PENGGUNA_WAJIB = _("Pilih akun yang sudah ada atau isi nama pengguna baru.")


def kompetensi_issues(*, has_skema: bool, bidang: str, issued_on: date, valid_until: date | None) -> list[InputIssue]:
    """A technical competence names a skema or a bidang, and does not end before it was issued."""
    issues = []
    if not has_skema and not (bidang or "").strip():
        issues.append(InputIssue(None, "skema_atau_bidang", _("Pilih skema atau isi bidang.")))
    if valid_until is not None and issued_on is not None and valid_until < issued_on:
        issues.append(InputIssue("valid_until", "tanggal_terbalik", _("Tidak boleh sebelum tanggal terbit.")))
    return issues


def riwayat_eksternal_issues(
    *, tanggal: date, nama_lsp: str, has_skema: bool, skema_nama: str, has_dokumen: bool, jumlah_asesi, today: date
) -> list[InputIssue]:
    """An assessment done for another LSP: not in the future, the LSP named, a skema picked or named, its
    evidence attached, at least one asesi."""
    issues = []
    if tanggal > today:
        issues.append(InputIssue("tanggal", "tanggal_masa_depan", _("Tanggal asesmen tidak boleh di masa depan.")))
    if not (nama_lsp or "").strip():
        issues.append(InputIssue("nama_lsp", "required", _("Nama LSP wajib diisi.")))
    if not has_skema and not (skema_nama or "").strip():
        issues.append(InputIssue(None, "skema_atau_nama", _("Pilih skema atau tulis nama skema.")))
    if not has_dokumen:
        issues.append(InputIssue("dokumen", "dokumen_wajib", _("Unggah dokumen bukti asesmen.")))
    if jumlah_asesi is None or jumlah_asesi < 1:
        issues.append(InputIssue("jumlah_asesi", "jumlah_asesi", _("Jumlah asesi minimal 1.")))
    return issues


def diklat_jadwal_issues(*, tanggal_mulai: date, tanggal_selesai: date, has_tuk: bool, tempat: str) -> list[InputIssue]:
    """A diklat ends on or after its first day and happens at a TUK or a named place."""
    issues = []
    if tanggal_selesai < tanggal_mulai:
        issues.append(InputIssue("tanggal_selesai", "tanggal_terbalik", _("Tidak boleh sebelum tanggal mulai.")))
    if not has_tuk and not (tempat or "").strip():
        issues.append(InputIssue(None, "tuk_atau_tempat", _("Pilih TUK atau isi tempat.")))
    return issues


def diklat_master_issues(*, master_is_master: bool, master_berlaku: bool | None) -> list[InputIssue]:
    """A diklat is led by a Master Asesor whose asesor certificate is valid on its first day
    (``master_berlaku``: that status, asked only of a Master Asesor)."""
    if not master_is_master:
        return [InputIssue("master_asesor", "bukan_master_asesor", _("Asesor ini bukan Master Asesor."))]
    if not master_berlaku:
        message = _("Sertifikat asesor Master Asesor ini tidak berlaku pada tanggal mulai diklat.")
        return [InputIssue("master_asesor", "master_asesor_tidak_berlaku", message)]
    return []


# --- audit trail -----------------------------------------------------------------------------------------


class AuditAction(TextChoices):
    """What the asesor app writes to the audit trail (registered with ``lsp.audit`` in ``AsesorConfig.ready``)."""

    ASESOR_REGISTER = "asesor.register", _("Asesor didaftarkan")
    ASESOR_UPDATE = "asesor.update", _("Data asesor diubah")
    ASESOR_SERTIFIKAT_RECORD = "asesor.sertifikat_record", _("Sertifikat asesor dicatat")
    ASESOR_REKOGNISI = "asesor.rekognisi", _("Rekognisi asesor dicatat")
    ASESOR_KOMPETENSI_ADD = "asesor.kompetensi_add", _("Kompetensi teknis asesor ditambahkan")
    ASESOR_KOMPETENSI_UPDATE = "asesor.kompetensi_update", _("Kompetensi teknis asesor diubah")
    ASESOR_RIWAYAT_INTERNAL = "asesor.riwayat_internal", _("Asesmen di LSP ini dicatat di riwayat asesor")
    ASESOR_RIWAYAT_EKSTERNAL = "asesor.riwayat_eksternal", _("Asesmen di luar LSP dicatat di riwayat asesor")
    ASESOR_RIWAYAT_VERIFY = "asesor.riwayat_verify", _("Riwayat asesmen asesor diverifikasi")
    ASESOR_KONFLIK_DECLARE = "asesor.konflik_declare", _("Konflik kepentingan asesor dinyatakan")
    ASESOR_DIKLAT_CREATE = "asesor.diklat_create", _("Diklat asesor dibuat")
    ASESOR_DIKLAT_UPDATE = "asesor.diklat_update", _("Diklat asesor diubah")
    ASESOR_DIKLAT_PESERTA_ADD = "asesor.diklat_peserta_add", _("Peserta diklat ditambahkan")
    ASESOR_DIKLAT_PESERTA_HASIL = "asesor.diklat_peserta_hasil", _("Hasil peserta diklat dicatat")
    ASESOR_DIKLAT_PESERTA_KOMPETEN = "asesor.diklat_peserta_kompeten", _("Peserta diklat dinyatakan kompeten")
    ASESOR_REKOGNISI_AJUKAN = "asesor.rekognisi_ajukan", _("Asesor mengajukan rekognisi")
    ASESOR_REKOGNISI_PUTUS = "asesor.rekognisi_putus", _("Pengajuan rekognisi asesor diputuskan")
