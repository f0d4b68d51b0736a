"""Admin LSP's asesi pages: the list, an asesi's full profile, registering someone on their behalf,
correcting a profile, and sending the activation link again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, ListView

from lsp.access import RoleRequiredMixin
from lsp.pagination import KeysetPaginationMixin
from lsp.privacy import personal_data
from lsp.roles import Role
from lsp.throttle import email_throttle
from lsp.views.base import ServiceFormView, message_errors

from .. import selectors, services
from ..forms import AsesiAdminForm, AsesiCariForm, ProfilForm
from ._common import data_pemohon_rows, profile_save


@personal_data
class AsesiListView(RoleRequiredMixin, KeysetPaginationMixin, ListView):
    """Every asesi by name, a page at a time by cursor (any page is one query on the name index)."""

    roles = (Role.ADMIN_LSP,)
    template_name = "asesi/asesi_list.html"
    paginate_by = 25
    context_object_name = "asesi_list"
    keyset = selectors.ASESI_KEYSET

    def get_queryset(self):
        self.form = AsesiCariForm(self.request.GET or None)
        qs = selectors.asesi_profiles_for_admin(self.request.user)
        if self.form.is_valid():
            qs = selectors.asesi_search(qs, self.form.cleaned_data["q"])
        return qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)


@personal_data
class AsesiDetailView(RoleRequiredMixin, DetailView):
    """An asesi's full profile for admin LSP; each view is recorded in the audit trail."""

    roles = (Role.ADMIN_LSP,)
    template_name = "asesi/asesi_detail.html"
    context_object_name = "profil"

    def get_queryset(self):
        return selectors.asesi_profiles_for_admin(self.request.user)

    def get_object(self, queryset=None):
        profil = super().get_object(queryset)
        services.asesi_profile_view_record(profile=profil, by=self.request.user, via="daftar-asesi")
        return profil

    def get_context_data(self, **kwargs):
        profil = self.object
        return super().get_context_data(
            data=data_pemohon_rows(profil.data_pribadi()),
            permohonan_list=profil.permohonan.select_related("skema"),
            **kwargs,
        )


@personal_data
class AsesiCreateView(ServiceFormView):
    """Admin LSP registers an asesi on someone's behalf; the person gets an activation link by email."""

    form_class = AsesiAdminForm
    template_name = "asesi/asesi_form.html"
    title = gettext_lazy("Daftarkan asesi")

    def perform(self, form):
        profil = services.asesi_register(
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            nama_lengkap=form.cleaned_data["nama_lengkap"],
            profile=form.profile_data(),
            by=self.request.user,
        )
        self.success_message = _("Asesi %(nama)s terdaftar. Tautan aktivasi akun dikirim ke %(email)s.") % {
            "nama": profil.nama_lengkap,
            "email": profil.email,
        }
        return profil

    def get_cancel_url(self):
        return reverse("asesi:asesi-list")


@personal_data
class AsesiUpdateView(ServiceFormView):
    """Admin LSP corrects an asesi's profile (same rules as the asesi's own profile page)."""

    form_class = ProfilForm
    template_name = "asesi/asesi_form.html"
    title = gettext_lazy("Ubah profil asesi")
    success_message = gettext_lazy("Profil asesi tersimpan.")

    def load(self, pk):
        self.profil = self.instance = get_object_or_404(selectors.asesi_profiles_for_admin(self.request.user), pk=pk)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.profil.user,
            "nik_locked": services.asesi_identity_locked(self.profil),
        }

    def get_context_data(self, **kwargs):
        services.asesi_profile_view_record(profile=self.profil, by=self.request.user, via="ubah-profil")
        return super().get_context_data(profil=self.profil, **kwargs)

    def perform(self, form):
        return profile_save(form, user=self.profil.user, by=self.request.user)

    def get_success_url(self):
        return self.profil.get_absolute_url()


class AsesiActivationResendView(RoleRequiredMixin, View):
    roles = (Role.ADMIN_LSP,)

    def post(self, request, pk):
        profil = get_object_or_404(selectors.asesi_profiles_for_admin(request.user), pk=pk)
        if profil.user.has_usable_password():
            messages.info(request, _("Akun ini sudah aktif; asesi dapat memakai fitur lupa kata sandi."))
            return redirect(profil)
        try:
            email_throttle("activation", request=request, account=profil.user_id)
        except ValidationError as exc:
            message_errors(request, exc)
            return redirect(profil)
        services.asesi_activation_send(profile=profil)
        messages.success(request, _("Tautan aktivasi dikirim ulang ke %(email)s.") % {"email": profil.email})
        return redirect(profil)
