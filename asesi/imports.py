"""Reading a list of asesi from XLSX/CSV for admin LSP, all-or-nothing.

``asesi_import_parse(uploaded)`` reads the file and checks every row (required columns, NIK format,
duplicates inside the file and against the database, emails, dates, postcodes, phone numbers) and
returns an ``ImportResult`` with ``rows`` and ``errors``. When ``errors`` is non-empty nothing may be
saved; the page lists each error with the spreadsheet row number. When it is empty,
``asesi.services.asesi_import`` registers all rows in one transaction.

Reading the file (CSV/XLSX, encodings, size and row limits) is the skema import's shared reader
``lsp.importers.read_table``. Row numbers are the ones the user sees in the spreadsheet.
"""

import datetime
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lsp.domain import parse_import_date
from lsp.models import User

from . import domain
from .domain import JenisKelamin, Pendidikan
from .models import AsesiProfile

DEFAULT_MAX_ROWS = 1000

# canonical column → header spellings accepted (compared lower-case, "_" and "-" as spaces)
COLUMNS = {
    "nama_lengkap": ["nama lengkap", "nama"],
    "nik": ["nik", "no ktp", "nomor ktp"],
    "tempat_lahir": ["tempat lahir"],
    "tanggal_lahir": ["tanggal lahir", "tgl lahir"],
    "jenis_kelamin": ["jenis kelamin", "jk", "l/p"],
    "kebangsaan": ["kebangsaan"],
    "alamat": ["alamat", "alamat rumah"],
    "kode_pos": ["kode pos"],
    "telepon": ["telepon", "telepon/hp", "no hp", "hp", "nomor hp"],
    "email": ["email", "e mail"],
    "pendidikan_terakhir": ["pendidikan terakhir", "pendidikan"],
    "institusi": ["institusi", "perusahaan", "nama institusi"],
    "jabatan": ["jabatan"],
    "alamat_kantor": ["alamat kantor"],
    "username": ["username", "nama pengguna"],
}
REQUIRED = [
    "nama_lengkap",
    "nik",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "alamat",
    "kode_pos",
    "telepon",
    "email",
    "pendidikan_terakhir",
]
TEMPLATE_HEADER = [
    "nama_lengkap", "nik", "tempat_lahir", "tanggal_lahir", "jenis_kelamin", "kebangsaan", "alamat", "kode_pos",
    "telepon", "email", "pendidikan_terakhir", "institusi", "jabatan", "alamat_kantor",
]
TEMPLATE_ROW = [
    "Rina Oktaviani", "3578014508950002", "Surabaya", "1995-08-05", "P", "Indonesia",
    "Jl. Kenjeran No. 12, Surabaya", "60134", "081234567890", "rina@example.com", "S1",
    "PT Contoh Digital", "Programmer", "Jl. Basuki Rahmat No. 5, Surabaya",
]
MAX_LENGTH = {
    "nama_lengkap": 150,
    "tempat_lahir": 100,
    "kebangsaan": 60,
    "alamat": 500,
    "institusi": 200,
    "jabatan": 150,
    "alamat_kantor": 500,
    "email": 254,
    "username": 150,
}
GENDER = {
    "l": JenisKelamin.LAKI_LAKI, "laki-laki": JenisKelamin.LAKI_LAKI, "laki laki": JenisKelamin.LAKI_LAKI,
    "pria": JenisKelamin.LAKI_LAKI, "p": JenisKelamin.PEREMPUAN, "perempuan": JenisKelamin.PEREMPUAN,
    "wanita": JenisKelamin.PEREMPUAN,
}


@dataclass
class ImportRow:
    nomor: int
    username: str
    data: dict


@dataclass
class ImportProblem:
    baris: int | None
    kolom: str
    pesan: str


@dataclass
class ImportResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[ImportProblem] = field(default_factory=list)


def max_rows() -> int:
    return getattr(settings, "LSP_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS)


def _header_key(text) -> str:
    text = re.sub(r"[_\-]+", " ", str(text or "")).strip().lower()
    return re.sub(r"\s+", " ", text)


# --- reading the file: the shared CSV/XLSX reader of the skema import --------------------------------


def read_records(uploaded) -> list[tuple[int, list]]:
    """[(row number, [cell text, ...]), ...] with the header first; ``ValidationError`` when unreadable
    (size, type, encoding, corrupt file, too many rows: see ``lsp.importers.read_table``)."""
    from lsp.importers import read_table

    table = read_table(uploaded, limit_rows=max_rows())
    return [(table.header_row, table.header), *table.rows]


# --- checking the rows -------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _pendidikan(value) -> str | None:
    key = _text(value).lower()
    for choice in Pendidikan:
        if key in (choice.value, str(choice.label).lower(), str(choice.label).lower().split("/")[0]):
            return choice.value
    return None


def _username_from_email(email: str, taken: set) -> str:
    base = slugify(email.split("@")[0]).replace("-", ".")[:30] or "asesi"
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{base}{n}"
    return candidate


def asesi_import_parse(uploaded) -> ImportResult:
    """Read and check the whole file; see the module docstring."""
    result = ImportResult()
    try:
        records = read_records(uploaded)
    except ValidationError as exc:
        result.errors.append(ImportProblem(None, "", exc.messages[0]))
        return result
    header_row, header = records[0]
    columns = {}
    for index, cell in enumerate(header):
        key = _header_key(cell)
        for name, aliases in COLUMNS.items():
            if key == name.replace("_", " ") or key in aliases:
                columns.setdefault(name, index)
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        result.errors.append(
            ImportProblem(header_row, "", _("Kolom wajib tidak ada: %(kolom)s.") % {"kolom": ", ".join(missing)})
        )
        return result
    body = records[1:]
    if not body:
        result.errors.append(ImportProblem(None, "", _("Tidak ada baris data di bawah judul kolom.")))
        return result

    raw = []
    for number, cells in body:
        values = {name: (cells[i] if i < len(cells) else None) for name, i in columns.items()}
        raw.append((number, values))

    # one query each for what already exists
    niks = {domain.nik_normalize(_text(v["nik"])) for _n, v in raw}
    emails = {_text(v["email"]).lower() for _n, v in raw}
    existing_nik = set(AsesiProfile.objects.filter(nik__in=niks).values_list("nik", flat=True))
    existing_email = set(
        User.objects.annotate(e=Lower("email")).filter(e__in=emails - {""}).values_list("e", flat=True)
    )
    taken_usernames = {u.lower() for u in User.objects.values_list("username", flat=True).iterator()}

    today = timezone.localdate()
    seen_nik, seen_email = {}, {}
    for number, values in raw:
        row_errors = []

        def err(kolom, pesan, _row_errors=row_errors, _number=number):
            _row_errors.append(ImportProblem(_number, kolom, str(pesan)))

        data = {}
        for name in COLUMNS:
            if name in ("nik", "tanggal_lahir"):
                continue
            data[name] = _text(values.get(name))
        for name in REQUIRED:
            if name != "tanggal_lahir" and not _text(values.get(name)):
                err(name, _("wajib diisi."))
        for name, limit in MAX_LENGTH.items():
            if len(data.get(name, "")) > limit:
                err(name, _("terlalu panjang (maksimal %(n)s karakter).") % {"n": limit})

        nik = domain.nik_normalize(_text(values.get("nik")))
        if nik:
            if code := domain.nik_error(nik):
                err("nik", domain.MESSAGES[code])
            elif nik in seen_nik:
                err("nik", _("NIK sama dengan baris %(baris)s.") % {"baris": seen_nik[nik]})
            elif nik in existing_nik:
                err("nik", domain.MESSAGES["nik_duplicate"])
            seen_nik.setdefault(nik, number)
        data["nik"] = nik

        born = parse_import_date(values.get("tanggal_lahir"))
        if not _text(values.get("tanggal_lahir")):
            err("tanggal_lahir", _("wajib diisi."))
        elif born is None:
            err("tanggal_lahir", _("tanggal tidak valid (gunakan YYYY-MM-DD atau DD-MM-YYYY)."))
        elif code := domain.tanggal_lahir_error(born, today=today):
            err("tanggal_lahir", domain.MESSAGES[code] % {"min": domain.USIA_MINIMAL, "max": domain.USIA_MAKSIMAL})
        data["tanggal_lahir"] = born

        email = data["email"].lower()
        data["email"] = email
        if email:
            try:
                validate_email(email)
            except ValidationError:
                err("email", _("alamat email tidak valid."))
            else:
                if email in seen_email:
                    err("email", _("Email sama dengan baris %(baris)s.") % {"baris": seen_email[email]})
                elif email in existing_email:
                    err("email", domain.MESSAGES["email_duplicate"])
            seen_email.setdefault(email, number)

        if data["jenis_kelamin"]:
            gender = GENDER.get(data["jenis_kelamin"].lower())
            if gender is None:
                err("jenis_kelamin", _("isi L atau P."))
            data["jenis_kelamin"] = gender or ""
        if data["pendidikan_terakhir"]:
            pendidikan = _pendidikan(data["pendidikan_terakhir"])
            if pendidikan is None:
                err(
                    "pendidikan_terakhir",
                    _("tidak dikenal; gunakan salah satu: %(daftar)s.")
                    % {"daftar": ", ".join(c.upper() for c in Pendidikan.values)},
                )
            data["pendidikan_terakhir"] = pendidikan or ""
        if data["kode_pos"] and (code := domain.kode_pos_error(data["kode_pos"])):
            err("kode_pos", domain.MESSAGES[code])
        if data["telepon"] and (code := domain.telepon_error(data["telepon"])):
            err("telepon", domain.MESSAGES[code])
        data["kebangsaan"] = data.get("kebangsaan") or "Indonesia"

        username = data.pop("username", "")
        if username:
            if not re.fullmatch(r"[\w.@+-]+", username):
                err("username", _("hanya huruf, angka dan @/./+/-/_."))
            elif username.lower() in taken_usernames:
                err("username", domain.MESSAGES["username_duplicate"])
        elif email:
            username = _username_from_email(email, taken_usernames)
        taken_usernames.add(username.lower())

        if row_errors:
            result.errors.extend(row_errors)
        else:
            result.rows.append(ImportRow(number, username, data))
    if result.errors:
        result.rows = []
    return result


def template_xlsx() -> bytes:
    """An example file with the expected columns; the NIK column is formatted as text."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "asesi"
    sheet.append(TEMPLATE_HEADER)
    sheet.append(TEMPLATE_ROW)
    for row in sheet.iter_rows(min_row=1, max_row=200, min_col=2, max_col=2):
        for cell in row:
            cell.number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
