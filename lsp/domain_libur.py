"""The LSP's holiday calendar (hari libur nasional and cuti bersama, R64). Pure rules: no ORM, no clock
(``today`` is passed in).

The government sets them each year by an SKB of three ministers (Menteri Agama, Menteri Ketenagakerjaan,
Menteri PANRB); the LSP keeps its own copy as master data. A day in it is not a working day for the
pleno's 5 working days (``asesmen.domain_keputusan.hari_kerja_antara``).

* ``JenisLibur`` — *libur nasional* or *cuti bersama*; both are days off.
* ``tahun_dari`` — the year a list page shows (``?tahun=``), today's year when missing or nonsense.
* ``check_rows`` — the rows of an import file: every error per row and column, nothing kept when any is
  wrong (the page says so)."""

import datetime
import re
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from .domain import parse_import_date as parse_tanggal

TAHUN_MIN, TAHUN_MAX = 2000, 2100
NAMA_MAX = 150
IMPORT_MAX_ROWS = 400  # a year has at most 366 days; a file with more rows is not one year's calendar



class JenisLibur(models.TextChoices):
    LIBUR_NASIONAL = "libur_nasional", _("Libur nasional")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")


# what a spreadsheet may write in the "jenis" column (compared lower-case, "_" and "-" as spaces)
JENIS_ALIASES = {
    JenisLibur.LIBUR_NASIONAL: ("libur nasional", "nasional", "libur", "ln", "hari libur nasional"),
    JenisLibur.CUTI_BERSAMA: ("cuti bersama", "cuti", "cb"),
}
COLUMNS = ("tanggal", "nama", "jenis")
COLUMN_ALIASES = {
    "tanggal": ("tanggal", "tgl", "date"),
    "nama": ("nama", "nama libur", "keterangan", "nama hari libur"),
    "jenis": ("jenis", "jenis libur"),
}

MESSAGES = {
    "kolom_kurang": _("Kolom wajib tidak ada: %(kolom)s."),
    "kosong": _("Tidak ada baris data di bawah judul kolom."),
    "terlalu_banyak": _("Berkas berisi lebih dari %(n)s baris; satu tahun paling banyak 366 hari."),
    "wajib": _("wajib diisi."),
    "tanggal_invalid": _("tanggal tidak valid (gunakan YYYY-MM-DD atau DD-MM-YYYY)."),
    "tanggal_tahun_lain": _("tanggal %(tanggal)s bukan di tahun %(tahun)s yang diimpor."),
    "tanggal_ganda": _("tanggal %(tanggal)s sudah ada di baris %(baris)s."),
    "nama_panjang": _("terlalu panjang (maksimal %(n)s karakter)."),
    "jenis_invalid": _("isi 'libur nasional' atau 'cuti bersama'."),
}


def _key(text) -> str:
    text = re.sub(r"[_\-]+", " ", str(text or "")).strip().lower()
    return re.sub(r"\s+", " ", text)


def tahun_dari(raw, *, today: datetime.date) -> int:
    """The year of ``?tahun=``: a number from 2000 to 2100, else this year."""
    text = str(raw or "").strip()
    if text.isdigit() and TAHUN_MIN <= int(text) <= TAHUN_MAX:
        return int(text)
    return today.year


def parse_jenis(value) -> str | None:
    key = _key(value)
    for jenis, aliases in JENIS_ALIASES.items():
        if key == jenis.replace("_", " ") or key in aliases:
            return jenis.value
    return None


def match_columns(header: list) -> tuple[dict[str, int], list[str]]:
    """(column → index in ``header``, the required columns missing). Extra columns are ignored."""
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = _key(cell)
        for column, aliases in COLUMN_ALIASES.items():
            if key in aliases:
                found.setdefault(column, index)
    return found, [c for c in COLUMNS if c not in found]


@dataclass(frozen=True)
class BarisLibur:
    baris: int
    tanggal: datetime.date
    nama: str
    jenis: str


@dataclass(frozen=True)
class Masalah:
    baris: int | None  # the row number the user sees in the spreadsheet (None: the whole file)
    kolom: str
    pesan: str
    code: str


@dataclass
class HasilPeriksa:
    rows: list[BarisLibur] = field(default_factory=list)
    errors: list[Masalah] = field(default_factory=list)


def _masalah(baris, kolom, code, /, **params) -> Masalah:
    message = MESSAGES[code]
    return Masalah(baris, kolom, str(message % params if params else message), code)


def check_rows(header: list, rows: list[tuple[int, list]], *, tahun: int, header_row: int = 1) -> HasilPeriksa:
    """Check every row of an import of ``tahun``: the date valid, in that year and once in the file; the
    name given and not too long; the kind one of the two. Any error → ``rows`` is empty (nothing saved)."""
    result = HasilPeriksa()
    columns, missing = match_columns(header)
    if missing:
        result.errors.append(_masalah(header_row, "", "kolom_kurang", kolom=", ".join(missing)))
        return result
    if not rows:
        result.errors.append(_masalah(None, "", "kosong"))
        return result
    if len(rows) > IMPORT_MAX_ROWS:
        result.errors.append(_masalah(None, "", "terlalu_banyak", n=IMPORT_MAX_ROWS))
        return result
    seen: dict[datetime.date, int] = {}
    for number, cells in rows:
        values = {c: (cells[i] if i < len(cells) else None) for c, i in columns.items()}
        problems = []
        raw_tanggal = str(values["tanggal"] or "").strip()
        tanggal = parse_tanggal(values["tanggal"])
        if not raw_tanggal:
            problems.append(_masalah(number, "tanggal", "wajib"))
        elif tanggal is None:
            problems.append(_masalah(number, "tanggal", "tanggal_invalid"))
        elif tanggal.year != tahun:
            problems.append(_masalah(number, "tanggal", "tanggal_tahun_lain", tanggal=tanggal.isoformat(),
                                     tahun=tahun))
        elif tanggal in seen:
            problems.append(_masalah(number, "tanggal", "tanggal_ganda", tanggal=tanggal.isoformat(),
                                     baris=seen[tanggal]))
        else:
            seen[tanggal] = number
        nama = re.sub(r"\s+", " ", str(values["nama"] or "")).strip()
        if not nama:
            problems.append(_masalah(number, "nama", "wajib"))
        elif len(nama) > NAMA_MAX:
            problems.append(_masalah(number, "nama", "nama_panjang", n=NAMA_MAX))
        raw_jenis = str(values["jenis"] or "").strip()
        jenis = parse_jenis(raw_jenis)
        if not raw_jenis:
            problems.append(_masalah(number, "jenis", "wajib"))
        elif jenis is None:
            problems.append(_masalah(number, "jenis", "jenis_invalid"))
        if problems:
            result.errors.extend(problems)
        else:
            result.rows.append(BarisLibur(number, tanggal, nama, jenis))
    if result.errors:
        result.rows = []
    return result
