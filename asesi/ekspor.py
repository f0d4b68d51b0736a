"""The asesi list and the applications list as files (``lsp.ekspor.DaftarEkspor``): the same filters as
their pages, personal data (NIK, birth date, address, phone) masked unless the admin asks for it."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from lsp.ekspor import DaftarEkspor

from . import selectors
from .domain import JenisKelamin, Status, Tujuan, mask_alamat, mask_nik, mask_tanggal, mask_telepon
from .filters import PermohonanFilter
from .forms import AsesiCariForm
from .models import Permohonan

CHUNK = 2000

ASESI_HEADER = [_("Nama"), _("Nama pengguna"), _("Email"), _("NIK"), _("Tempat lahir"), _("Tanggal lahir"),
                _("Jenis kelamin"), _("Alamat"), _("Kode pos"), _("Telepon"), _("Institusi"), _("Jumlah permohonan"),
                _("Terdaftar")]


def asesi_export_queryset(user, filters):
    qs = selectors.asesi_profiles_for_admin(user)
    form = AsesiCariForm(filters or None)
    if form.is_valid():
        qs = selectors.asesi_search(qs, form.cleaned_data["q"])
    permohonan = (Permohonan.objects.filter(asesi=OuterRef("pk")).exclude(status=Status.DRAFT).order_by()
                  .values("asesi").annotate(n=Count("pk")).values("n"))
    return (
        qs.order_by(*selectors.ASESI_KEYSET, "pk")
        .annotate(jumlah_permohonan=Coalesce(Subquery(permohonan), 0))
        .values_list("user__nama_lengkap", "user__username", "user__email", "nik", "tempat_lahir", "tanggal_lahir",
                     "jenis_kelamin", "alamat", "kode_pos", "telepon", "institusi", "jumlah_permohonan",
                     "created_at")
    )


def asesi_export_rows(qs, *, pribadi: bool, today):
    jk = dict(JenisKelamin.choices)
    for (nama, username, email, nik, tempat, lahir, kelamin, alamat, kode_pos, telepon, institusi, n,
         dibuat) in qs.iterator(chunk_size=CHUNK):
        yield [
            nama or username, username, email, nik if pribadi else mask_nik(nik), tempat,
            lahir if pribadi else mask_tanggal(lahir), str(jk.get(kelamin, kelamin)),
            alamat if pribadi else mask_alamat(alamat), kode_pos, telepon if pribadi else mask_telepon(telepon),
            institusi, n, dibuat.date(),
        ]


PERMOHONAN_HEADER = [_("Nomor permohonan"), _("Nama asesi"), _("NIK"), _("Kode skema"), _("Nama skema"),
                     _("Tujuan"), _("Status"), _("Keputusan"), _("Diajukan"), _("Jumlah dokumen")]


def permohonan_export_queryset(user, filters):
    data = dict(filters)
    data.setdefault("status", Status.DIAJUKAN)  # as the list: the queue unless ``?status=`` asks otherwise
    qs = PermohonanFilter(data, queryset=selectors.permohonan_queue(user)).qs
    return qs.values_list("pk", "asesi__user__nama_lengkap", "asesi__user__username", "asesi__nik", "skema__kode",
                          "skema__nama", "tujuan", "status", "keputusan", "diajukan_pada", "jumlah_dokumen")


def permohonan_export_rows(qs, *, pribadi: bool, today):
    from django.utils import timezone

    status, tujuan = dict(Status.choices), dict(Tujuan.choices)
    for pk, nama, username, nik, kode, skema, tj, st, keputusan, diajukan, dokumen in qs.iterator(chunk_size=CHUNK):
        yield [
            f"APL-{pk:06d}", nama or username, nik if pribadi else mask_nik(nik), kode, skema,
            str(tujuan.get(tj, tj)), str(status.get(st, st)), keputusan,
            timezone.localtime(diajukan).date() if diajukan else None, dokumen,
        ]


ASESI = DaftarEkspor(
    key="asesi", label=_("Daftar asesi"), header=ASESI_HEADER, queryset=asesi_export_queryset,
    rows=asesi_export_rows, filename="asesi", date_columns=(5, 12), filter_names=("q",),
)
PERMOHONAN = DaftarEkspor(
    key="permohonan", label=_("Daftar permohonan"), header=PERMOHONAN_HEADER, queryset=permohonan_export_queryset,
    rows=permohonan_export_rows, filename="permohonan", date_columns=(8,),
    filter_names=("q", "skema", "status", "dari", "sampai"),
)
