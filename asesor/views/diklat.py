"""Diklat asesor (admin LSP): the training, its participants and their outcomes."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from lsp.pagination import LenientPaginationMixin
from lsp.views.base import AdminLspMixin

from .. import domain, forms, selectors, services
from ._common import AsesorFormView


class DiklatListView(AdminLspMixin, LenientPaginationMixin, ListView):
    template_name = "asesor/diklat_list.html"
    paginate_by = 25

    def get_queryset(self):
        return selectors.diklat_for_user(self.request.user)


class DiklatObjectMixin:
    def load(self, **kwargs):
        self.diklat = get_object_or_404(selectors.diklat_for_user(self.request.user), pk=kwargs["pk"])


class DiklatDetailView(DiklatObjectMixin, AdminLspMixin, TemplateView):
    template_name = "asesor/diklat_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            diklat=self.diklat,
            peserta=selectors.diklat_peserta(self.diklat),
            form=forms.PesertaAddForm(),
            HasilPeserta=domain.HasilPeserta,
        )
        return ctx


DIKLAT_FIELDS = ("nama", "skema", "tanggal_mulai", "tanggal_selesai", "tuk", "tempat", "master_asesor", "keterangan")


class DiklatCreateView(AsesorFormView):
    form_class = forms.DiklatForm
    title = gettext_lazy("Diklat asesor baru")
    success_message = gettext_lazy("Diklat dibuat.")

    def get_cancel_url(self):
        return reverse("asesor:diklat-list")

    def perform(self, form):
        return services.diklat_create(by=self.request.user, **form.cleaned_data)


class DiklatUpdateView(DiklatObjectMixin, AsesorFormView):
    form_class = forms.DiklatForm
    success_message = gettext_lazy("Diklat diperbarui.")

    @property
    def title(self):
        return _("Ubah diklat %(nama)s") % {"nama": self.diklat.nama}

    def get_initial(self):
        return {f: getattr(self.diklat, f) for f in DIKLAT_FIELDS}

    def get_cancel_url(self):
        return self.diklat.get_absolute_url()

    def perform(self, form):
        return services.diklat_update(diklat=self.diklat, by=self.request.user, **form.cleaned_data)


class PesertaCreateView(DiklatObjectMixin, AsesorFormView):
    form_class = forms.PesertaAddForm
    submit_label = gettext_lazy("Tambah peserta")
    success_message = gettext_lazy("Peserta ditambahkan.")

    @property
    def title(self):
        return _("Tambah peserta — %(nama)s") % {"nama": self.diklat.nama}

    def get_cancel_url(self):
        return self.diklat.get_absolute_url()

    def get_success_url(self):
        return self.diklat.get_absolute_url()

    def perform(self, form):
        return services.diklat_peserta_add(diklat=self.diklat, user=form.cleaned_data["user"], by=self.request.user)


class PesertaObjectMixin:
    def load(self, **kwargs):
        self.peserta = get_object_or_404(selectors.peserta_diklat_for_user(self.request.user), pk=kwargs["pk"])

    def get_cancel_url(self):
        return self.peserta.diklat.get_absolute_url()

    def get_success_url(self):
        return self.peserta.diklat.get_absolute_url()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["peserta"] = self.peserta
        return ctx


class PesertaHasilView(PesertaObjectMixin, AsesorFormView):
    form_class = forms.PesertaHasilForm
    success_message = gettext_lazy("Hasil peserta disimpan.")

    @property
    def title(self):
        return _("Hasil peserta %(nama)s") % {"nama": self.peserta.user}

    def perform(self, form):
        return services.diklat_peserta_set_hasil(peserta=self.peserta, by=self.request.user, **form.cleaned_data)


class PesertaKompetenView(PesertaObjectMixin, AsesorFormView):
    form_class = forms.PesertaKompetenForm
    submit_label = gettext_lazy("Nyatakan kompeten")
    success_message = gettext_lazy("Peserta dinyatakan kompeten dan terdaftar sebagai asesor.")
    intro = gettext_lazy(
        "Keputusan LSP setelah uji kompetensi dinilai Master Asesor: peserta menjadi asesor dengan sertifikat "
        "pertamanya (berlaku 3 tahun) dan mendapat peran asesor."
    )

    @property
    def title(self):
        return _("Nyatakan kompeten — %(nama)s") % {"nama": self.peserta.user}

    def get_initial(self):
        profile = getattr(self.peserta.user, "asesor_profile", None)
        return {"nomor_registrasi": profile.nomor_registrasi if profile else ""}

    def perform(self, form):
        return services.diklat_peserta_declare_kompeten(peserta=self.peserta, by=self.request.user, **form.cleaned_data)
