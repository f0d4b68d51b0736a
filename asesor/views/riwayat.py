"""The assessment log (external assessments and their verification) and conflicts of interest."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lsp.views.base import FilteredListView

from .. import forms, selectors, services
from ..filters import RiwayatEksternalFilter
from ._common import AsesorChildFormView, AsesorFormView


class RiwayatEksternalListView(FilteredListView):
    """Admin LSP: external assessments, by verification status, oldest first (``?status=menunggu`` is
    the work list behind the home number and the menu badge)."""

    filterset_class = RiwayatEksternalFilter
    template_name = "asesor/riwayat_list.html"

    def base_queryset(self):
        return selectors.riwayat_eksternal_list(self.request.user)


class RiwayatCreateView(AsesorChildFormView):
    form_class = forms.RiwayatEksternalForm
    success_message = gettext_lazy("Asesmen eksternal dicatat dan menunggu verifikasi.")
    intro = gettext_lazy(
        "Asesmen yang dilakukan asesor untuk LSP lain, dengan buktinya. Entri baru dihitung untuk rekognisi "
        "setelah bukti diverifikasi admin LSP."
    )

    @property
    def title(self):
        return _("Catat asesmen eksternal — %(nama)s") % {"nama": self.asesor.user}

    def perform(self, form):
        return services.riwayat_eksternal_add(asesor=self.asesor, by=self.request.user, **form.cleaned_data)


class RiwayatVerifyView(AsesorFormView):
    form_class = forms.RiwayatVerifyForm
    template_name = "asesor/riwayat_verify.html"
    submit_label = gettext_lazy("Simpan keputusan")
    success_message = gettext_lazy("Verifikasi disimpan.")
    title = gettext_lazy("Verifikasi asesmen eksternal")

    def load(self, **kwargs):
        self.riwayat = get_object_or_404(selectors.riwayat_for_user(self.request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["riwayat"] = self.riwayat
        return ctx

    def get_cancel_url(self):
        return self._back() or self.riwayat.asesor.get_absolute_url()

    def get_success_url(self):
        return self._back() or self.object.asesor.get_absolute_url()

    def _back(self):
        """Opened from the queue (``?dari=antrean``): back to the queue, else to the asesor."""
        return reverse("asesor:antrean") if self.request.GET.get("dari") == "antrean" else None

    def perform(self, form):
        data = form.cleaned_data
        return services.riwayat_verify(
            riwayat=self.riwayat, terima=data["keputusan"] == "terima", catatan=data["catatan"], by=self.request.user
        )


class KonflikCreateView(AsesorChildFormView):
    form_class = forms.KonflikForm
    success_message = gettext_lazy("Konflik kepentingan dicatat.")
    intro = gettext_lazy("Asesor tidak akan dapat ditugaskan menilai orang ini (ISO/IEC 17024 §4.3).")

    @property
    def title(self):
        return _("Catat konflik kepentingan — %(nama)s") % {"nama": self.asesor.user}

    def perform(self, form):
        return services.konflik_declare(asesor=self.asesor, by=self.request.user, **form.cleaned_data)
