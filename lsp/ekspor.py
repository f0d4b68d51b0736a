"""Files built in the background, registered by each app in its ``AppConfig.ready`` (so ``lsp`` builds and
serves them without importing the apps above it)::

    register_ekspor("asesor.xlsx", label=_("Daftar asesor (XLSX)"), build=build_xlsx, content_type=XLSX)

``build(ekspor, path, on_progress)`` writes the file at ``path`` (``on_progress(done, total)`` now and then)
and returns the name the user downloads it as. The job itself (``lsp.models.Ekspor``) is asked for with
``lsp.services.ekspor.ekspor_request`` and built by the Celery task ``lsp.tasks.ekspor_build``."""

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.functional import Promise

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Builder:
    jenis: str
    label: str
    build: Callable
    content_type: str


_builders: dict[str, Builder] = {}


def register_ekspor(jenis: str, *, label, build: Callable, content_type: str = XLSX) -> None:
    _builders[jenis] = Builder(jenis, label, build, content_type)


def ekspor_builder(jenis: str) -> Builder | None:
    return _builders.get(jenis)


def ekspor_label(jenis: str) -> str:
    builder = _builders.get(jenis)
    return str(builder.label) if builder else jenis


# --- a list page as a file (CSV streamed, XLSX in the background), registered once per list -----------


@dataclass(frozen=True)
class DaftarEkspor:
    """One list page as a file, with that page's filters::

        register_daftar_ekspor(DaftarEkspor(
            key="asesi", label=_("Daftar asesi"), header=HEADER, queryset=asesi_export_queryset,
            rows=asesi_export_rows, filename="asesi", date_columns=(4,)))

    ``queryset(user, filters)`` returns the rows ``user`` may see, filtered as the list page filters
    them (``filters``: the page's query string as a dict); ``rows(qs, pribadi=..., today=...)`` yields
    one list per row, personal data masked unless ``pribadi``. The CSV is streamed by
    ``lsp.views.ekspor.DaftarEksporView``; the XLSX is the builder ``daftar.<key>`` (Celery)."""

    key: str
    label: object
    header: list
    queryset: Callable
    rows: Callable
    filename: str
    date_columns: tuple = ()
    personal: bool = True
    filter_names: tuple = field(default=())  # the list's query parameters kept in the export


_daftar: dict[str, DaftarEkspor] = {}


def register_daftar_ekspor(spec: DaftarEkspor) -> None:
    _daftar[spec.key] = spec
    register_ekspor(f"daftar.{spec.key}", label=spec.label, build=_build_daftar(spec))


def daftar_ekspor(key: str) -> DaftarEkspor | None:
    return _daftar.get(key)


def daftar_filters(spec: DaftarEkspor, data) -> dict:
    """The list's filters out of a query string or a form post: only the names the list knows."""
    return {k: str(data.get(k)) for k in spec.filter_names if data.get(k) not in (None, "")}


def _build_daftar(spec: DaftarEkspor):
    def build(ekspor, path, on_progress):
        from datetime import date

        from django.utils import timezone

        params = ekspor.params or {}
        try:
            today = date.fromisoformat(params.get("tanggal", ""))
        except ValueError:
            today = timezone.localtime(ekspor.created_at).date()
        qs = spec.queryset(ekspor.created_by, params.get("filters") or {})
        total = qs.count()
        step = max(1, total // 20)

        def on_row(n):
            if n % step == 0 or n == total:
                on_progress(n, total)

        on_progress(0, total)
        xlsx_write(path, spec.header, spec.rows(qs, pribadi=bool(params.get("pribadi")), today=today),
                   title=spec.label, date_columns=spec.date_columns, on_row=on_row)
        return f"{spec.filename}-{today:%Y%m%d}.xlsx"

    return build


# --- writing the files (shared by every app's exports) -------------------------------------------

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value):
    """Text for a spreadsheet cell: no control characters (XLSX refuses them), and no leading = + - @
    (spreadsheet programs would run the cell as a formula: CSV/formula injection)."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        value = _CONTROL_CHARS.sub("", value)
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
    return value


def csv_cell(value):
    return "" if value is None else (value.isoformat() if hasattr(value, "isoformat") else safe_cell(value))


class _Echo:
    """A file-like object whose ``write`` hands the line back, for ``csv.writer`` in a streamed response."""

    def write(self, value):
        return value


def csv_stream(header, rows):
    """A CSV file line by line, a BOM first so Excel reads UTF-8: memory stays flat however many rows (for
    a ``StreamingHttpResponse`` over a queryset's ``iterator(chunk_size=…)``). The rows are made while the
    response is sent, so they are made in the language of the request that asked."""
    language = translation.get_language()
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([str(h) for h in header])
    with translation.override(language):
        for row in rows:
            yield writer.writerow([csv_cell(v) for v in row])


def xlsx_write(path, header, rows, *, title, date_columns=(), on_row=None):
    """An XLSX file written row by row at ``path`` (openpyxl write-only mode: memory stays flat)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(str(title)[:31])
    bold = Font(bold=True)
    head = []
    for h in header:
        cell = WriteOnlyCell(ws, value=str(h))
        cell.font = bold
        head.append(cell)
    ws.append(head)
    for n, row in enumerate(rows, start=1):
        cells = []
        for i, value in enumerate(row):
            cell = WriteOnlyCell(ws, value=safe_cell(value))
            if i in date_columns and value is not None:
                cell.number_format = "DD-MM-YYYY"
            cells.append(cell)
        ws.append(cells)
        if on_row is not None:
            on_row(n)
    wb.save(path)
