"""The BNSP report: certificates issued in a period, in the columns an LSP reports to BNSP (holder, NIK,
skema, certificate and registration numbers, dates, asesor, TUK). Personal data (NIK, birth date) is
masked unless the admin asks for it, and that request is audited (``services.laporan_bnsp_pribadi``).
The CSV is streamed by ``views.LaporanBnspView``; the XLSX is built by the Celery export machinery
(``lsp.ekspor``, builder ``EKSPOR_BNSP``)."""

from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from asesi.domain import mask_nik, mask_tanggal
from asesmen.models import PesertaJadwal
from lsp.ekspor import xlsx_write

from .models import Sertifikat

EKSPOR_BNSP = "sertifikat.bnsp"
CHUNK = 2000

HEADER = [
    gettext_lazy("No."),
    gettext_lazy("Nama pemegang"),
    gettext_lazy("NIK"),
    gettext_lazy("Tanggal lahir"),
    gettext_lazy("Kode skema"),
    gettext_lazy("Nama skema"),
    gettext_lazy("Nomor sertifikat"),
    gettext_lazy("Nomor registrasi BNSP"),
    gettext_lazy("Tanggal terbit"),
    gettext_lazy("Berlaku sampai"),
    gettext_lazy("Asesor"),
    gettext_lazy("TUK"),
]
DATE_COLUMNS = (8, 9)


def laporan_bnsp_queryset(*, dari: date, sampai: date) -> QuerySet:
    """Certificates issued from ``dari`` to ``sampai`` (inclusive), oldest first, on the index of
    ``tanggal_terbit``; the asesor and TUK of the batch the holder was assessed in (none for imported
    certificates) as subqueries, so a row costs no extra query."""
    peserta = PesertaJadwal.objects.filter(permohonan=OuterRef("permohonan_id")).order_by("-aktif", "-created_at")
    return (
        Sertifikat.objects.filter(tanggal_terbit__gte=dari, tanggal_terbit__lte=sampai)
        .order_by("tanggal_terbit", "pk")
        .annotate(
            asesor_nama=Subquery(peserta.values(
                nama=Coalesce(NullIf("asesor__user__nama_lengkap", Value("")), "asesor__user__username"))[:1]),
            tuk_nama=Subquery(peserta.values("jadwal__tuk__nama")[:1]),
        )
        .values_list(
            "nama_pemegang", "asesi__nik", "asesi__tanggal_lahir", "skema_kode", "skema_nama", "nomor",
            "nomor_registrasi", "tanggal_terbit", "berlaku_sampai", "asesor_nama", "tuk_nama",
        )
    )


def laporan_bnsp_rows(qs, *, pribadi: bool):
    for n, (nama, nik, lahir, kode, skema, nomor, reg, terbit, sampai, asesor, tuk) in enumerate(
        qs.iterator(chunk_size=CHUNK), start=1
    ):
        yield [
            n, nama, nik if pribadi else mask_nik(nik), lahir if pribadi else mask_tanggal(lahir), kode, skema,
            nomor, reg, terbit, sampai, asesor or "", tuk or "",
        ]


def params_period(params: dict) -> tuple[date, date]:
    return date.fromisoformat(params["dari"]), date.fromisoformat(params["sampai"])


def filename(dari: date, sampai: date, ext: str) -> str:
    return f"laporan-bnsp-{dari:%Y%m%d}-{sampai:%Y%m%d}.{ext}"


def build_xlsx(ekspor, path, on_progress):
    """The BNSP report of an ``lsp.Ekspor`` job (admin LSP only: anyone else gets an empty file)."""
    from lsp.access import is_admin_lsp

    dari, sampai = params_period(ekspor.params or {})
    qs = laporan_bnsp_queryset(dari=dari, sampai=sampai)
    if not is_admin_lsp(ekspor.created_by):
        qs = qs.none()
    total = qs.count()
    step = max(1, total // 20)

    def on_row(n):
        if n % step == 0 or n == total:
            on_progress(n, total)

    on_progress(0, total)
    pribadi = bool((ekspor.params or {}).get("tampilkan_pribadi"))
    xlsx_write(path, HEADER, laporan_bnsp_rows(qs, pribadi=pribadi), title=_("Laporan BNSP"),
               date_columns=DATE_COLUMNS + ((3,) if pribadi else ()), on_row=on_row)
    return filename(dari, sampai, "xlsx")


# --- the certificates list as a file (lsp.ekspor.DaftarEkspor) ------------------------------------------

DAFTAR_HEADER = [
    gettext_lazy("Nomor sertifikat"), gettext_lazy("Nomor registrasi BNSP"), gettext_lazy("Nama pemegang"),
    gettext_lazy("NIK"), gettext_lazy("Kode skema"), gettext_lazy("Nama skema"), gettext_lazy("Tanggal terbit"),
    gettext_lazy("Berlaku sampai"), gettext_lazy("Status"), gettext_lazy("Sumber"),
]


def sertifikat_export_queryset(user, filters):
    from .filters import SertifikatFilter
    from .selectors import sertifikat_list_admin

    qs = SertifikatFilter(filters or None, queryset=sertifikat_list_admin(user)).qs
    return qs.order_by("-tanggal_terbit", "-pk").values_list(
        "nomor", "nomor_registrasi", "nama_pemegang", "asesi__nik", "skema_kode", "skema_nama", "tanggal_terbit",
        "berlaku_sampai", "status", "sumber",
    )


def sertifikat_export_rows(qs, *, pribadi: bool, today):
    from .domain import Status, status_on
    from .models import Sertifikat

    label, sumber_label = dict(Status.choices), dict(Sertifikat._meta.get_field("sumber").choices)
    for nomor, reg, nama, nik, kode, skema, terbit, sampai, st, sumber in qs.iterator(chunk_size=CHUNK):
        day_status = status_on(status=st, berlaku_sampai=sampai, today=today)
        yield [nomor, reg, nama, nik if pribadi else mask_nik(nik), kode, skema, terbit, sampai,
               str(label.get(day_status, day_status)), str(sumber_label.get(sumber, sumber))]


def _daftar():
    from lsp.ekspor import DaftarEkspor

    return DaftarEkspor(
        key="sertifikat", label=gettext_lazy("Daftar sertifikat"), header=DAFTAR_HEADER,
        queryset=sertifikat_export_queryset, rows=sertifikat_export_rows, filename="sertifikat",
        date_columns=(6, 7), filter_names=("nomor", "status", "skema", "tahun", "berakhir", "pdf_status"),
    )
