"""Admin LSP: the holiday calendar (R64) — a year's list, add, edit, delete, import a year from a file."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView

from .. import selectors, services
from ..domain_libur import IMPORT_MAX_ROWS, JenisLibur, tahun_dari
from ..forms import HariLiburForm, LiburImportForm
from ..importers import libur_import_parse, libur_xlsx
from .base import AdminLspMixin, ServiceFormView, add_service_errors, message_errors


def libur_list_url(tahun: int) -> str:
    return f"{reverse('lsp:libur-list')}?tahun={tahun}"


def _crumbs(tahun: int):
    return [(gettext_lazy("Hari libur"), libur_list_url(tahun))]


class HariLiburListView(AdminLspMixin, ListView):
    """One year's holidays in date order (at most 366 rows: no paging), with the years that have any."""

    template_name = "lsp/libur_list.html"
    context_object_name = "libur_list"

    def get_queryset(self):
        self.tahun = tahun_dari(self.request.GET.get("tahun"), today=timezone.localdate())
        return selectors.libur_list_for_user(self.request.user).filter(tanggal__year=self.tahun)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = context["libur_list"]
        tahun_ada = sorted(set(selectors.libur_tahun_ada(self.request.user)) | {self.tahun})
        context.update(
            tahun=self.tahun, tahun_sebelum=self.tahun - 1, tahun_sesudah=self.tahun + 1, tahun_ada=tahun_ada,
            jumlah_nasional=sum(1 for r in rows if r.jenis == JenisLibur.LIBUR_NASIONAL),
            jumlah_cuti=sum(1 for r in rows if r.jenis == JenisLibur.CUTI_BERSAMA),
            jumlah_hari_kerja=sum(1 for r in rows if r.tanggal.weekday() < 5),
        )
        return context


class HariLiburCreateView(ServiceFormView):
    form_class = HariLiburForm
    title = gettext_lazy("Tambah hari libur")
    success_message = gettext_lazy("Hari libur tersimpan.")

    def perform(self, form):
        return services.libur_create(by=self.request.user, **form.cleaned_data)

    def _tahun(self):
        obj = self.object or self.instance
        return obj.tanggal.year if obj is not None and obj.tanggal else tahun_dari(
            self.request.GET.get("tahun"), today=timezone.localdate())

    def get_success_url(self):
        return libur_list_url(self._tahun())

    def get_breadcrumbs(self):
        return _crumbs(self._tahun())


class HariLiburUpdateView(HariLiburCreateView):
    success_message = gettext_lazy("Perubahan hari libur tersimpan.")

    def load(self, **kwargs):
        self.instance = get_object_or_404(selectors.libur_list_for_user(self.request.user), pk=kwargs["pk"])
        self.tanggal_asal = self.instance.tanggal

    @property
    def title(self):
        return _("Ubah hari libur %(tanggal)s") % {"tanggal": self.tanggal_asal.strftime("%d-%m-%Y")}

    def perform(self, form):
        return services.libur_update(libur=self.instance, by=self.request.user, **form.cleaned_data)

    def _tahun(self):
        return self.object.tanggal.year if self.object is not None else self.tanggal_asal.year


class HariLiburDeleteView(AdminLspMixin, View):
    """GET: a confirmation page; POST: delete through the service."""

    http_method_names = ["get", "post"]

    def load(self, **kwargs):
        self.object = get_object_or_404(selectors.libur_list_for_user(self.request.user), pk=kwargs["pk"])

    def get(self, request, *args, **kwargs):
        tahun = self.object.tanggal.year
        return render(request, "lsp/master_confirm_delete.html", {
            "object": self.object,
            "title": _("hari libur %(tanggal)s") % {"tanggal": self.object.tanggal.strftime("%d-%m-%Y")},
            "consequence": _("Sesudah dihapus, tanggal ini dihitung sebagai hari kerja pada keputusan pleno "
                             "berikutnya; keputusan yang sudah tersimpan tidak berubah."),
            "tanpa_catatan_dipakai": True,
            "cancel_url": libur_list_url(tahun),
            "breadcrumbs": _crumbs(tahun),
        })

    def post(self, request, *args, **kwargs):
        tahun = self.object.tanggal.year
        try:
            services.libur_delete(libur=self.object, by=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
        else:
            messages.success(request, _("Hari libur dihapus."))
        return HttpResponseRedirect(libur_list_url(tahun))


class HariLiburImportView(AdminLspMixin, FormView):
    """Import one year from an .xlsx/.csv: every row is checked first; any error → nothing saved and
    each error listed with its row number."""

    form_class = LiburImportForm
    template_name = "lsp/libur_import.html"

    def get_initial(self):
        return {"tahun": tahun_dari(self.request.GET.get("tahun"), today=timezone.localdate())}

    def get_context_data(self, **kwargs):
        tahun = tahun_dari(self.request.GET.get("tahun") or self.request.POST.get("tahun"),
                           today=timezone.localdate())
        return super().get_context_data(breadcrumbs=_crumbs(tahun), max_rows=IMPORT_MAX_ROWS, **kwargs)

    def form_valid(self, form):
        tahun = form.cleaned_data["tahun"]
        result = libur_import_parse(form.cleaned_data["berkas"], tahun=tahun)
        if result.errors:
            return self.render_to_response(self.get_context_data(form=form, errors=result.errors), status=400)
        try:
            counts = services.libur_import(rows=result.rows, tahun=tahun, by=self.request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _(
            "Hari libur tahun %(tahun)s diimpor: %(baru)s baru, %(diubah)s diubah, %(sama)s tetap.")
            % {"tahun": tahun, **counts})
        return HttpResponseRedirect(libur_list_url(tahun))


class HariLiburXlsxView(AdminLspMixin, View):
    """A year's holidays as an .xlsx in the import's format (an empty year: the bare template)."""

    def get(self, request, *args, **kwargs):
        tahun = tahun_dari(request.GET.get("tahun"), today=timezone.localdate())
        rows = selectors.libur_list_for_user(request.user).filter(tanggal__year=tahun).values_list(
            "tanggal", "nama", "jenis")
        response = HttpResponse(
            libur_xlsx(rows, tahun=tahun),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="hari-libur-{tahun}.xlsx"'
        return response
