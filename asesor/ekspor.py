"""The asesor registry as a file: the columns, one row per asesor from the status the database computed
(``selectors.asesor_export_rows``), and the XLSX builder registered with ``lsp.ekspor`` (built by a
Celery task). The CSV is streamed by ``views.registry.AsesorExportView``."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lsp.ekspor import xlsx_write

from . import selectors
from .domain import JenisSertifikat, StatusAsesor, StatusRekognisi

EXPORT_CHUNK = 500  # rows per database round trip while streaming
EKSPOR_XLSX = "asesor.xlsx"
TANGGAL_STATUS = "tanggal_status"  # in an export's params: the day whose status it shows

EXPORT_HEADER = [
    gettext_lazy("Nomor registrasi"),
    gettext_lazy("Nama"),
    gettext_lazy("Email"),
    gettext_lazy("Telepon"),
    gettext_lazy("Master Asesor"),
    gettext_lazy("Nomor sertifikat"),
    gettext_lazy("Jenis sertifikat"),
    gettext_lazy("Tanggal terbit"),
    gettext_lazy("Berlaku sampai"),
    gettext_lazy("Status"),
    gettext_lazy("Sisa hari"),
    gettext_lazy("Jumlah asesmen"),
    gettext_lazy("Rekognisi"),
    gettext_lazy("Kompetensi teknis"),
]


def _nama(row) -> str:
    """What ``str(user)`` shows (``User.__str__``): the full name, else first + last name, else the username."""
    first_last = f"{row['user__first_name']} {row['user__last_name']}".strip()
    return row["user__nama_lengkap"] or first_last or row["user__username"]


def export_rows(qs, on_date):
    """One list per asesor of ``qs``, from the status the database computed (``selectors.asesor_export_rows``)."""
    ya, tidak = _("Ya"), _("Tidak")
    jenis = dict(JenisSertifikat.choices)
    status = dict(StatusAsesor.choices)
    rekognisi = dict(StatusRekognisi.choices)
    for a in selectors.asesor_export_rows(qs, on_date=on_date, chunk_size=EXPORT_CHUNK):
        has_cert = a["st_issued_on"] is not None
        yield [
            a["nomor_registrasi"],
            _nama(a),
            a["user__email"],
            a["telepon"],
            ya if a["is_master"] else tidak,
            a["st_nomor"] or "",
            str(jenis[a["st_jenis"]]) if has_cert else "",
            a["st_issued_on"],
            a["st_valid_until"],
            str(status[a["st_status"]]),
            (a["st_valid_until"] - on_date).days if has_cert else None,
            a["st_jumlah"] if has_cert else None,
            str(rekognisi[a["st_rekognisi"]]) if a["st_rekognisi"] else "",
            "; ".join(a["kompetensi"]),
        ]


def build_xlsx(ekspor, path, on_progress):
    """The asesor XLSX of an ``lsp.Ekspor`` job: the filters it was asked with, the status on the day it was
    asked, the rows its user may see."""
    from .filters import AsesorFilter

    params = ekspor.params or {}
    try:
        on_date = date.fromisoformat(params.get(TANGGAL_STATUS, ""))
    except ValueError:
        on_date = timezone.localtime(ekspor.created_at).date()
    scoped = selectors.asesor_list_for_user(ekspor.created_by)
    filters = {k: v for k, v in params.items() if k != TANGGAL_STATUS}
    qs = AsesorFilter(filters or None, queryset=scoped, on_date=on_date).qs
    total = qs.count()
    step = max(1, total // 20)

    def on_row(n):
        if n % step == 0 or n == total:
            on_progress(n, total)

    on_progress(0, total)
    xlsx_write(path, EXPORT_HEADER, export_rows(qs, on_date),
               title=_("Asesor"), date_columns=(7, 8), on_row=on_row)
    return f"asesor-{on_date:%Y%m%d}.xlsx"
