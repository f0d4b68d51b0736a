"""The asesor's side: "Jadwal saya" (upcoming and past batches), a batch with the asesi paired with them,
and per asesi the application, FR.APL.02 answers and documents (full personal data only while assigned,
each view written to the audit trail), the APL.02 recommendation, the consultation, FR.AK.07 and FR.AK.01."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from asesi.domain import profil_display
from asesi.selectors import asesmen_mandiri_rows
from lsp.access import RoleRequiredMixin
from lsp.privacy import personal_data
from lsp.roles import Role
from lsp.uploads import private_file_response
from lsp.views.base import add_service_errors, message_errors

from .. import domain, forms, selectors, services
from ..models import KonsultasiPraAsesmen, MapaUnit, PersetujuanAsesmen, VerifikasiTUK
from ._common import client_ip


class AsesorRoleMixin(RoleRequiredMixin):
    roles = (Role.ASESOR,)


class AsesorJadwalListView(AsesorRoleMixin, TemplateView):
    template_name = "asesmen/asesor_jadwal_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        now = timezone.now()
        jadwal = selectors.jadwal_for_asesor(self.request.user)
        ctx.update(
            mendatang=list(jadwal.filter(selesai__gte=now).exclude(status=domain.StatusJadwal.DIBATALKAN)
                           .order_by("mulai", "pk")[:50]),
            lampau=list(jadwal.filter(selesai__lt=now).order_by("-mulai", "-pk")[:50]),
        )
        return ctx


class AsesorJadwalDetailView(AsesorRoleMixin, TemplateView):
    template_name = "asesmen/asesor_jadwal_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        penugasan = get_object_or_404(selectors.penugasan_for_asesor(self.request.user), jadwal_id=kwargs["pk"])
        jadwal = penugasan.jadwal
        ctx.update(
            penugasan=penugasan, jadwal=jadwal,
            peserta=selectors.peserta_for_asesor(self.request.user).filter(jadwal=jadwal)
            .select_related("ak01", "konsultasi").order_by("permohonan__asesi__user__nama_lengkap", "pk"),
            verifikasi_tuk=VerifikasiTUK.objects.filter(jadwal=jadwal).first(),
            mapa=MapaUnit.objects.filter(jadwal=jadwal).select_related("unit").order_by("unit__urutan", "pk"),
            editable=jadwal.status in domain.JADWAL_EDITABLE,
        )
        return ctx


class PernyataanView(AsesorRoleMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        penugasan = get_object_or_404(selectors.penugasan_for_asesor(request.user), pk=pk)
        try:
            services.pernyataan_sign(penugasan=penugasan, by=request.user, ip=client_ip(request))
        except ValidationError as exc:
            message_errors(request, exc)
        else:
            messages.success(request, _("Pernyataan ketidakberpihakan dan kerahasiaan ditandatangani."))
        return HttpResponseRedirect(reverse("asesmen:asesor-jadwal-detail", args=[penugasan.jadwal_id]))


ACTIONS = {
    "rekomendasi": (forms.RekomendasiForm, services.rekomendasi_save, _("Rekomendasi disimpan.")),
    "konsultasi": (forms.KonsultasiForm, services.konsultasi_save, _("Konsultasi pra-asesmen dicatat.")),
    "penyesuaian": (forms.PenyesuaianForm, services.penyesuaian_save, _("Penyesuaian (FR.AK.07) disimpan.")),
    "ak01": (forms.Ak01Form, services.ak01_save, _("Rencana FR.AK.01 disimpan; asesi dan asesor perlu menyetujuinya.")),
}


@personal_data
class AsesorPesertaView(AsesorRoleMixin, TemplateView):
    """One asesi paired with this asesor: everything needed to prepare, and the pre-assessment records."""

    template_name = "asesmen/asesor_peserta.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_role(Role.ASESOR):
            self.peserta = get_object_or_404(selectors.peserta_for_asesor(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def _forms(self, bound=None):
        p = self.peserta
        konsultasi = KonsultasiPraAsesmen.objects.filter(peserta=p).first()
        ak01 = PersetujuanAsesmen.objects.filter(peserta=p).first()
        made = {
            "rekomendasi": forms.RekomendasiForm(
                initial={"rekomendasi": p.rekomendasi, "catatan": p.rekomendasi_catatan}, prefix="rekomendasi"
            ),
            "konsultasi": forms.KonsultasiForm(
                initial={f: getattr(konsultasi, f) for f in ("proses", "bukti", "hak", "kerahasiaan", "catatan")}
                if konsultasi else {}, prefix="konsultasi"),
            "penyesuaian": forms.PenyesuaianForm(initial={"penyesuaian": p.penyesuaian}, prefix="penyesuaian"),
            "ak01": forms.Ak01Form(
                initial={"bukti": ak01.bukti, "tempat": ak01.tempat,
                         "waktu": timezone.localtime(ak01.waktu).replace(tzinfo=None)}
                if ak01 else {"tempat": self.peserta.jadwal.tuk.nama,
                              "waktu": timezone.localtime(p.jadwal.mulai).replace(tzinfo=None)},
                prefix="ak01"),
        }
        if bound:
            made.update(bound)
        return made, konsultasi, ak01

    def get_context_data(self, bound=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p = self.peserta
        profil = p.permohonan.asesi
        made, konsultasi, ak01 = self._forms(bound)
        ctx.update(
            peserta=p, permohonan=p.permohonan, profil=profil,
            data=profil_display(profil.data_pribadi(), full=True),
            apl02=asesmen_mandiri_rows(p.permohonan),
            dokumen=selectors.dokumen_for_asesor(self.request.user).filter(permohonan=p.permohonan),
            forms=made, konsultasi=konsultasi, ak01=ak01,
            kurang=[domain.MESSAGES[c] for c in domain.assessment_can_start(selectors.persiapan_of(p))],
            editable=p.jadwal.status in domain.JADWAL_OPEN,
        )
        return ctx

    def get(self, request, *args, **kwargs):
        services.peserta_view_record(peserta=self.peserta, by=request.user, via="profil")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("aksi", "")
        url = request.path
        if action == "ak01_setuju":
            try:
                services.ak01_confirm(peserta=self.peserta, by=request.user, ip=client_ip(request))
            except ValidationError as exc:
                message_errors(request, exc)
            else:
                messages.success(request, _("Anda menyetujui FR.AK.01."))
            return HttpResponseRedirect(url)
        if action not in ACTIONS:
            raise Http404
        form_class, service, done = ACTIONS[action]
        form = form_class(request.POST, prefix=action)
        if form.is_valid():
            try:
                service(peserta=self.peserta, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, done)
                return HttpResponseRedirect(url)
        services.peserta_view_record(peserta=self.peserta, by=request.user, via="profil")
        return self.render_to_response(self.get_context_data(bound={action: form}))


class AsesorDokumenView(AsesorRoleMixin, View):
    """A document of an asesi assigned to this asesor (only while assigned); each download is audited."""

    def get(self, request, pk):
        dokumen = get_object_or_404(selectors.dokumen_for_asesor(request.user), pk=pk)
        peserta = selectors.peserta_for_asesor(request.user).filter(permohonan=dokumen.permohonan).first()
        services.peserta_view_record(peserta=peserta, by=request.user, via=f"dokumen:{dokumen.pk}")
        return private_file_response(dokumen.berkas, dokumen.nama_asli, dokumen.mime)
