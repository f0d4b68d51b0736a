"""The assessment records list (FR.AK.02) as a file, with the verdict of every unit
(``lsp.ekspor.DaftarEkspor``): the same filters as the page; the NIK masked unless asked for. The unit
verdicts come as one aggregated column per record (a subquery: no query per row)."""

from django.contrib.postgres.aggregates import StringAgg
from django.db.models import F, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils.translation import gettext_lazy as _

from asesi.domain import mask_nik
from lsp.ekspor import DaftarEkspor

from .domain_pelaksanaan import StatusRekaman, Verdict
from .filters_pelaksanaan import RekamanFilter
from .models import PenilaianUnit
from .selectors_pelaksanaan import rekaman_for_user

CHUNK = 2000

HEADER = [_("Nomor permohonan"), _("Nama asesi"), _("NIK"), _("Kode skema"), _("Jadwal"), _("TUK"), _("Asesor"),
          _("Status"), _("Rekomendasi"), _("Diajukan"), _("Unit K"), _("Unit BK"), _("Hasil per unit")]


def rekaman_export_queryset(user, filters):
    units = (
        PenilaianUnit.objects.filter(rekaman=OuterRef("pk")).order_by().values("rekaman")
        .annotate(s=StringAgg(Concat(F("unit__kode"), Value(": "), F("hasil"), output_field=TextField()),
                              delimiter="; ", ordering=("unit__urutan", "unit__kode"), output_field=TextField()))
        .values("s")
    )
    qs = RekamanFilter(filters or None, queryset=rekaman_for_user(user).select_related(None)).qs
    return (
        qs.order_by("-created_at", "-pk")
        .annotate(hasil_unit=Coalesce(Subquery(units), Value(""), output_field=TextField()),
                  asesor_nama=Coalesce(NullIf("peserta__asesor__user__nama_lengkap", Value("")),
                                       "peserta__asesor__user__username"))
        .values_list("peserta__permohonan_id", "peserta__permohonan__asesi__user__nama_lengkap",
                     "peserta__permohonan__asesi__user__username", "peserta__permohonan__asesi__nik",
                     "peserta__jadwal__skema__kode", "peserta__jadwal_id", "peserta__jadwal__tuk__nama",
                     "asesor_nama", "status", "rekomendasi", "diajukan_pada", "hasil_unit")
    )


def rekaman_export_rows(qs, *, pribadi: bool, today):
    from django.utils import timezone

    status, verdict = dict(StatusRekaman.choices), dict(Verdict.choices)
    for (apl, nama, username, nik, skema, jadwal, tuk, asesor, st, rek, diajukan, hasil) in qs.iterator(
        chunk_size=CHUNK
    ):
        parts = [p for p in hasil.split("; ") if p]
        yield [
            f"APL-{apl:06d}", nama or username, nik if pribadi else mask_nik(nik), skema, f"JDW-{jadwal:06d}", tuk,
            asesor or "",
            str(status.get(st, st)), str(verdict.get(rek, rek)) if rek else "",
            timezone.localtime(diajukan).date() if diajukan else None,
            sum(p.endswith(": K") for p in parts), sum(p.endswith(": BK") for p in parts), hasil,
        ]


REKAMAN = DaftarEkspor(
    key="rekaman", label=_("Rekaman asesmen dan hasil per unit"), header=HEADER, queryset=rekaman_export_queryset,
    rows=rekaman_export_rows, filename="rekaman-asesmen", date_columns=(9,),
    filter_names=("q", "status", "rekomendasi", "skema"),
)
