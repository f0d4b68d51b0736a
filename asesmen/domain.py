"""Pure rules of the asesmen app: no ORM, no clock, no I/O (``now`` / ``today`` are passed in).

Planning (flow step 4, ``docs/domain.md``):

- the jadwal (batch) state machine: ``JADWAL_TRANSITIONS`` is the one list of moves, applied only by
  ``asesmen.services.jadwal_transition``;
- the scheduling guards on top of ``asesor.selectors.asesor_can_assess`` (R6): dates, capacity, no double
  booking of an asesor at overlapping times, at most ``LSP_ASESI_PER_ASESOR_PER_HARI`` asesi per asesor
  per day (R20–R23);
- what must be done before an asesi's assessment may start (``assessment_can_start``, R24);
- the FR.MAPA.01/02 vocabularies (approach, methods, evidence kinds, IA instruments);
- the ``.ics`` text of a schedule.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# --- jadwal (batch) -------------------------------------------------------------------------------


class StatusJadwal(models.TextChoices):
    DIRENCANAKAN = "direncanakan", _("Direncanakan")
    BERJALAN = "berjalan", _("Berjalan")
    SELESAI = "selesai", _("Selesai")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


# A batch is "open" (holds asesi, books its asesors) in these states.
JADWAL_OPEN = frozenset({StatusJadwal.DIRENCANAKAN, StatusJadwal.BERJALAN})
# Asesi, asesors, dates and the plan may change only while the batch is planned.
JADWAL_EDITABLE = frozenset({StatusJadwal.DIRENCANAKAN})

JADWAL_TRANSITIONS = frozenset(
    {
        (StatusJadwal.DIRENCANAKAN, StatusJadwal.BERJALAN),
        (StatusJadwal.BERJALAN, StatusJadwal.SELESAI),
        (StatusJadwal.DIRENCANAKAN, StatusJadwal.DIBATALKAN),
    }
)

KAPASITAS_MAKSIMAL = 500


def jadwal_allowed_targets(source: str) -> list[str]:
    return [t for (s, t) in sorted(JADWAL_TRANSITIONS) if s == source]


def jadwal_waktu_errors(*, mulai: datetime, selesai: datetime, now: datetime) -> list[str]:
    """A batch starts in the future and ends after it starts (R20)."""
    codes = []
    if mulai < now:
        codes.append("mulai_lampau")
    if selesai <= mulai:
        codes.append("selesai_sebelum_mulai")
    return codes


def kapasitas_error(*, kapasitas: int, terisi: int, tambahan: int = 0) -> str | None:
    """Capacity between 1 and ``KAPASITAS_MAKSIMAL``; the asesi placed never exceed it (R21)."""
    if not 1 <= kapasitas <= KAPASITAS_MAKSIMAL:
        return "kapasitas_invalid"
    if terisi + tambahan > kapasitas:
        return "kapasitas_penuh"
    return None


def jadwal_transition_error(
    *, source: str, target: str, tuk_siap: bool, jumlah_peserta: int, peserta_tanpa_asesor: int
) -> str | None:
    """Why a batch may not move from ``source`` to ``target`` (a code), or None. Starting needs a
    verified TUK (verifikasi TUK), at least one asesi, and an asesor for every asesi."""
    if (source, target) not in JADWAL_TRANSITIONS:
        return "jadwal_transition_not_allowed"
    if target == StatusJadwal.BERJALAN:
        if not tuk_siap:
            return "tuk_belum_siap"
        if jumlah_peserta < 1:
            return "jadwal_kosong"
        if peserta_tanpa_asesor:
            return "peserta_tanpa_asesor"
    return None


# --- asesor booking -------------------------------------------------------------------------------


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Two half-open time ranges [start, end) share a moment; touching ends do not overlap."""
    return a_start < b_end and b_start < a_end


def days_of(start: date, end: date) -> list[date]:
    """Every calendar day from ``start`` to ``end`` inclusive."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def asesi_per_hari(batches) -> Counter:
    """``batches``: (first day, last day, number of asesi of the asesor) per batch. The asesi an asesor
    assesses on each day (a batch over several days counts its asesi on each of them)."""
    load = Counter()
    for first, last, n in batches:
        for day in days_of(first, last):
            load[day] += n
    return load


def beban_error(*, existing, first: date, last: date, adding: int, maximum: int) -> date | None:
    """The first day on which adding ``adding`` asesi (to a batch from ``first`` to ``last``) brings the
    asesor above ``maximum`` asesi (R23); ``existing`` as for ``asesi_per_hari``. None when it fits."""
    load = asesi_per_hari(existing)
    for day in days_of(first, last):
        if load[day] + adding > maximum:
            return day
    return None


# --- before the assessment ------------------------------------------------------------------------


class Rekomendasi(models.TextChoices):
    """The asesor's recommendation on FR.APL.02."""

    LANJUT = "lanjut", _("Asesmen dapat dilanjutkan")
    TIDAK_LANJUT = "tidak_lanjut", _("Asesmen tidak dapat dilanjutkan")


KONSULTASI_CHECKLIST = (
    ("proses", _("Proses asesmen dan jadwalnya dijelaskan")),
    ("bukti", _("Bukti yang harus disiapkan dijelaskan")),
    ("hak", _("Hak asesi, termasuk banding, dijelaskan")),
    ("kerahasiaan", _("Kerahasiaan dan penggunaan data dijelaskan")),
)

TUK_CHECKLIST = (
    ("tempat", _("Tempat sesuai dan layak")),
    ("peralatan", _("Peralatan yang dibutuhkan skema tersedia dan berfungsi")),
    ("bahan", _("Bahan dan materi uji tersedia")),
    ("k3", _("Keselamatan dan kesehatan kerja (K3) terpenuhi")),
)


@dataclass(frozen=True)
class Persiapan:
    """What is recorded for one asesi before the assessment (inputs of ``assessment_can_start``)."""

    jadwal_status: str
    tuk_siap: bool
    pernyataan_asesor: bool
    konsultasi_lengkap: bool
    ak01_asesi: bool
    ak01_asesor: bool
    rekomendasi: str = ""


def assessment_can_start(p: Persiapan) -> list[str]:
    """What is still missing before the assessment of one asesi may start (codes; empty = may start), R24:
    the batch is running, the TUK verified, the asesor's impartiality declaration signed, the pre-assessment
    consultation confirmed by both, FR.AK.01 agreed by both, and APL.02 recommended *lanjut*."""
    missing = []
    if p.jadwal_status != StatusJadwal.BERJALAN:
        missing.append("jadwal_belum_berjalan")
    if not p.tuk_siap:
        missing.append("tuk_belum_siap")
    if not p.pernyataan_asesor:
        missing.append("pernyataan_belum")
    if not p.konsultasi_lengkap:
        missing.append("konsultasi_belum")
    if not (p.ak01_asesi and p.ak01_asesor):
        missing.append("ak01_belum")
    if p.rekomendasi != Rekomendasi.LANJUT:
        missing.append("rekomendasi_belum")
    return missing


# --- FR.MAPA.01 / 02 ------------------------------------------------------------------------------


class Pendekatan(models.TextChoices):
    HASIL_PELATIHAN = "hasil_pelatihan", _("Hasil pelatihan dan/atau pendidikan")
    PEKERJA_BERPENGALAMAN = "pekerja_berpengalaman", _("Pekerja berpengalaman")
    PELATIHAN_MANDIRI = "pelatihan_mandiri", _("Pelatihan/belajar mandiri")
    RPL = "rpl", _("Rekognisi pembelajaran lampau (RPL)")


class Konteks(models.TextChoices):
    TEMPAT_KERJA = "tempat_kerja", _("Tempat kerja nyata")
    SIMULASI = "simulasi", _("Tempat kerja simulasi")


class Metode(models.TextChoices):
    OBSERVASI = "observasi", _("Observasi langsung")
    KEGIATAN_TERSTRUKTUR = "kegiatan_terstruktur", _("Kegiatan terstruktur")
    TANYA_JAWAB = "tanya_jawab", _("Tanya jawab (lisan)")
    TES_TERTULIS = "tes_tertulis", _("Tes tertulis")
    WAWANCARA = "wawancara", _("Wawancara")
    PORTOFOLIO = "portofolio", _("Verifikasi portofolio")
    PIHAK_KETIGA = "pihak_ketiga", _("Verifikasi pihak ketiga")


class JenisBukti(models.TextChoices):
    L = "L", _("L — langsung")
    TL = "TL", _("TL — tidak langsung")
    T = "T", _("T — tambahan")


class Instrumen(models.TextChoices):
    """The FR.IA instruments (``docs/domain.md`` step 5); FR.MAPA.02 picks them per unit."""

    IA01 = "IA.01", _("FR.IA.01 Ceklis observasi")
    IA02 = "IA.02", _("FR.IA.02 Tugas praktik demonstrasi")
    IA03 = "IA.03", _("FR.IA.03 Pertanyaan pendukung observasi")
    IA05 = "IA.05", _("FR.IA.05 Pertanyaan tertulis pilihan ganda")
    IA06 = "IA.06", _("FR.IA.06 Pertanyaan tertulis esai")
    IA07 = "IA.07", _("FR.IA.07 Pertanyaan lisan")
    IA08 = "IA.08", _("FR.IA.08 Verifikasi portofolio")
    IA09 = "IA.09", _("FR.IA.09 Wawancara")
    IA10 = "IA.10", _("FR.IA.10 Klarifikasi bukti pihak ketiga")
    IA11 = "IA.11", _("FR.IA.11 Meninjau instrumen")


class BuktiAK01(models.TextChoices):
    """The evidence asesi and asesor agree on in FR.AK.01."""

    PORTOFOLIO = "portofolio", _("TL: Verifikasi portofolio")
    PIHAK_KETIGA = "pihak_ketiga", _("TL: Reviu produk / bukti pihak ketiga")
    OBSERVASI = "observasi", _("L: Observasi langsung")
    KEGIATAN_TERSTRUKTUR = "kegiatan_terstruktur", _("L: Hasil kegiatan terstruktur")
    TANYA_JAWAB = "tanya_jawab", _("T: Tanya jawab")
    TERTULIS = "tertulis", _("T: Pertanyaan tertulis")
    WAWANCARA = "wawancara", _("T: Wawancara")


def mapa_elemen_errors(*, metode, jenis_bukti) -> list[str]:
    """An element's plan names at least one known method and one known evidence kind."""
    codes = []
    if not metode or not set(metode) <= set(Metode.values):
        codes.append("mapa_metode")
    if not jenis_bukti or not set(jenis_bukti) <= set(JenisBukti.values):
        codes.append("mapa_bukti")
    return codes


def mapa_errors(*, metode, jenis_bukti, instrumen) -> list[str]:
    """A unit's plan: as an element's, and at least one known instrument (FR.MAPA.02)."""
    codes = mapa_elemen_errors(metode=metode, jenis_bukti=jenis_bukti)
    if not instrumen or not set(instrumen) <= set(Instrumen.values):
        codes.append("mapa_instrumen")
    return codes


# --- calendar file --------------------------------------------------------------------------------


def _ics_escape(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_time(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%SZ")


def ics_event(*, uid: str, start: datetime, end: datetime, summary: str, location: str, description: str,
              stamp: datetime, cancelled: bool = False) -> str:
    """One VEVENT in a VCALENDAR (RFC 5545); times must be UTC."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Sistem Sertifikasi LSP//Jadwal Uji Kompetensi//ID",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_ics_time(stamp)}",
        f"DTSTART:{_ics_time(start)}",
        f"DTEND:{_ics_time(end)}",
        f"SUMMARY:{_ics_escape(summary)}",
        f"LOCATION:{_ics_escape(location)}",
        f"DESCRIPTION:{_ics_escape(description)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


# --- messages -------------------------------------------------------------------------------------

MESSAGES = {
    "mulai_lampau": _("Waktu mulai tidak boleh di masa lalu."),
    "selesai_sebelum_mulai": _("Waktu selesai harus sesudah waktu mulai."),
    "kapasitas_invalid": _("Kapasitas harus antara 1 dan %(max)s asesi."),
    "kapasitas_penuh": _("Kapasitas jadwal (%(kapasitas)s asesi) terlampaui."),
    "kapasitas_kurang": _("Kapasitas tidak boleh lebih kecil dari jumlah asesi yang sudah dijadwalkan (%(n)s)."),
    "skema_tidak_aktif": _("Skema ini tidak aktif."),
    "tuk_tidak_aktif": _("TUK ini tidak aktif."),
    "skema_tidak_sama": _("Permohonan %(nomor)s bukan untuk skema jadwal ini."),
    "permohonan_bukan_diterima": _(
        "Permohonan %(nomor)s berstatus “%(status)s”; hanya permohonan diterima yang dapat dijadwalkan."
    ),
    "sudah_dijadwalkan": _(
        "Asesi %(nama)s sudah berada di jadwal lain yang masih berjalan untuk skema ini (%(kode)s)."
    ),
    "jadwal_terkunci": _("Jadwal %(kode)s tidak dapat diubah karena berstatus “%(status)s”."),
    "jadwal_transition_not_allowed": _("Perubahan status jadwal dari “%(dari)s” ke “%(ke)s” tidak diperbolehkan."),
    "tuk_belum_siap": _("Verifikasi kesiapan TUK belum lengkap."),
    "jadwal_kosong": _("Jadwal belum memiliki asesi."),
    "peserta_tanpa_asesor": _("Setiap asesi harus sudah memiliki asesor sebelum jadwal dimulai."),
    "asesor_tidak_layak": _("Asesor %(asesor)s tidak dapat ditugaskan: %(alasan)s"),
    "asesor_bentrok": _("Asesor %(asesor)s sudah bertugas pada waktu yang bertumpuk (%(kode)s)."),
    "asesor_penuh": _("Asesor %(asesor)s akan menilai lebih dari %(max)s asesi pada %(tanggal)s."),
    "asesor_sudah_ditugaskan": _("Asesor ini sudah ditugaskan pada jadwal ini."),
    "asesor_bukan_penugasan": _("Tugaskan asesor ini pada jadwal terlebih dahulu."),
    "penugasan_masih_dipakai": _("Asesor masih dipasangkan dengan asesi di jadwal ini; pindahkan asesinya dulu."),
    "pindah_jadwal_sama": _("Pilih jadwal lain untuk memindahkan asesi."),
    "peserta_tidak_aktif": _("Asesi ini tidak lagi berada di jadwal ini."),
    "bukan_asesor_penugasan": _("Hanya asesor yang ditugaskan untuk asesi ini yang dapat melakukannya."),
    "bukan_asesi_pemilik": _("Hanya asesi yang bersangkutan yang dapat menyetujui."),
    "ak01_belum_diisi": _("Asesor belum mengisi rencana FR.AK.01 (bukti, tempat, dan waktu)."),
    "ak01_bukti": _("Pilih minimal satu bukti yang disepakati."),
    "ak01_tempat": _("Tuliskan tempat asesmen."),
    "ak01_waktu": _("Waktu asesmen harus dalam rentang jadwal."),
    "konsultasi_checklist": _("Semua butir konsultasi pra-asesmen harus sudah dijelaskan."),
    "konsultasi_belum_asesor": _("Asesor belum mencatat konsultasi pra-asesmen."),
    "rekomendasi_invalid": _("Pilih rekomendasi: asesmen dapat dilanjutkan atau tidak."),
    "catatan_wajib": _("Tuliskan alasannya."),
    "tanggal_verifikasi": _("Tanggal verifikasi tidak boleh di masa depan."),
    "mapa_metode": _("Pilih minimal satu metode asesmen."),
    "mapa_bukti": _("Pilih minimal satu jenis bukti (L/TL/T)."),
    "mapa_instrumen": _("Pilih minimal satu instrumen (FR.MAPA.02)."),
    "mapa_unit": _("Unit ini bukan bagian dari skema jadwal."),
    "mapa_elemen": _("Elemen %(nama)s: pilih minimal satu metode dan satu jenis bukti (L/TL/T)."),
    "mapa_sumber": _("Rencana hanya dapat disalin dari jadwal lain dengan skema yang sama."),
    "mapa_sumber_kosong": _("Jadwal sumber belum memiliki rencana asesmen."),
    "pernyataan_belum_asesor": _("Anda tidak ditugaskan pada jadwal ini."),
    # assessment_can_start
    "jadwal_belum_berjalan": _("Jadwal belum dimulai."),
    "pernyataan_belum": _("Asesor belum menandatangani pernyataan ketidakberpihakan."),
    "konsultasi_belum": _("Konsultasi pra-asesmen belum dikonfirmasi asesi dan asesor."),
    "ak01_belum": _("FR.AK.01 belum disetujui asesi dan asesor."),
    "rekomendasi_belum": _("Asesor belum merekomendasikan asesmen dapat dilanjutkan (FR.APL.02)."),
}


def error(code: str, **params) -> ValidationError:
    message = MESSAGES[code]
    return ValidationError(message % params if params else message, code=code)


# --- audit trail ----------------------------------------------------------------------------------


class AuditAction(models.TextChoices):
    """What the asesmen app writes to the audit trail (registered in ``AsesmenConfig.ready``)."""

    JADWAL_CREATE = "jadwal.create", _("Jadwal uji kompetensi dibuat")
    JADWAL_UPDATE = "jadwal.update", _("Jadwal uji kompetensi diubah")
    JADWAL_STATUS = "jadwal.status", _("Status jadwal uji kompetensi diubah")
    PESERTA_ADD = "peserta_jadwal.add", _("Asesi dimasukkan ke jadwal")
    PESERTA_REMOVE = "peserta_jadwal.remove", _("Asesi dikeluarkan dari jadwal")
    PESERTA_MOVE = "peserta_jadwal.move", _("Asesi dipindahkan ke jadwal lain")
    PESERTA_ASESOR = "peserta_jadwal.assign", _("Asesor dipasangkan dengan asesi")
    PENUGASAN_ADD = "penugasan_asesor.add", _("Asesor ditugaskan pada jadwal")
    PENUGASAN_REMOVE = "penugasan_asesor.remove", _("Penugasan asesor dicabut")
    PERNYATAAN_SIGN = "penugasan_asesor.declare", _("Pernyataan ketidakberpihakan ditandatangani")
    TUK_VERIFY = "verifikasi_tuk.save", _("Kesiapan TUK diverifikasi")
    MAPA_SAVE = "mapa.save", _("Rencana asesmen (FR.MAPA.01/02) disimpan")
    MAPA_COPY = "mapa.copy", _("Rencana asesmen disalin dari jadwal lain")
    KONSULTASI_SAVE = "konsultasi.save", _("Konsultasi pra-asesmen dicatat asesor")
    KONSULTASI_CONFIRM = "konsultasi.confirm", _("Konsultasi pra-asesmen dikonfirmasi asesi")
    AK01_SAVE = "persetujuan_asesmen.save", _("Rencana FR.AK.01 diisi")
    AK01_CONFIRM = "persetujuan_asesmen.confirm", _("FR.AK.01 disetujui")
    REKOMENDASI_SAVE = "peserta_jadwal.recommend", _("Rekomendasi asesor atas FR.APL.02")
    PENYESUAIAN_SAVE = "peserta_jadwal.adjust", _("Penyesuaian yang wajar (FR.AK.07) dicatat")
    ASESI_VIEW = "peserta_jadwal.view", _("Data asesi dilihat asesor yang ditugaskan")


# --- the assessment's verdict rules live with the execution stage; named here too (STYLE.md) ---------

from .domain_pelaksanaan import Verdict, overall_verdict, unit_verdict  # noqa: E402, F401
