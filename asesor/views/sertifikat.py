"""An asesor's certificates: the first one or a repeat, recognition (RCC), and technical competence."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import domain, forms, selectors, services
from ._common import AsesorChildFormView, AsesorFormView


class SertifikatCreateView(AsesorChildFormView):
    form_class = forms.SertifikatForm
    success_message = gettext_lazy("Sertifikat asesor dicatat.")
    intro = gettext_lazy(
        "Sertifikat dari diklat dan uji kompetensi: 'awal' untuk yang pertama, 'ulang' setelah asesor mengulang "
        "seluruh proses. Masa berlaku dihitung otomatis: 3 tahun sejak tanggal terbit."
    )

    @property
    def title(self):
        return _("Catat sertifikat asesor — %(nama)s") % {"nama": self.asesor.user}

    def get_initial(self):
        jenis = domain.JenisSertifikat.ULANG if self.asesor.sertifikat.exists() else domain.JenisSertifikat.AWAL
        return {"jenis": jenis}

    def perform(self, form):
        return services.sertifikat_asesor_record(asesor=self.asesor, by=self.request.user, **form.cleaned_data)


class RekognisiCreateView(AsesorChildFormView):
    form_class = forms.RekognisiForm
    template_name = "asesor/rekognisi_form.html"
    submit_label = gettext_lazy("Catat rekognisi")
    success_message = gettext_lazy("Rekognisi dicatat; sertifikat baru berlaku sehari setelah yang lama berakhir.")

    @property
    def title(self):
        return _("Rekognisi (RCC) — %(nama)s") % {"nama": self.asesor.user}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["status"] = selectors.asesor_status_on(asesor=self.asesor, on_date=timezone.localdate())
        return ctx

    def perform(self, form):
        return services.asesor_recognize(asesor=self.asesor, by=self.request.user, **form.cleaned_data)


KOMPETENSI_FIELDS = ("skema", "bidang", "nomor_sertifikat", "penerbit", "issued_on", "valid_until", "dokumen")


class KompetensiCreateView(AsesorChildFormView):
    form_class = forms.KompetensiForm
    success_message = gettext_lazy("Kompetensi teknis dicatat.")

    @property
    def title(self):
        return _("Tambah kompetensi teknis — %(nama)s") % {"nama": self.asesor.user}

    def perform(self, form):
        return services.kompetensi_add(asesor=self.asesor, by=self.request.user, **form.cleaned_data)


class KompetensiUpdateView(AsesorFormView):
    form_class = forms.KompetensiForm
    success_message = gettext_lazy("Kompetensi teknis diperbarui.")

    def load(self, **kwargs):
        self.kompetensi = get_object_or_404(selectors.kompetensi_for_user(self.request.user), pk=kwargs["pk"])

    @property
    def title(self):
        return _("Ubah kompetensi teknis — %(nama)s") % {"nama": self.kompetensi.asesor.user}

    def get_initial(self):
        k = self.kompetensi
        return {f: getattr(k, f) for f in KOMPETENSI_FIELDS if f != "dokumen"}

    def get_cancel_url(self):
        return self.kompetensi.asesor.get_absolute_url()

    def get_success_url(self):
        return self.object.asesor.get_absolute_url()

    def perform(self, form):
        return services.kompetensi_update(kompetensi=self.kompetensi, by=self.request.user, **form.cleaned_data)
