"""Admin LSP's verification: the queue of submitted applications and the check-and-decide page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_filters.views import FilterView

from lsp.access import RoleRequiredMixin
from lsp.pagination import KeysetPaginationMixin
from lsp.privacy import personal_data
from lsp.roles import Role

from .. import domain, selectors, services
from ..domain import Status
from ..filters import PermohonanFilter
from ..forms import VerifikasiForm
from ._common import data_pemohon_rows


class VerifikasiListView(RoleRequiredMixin, KeysetPaginationMixin, FilterView):
    """The queue (submitted applications, longest waiting first) and, with ``?status=``, every application
    past draft: search, filters, four orders, days waiting; a page at a time by cursor (one indexed query
    for any page, whatever the order)."""

    roles = (Role.ADMIN_LSP,)
    filterset_class = PermohonanFilter
    template_name = "asesi/verifikasi_list.html"
    paginate_by = 25
    context_object_name = "permohonan_list"

    @property
    def keyset(self):
        form = self.filterset.form
        urut = form.cleaned_data.get("urut") if form.is_valid() else None
        return selectors.PERMOHONAN_KEYSETS.get(urut or selectors.Urutan.MENUNGGU)

    def get_queryset(self):
        return selectors.permohonan_queue(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = self.request.GET.copy()
        if "status" not in data:
            data["status"] = Status.DIAJUKAN  # the queue: waiting for verification (``?status=`` for all)
        kwargs["data"] = data
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for p in ctx["permohonan_list"]:
            p.hari_menunggu = (
                domain.hari_menunggu(timezone.localdate(p.diajukan_pada), today)
                if p.status == Status.DIAJUKAN and p.diajukan_pada else None
            )
        return ctx


@personal_data
class VerifikasiDetailView(RoleRequiredMixin, TemplateView):
    """The full FR.APL.01 (personal data in full: the view is recorded), documents, APL.02, the
    per-requirement check and the decision."""

    roles = (Role.ADMIN_LSP,)
    template_name = "asesi/verifikasi_detail.html"

    def get_permohonan(self):
        qs = selectors.permohonan_with_details(selectors.permohonan_for_admin(self.request.user))
        return get_object_or_404(qs, pk=self.kwargs["pk"])

    def get_form(self, permohonan, data=None):
        if permohonan.status != Status.DIAJUKAN:
            return None
        return VerifikasiForm(data, persyaratan=permohonan.persyaratan.all())

    def get(self, request, pk):
        permohonan = self.get_permohonan()
        return self.render_to_response(self.get_context_data(permohonan=permohonan, form=self.get_form(permohonan)))

    def post(self, request, pk):
        permohonan = self.get_permohonan()
        form = self.get_form(permohonan, request.POST)
        if form is None:
            messages.error(request, _("Permohonan ini tidak sedang menunggu verifikasi."))
            return redirect("asesi:verifikasi-detail", pk=permohonan.pk)
        if form.is_valid():
            try:
                services.permohonan_verify(
                    permohonan=permohonan,
                    hasil=form.hasil(),
                    keputusan=form.cleaned_data["keputusan"],
                    catatan=form.cleaned_data["catatan"],
                    by=request.user,
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(
                    request,
                    _("Permohonan %(nomor)s: %(status)s.")
                    % {"nomor": permohonan.nomor, "status": permohonan.get_status_display()},
                )
                return redirect("asesi:verifikasi-list")
        return self.render_to_response(self.get_context_data(permohonan=permohonan, form=form), status=400)

    def get_context_data(self, **kwargs):
        permohonan = kwargs["permohonan"]
        # every page showing the full personal data is recorded (UU PDP)
        services.asesi_profile_view_record(profile=permohonan.asesi, by=self.request.user, via="verifikasi")
        return super().get_context_data(
            data=data_pemohon_rows(permohonan.data_pemohon or permohonan.asesi.data_pribadi()),
            portofolio=[d for d in permohonan.dokumen.all() if d.is_portofolio],
            apl02_rows=selectors.asesmen_mandiri_rows(permohonan),
            apl02=selectors.asesmen_mandiri_progress(permohonan),
            timeline=domain.timeline(permohonan.status, permohonan.keputusan),
            **kwargs,
        )
