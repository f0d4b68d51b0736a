"""The asesor registry (admin LSP): list with filters, export, detail, the scheduling check, and the
forms that register or change an asesor."""

from django.http import HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView
from django.views.generic.edit import FormView

from lsp.ekspor import csv_stream
from lsp.pagination import LenientPaginationMixin
from lsp.privacy import personal_data
from lsp.services.ekspor import ekspor_request
from lsp.views.base import AdminLspMixin

from .. import forms, selectors, services
from ..ekspor import EKSPOR_XLSX, EXPORT_HEADER, TANGGAL_STATUS, export_rows
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


@personal_data
class AsesorExportView(AdminLspMixin, AsesorFilteredMixin, View):
    """``ekspor.csv``: streamed as it is read. ``ekspor.xlsx``: a POST asks for the file, built by a Celery
    task (``lsp.ekspor``), and the browser goes to its status page with the download link."""

    def get(self, request, fmt):
        if fmt != "csv":  # an old XLSX link: back to the list with its filters, where the button asks for it
            return redirect(f"{reverse('asesor:asesor-list')}?{request.GET.urlencode()}")
        today = timezone.localdate()
        header = [str(h) for h in EXPORT_HEADER]
        rows = export_rows(self.get_filterset().qs, today)
        response = StreamingHttpResponse(csv_stream(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="asesor-{today:%Y%m%d}.csv"'
        return response

    def post(self, request, fmt):
        if fmt != "xlsx":
            return HttpResponseNotAllowed(["GET"])
        params = {k: v for k, v in request.POST.items() if k in AsesorFilter.base_filters}
        params[TANGGAL_STATUS] = timezone.localdate().isoformat()  # the status as of the day it was asked
        ekspor = ekspor_request(jenis=EKSPOR_XLSX, params=params, by=request.user)
        return redirect(ekspor)


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
