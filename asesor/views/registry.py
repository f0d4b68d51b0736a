"""The asesor registry (admin LSP): list with filters, export, detail, the scheduling check, and the
forms that register or change an asesor."""

import csv
import io
import re

from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView
from django.views.generic.edit import FormView

from lsp.pagination import LenientPaginationMixin
from lsp.privacy import personal_data
from lsp.views.base import AdminLspMixin

from .. import forms, selectors, services
from ..filters import AsesorFilter
from ._common import AsesorFormView, AsesorObjectMixin, asesor_context


class AsesorFilteredMixin:
    def get_filterset(self):
        return AsesorFilter(
            self.request.GET or None,
            queryset=selectors.asesor_list_for_user(self.request.user),
            on_date=timezone.localdate(),
        )


class AsesorListView(AdminLspMixin, AsesorFilteredMixin, LenientPaginationMixin, ListView):
    template_name = "asesor/asesor_list.html"
    paginate_by = 25

    def get_queryset(self):
        self.filterset = self.get_filterset()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        ctx["rows"] = [(a, selectors.status_from_loaded(a, today)) for a in ctx["object_list"]]
        for a in ctx["object_list"]:
            selectors.kompetensi_marked(a.kompetensi.all(), today)  # marks the prefetched rows the page shows
        ctx["filter"] = self.filterset
        return ctx


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


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _safe_cell(value):
    """Text for a spreadsheet cell: no control characters (XLSX refuses them), and no leading = + - @
    (spreadsheet programs would run the cell as a formula: CSV/formula injection)."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        value = _CONTROL_CHARS.sub("", value)
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
    return value


def export_rows(asesors, on_date):
    for a in asesors:
        st = selectors.status_from_loaded(a, on_date)
        cert = st.sertifikat
        yield [
            a.nomor_registrasi,
            str(a.user),
            a.user.email,
            a.telepon,
            _("Ya") if a.is_master else _("Tidak"),
            cert.nomor if cert else "",
            cert.get_jenis_display() if cert else "",
            cert.issued_on if cert else None,
            cert.valid_until if cert else None,
            st.status_label,
            st.sisa_hari,
            st.jumlah_asesmen if cert else None,
            st.rekognisi_label,
            "; ".join(str(k.skema.kode if k.skema_id else k.bidang) for k in a.kompetensi.all()),
        ]


@personal_data
class AsesorExportView(AdminLspMixin, AsesorFilteredMixin, View):
    def get(self, request, fmt):
        today = timezone.localdate()
        asesors = self.get_filterset().qs
        header = [str(h) for h in EXPORT_HEADER]
        filename = f"asesor-{today:%Y%m%d}"
        if fmt == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
            response.write("\ufeff")  # so Excel reads UTF-8
            writer = csv.writer(response)
            writer.writerow(header)
            for row in export_rows(asesors, today):
                writer.writerow(
                    ["" if v is None else (v.isoformat() if hasattr(v, "isoformat") else _safe_cell(v)) for v in row]
                )
            return response
        from openpyxl import Workbook
        from openpyxl.styles import Font

        wb = Workbook()
        ws = wb.active
        ws.title = str(_("Asesor"))[:31]
        ws.append(header)
        for row in export_rows(asesors, today):
            ws.append([_safe_cell(v) for v in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for column in ("H", "I"):
            for cell in ws[column][1:]:
                cell.number_format = "DD-MM-YYYY"
        buffer = io.BytesIO()
        wb.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response


@personal_data
class AsesorDetailView(AsesorObjectMixin, AdminLspMixin, TemplateView):
    template_name = "asesor/asesor_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(asesor_context(self.asesor))
        return ctx


class KelayakanView(AsesorObjectMixin, AdminLspMixin, FormView):
    """The scheduling guard in the browser: may this asesor be assigned to a skema on a date, and if
    not, why (certificate, technical competence, own assessment, conflict of interest)."""

    form_class = forms.KelayakanForm
    template_name = "asesor/kelayakan.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get_initial(self):
        return {"tanggal": timezone.localdate()}

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        ctx = self.get_context_data(form=form, asesor=self.asesor)
        if request.GET and form.is_valid():
            data = form.cleaned_data
            ctx["hasil"] = selectors.asesor_can_assess(
                asesor=self.asesor, skema=data["skema"], on_date=data["tanggal"], asesi_user=data["asesi"]
            )
            ctx["status_pada_tanggal"] = selectors.asesor_status_on(asesor=self.asesor, on_date=data["tanggal"])
        return self.render_to_response(ctx)

    http_method_names = ["get", "head", "options"]


@personal_data
class AsesorCreateView(AsesorFormView):
    form_class = forms.AsesorCreateForm
    title = gettext_lazy("Tambah asesor")
    success_message = gettext_lazy("Asesor terdaftar.")

    def perform(self, form):
        data = form.cleaned_data
        return services.asesor_register(
            user=data["pengguna"],
            username=data["username"],
            nama_lengkap=data["nama_lengkap"],
            email=data["email"],
            nomor_registrasi=data["nomor_registrasi"],
            telepon=data["telepon"],
            alamat=data["alamat"],
            is_master=data["is_master"],
            by=self.request.user,
        )


@personal_data
class AsesorUpdateView(AsesorObjectMixin, AsesorFormView):
    form_class = forms.AsesorUpdateForm
    success_message = gettext_lazy("Data asesor diperbarui.")

    @property
    def title(self):
        return _("Ubah asesor %(nama)s") % {"nama": self.asesor.user}

    def get_initial(self):
        return {f: getattr(self.asesor, f) for f in ("nomor_registrasi", "telepon", "alamat", "is_master")}

    def get_cancel_url(self):
        return self.asesor.get_absolute_url()

    def perform(self, form):
        return services.asesor_update(asesor=self.asesor, by=self.request.user, **form.cleaned_data)
