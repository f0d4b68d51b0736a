"""The asesi's side: their schedule (time, place, asesor, what to bring), an .ics file, and confirming
the pre-assessment consultation and FR.AK.01."""

from datetime import UTC

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from lsp.access import RoleRequiredMixin
from lsp.models import LspProfile
from lsp.roles import Role
from lsp.views.base import message_errors

from .. import domain, selectors, services
from ._common import client_ip


class AsesiRoleMixin(RoleRequiredMixin):
    roles = (Role.ASESI,)


class AsesiJadwalView(AsesiRoleMixin, TemplateView):
    template_name = "asesmen/asesi_jadwal.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        items = list(selectors.peserta_for_asesi(self.request.user).order_by("jadwal__mulai", "pk"))
        ctx["items"] = [
            {"p": p, "bawa": list(p.permohonan.persyaratan.all()),
             "kurang": [domain.MESSAGES[c] for c in domain.assessment_can_start(selectors.persiapan_of(p))
                        if c not in ("jadwal_belum_berjalan",)]}
            for p in items
        ]
        return ctx


class AsesiIcsView(AsesiRoleMixin, View):
    def get(self, request, pk):
        p = get_object_or_404(selectors.peserta_for_asesi(request.user), pk=pk)
        j = p.jadwal
        utc = UTC
        text = domain.ics_event(
            uid=f"jadwal-{j.pk}-peserta-{p.pk}@lsp",
            start=j.mulai.astimezone(utc), end=j.selesai.astimezone(utc), stamp=timezone.now().astimezone(utc),
            summary=_("Uji kompetensi %(skema)s") % {"skema": j.skema.nama},
            location=f"{j.tuk.nama}, {j.tuk.alamat}",
            description=_("%(kode)s · %(lsp)s · asesor: %(asesor)s") % {
                "kode": j.kode, "lsp": LspProfile.get().nama, "asesor": p.asesor.user if p.asesor_id else "-"},
            cancelled=j.status == domain.StatusJadwal.DIBATALKAN,
        )
        response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{j.kode}.ics"'
        return response


class AsesiKonfirmasiView(AsesiRoleMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        p = get_object_or_404(selectors.peserta_for_asesi(request.user), pk=pk)
        what = request.POST.get("aksi", "")
        try:
            if what == "konsultasi":
                services.konsultasi_confirm(peserta=p, by=request.user, ip=client_ip(request))
                messages.success(request, _("Konsultasi pra-asesmen dikonfirmasi."))
            elif what == "ak01":
                services.ak01_confirm(peserta=p, by=request.user, ip=client_ip(request))
                messages.success(request, _("Anda menyetujui FR.AK.01 (persetujuan asesmen dan kerahasiaan)."))
            else:
                raise Http404
        except ValidationError as exc:
            message_errors(request, exc)
        return HttpResponseRedirect(reverse("asesmen:asesi-jadwal"))
