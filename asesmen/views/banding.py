"""FR.AK.04 banding pages. The asesi: their BK results with the appeal period, the appeal form and each
appeal's page. The komite: the queue (oldest first) and each appeal with the record it is about and the
decision form. Thin: role check, a scoped selector, one service call."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView

from asesi.models import Permohonan
from lsp.access import RoleRequiredMixin, user_has_role
from lsp.pagination import KeysetPaginationMixin
from lsp.roles import Role
from lsp.views.base import add_service_errors

from .. import selectors_banding as reads
from ..domain_banding import MESSAGES, PERTANYAAN
from ..forms_banding import BandingForm, KeputusanBandingForm
from ..models import PenilaianUnit
from ..services.banding import banding_ajukan, banding_putuskan


def _jawaban_rows(banding) -> list:
    return [(label, banding.jawaban.get(key)) for key, label in PERTANYAAN]


# --- asesi ------------------------------------------------------------------------------------------


class AsesiMixin(RoleRequiredMixin):
    roles = (Role.ASESI,)


class BandingSayaView(AsesiMixin, TemplateView):
    template_name = "asesmen/banding/saya.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        hasil = reads.hasil_bk_for_asesi(user, today=timezone.localdate())
        for h in hasil:
            h["alasan"] = MESSAGES[h["code"]] % {"batas": h["batas"], "hari": reads.masa_banding()} if h["code"] else ""
        return super().get_context_data(
            hasil=hasil, banding=list(reads.banding_for_asesi(user).order_by("-diajukan_pada", "-pk")[:50]), **kwargs
        )


class BandingAjukanView(AsesiMixin, FormView):
    template_name = "asesmen/banding/ajukan.html"
    form_class = BandingForm

    def dispatch(self, request, *args, **kwargs):
        if user_has_role(request.user, *self.roles):  # role first: another role gets 403, not 404
            self.permohonan = get_object_or_404(
                Permohonan.objects.filter(asesi__user=request.user).select_related("skema"), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        check = reads.banding_check(self.permohonan, today=timezone.localdate())
        code = check["code"]
        alasan = MESSAGES[code] % {"batas": check["batas"], "hari": reads.masa_banding()} if code else ""
        return super().get_context_data(permohonan=self.permohonan, check=check, tidak_boleh=alasan, **kwargs)

    def form_valid(self, form):
        try:
            banding = banding_ajukan(permohonan=self.permohonan, by=self.request.user, **form.service_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Banding Anda sudah diajukan. Komite akan memutuskannya."))
        return HttpResponseRedirect(reverse("asesmen:banding-saya-detail", args=[banding.pk]))


class BandingSayaDetailView(AsesiMixin, DetailView):
    template_name = "asesmen/banding/detail.html"
    context_object_name = "banding"

    def get_queryset(self):
        return reads.banding_for_asesi(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(jawaban=_jawaban_rows(self.object), asesi_view=True, **kwargs)


# --- komite -----------------------------------------------------------------------------------------


class KomiteMixin(RoleRequiredMixin):
    roles = (Role.KOMITE, Role.ADMIN_LSP)


class BandingListView(KomiteMixin, KeysetPaginationMixin, ListView):
    """The queue: waiting appeals oldest first; ``?status=diterima|ditolak|semua`` shows decided ones, newest
    first. A page at a time by cursor (``banding_antrian_idx``, ``banding_list_idx``)."""

    template_name = "asesmen/banding/list.html"
    paginate_by = 25

    @property
    def keyset(self):
        return reads.BANDING_KEYSET_ANTRIAN if self.status == "diajukan" else reads.BANDING_KEYSET

    def get_queryset(self):
        self.status = self.request.GET.get("status", "diajukan")
        qs = reads.banding_for_komite(self.request.user)
        if self.status in ("diterima", "ditolak"):
            return qs.filter(status=self.status)
        if self.status == "semua":
            return qs
        self.status = "diajukan"
        return qs.filter(status="diajukan")

    def get_context_data(self, **kwargs):
        tabs = [("diajukan", _("Menunggu keputusan")), ("diterima", _("Diterima")), ("ditolak", _("Ditolak")),
                ("semua", _("Semua"))]
        return super().get_context_data(status=self.status, tabs=tabs, **kwargs)


class BandingDetailView(KomiteMixin, FormView):
    template_name = "asesmen/banding/detail.html"
    form_class = KeputusanBandingForm

    def dispatch(self, request, *args, **kwargs):
        if user_has_role(request.user, *self.roles):
            self.banding = get_object_or_404(reads.banding_for_komite(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        b = self.banding
        units = []
        if b.rekaman_id:
            units = list(PenilaianUnit.objects.filter(rekaman_id=b.rekaman_id).select_related("unit")
                         .order_by("unit__urutan", "unit__kode"))
        terlibat = self.request.user.pk in reads.komite_terlibat(b)
        boleh = (b.status == "diajukan" and user_has_role(self.request.user, Role.KOMITE) and not terlibat)
        return super().get_context_data(banding=b, jawaban=_jawaban_rows(b), units=units, boleh=boleh,
                                        terlibat=terlibat, **kwargs)

    def post(self, request, *args, **kwargs):
        if not user_has_role(request.user, Role.KOMITE):
            raise Http404
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            banding_putuskan(banding=self.banding, keputusan=form.cleaned_data["keputusan"],
                             alasan=form.cleaned_data["alasan"], by=self.request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Keputusan banding disimpan dan asesi diberi tahu."))
        return HttpResponseRedirect(self.banding.get_absolute_url())



