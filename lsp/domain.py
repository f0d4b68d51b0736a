"""Pure rules for LSP master data and the date rules every app shares: no ORM, no clock, no I/O.

Dates (``add_years``, ``valid_until``) live here because asesor certificates and certificates of
competence follow the same rule, and ``sertifikat`` must not import ``asesor`` (docs/domain.md, R1).

The skema import reads rows (already parsed from CSV/XLSX by ``lsp.importers``) and turns them into a
unit → elemen → KUK tree, or a list of problems, each with the spreadsheet row number and a reason in
Indonesian. Nothing here touches the database: the service decides what to write.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils.translation import gettext_lazy as _

# --- dates ---------------------------------------------------------------------------------------


def add_years(d: date, years: int) -> date:
    """The same day ``years`` later (or earlier); 29 February lands on 28 February in a year without it."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 Feb → a year without it
        return d.replace(year=d.year + years, day=28)


# Dates as people type them in an imported spreadsheet (the ISO day, an xlsx date cell read as text, the
# Indonesian day-month-year with - or /): the asesi import and the holiday import read them alike.
IMPORT_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d")


def parse_import_date(value) -> date | None:
    """A date cell of an imported file (a date, a datetime or text in ``IMPORT_DATE_FORMATS``), or None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    for fmt in IMPORT_DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def valid_until(issued_on: date, years: int) -> date:
    """The last day of a validity of ``years`` years: issue date + ``years`` − 1 day.

    Issued 10 Jan 2024 for 3 years → valid through 9 Jan 2027; on 10 Jan 2027 it has expired.

    Issued 29 Feb 2024: + 3 years lands on **28 Feb 2027** (2027 has no 29 Feb; docs/domain.md, R1), so
    it is valid through **27 Feb 2027**. The rule is applied literally — clamp the anniversary to 28 Feb,
    then subtract the day — rather than treating 1 Mar as the anniversary (which would give 28 Feb): the
    validity is one day shorter, never longer, than ``years`` years, the safe side for a certification
    body. Callers compute it once, when the certificate is recorded, and store it so SQL can filter it."""
    return add_years(issued_on, years) - timedelta(days=1)


def reminder_due(days_left: int, thresholds) -> int | None:
    """The reminder (its threshold in days) due when ``days_left`` days are left before the last valid
    day, **with catch-up**: the threshold ``t`` with ``next lower threshold < days_left <= t``, so a day
    the scheduler missed is made up on its next run. The caller sends each threshold once per
    certificate. None before the first threshold and after expiry. Asesor certificates and
    certificates of competence both use it (docs/domain.md, R4).

    With (90, 30, 7): 91 → None, 90…31 → 90, 30…8 → 30, 7…0 → 7, −1 → None."""
    ordered = sorted({int(t) for t in thresholds}, reverse=True)
    if days_left < 0:
        return None
    for i, t in enumerate(ordered):
        lower = ordered[i + 1] if i + 1 < len(ordered) else -1
        if lower < days_left <= t:
            return t
    return None


# --- skema import --------------------------------------------------------------------------------

# A unit code as SKKNI writes it (``J.620100.004.02``); ``lsp.models.kode_unit_validator`` uses this pattern.
KODE_UNIT_PATTERN = r"^[A-Z0-9]+(\.[A-Z0-9]+){2,}$"
KODE_UNIT_MESSAGE = _("Kode unit harus berupa huruf kapital/angka yang dipisah titik, mis. J.620100.004.02.")
_KODE_UNIT_RE = re.compile(KODE_UNIT_PATTERN)

# Field lengths of the models the import writes into (UnitKompetensi.kode/judul, Elemen.nama).
MAX_KODE_UNIT = 40
MAX_JUDUL_UNIT = 255
MAX_ELEMEN = 500
MAX_KUK = 2000

IMPORT_COLUMNS = ("kode_unit", "judul_unit", "elemen", "kuk")
# Header spellings people actually use, after ``normalise_header`` (lower case, spaces → "_").
COLUMN_ALIASES = {
    "kode_unit": {"kode_unit", "kode", "kode_unit_kompetensi", "unit_code"},
    "judul_unit": {"judul_unit", "judul", "nama_unit", "judul_unit_kompetensi", "unit_title"},
    "elemen": {"elemen", "elemen_kompetensi", "element"},
    "kuk": {"kuk", "kriteria_unjuk_kerja", "kriteria"},
}


@dataclass(frozen=True)
class ImportIssue:
    """One problem found in an import file. ``row`` is the spreadsheet row number (None: whole file)."""

    row: int | None
    message: str
    code: str

    def __str__(self):
        if self.row is None:
            return str(self.message)
        return str(_("Baris %(row)s: %(message)s") % {"row": self.row, "message": self.message})


@dataclass
class ElemenData:
    nama: str
    kuk: list[str] = field(default_factory=list)


@dataclass
class UnitData:
    kode: str
    judul: str
    row: int
    elemen: list[ElemenData] = field(default_factory=list)

    @property
    def kuk_count(self) -> int:
        return sum(len(e.kuk) for e in self.elemen)


def units_to_payload(units: list[UnitData]) -> list[dict]:
    """Validated units as plain data (for a signed preview token)."""
    return [
        {
            "kode": u.kode,
            "judul": u.judul,
            "row": u.row,
            "elemen": [{"nama": e.nama, "kuk": list(e.kuk)} for e in u.elemen],
        }
        for u in units
    ]


def units_from_payload(payload: list[dict]) -> list[UnitData]:
    return [
        UnitData(
            kode=u["kode"], judul=u["judul"], row=u["row"],
            elemen=[ElemenData(nama=e["nama"], kuk=list(e["kuk"])) for e in u["elemen"]],
        )
        for u in payload
    ]


@dataclass
class ImportResult:
    units: list[UnitData]
    issues: list[ImportIssue]

    @property
    def ok(self) -> bool:
        return not self.issues and bool(self.units)

    @property
    def elemen_count(self) -> int:
        return sum(len(u.elemen) for u in self.units)

    @property
    def kuk_count(self) -> int:
        return sum(u.kuk_count for u in self.units)


def clean_text(value) -> str:
    """A cell as text: None → "", runs of whitespace (incl. newlines, non-breaking spaces) → one space."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def normalise_header(value) -> str:
    """``" Kode  Unit "`` / ``"KODE-UNIT"`` / ``"kode_unit"`` → ``"kode_unit"``."""
    text = clean_text(value).lower().replace("-", " ").replace("_", " ")
    return "_".join(text.split())


def normalise_kode_unit(value) -> str:
    """Unit codes are upper case without spaces: ``" j.620100.004.02 "`` → ``"J.620100.004.02"``."""
    return "".join(clean_text(value).split()).upper()


def kode_unit_valid(kode: str) -> bool:
    return bool(_KODE_UNIT_RE.match(kode)) and len(kode) <= MAX_KODE_UNIT


def match_header(header: list) -> tuple[dict[str, int], list[ImportIssue], int]:
    """Map each required column to its index in ``header``.

    Returns (column → index, issues, number of recognised columns). Unknown extra columns (e.g. "No")
    are ignored; a missing or repeated required column is an issue on the header row."""
    found: dict[str, int] = {}
    issues: list[ImportIssue] = []
    for index, raw in enumerate(header):
        name = normalise_header(raw)
        for column, aliases in COLUMN_ALIASES.items():
            if name in aliases:
                if column in found:
                    issues.append(
                        ImportIssue(
                            None,
                            _("Kolom '%(column)s' muncul lebih dari sekali di baris judul.") % {"column": column},
                            "duplicate_column",
                        )
                    )
                else:
                    found[column] = index
    missing = [c for c in IMPORT_COLUMNS if c not in found]
    if missing:
        issues.append(
            ImportIssue(
                None,
                _("Kolom wajib tidak ada: %(missing)s. Baris judul harus memuat kolom %(all)s.")
                % {"missing": ", ".join(missing), "all": ", ".join(IMPORT_COLUMNS)},
                "missing_columns",
            )
        )
    return found, issues, len(found)


def validate_import(
    rows: list[tuple[int, list]], *, header: list, header_row: int = 1, existing_kode_unit=frozenset()
) -> ImportResult:
    """Turn import rows into units → elemen → KUK, in file order, or report every bad row.

    ``rows`` are (spreadsheet row number, cells) after the header; entirely empty rows are skipped.
    ``existing_kode_unit`` are the unit codes the skema already has (an import only adds units).
    Elemen are numbered in the order they first appear within their unit, KUK in file order.
    The result's ``units`` are only meaningful when ``issues`` is empty."""
    columns, header_issues, _count = match_header(header)
    if header_issues:
        return ImportResult([], [ImportIssue(header_row, i.message, i.code) for i in header_issues])

    existing = {normalise_kode_unit(k) for k in existing_kode_unit}
    issues: list[ImportIssue] = []
    units: dict[str, UnitData] = {}
    elemen_index: dict[tuple[str, str], ElemenData] = {}
    seen_kuk: dict[tuple[str, str, str], int] = {}

    for row_number, cells in rows:
        values = {c: clean_text(cells[i]) if i < len(cells) else "" for c, i in columns.items()}
        if not any(clean_text(v) for v in cells):
            continue  # a blank line: Excel often leaves some at the end
        row_issues = []
        for column in IMPORT_COLUMNS:
            if not values[column]:
                row_issues.append(
                    ImportIssue(row_number, _("kolom '%(column)s' kosong.") % {"column": column}, "empty_cell")
                )
        kode = normalise_kode_unit(values["kode_unit"])
        judul, nama_elemen, kuk = values["judul_unit"], values["elemen"], values["kuk"]
        if kode and not kode_unit_valid(kode):
            row_issues.append(
                ImportIssue(
                    row_number,
                    _("kode unit '%(kode)s' tidak sah; gunakan huruf kapital/angka yang dipisah titik, "
                      "mis. J.620100.004.02 (maksimal %(max)s karakter).")
                    % {"kode": values["kode_unit"][:60], "max": MAX_KODE_UNIT},
                    "kode_unit",
                )
            )
        for column, value, limit in (
            ("judul_unit", judul, MAX_JUDUL_UNIT),
            ("elemen", nama_elemen, MAX_ELEMEN),
            ("kuk", kuk, MAX_KUK),
        ):
            if len(value) > limit:
                row_issues.append(
                    ImportIssue(
                        row_number,
                        _("isi kolom '%(column)s' terlalu panjang (%(length)s karakter, maksimal %(max)s).")
                        % {"column": column, "length": len(value), "max": limit},
                        "too_long",
                    )
                )
        if row_issues:
            issues.extend(row_issues)
            continue

        if kode in existing:
            issues.append(
                ImportIssue(
                    row_number,
                    _("unit %(kode)s sudah ada di skema ini; impor hanya menambah unit baru.") % {"kode": kode},
                    "unit_exists",
                )
            )
            continue
        unit = units.get(kode)
        if unit is None:
            unit = units[kode] = UnitData(kode=kode, judul=judul, row=row_number)
        elif unit.judul.casefold() != judul.casefold():
            issues.append(
                ImportIssue(
                    row_number,
                    _("unit %(kode)s berjudul '%(judul)s', padahal di baris %(first)s berjudul '%(first_judul)s'.")
                    % {"kode": kode, "judul": judul, "first": unit.row, "first_judul": unit.judul},
                    "judul_conflict",
                )
            )
            continue
        kuk_key = (kode, nama_elemen.casefold(), kuk.casefold())
        if kuk_key in seen_kuk:
            issues.append(
                ImportIssue(
                    row_number,
                    _("KUK ini sama dengan baris %(first)s (unit, elemen dan KUK yang sama).")
                    % {"first": seen_kuk[kuk_key]},
                    "duplicate_kuk",
                )
            )
            continue
        seen_kuk[kuk_key] = row_number
        elemen_key = (kode, nama_elemen.casefold())
        elemen = elemen_index.get(elemen_key)
        if elemen is None:
            elemen = elemen_index[elemen_key] = ElemenData(nama=nama_elemen)
            unit.elemen.append(elemen)
        elemen.kuk.append(kuk)

    if not issues and not units:
        issues.append(ImportIssue(None, _("Berkas tidak berisi baris data di bawah baris judul."), "no_rows"))
    return ImportResult(list(units.values()), issues)


def kode_lsp_from_lisensi(nomor_lisensi: str) -> str:
    """``"BNSP-LSP-1565-ID"`` → ``"1565"`` (the code used in registration numbers); "" if not found."""
    match = re.match(r"^BNSP-LSP-(\d{3,5})-[A-Z]{2,3}$", (nomor_lisensi or "").strip())
    return match.group(1) if match else ""


def skema_level_issue(jenis: str, level_kkni) -> str:
    """A KKNI skema needs its jenjang (1–9); returns the error message or ""."""
    if jenis == "kkni" and level_kkni in (None, ""):
        return str(_("Skema KKNI wajib mencantumkan jenjang KKNI (1–9)."))
    return ""


def move_position(ordered_ids: list, item_id, direction: str) -> int | None:
    """Index of the neighbour ``item_id`` swaps with when moved ``"up"``/``"down"``; None at an edge."""
    try:
        index = ordered_ids.index(item_id)
    except ValueError:
        return None
    target = index - 1 if direction == "up" else index + 1 if direction == "down" else None
    if target is None or target < 0 or target >= len(ordered_ids):
        return None
    return target


# --- staff roles ---------------------------------------------------------------------------------
# Roles given on the app's "Pengguna & peran" page. Asesi and asesor come from their own flows
# (registration, the asesor registry), never from a checkbox; admin LSP only from a superuser.
ROLES_BY_ADMIN = frozenset({"komite", "validator", "direktur"})
ROLES_BY_SUPERUSER = ROLES_BY_ADMIN | {"admin_lsp"}

ROLE_CHANGE_MESSAGES = {
    "role_not_managed": _("Peran ini diberikan lewat alurnya sendiri (pendaftaran asesi, registri asesor)."),
    "role_superuser_only": _("Hanya superuser yang dapat memberi atau mencabut peran Admin LSP."),
    "role_forbidden": _("Anda tidak berwenang mengubah peran pengguna."),
    "role_target_superuser": _("Peran akun superuser hanya dapat diubah oleh superuser."),
    "role_self": _("Peran Anda sendiri harus diubah oleh admin lain."),
}


def role_change_error(
    *, role: str, actor_is_admin: bool, actor_is_superuser: bool, target_is_actor: bool, target_is_superuser: bool
) -> str | None:
    """Why this actor may not give or take ``role`` from this user (a code of ``ROLE_CHANGE_MESSAGES``),
    or None. Nobody changes their own roles (four eyes), and only a superuser touches admin LSP or a
    superuser's account: an admin LSP cannot raise anyone to their own level."""
    if not (actor_is_admin or actor_is_superuser):
        return "role_forbidden"
    if role not in ROLES_BY_SUPERUSER:
        return "role_not_managed"
    if target_is_actor:
        return "role_self"
    if actor_is_superuser:
        return None
    if role not in ROLES_BY_ADMIN:
        return "role_superuser_only"
    if target_is_superuser:
        return "role_target_superuser"
    return None
