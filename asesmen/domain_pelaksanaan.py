"""Pure rules of the assessment itself (flow steps 5–6, ``docs/domain.md``): no ORM, no clock, no I/O.

- verdicts: ``Verdict`` holds only K and BK; a KUK may also be *penilaian lanjut* while evidence is
  gathered. ``unit_verdict`` (K iff every KUK is K, nothing open) and ``overall_verdict`` (K iff every
  unit is K) are the only places these rules are decided;
- the instrument engine: every FR.IA instrument is a configuration of one of a few item types
  (``JENIS_BUTIR``), each with one way to answer and one way to judge (``jawaban_errors``);
- the IA.05 online test: its deadline, whether an answer is still accepted, its score (evidence only);
- what must hold before FR.AK.02 is submitted (``submit_errors``);
- the FR.AK.03 feedback and FR.AK.06 review questions, the signed documents.

Kept apart from ``asesmen.domain`` (planning) so each stage's rules stay readable; it imports nothing from
the app."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# --- verdicts -------------------------------------------------------------------------------------


class Verdict(models.TextChoices):
    """The only verdicts that exist, per unit and overall: no scores, no pass/fail."""

    K = "K", _("Kompeten (K)")
    BK = "BK", _("Belum kompeten (BK)")


class HasilKUK(models.TextChoices):
    """What the asesor notes per KUK (FR.IA.01): K, BK, or more evidence needed."""

    K = "K", _("K")
    BK = "BK", _("BK")
    LANJUT = "lanjut", _("Penilaian lanjut")


def unit_verdict(kuk_results: Iterable[str | None]) -> str | None:
    """The verdict of one unit from its KUK results: None while a KUK is open (no result or *penilaian
    lanjut*) or the unit has no KUK; K when every KUK is K; BK otherwise."""
    results = list(kuk_results)
    if not results or any(r not in (HasilKUK.K, HasilKUK.BK) for r in results):
        return None
    return Verdict.K if all(r == HasilKUK.K for r in results) else Verdict.BK


def overall_verdict(unit_verdicts: Iterable[str | None]) -> str | None:
    """The overall recommendation (FR.AK.02): K iff the list is non-empty and every unit is K; BK when
    every unit is decided and one is BK; None while a unit is still open."""
    verdicts = list(unit_verdicts)
    if not verdicts or any(v not in Verdict.values for v in verdicts):
        return None
    return Verdict.K if all(v == Verdict.K for v in verdicts) else Verdict.BK


def submit_errors(*, units: Mapping[object, list[str | None]], rencana_kurang: int, tindak_lanjut: str) -> list[str]:
    """Why FR.AK.02 may not be submitted yet (codes; empty = may submit). ``units``: per planned unit the
    results of its KUK; ``rencana_kurang``: units applied for that have no plan (FR.MAPA) in the batch."""
    codes = []
    if rencana_kurang:
        codes.append("rencana_tidak_lengkap")
    if not units:
        codes.append("tanpa_unit")
    verdicts = [unit_verdict(results) for results in units.values()]
    if any(v is None for v in verdicts):
        codes.append("kuk_terbuka")
    elif overall_verdict(verdicts) == Verdict.BK and not tindak_lanjut.strip():
        codes.append("tindak_lanjut_wajib")
    return codes


class StatusRekaman(models.TextChoices):
    DRAF = "draf", _("Sedang diases")
    DIAJUKAN = "diajukan", _("Diajukan (final)")


# --- the instrument engine ------------------------------------------------------------------------


class JenisButir(models.TextChoices):
    """How an item is answered and judged. Every FR.IA instrument is one of these."""

    CEKLIS = "ceklis", _("Ceklis (K / BK / penilaian lanjut)")
    MEMADAI = "memadai", _("Jawaban atau hasil kerja dinilai memadai / tidak memadai")
    PILIHAN_GANDA = "pilihan_ganda", _("Pilihan ganda dengan kunci jawaban")
    VATM = "vatm", _("Bukti diperiksa valid, asli, terkini, memadai")


# FR.MAPA.02 instrument code -> item type (the configuration of the engine).
JENIS_BUTIR = {
    "IA.01": JenisButir.CEKLIS,
    "IA.02": JenisButir.MEMADAI,
    "IA.03": JenisButir.MEMADAI,
    "IA.05": JenisButir.PILIHAN_GANDA,
    "IA.06": JenisButir.MEMADAI,
    "IA.07": JenisButir.MEMADAI,
    "IA.08": JenisButir.VATM,
    "IA.09": JenisButir.MEMADAI,
    "IA.10": JenisButir.VATM,
    "IA.11": JenisButir.MEMADAI,
}


class Penilaian(models.TextChoices):
    """The asesor's judgement of one answered item (evidence, not a verdict)."""

    K = "K", _("K")
    BK = "BK", _("BK")
    LANJUT = "lanjut", _("Penilaian lanjut")
    MEMADAI = "memadai", _("Memadai")
    TIDAK_MEMADAI = "tidak_memadai", _("Tidak memadai")


PENILAIAN_PER_JENIS = {
    JenisButir.CEKLIS: (Penilaian.K, Penilaian.BK, Penilaian.LANJUT),
    JenisButir.MEMADAI: (Penilaian.MEMADAI, Penilaian.TIDAK_MEMADAI),
    JenisButir.PILIHAN_GANDA: (Penilaian.MEMADAI, Penilaian.TIDAK_MEMADAI),
    JenisButir.VATM: (Penilaian.MEMADAI, Penilaian.TIDAK_MEMADAI),
}

VATM = (("valid", _("Valid")), ("asli", _("Asli")), ("terkini", _("Terkini")), ("memadai", _("Memadai")))
PILIHAN_HURUF = "ABCDE"
INSTRUMEN_UNGGAH = frozenset({"IA.02", "IA.11"})  # the asesi uploads work products for these
MAKS_BUKTI_KERJA = 5  # files per item


def butir_errors(*, jenis: str, pertanyaan: str, pilihan: list[str], kunci: str) -> list[str]:
    """An item of the bank: a question/criterion; a multiple-choice item has 2–5 options and its key."""
    codes = []
    if jenis not in JenisButir.values:
        codes.append("butir_jenis")
    if not pertanyaan.strip():
        codes.append("butir_pertanyaan")
    if jenis == JenisButir.PILIHAN_GANDA:
        if not 2 <= len([p for p in pilihan if p.strip()]) <= len(PILIHAN_HURUF):
            codes.append("butir_pilihan")
        elif kunci not in list(PILIHAN_HURUF[: len(pilihan)]):
            codes.append("butir_kunci")
    return codes


def jawaban_errors(*, jenis: str, penilaian: str, vatm: Mapping[str, bool] | None = None) -> list[str]:
    """An asesor's judgement fits the item type (empty = not judged yet, allowed while drafting); a
    VATM item can be *memadai* only when all four checks hold."""
    if penilaian and penilaian not in PENILAIAN_PER_JENIS.get(jenis, ()):
        return ["penilaian_tidak_sesuai"]
    if jenis == JenisButir.VATM and penilaian == Penilaian.MEMADAI and not all(
        (vatm or {}).get(key) for key, _label in VATM
    ):
        return ["vatm_tidak_lengkap"]
    return []


# Columns of the item-bank import (CSV/XLSX), header names as the template writes them.
IMPOR_KOLOM = ("instrumen", "kuk", "pertanyaan", "pilihan", "kunci", "acuan")
PILIHAN_PEMISAH = "|"


def butir_import_rows(header: list[str], rows, kuk_by_nomor: Mapping[str, object]):
    """The rows of an item-bank file for one unit → (items, errors). ``kuk_by_nomor``: "elemen.kuk"
    numbers of the unit → KUK id. An item: dict of ``butir_save`` arguments; an error: (row number, code,
    column). All or nothing: the caller writes only when there is no error."""
    names = [h.strip().lower() for h in header]
    missing = [c for c in ("instrumen", "pertanyaan") if c not in names]
    if missing:
        return [], [(0, "impor_kolom", ", ".join(missing))]
    items, errors = [], []
    for number, cells in rows:
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(names)}
        instrumen = row.get("instrumen", "").upper().removeprefix("FR.")
        jenis = JENIS_BUTIR.get(instrumen, "")
        pilihan = [p.strip() for p in row.get("pilihan", "").split(PILIHAN_PEMISAH) if p.strip()]
        kunci = row.get("kunci", "").upper()
        codes = butir_errors(jenis=jenis, pertanyaan=row.get("pertanyaan", ""), pilihan=pilihan, kunci=kunci)
        nomor = row.get("kuk", "")
        if nomor and nomor not in kuk_by_nomor:
            codes.append("butir_kuk")
        for code in codes:
            errors.append((number, code, row.get("instrumen", "")))
        if not codes:
            items.append({"instrumen": instrumen, "pertanyaan": row["pertanyaan"], "pilihan": pilihan,
                          "kunci": kunci, "acuan": row.get("acuan", ""), "kuk_id": kuk_by_nomor.get(nomor),
                          "urutan": len([i for i in items if i["instrumen"] == instrumen]) + 1})
    if not items and not errors:
        errors.append((0, "impor_kosong", ""))
    return items, errors


# --- IA.05 online test ----------------------------------------------------------------------------

DURASI_UJIAN_BAWAAN = 60  # minutes, when the bank does not say otherwise


def ujian_batas(*, mulai: datetime, durasi_menit: int, jadwal_selesai: datetime) -> datetime:
    """When an IA.05 test started at ``mulai`` closes: after its duration, never after the batch ends."""
    return min(mulai + timedelta(minutes=durasi_menit), jadwal_selesai)


def ujian_answer_error(*, now: datetime, batas: datetime, selesai: bool) -> str | None:
    """An answer is accepted before the deadline (strictly) and while the test is not handed in."""
    if selesai:
        return "ujian_selesai"
    if now >= batas:
        return "ujian_waktu_habis"
    return None


@dataclass(frozen=True)
class Skor:
    benar: int
    jumlah: int

    @property
    def persen(self) -> int:
        return round(100 * self.benar / self.jumlah) if self.jumlah else 0


def ujian_skor(answers: Mapping[object, str], keys: Mapping[object, str]) -> Skor:
    """Answers against the key, per item id; an item not answered counts as not correct."""
    return Skor(benar=sum(1 for item, key in keys.items() if answers.get(item) == key), jumlah=len(keys))


# --- FR.AK.03 / FR.AK.06 / signatures -------------------------------------------------------------

UMPAN_BALIK = (
    ("penjelasan", _("Saya mendapatkan penjelasan yang cukup memadai mengenai proses asesmen/uji kompetensi")),
    ("kesempatan", _("Saya diberikan kesempatan untuk mempelajari standar kompetensi dan menilai diri sendiri")),
    ("diskusi", _("Asesor memberikan kesempatan untuk mendiskusikan metode, instrumen, dan sumber asesmen")),
    ("menggali", _("Asesor berusaha menggali seluruh bukti pendukung yang sesuai dengan latar belakang saya")),
    ("bebas", _("Saya sepenuhnya diberikan kesempatan untuk mendemonstrasikan kompetensi yang saya miliki")),
    ("umpan", _("Saya mendapatkan penjelasan yang memadai mengenai keputusan asesmen")),
    ("rahasia", _("Asesor menjaga kerahasiaan hasil asesmen saya")),
)

TINJAUAN = (
    ("prinsip", _("Asesmen dilaksanakan sesuai prinsip asesmen (valid, reliabel, fleksibel, adil)")),
    ("aturan_bukti", _("Bukti memenuhi aturan bukti (valid, asli, terkini, memadai)")),
    ("instrumen", _("Instrumen asesmen sesuai dengan rencana (FR.MAPA.02)")),
    ("keputusan", _("Keputusan asesmen konsisten dengan bukti yang dikumpulkan")),
)


class Dokumen(models.TextChoices):
    """The forms signed online."""

    APL02 = "APL.02", _("FR.APL.02 Asesmen mandiri")
    AK01 = "AK.01", _("FR.AK.01 Persetujuan asesmen dan kerahasiaan")
    AK02 = "AK.02", _("FR.AK.02 Rekaman asesmen kompetensi")
    AK03 = "AK.03", _("FR.AK.03 Umpan balik dan catatan asesmen")


class Pihak(models.TextChoices):
    ASESI = "asesi", _("Asesi")
    ASESOR = "asesor", _("Asesor")


# Who signs which form (the asesi gives feedback alone; the others carry both signatures).
PENANDATANGAN = {
    Dokumen.APL02: (Pihak.ASESI, Pihak.ASESOR),
    Dokumen.AK01: (Pihak.ASESI, Pihak.ASESOR),
    Dokumen.AK02: (Pihak.ASESI, Pihak.ASESOR),
    Dokumen.AK03: (Pihak.ASESI,),
}

TTD_MAKS_BYTES = 200_000


# --- messages -------------------------------------------------------------------------------------

MESSAGES = {
    "bukan_asesor_penugasan": _("Hanya asesor yang ditugaskan untuk asesi ini yang dapat melakukannya."),
    "belum_dapat_dimulai": _("Asesmen belum dapat dimulai: %(alasan)s"),
    "unit_bukan_rencana": _("Unit ini tidak termasuk rencana asesmen (FR.MAPA) asesi ini."),
    "instrumen_bukan_rencana": _("Instrumen ini tidak direncanakan untuk unit tersebut (FR.MAPA.02)."),
    "hasil_kuk_invalid": _("Pilih K, BK, atau penilaian lanjut."),
    "penilaian_tidak_sesuai": _("Penilaian ini tidak sesuai dengan jenis butir instrumen."),
    "vatm_tidak_lengkap": _("Bukti hanya memadai bila valid, asli, terkini, dan memadai semuanya dicentang."),
    "rekaman_final": _("Rekaman asesmen sudah diajukan dan tidak dapat diubah lagi; koreksi hanya oleh admin LSP."),
    "rencana_tidak_lengkap": _("Ada unit yang dimohon tanpa rencana asesmen (FR.MAPA) di jadwal ini."),
    "tanpa_unit": _("Belum ada unit yang direncanakan untuk asesi ini."),
    "kuk_terbuka": _("Masih ada KUK yang belum dinilai atau berstatus penilaian lanjut."),
    "tindak_lanjut_wajib": _("Tuliskan tindak lanjut untuk unit yang belum kompeten."),
    "ttd_wajib": _("Bubuhkan tanda tangan pada kotak tanda tangan."),
    "ttd_invalid": _("Tanda tangan tidak terbaca; gambar ulang tanda tangan Anda."),
    "ttd_bukan_pihak": _("Anda tidak dapat menandatangani formulir milik orang lain."),
    "ttd_sudah": _("Formulir ini sudah Anda tandatangani."),
    "ttd_belum_siap": _("Formulir ini belum dapat ditandatangani."),
    "ujian_tidak_ada": _("Tidak ada soal pilihan ganda (FR.IA.05) yang direncanakan untuk asesi ini."),
    "ujian_belum_dimulai": _("Ujian tertulis belum dimulai."),
    "ujian_selesai": _("Ujian tertulis sudah diselesaikan; jawaban tidak dapat diubah."),
    "ujian_waktu_habis": _("Waktu ujian sudah habis; jawaban ini tidak disimpan."),
    "ujian_di_luar_jadwal": _("Ujian tertulis hanya dapat dikerjakan selama jadwal berjalan."),
    "pilihan_invalid": _("Pilih salah satu jawaban yang tersedia."),
    "umpan_balik_sudah": _("Umpan balik sudah dikirim."),
    "umpan_balik_belum_waktunya": _("Umpan balik dapat diisi setelah asesmen Anda selesai."),
    "umpan_balik_lengkap": _("Jawab semua pertanyaan umpan balik."),
    "koreksi_alasan": _("Tuliskan alasan koreksi."),
    "koreksi_bukan_final": _("Hanya rekaman yang sudah diajukan yang dikoreksi; rekaman draf diubah oleh asesornya."),
    "koreksi_tanpa_perubahan": _("Hasil baru sama dengan hasil lama."),
    "butir_jenis": _("Jenis butir tidak dikenal."),
    "butir_pertanyaan": _("Tuliskan pertanyaan atau kriteria."),
    "butir_pilihan": _("Soal pilihan ganda memerlukan 2 sampai 5 pilihan jawaban."),
    "butir_kunci": _("Pilih kunci jawaban dari pilihan yang ada."),
    "butir_kuk": _("KUK ini bukan bagian dari unit yang dipilih."),
    "bukti_kerja_instrumen": _("Hasil kerja hanya diunggah untuk tugas praktik (IA.02) atau reviu produk (IA.11)."),
    "bukti_kerja_maks": _("Maksimal %(n)s berkas per butir."),
    "impor_kolom": _("Kolom wajib tidak ada: %(kolom)s."),
    "impor_kosong": _("Berkas tidak berisi butir."),
    "impor_baris": _("Baris %(baris)s: %(pesan)s"),
}


def error(code: str, **params) -> ValidationError:
    message = MESSAGES[code]
    return ValidationError(message % params if params else message, code=code)


class AuditAction(models.TextChoices):
    """What the assessment writes to the audit trail (registered in ``AsesmenConfig.ready``)."""

    KUK_SAVE = "penilaian_kuk.save", _("Penilaian KUK dicatat")
    JAWABAN_SAVE = "jawaban_instrumen.save", _("Jawaban/penilaian instrumen dicatat")
    REKAMAN_SUBMIT = "rekaman_asesmen.submit", _("Rekaman asesmen (FR.AK.02) diajukan asesor")
    REKAMAN_CORRECT = "rekaman_asesmen.correct", _("Rekaman asesmen dikoreksi admin LSP")
    BUTIR_SAVE = "butir_instrumen.save", _("Butir bank instrumen disimpan")
    BUTIR_IMPORT = "butir_instrumen.import", _("Butir bank instrumen diimpor dari berkas")
    UJIAN_START = "ujian_tertulis.start", _("Ujian tertulis (FR.IA.05) dimulai asesi")
    UJIAN_FINISH = "ujian_tertulis.finish", _("Ujian tertulis (FR.IA.05) diselesaikan")
    UMPAN_BALIK_SAVE = "umpan_balik.save", _("Umpan balik asesi (FR.AK.03) dikirim")
    TINJAUAN_SAVE = "tinjauan_asesmen.save", _("Tinjauan proses asesmen (FR.AK.06) disimpan")
    TTD_SIGN = "tanda_tangan.sign", _("Formulir ditandatangani")
    BUKTI_KERJA_UPLOAD = "bukti_kerja.upload", _("Hasil kerja diunggah asesi")
    BUKTI_KERJA_VIEW = "bukti_kerja.view", _("Hasil kerja asesi dilihat")
