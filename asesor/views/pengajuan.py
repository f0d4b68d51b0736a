"""The asesor's self-service (ask for recognition with evidence, record an assessment done for another
LSP) and admin LSP's queue of what asesors sent: recognition requests and external assessments to verify."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from lsp.roles import Role
from lsp.views.base import AdminLspMixin, PostActionView

from .. import domain, forms, selectors, services
from ._common import AsesorFormView


class AsesorSendiriMixin:
    """For the asesor's own pages: ``self.asesor`` is the profile of the user (404 without one)."""

    roles = (Role.ASESOR,)

    def load(self, **kwargs):
        self.asesor = selectors.asesor_own(self.request.user)
        if self.asesor is None:
            raise Http404

    def get_cancel_url(self):
        return reverse("asesor:asesor-saya")

    def get_success_url(self):
        return reverse("asesor:asesor-saya")


class RekognisiAjukanView(AsesorSendiriMixin, AsesorFormView):
    form_class = forms.PengajuanRekognisiForm
    template_name = "asesor/pengajuan_form.html"
    title = gettext_lazy("Ajukan rekognisi (RCC)")
    submit_label = gettext_lazy("Ajukan rekognisi")
    success_message = gettext_lazy("Pengajuan rekognisi terkirim; admin LSP akan memeriksa buktinya.")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["status"] = status = selectors.status_from_loaded(self.asesor, timezone.localdate())
        ctx["terbuka"] = terbuka = selectors.pengajuan_terbuka(self.asesor)
        ctx["bisa_ajukan"] = domain.rekognisi_dapat_diajukan(status, ada_pengajuan_terbuka=terbuka is not None)
        return ctx

    def perform(self, form):
        return services.pengajuan_rekognisi_submit(asesor=self.asesor, by=self.request.user, **form.cleaned_data)


class RiwayatSayaCreateView(AsesorSendiriMixin, AsesorFormView):
    form_class = forms.RiwayatEksternalForm
    title = gettext_lazy("Catat asesmen untuk LSP lain")
    submit_label = gettext_lazy("Kirim untuk diverifikasi")
    success_message = gettext_lazy("Asesmen dicatat dan menunggu verifikasi admin LSP.")
    intro = gettext_lazy(
        "Asesmen yang Anda lakukan untuk LSP lain, dengan buktinya (surat tugas atau berita acara). Asesmen ini "
        "dihitung untuk rekognisi setelah admin LSP memverifikasi buktinya."
    )

    def perform(self, form):
        return services.riwayat_eksternal_add(asesor=self.asesor, by=self.request.user, **form.cleaned_data)


class PengajuanWithdrawView(PostActionView):
    roles = (Role.ASESOR,)
    queryset_selector = selectors.pengajuan_for_user

    def act(self, obj):
        services.pengajuan_rekognisi_withdraw(pengajuan=obj, by=self.request.user)
        return _("Pengajuan rekognisi dibatalkan.")

    def redirect_url(self, obj):
        return reverse("asesor:asesor-saya")


class AntreanView(AdminLspMixin, TemplateView):
    """Admin LSP: recognition requests and external assessments waiting, oldest first."""

    template_name = "asesor/antrean.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.antrean_verifikasi(self.request.user), **kwargs)


class PengajuanDecideView(AsesorFormView):
    form_class = forms.PengajuanDecideForm
    template_name = "asesor/pengajuan_detail.html"
    title = gettext_lazy("Pengajuan rekognisi (RCC)")
    submit_label = gettext_lazy("Simpan keputusan")
    success_message = gettext_lazy("Keputusan pengajuan rekognisi disimpan; asesor diberi tahu lewat email.")

    def load(self, **kwargs):
        self.pengajuan = get_object_or_404(selectors.pengajuan_for_user(self.request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["pengajuan"] = self.pengajuan
        ctx["status"] = selectors.asesor_status_on(asesor=self.pengajuan.asesor, on_date=timezone.localdate())
        return ctx

    def get_cancel_url(self):
        return reverse("asesor:antrean")

    def get_success_url(self):
        return reverse("asesor:antrean")

    def perform(self, form):
        data = form.cleaned_data
        return services.pengajuan_rekognisi_decide(
            pengajuan=self.pengajuan, setujui=data["keputusan"] == "setujui", nomor=data["nomor"],
            dokumen=data["dokumen"], catatan=data["catatan"], by=self.request.user,
        )

