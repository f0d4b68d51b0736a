"""Reading import files (CSV or XLSX) into rows, and the downloadable templates.

``read_table`` only turns bytes into a header and numbered rows; it refuses files it cannot read with a
``ValidationError`` whose ``code`` says why (``file_empty``, ``file_too_large``, ``file_type``,
``file_corrupt``, ``file_encoding``, ``too_many_rows``). What the rows mean is checked by
``lsp.domain.validate_import``; writing is ``lsp.services.skema_import_units``.

CSV: UTF-8 with or without BOM, delimiter ``,`` ``;`` or tab (Excel in Indonesian writes ``;``), an
optional Excel ``sep=;`` first line. XLSX: the first (active) worksheet. The header is the first
non-empty row; row numbers are the ones the user sees in the spreadsheet.
"""

import csv
import datetime
import io
import os
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .domain import IMPORT_COLUMNS, match_header

DEFAULT_MAX_ROWS = 5000
MAX_COLUMNS = 50
MAX_BLANK_RUN = 1000
UNPACKED_RATIO = 20
DELIMITERS = (",", ";", "\t")
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .xls (Excel 97-2003)

# The sample rows of the downloadable template: a real SKKNI unit that no demo skema holds, so the template
# uploaded unchanged imports into any demo skema (tests/lsp/test_import_template_demo.py).
TEMPLATE_ROWS = [
    ["J.620100.017.02", "Mengimplementasikan Pemrograman Terstruktur", "Menggunakan tipe data dan kontrol program",
     "Tipe data yang sesuai standar ditentukan."],
    ["J.620100.017.02", "Mengimplementasikan Pemrograman Terstruktur", "Menggunakan tipe data dan kontrol program",
     "Syntax program dikuasai sesuai standar."],
    ["J.620100.017.02", "Mengimplementasikan Pemrograman Terstruktur", "Membuat program sederhana",
     "Program baca tulis untuk memasukkan data dari keyboard dan menampilkan ke layar dibuat."],
]


@dataclass
class Table:
    header: list[str]
    header_row: int
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def max_rows() -> int:
    return getattr(settings, "LSP_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def read_table(uploaded, *, limit_bytes: int | None = None, limit_rows: int | None = None) -> Table:
    """Read an uploaded CSV/XLSX into a :class:`Table`, or raise ``ValidationError`` (see module doc)."""
    limit_bytes = settings.LSP_IMPORT_MAX_BYTES if limit_bytes is None else limit_bytes
    limit_rows = max_rows() if limit_rows is None else limit_rows
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit_bytes:
        raise _too_large(size, limit_bytes)
    uploaded.seek(0)
    data = uploaded.read(limit_bytes + 1)
    if len(data) > limit_bytes:
        raise _too_large(len(data), limit_bytes)
    if not data.strip():
        raise ValidationError(_("Berkas kosong."), code="file_empty")

    ext = os.path.splitext(getattr(uploaded, "name", "") or "")[1].lower()
    if data.startswith(XLSX_MAGIC):
        records = _xlsx_records(data)
    elif data.startswith(OLE_MAGIC):
        raise ValidationError(
            _("Format .xls (Excel 97-2003) tidak didukung. Simpan ulang sebagai .xlsx atau CSV UTF-8."),
            code="file_type",
        )
    elif ext in {".xlsx", ".xlsm"}:
        raise ValidationError(
            _("Berkas ini bukan berkas XLSX yang sah (mungkin rusak atau hanya diganti namanya)."),
            code="file_corrupt",
        )
    elif ext in {".csv", ".txt"}:
        records = _csv_records(data)
    else:
        raise ValidationError(_("Jenis berkas tidak diterima. Unggah berkas .csv atau .xlsx."), code="file_type")
    return _table(records, limit_rows)


def _too_large(size, limit):
    return ValidationError(
        _("Ukuran berkas %(size)s melebihi batas %(limit)s.")
        % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
        code="file_too_large",
    )


def _table(records, limit_rows: int) -> Table:
    """Header = first non-empty record; then data rows (empty ones dropped) up to ``limit_rows``.

    Reading stops after ``MAX_BLANK_RUN`` blank rows in a row (sheets often carry thousands of
    formatted but empty rows)."""
    table = None
    count = blank_run = 0
    for number, cells in records:
        cells = [_cell_text(c) for c in cells[:MAX_COLUMNS]]
        while cells and not cells[-1].strip():
            cells.pop()
        if not cells:
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        if table is None:
            table = Table(header=cells, header_row=number)
            continue
        count += 1
        if count > limit_rows:
            raise ValidationError(
                _("Berkas berisi lebih dari %(limit)s baris data. Pecah menjadi beberapa berkas.")
                % {"limit": limit_rows},
                code="too_many_rows",
            )
        table.rows.append((number, cells))
    if table is None:
        raise ValidationError(_("Berkas kosong."), code="file_empty")
    return table


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


# --- XLSX -----------------------------------------------------------------------------------------
def _check_unpacked_size(data: bytes) -> None:
    """An XLSX is a zip: refuse one that unpacks to more than ``UNPACKED_RATIO`` × the upload limit
    (openpyxl loads the shared strings whole, so a "zip bomb" would exhaust memory)."""
    limit = settings.LSP_IMPORT_MAX_BYTES * UNPACKED_RATIO
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise ValidationError(
            _("Berkas ini bukan berkas XLSX yang sah (mungkin rusak atau hanya diganti namanya)."),
            code="file_corrupt",
        ) from exc
    if unpacked > limit:
        raise ValidationError(
            _("Isi berkas XLSX terlalu besar setelah dibuka (%(size)s, batas %(limit)s).")
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def _xlsx_records(data: bytes):
    from openpyxl import load_workbook

    _check_unpacked_size(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.active if workbook.active is not None else workbook.worksheets[0]
    except Exception as exc:  # noqa: BLE001 - zip/xml/openpyxl errors all mean "not a usable xlsx"
        raise ValidationError(
            _("Berkas ini bukan berkas XLSX yang sah (mungkin rusak atau hanya diganti namanya)."),
            code="file_corrupt",
        ) from exc
    try:
        for number, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
            yield number, list(row)
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken sheet inside a valid zip
        raise ValidationError(
            _("Lembar kerja pertama di berkas XLSX tidak dapat dibaca (berkas rusak)."), code="file_corrupt"
        ) from exc
    finally:
        workbook.close()


# --- CSV ------------------------------------------------------------------------------------------
def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise ValidationError(
            _("Berkas tersimpan dalam UTF-16 (mis. 'Teks Unicode' dari Excel). "
              "Simpan ulang sebagai 'CSV UTF-8 (dipisah koma)'."),
            code="file_encoding",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValidationError(
            _("Berkas bukan teks UTF-8 (karakter tak dikenal di baris %(line)s, mungkin dari pengodean "
              "Windows/ANSI). Simpan ulang dari Excel sebagai 'CSV UTF-8 (dipisah koma)'.")
            % {"line": line},
            code="file_encoding",
        ) from exc


def _csv_records(data: bytes):
    text = _decode(data)
    lines = text.splitlines()
    delimiter = None
    first = lines[0].strip().lower() if lines else ""
    if first.startswith("sep=") and len(first) in (4, 5):  # Excel's "sep=;" hint line
        delimiter = lines[0].strip()[4:5] or ","
        text = text.split("\n", 1)[1] if "\n" in text else ""
    if delimiter is None:
        delimiter = _guess_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        raise ValidationError(
            _("Berkas CSV tidak dapat dibaca di baris %(line)s: format rusak.") % {"line": reader.line_num},
            code="file_corrupt",
        ) from exc


def _guess_delimiter(text: str) -> str:
    """Pick the delimiter that splits the header line into the most known column names."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        try:
            cells = next(csv.reader([header], delimiter=delimiter), [])
        except csv.Error:
            continue
        score = (match_header(cells)[2], len(cells))
        if score > best_score:
            best, best_score = delimiter, score
    if best_score[0] == 0:
        try:
            return csv.Sniffer().sniff(text[:8192], delimiters="".join(DELIMITERS)).delimiter
        except csv.Error:
            return best
    return best


# --- Templates ------------------------------------------------------------------------------------
def template_csv() -> bytes:
    """UTF-8 with BOM and ``;`` so that Excel in Indonesian opens it in columns."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(IMPORT_COLUMNS)
    writer.writerows(TEMPLATE_ROWS)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Unit"
    sheet.append(list(IMPORT_COLUMNS))
    for row in TEMPLATE_ROWS:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return _guided_xlsx(workbook, sheet, widths=(20, 40, 50, 80), guide_width=110, guide=(
        _("Satu baris untuk setiap KUK. Baris pertama lembar 'Unit' adalah judul kolom; jangan diubah."),
        _("kode_unit: kode unit kompetensi, huruf kapital/angka dipisah titik, mis. J.620100.004.02."),
        _("judul_unit: judul unit; harus sama pada semua baris dengan kode unit yang sama."),
        _("elemen: nama elemen kompetensi; urutan elemen dan KUK mengikuti urutan baris."),
        _("kuk: kriteria unjuk kerja."),
        _("Unit yang kodenya sudah ada di skema tidak diimpor; seluruh berkas ditolak bila ada baris yang salah."),
    ))


def _guided_xlsx(workbook, sheet, *, widths, guide, guide_width) -> bytes:
    """An import template's finish: the header row bold and frozen, the column widths, a "Petunjuk" sheet
    with one line per rule, the data sheet first; the file's bytes."""
    from openpyxl.styles import Font

    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    guide_sheet = workbook.create_sheet("Petunjuk")
    for line in guide:
        guide_sheet.append([str(line)])
    guide_sheet.column_dimensions["A"].width = guide_width
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- hari libur (R64) -----------------------------------------------------------------------------
def libur_import_parse(uploaded, *, tahun: int):
    """Read a holiday file (columns tanggal, nama, jenis) and check every row for ``tahun``
    (``lsp.domain_libur.check_rows``); an unreadable file is one error without a row number."""
    from .domain_libur import IMPORT_MAX_ROWS, HasilPeriksa, Masalah, check_rows

    try:
        table = read_table(uploaded, limit_rows=IMPORT_MAX_ROWS)
    except ValidationError as exc:
        return HasilPeriksa(errors=[Masalah(None, "", exc.messages[0], exc.code or "file")])
    return check_rows(table.header, table.rows, tahun=tahun, header_row=table.header_row)


def libur_xlsx(rows, *, tahun: int) -> bytes:
    """A year's holidays in the import's own format (tanggal, nama, jenis): download, correct against the
    SKB, upload again. ``rows``: (tanggal, nama, jenis value) in date order; none gives the bare header."""
    from openpyxl import Workbook

    from .domain_libur import COLUMNS, JENIS_ALIASES

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Libur {tahun}"
    sheet.append(list(COLUMNS))
    for tanggal, nama, jenis in rows:
        sheet.append([tanggal, nama, JENIS_ALIASES[jenis][0]])
        sheet.cell(row=sheet.max_row, column=1).number_format = "yyyy-mm-dd"
    return _guided_xlsx(workbook, sheet, widths=(14, 60, 18), guide_width=100, guide=(
        _("Satu baris untuk setiap hari libur; baris pertama adalah judul kolom, jangan diubah."),
        _("tanggal: YYYY-MM-DD atau DD-MM-YYYY; semua tanggal di tahun yang diimpor."),
        _("nama: seperti tertulis di SKB, mis. Hari Raya Idul Fitri 1448 Hijriah."),
        _("jenis: libur nasional atau cuti bersama."),
        _("Seluruh berkas ditolak bila ada baris yang salah; tanggal yang sudah ada diperbarui."),
    ))
