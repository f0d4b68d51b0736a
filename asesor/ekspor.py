"""The asesor registry as a file: the columns, one row per asesor from the status the database computed
(``selectors.asesor_export_queryset``), and the XLSX builder registered with ``lsp.ekspor`` (built by a
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


def export_rows(asesors, on_date):
    """One list per asesor (annotated by ``selectors.asesor_export_queryset``)."""
    for a in asesors:
        has_cert = a.st_issued_on is not None
        yield [
            a.nomor_registrasi,
            str(a.user),
            a.user.email,
            a.telepon,
            _("Ya") if a.is_master else _("Tidak"),
            a.st_nomor or "",
            JenisSertifikat(a.st_jenis).label if has_cert else "",
            a.st_issued_on,
            a.st_valid_until,
            StatusAsesor(a.st_status).label,
            (a.st_valid_until - on_date).days if has_cert else None,
            a.st_jumlah if has_cert else None,
            StatusRekognisi(a.st_rekognisi).label if a.st_rekognisi else "",
            "; ".join(str(k.skema.kode if k.skema_id else k.bidang) for k in a.kompetensi.all()),
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
    asesors = selectors.asesor_export_queryset(qs, on_date=on_date)
    total = asesors.count()
    step = max(1, total // 20)

    def on_row(n):
        if n % step == 0 or n == total:
            on_progress(n, total)

    on_progress(0, total)
    xlsx_write(path, EXPORT_HEADER, export_rows(asesors.iterator(chunk_size=EXPORT_CHUNK), on_date),
               title=_("Asesor"), date_columns=(7, 8), on_row=on_row)
    return f"asesor-{on_date:%Y%m%d}.xlsx"
