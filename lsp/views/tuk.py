"""Admin LSP: TUK (tempat uji kompetensi) list, add, edit, activate."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import selectors, services
from ..filters import TUKFilter
from ..forms import TUKForm
from .base import FilteredListView, PostActionView, ServiceFormView, posted_aktif


class TUKListView(FilteredListView):
    filterset_class = TUKFilter
    template_name = "lsp/tuk_list.html"

    def base_queryset(self):
        return selectors.tuk_list_for_user(self.request.user)



class TUKCreateView(ServiceFormView):
    form_class = TUKForm
    title = gettext_lazy("Tambah TUK")
    success_message = gettext_lazy("TUK tersimpan.")

    def perform(self, form):
        return services.tuk_create(by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("lsp:tuk-list")

    def get_breadcrumbs(self):
        return [(gettext_lazy("TUK"), reverse("lsp:tuk-list"))]


class TUKUpdateView(TUKCreateView):
    success_message = gettext_lazy("Perubahan TUK tersimpan.")

    def load(self, **kwargs):
        self.instance = get_object_or_404(selectors.tuk_list_for_user(self.request.user), pk=kwargs["pk"])

    @property
    def title(self):
        return _("Ubah TUK %(kode)s") % {"kode": self.instance.kode}

    def perform(self, form):
        return services.tuk_update(tuk=self.instance, by=self.request.user, **form.cleaned_data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_toggle"] = {
            "url": reverse("lsp:tuk-status", args=[self.instance.pk]),
            "aktif": self.instance.aktif,
        }
        return context


class TUKStatusView(PostActionView):
    queryset_selector = selectors.tuk_list_for_user

    def act(self, tuk):
        aktif = posted_aktif(self.request)
        services.tuk_set_aktif(tuk=tuk, aktif=aktif, by=self.request.user)
        return _("TUK diaktifkan.") if aktif else _("TUK dinonaktifkan.")

    def redirect_url(self, tuk):
        return reverse("lsp:tuk-list")
