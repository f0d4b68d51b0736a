"""Decision pages: the asesor's FR.AK.05 (write, sign, print, PDF); the komite's pleno queue, batch page
and per-asesi decision; the SK per batch (komite edits and submits, the director approves or refuses,
everyone involved prints it). Each view checks the role and fetches through a scoped selector; the
services decide (impartiality is enforced there, not by hiding buttons)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView

from lsp.access import user_has_role
from lsp.pagination import KeysetPaginationMixin
from lsp.roles import Role
from lsp.views.base import AdminLspMixin, ServiceFormView, add_service_errors, message_errors

from .. import forms_keputusan as forms
from .. import selectors_keputusan as reads
from .. import services
from ..domain_keputusan import SK_EDITABLE, StatusLaporan, StatusSK
from ..models import KeputusanSK
from ._common import client_ip

# --- FR.AK.05 -------------------------------------------------------------------------------------


class _LaporanMixin:
    def load(self, **kwargs):
        self.penugasan = get_object_or_404(reads.penugasan_laporan_for_user(self.request.user), pk=kwargs["pk"])
        self.laporan = reads.laporan_of(self.penugasan)
        self.rows = reads.laporan_rows(self.penugasan)


class LaporanView(_LaporanMixin, AdminLspMixin, TemplateView):
    """The assigned asesor writes FR.AK.05 and signs it (then it is final)."""

    roles = (Role.ASESOR,)
    template_name = "asesmen/pleno/laporan.html"

    def load(self, **kwargs):
        self.penugasan = get_object_or_404(
            reads.penugasan_laporan_for_user(self.request.user).filter(asesor__user=self.request.user), pk=kwargs["pk"])
        self.laporan = reads.laporan_of(self.penugasan)
        self.rows = reads.laporan_rows(self.penugasan)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if "form" not in kwargs:
            initial = {}
            if self.laporan:
                initial = {"catatan": self.laporan.catatan, "rekomendasi": self.laporan.rekomendasi,
                           "tindak_lanjut": self.laporan.tindak_lanjut}
            ctx["form"] = forms.LaporanForm(initial=initial)
        final = bool(self.laporan and self.laporan.status == StatusLaporan.DITANDATANGANI)
        ctx.update(penugasan=self.penugasan, laporan=self.laporan, rows=self.rows, final=final,
                   breadcrumbs=[(_("Jadwal saya"), reverse("asesmen:asesor-jadwal-list")),
                                (self.penugasan.jadwal.kode,
                                 reverse("asesmen:asesor-jadwal-detail", args=[self.penugasan.jadwal_id]))])
        return ctx

    def post(self, request, pk):
        form = forms.LaporanForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        try:
            services.laporan_save(penugasan=self.penugasan, catatan=data["catatan"], rekomendasi=data["rekomendasi"],
                                  tindak_lanjut=data["tindak_lanjut"], by=request.user)
            if request.POST.get("aksi") == "tandatangani":
                services.laporan_sign(penugasan=self.penugasan, ttd=data["ttd"], by=request.user,
                                      ip=client_ip(request))
                messages.success(request, _("Laporan asesmen (FR.AK.05) ditandatangani."))
            else:
                messages.success(request, _("Laporan asesmen disimpan."))
        except ValidationError as exc:
            add_service_errors(form, exc)
            self.laporan = reads.laporan_of(self.penugasan)
            return self.render_to_response(self.get_context_data(form=form))
        return HttpResponseRedirect(reverse("asesmen:laporan", args=[self.penugasan.pk]))


class LaporanCetakView(_LaporanMixin, AdminLspMixin, TemplateView):
    """FR.AK.05 as a printable page (asesor of record, admin LSP, komite, director)."""

    roles = (Role.ASESOR, *reads.SK_ROLES)
    template_name = "asesmen/pleno/laporan_cetak.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(penugasan=self.penugasan, laporan=self.laporan, rows=self.rows, **kwargs)


class LaporanPdfView(_LaporanMixin, AdminLspMixin, View):
    roles = (Role.ASESOR, *reads.SK_ROLES)

    def get(self, request, pk):
        from ..pdf_keputusan import laporan_pdf

        return _pdf(laporan_pdf(self.penugasan, self.rows, self.laporan), f"FR.AK.05-{self.penugasan.jadwal.kode}.pdf")


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response


# --- pleno (komite) -------------------------------------------------------------------------------


class PlenoQueueView(AdminLspMixin, KeysetPaginationMixin, ListView):
    """Batches with submitted recommendations whose SK is not approved yet, latest first, a page at a time by
    cursor."""

    roles = (Role.KOMITE,)
    template_name = "asesmen/pleno/queue.html"
    paginate_by = 25
    keyset = reads.PLENO_KEYSET

    def get_queryset(self):
        return reads.pleno_queue(self.request.user)


class PlenoJadwalView(AdminLspMixin, TemplateView):
    """One batch in pleno: each asesi's recommendation, unit verdicts and decision; the SK's pleno date."""

    roles = (Role.KOMITE,)
    template_name = "asesmen/pleno/jadwal.html"

    def load(self, **kwargs):
        self.jadwal = get_object_or_404(reads.pleno_jadwal(self.request.user).select_related("skema", "tuk"),
                                        pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        sk = KeputusanSK.objects.filter(jadwal=self.jadwal).first()
        rows = reads.with_batas_keputusan(reads.pleno_rows(self.jadwal.pk, sk))
        me = self.request.user.pk
        for r in rows:
            r["asesor_sendiri"] = r["peserta"].asesor is not None and r["peserta"].asesor.user_id == me
        return super().get_context_data(
            jadwal=self.jadwal, sk=sk, rows=rows, editable=sk is None or sk.status in SK_EDITABLE,
            today=timezone.localdate(),
            belum=sum(1 for r in rows if r["keputusan"] is None), **kwargs)


class KeputusanView(ServiceFormView):
    """A komite member decides K / BK on one asesi, with the record's recommendation and unit verdicts in
    view. The service refuses the asesor who assessed them."""

    roles = (Role.KOMITE,)
    template_name = "asesmen/pleno/keputusan.html"
    form_class = forms.KeputusanForm
    title = gettext_lazy("Keputusan pleno")
    submit_label = gettext_lazy("Simpan keputusan")

    def load(self, **kwargs):
        self.peserta = get_object_or_404(reads.peserta_for_komite(self.request.user), pk=kwargs["pk"])

    def get_initial(self):
        k = getattr(self.peserta, "keputusan_pleno", None)
        return {"keputusan": k.keputusan, "catatan": k.catatan} if k else {}

    def perform(self, form):
        row = services.keputusan_save(peserta=self.peserta, keputusan=form.cleaned_data["keputusan"],
                                      catatan=form.cleaned_data["catatan"], by=self.request.user)
        if row.terlambat:
            messages.warning(self.request, _(
                "Keputusan ini diambil lebih dari 5 hari kerja setelah asesmen; keterlambatan dicatat."))
        else:
            messages.success(self.request, _("Keputusan disimpan."))
        return row

    def get_success_url(self):
        return reverse("asesmen:pleno-jadwal", args=[self.peserta.jadwal_id])

    def get_breadcrumbs(self):
        return [(_("Keputusan sertifikasi (pleno)"), reverse("asesmen:pleno")),
                (self.peserta.jadwal.kode, self.get_success_url())]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows = [r for r in reads.pleno_rows(self.peserta.jadwal_id) if r["peserta"].pk == self.peserta.pk]
        ctx.update(peserta=self.peserta, row=reads.with_batas_keputusan(rows)[0] if rows else None,
                   today=timezone.localdate())
        return ctx


# --- SK -------------------------------------------------------------------------------------------


class SKListView(AdminLspMixin, KeysetPaginationMixin, ListView):
    """Every SK, last changed first, by status; a page at a time by cursor."""

    roles = reads.SK_ROLES
    template_name = "asesmen/pleno/sk_list.html"
    paginate_by = 25
    keyset = reads.SK_KEYSET

    def get_queryset(self):
        qs = reads.sk_list(self.request.user)
        status = self.request.GET.get("status", "")
        if status in StatusSK.values:
            qs = qs.filter(status=status)
        return qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(statuses=StatusSK.choices, status=self.request.GET.get("status", ""),
                                        **kwargs)


class _SKMixin:
    roles = reads.SK_ROLES

    def load(self, **kwargs):
        self.sk = get_object_or_404(reads.sk_for_user(self.request.user), pk=kwargs["pk"])


class SKDetailView(_SKMixin, AdminLspMixin, TemplateView):
    template_name = "asesmen/pleno/sk_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        rows = reads.pleno_rows(self.sk.jadwal_id, self.sk)
        return super().get_context_data(
            sk=self.sk, rows=rows, is_komite=user_has_role(user, Role.KOMITE),
            is_direktur=user_has_role(user, Role.DIREKTUR), is_admin=user_has_role(user, Role.ADMIN_LSP),
            editable=self.sk.status in SK_EDITABLE, n_k=sum(1 for r in rows if r["keputusan"] and
                                                           r["keputusan"].keputusan == "K"),
            laporan=reads.penugasan_laporan_for_user(user).filter(jadwal_id=self.sk.jadwal_id),
            tolak_form=forms.SKTolakForm(), **kwargs)


class SKUbahView(_SKMixin, ServiceFormView):
    roles = (Role.KOMITE,)
    form_class = forms.SKForm
    template_name = "asesmen/form.html"
    title = gettext_lazy("Tanggal dan catatan pleno")

    def get_initial(self):
        return {"tanggal_pleno": self.sk.tanggal_pleno, "catatan": self.sk.catatan}

    def perform(self, form):
        return services.sk_save(sk=self.sk, tanggal_pleno=form.cleaned_data["tanggal_pleno"],
                                catatan=form.cleaned_data["catatan"], by=self.request.user)

    def get_breadcrumbs(self):
        return [(_("SK hasil uji kompetensi"), reverse("asesmen:sk-list")), (str(self.sk), self.sk.get_absolute_url())]

    def get_success_url(self):
        return self.sk.get_absolute_url()


class SKTolakView(_SKMixin, ServiceFormView):
    roles = (Role.DIREKTUR,)
    form_class = forms.SKTolakForm
    template_name = "asesmen/form.html"
    title = gettext_lazy("Tolak SK dan kembalikan ke komite")
    success_message = gettext_lazy("SK ditolak dan dikembalikan ke komite.")

    def perform(self, form):
        return services.sk_transition(sk=self.sk, to=StatusSK.DITOLAK, alasan=form.cleaned_data["alasan"],
                                      by=self.request.user)

    def get_breadcrumbs(self):
        return [(_("SK hasil uji kompetensi"), reverse("asesmen:sk-list")), (str(self.sk), self.sk.get_absolute_url())]

    def get_success_url(self):
        return self.sk.get_absolute_url()


class _SKActionView(_SKMixin, AdminLspMixin, View):
    http_method_names = ["post"]
    target = ""
    done = ""

    def post(self, request, pk):
        try:
            services.sk_transition(sk=self.sk, to=self.target, by=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
        else:
            messages.success(request, self.done)
        return HttpResponseRedirect(self.sk.get_absolute_url())


class SKAjukanView(_SKActionView):
    roles = (Role.KOMITE,)
    target = StatusSK.DIAJUKAN
    done = gettext_lazy("SK diajukan ke direktur.")


class SKSetujuiView(_SKActionView):
    roles = (Role.DIREKTUR,)
    target = StatusSK.DISETUJUI
    done = gettext_lazy("SK disetujui; hasil diumumkan kepada asesi.")


class SKPdfView(_SKMixin, AdminLspMixin, View):
    def get(self, request, pk):
        from ..pdf_keputusan import sk_pdf

        rows = reads.pleno_rows(self.sk.jadwal_id, self.sk)
        name = (self.sk.nomor or f"draf-{self.sk.jadwal.kode}").replace("/", "-")
        return _pdf(sk_pdf(self.sk, rows), f"SK-{name}.pdf")
