"""Public registration, email confirmation, account activation, and the asesi's own profile page."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView

from lsp.access import RoleRequiredMixin, role_required
from lsp.privacy import personal_data
from lsp.roles import Role
from lsp.throttle import THROTTLED, email_throttle
from lsp.views.base import add_service_errors, message_errors

from .. import selectors, services
from ..forms import ProfilForm, RegistrasiForm
from ._common import profile_save

# --- public: registration, email confirmation, activation --------------------------------------------


@personal_data
class DaftarView(FormView):
    """Public "Daftar sebagai asesi"."""

    form_class = RegistrasiForm
    template_name = "asesi/daftar.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("home")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                profil = services.asesi_register(
                    username=form.cleaned_data["username"],
                    email=form.cleaned_data["email"],
                    nama_lengkap=form.cleaned_data["nama_lengkap"],
                    password=form.cleaned_data["password1"],
                    profile=form.profile_data(),
                )
                # Only a registration the service accepted (it sends an email) counts; over the limit,
                # the registration is rolled back.
                email_throttle("registration", request=self.request, account=form.cleaned_data["email"])
        except ValidationError as exc:
            if getattr(exc, "code", None) == THROTTLED:
                form.add_error(None, exc)
                return self.render_to_response(self.get_context_data(form=form), status=429)
            if hasattr(exc, "error_dict") and "password" in exc.error_dict:
                exc.error_dict["password1"] = exc.error_dict.pop("password")  # the service's name for it
            add_service_errors(form, exc)
            return self.form_invalid(form)
        login(self.request, profil.user, backend="lsp.auth.EmailOrUsernameBackend")
        messages.success(
            self.request,
            _(
                "Pendaftaran berhasil. Kami mengirim tautan konfirmasi ke %(email)s; konfirmasi email Anda "
                "sebelum mengajukan permohonan."
            )
            % {"email": profil.email},
        )
        return redirect("asesi:permohonan-list")


def email_confirm(request, token):
    try:
        profil = services.asesi_email_confirm(token=token)
    except ValidationError as exc:
        return render(request, "asesi/email_konfirmasi.html", {"ok": False, "pesan": exc.messages[0]}, status=400)
    return render(request, "asesi/email_konfirmasi.html", {"ok": True, "profil": profil})


def _back(request):
    """Where "kirim ulang" returns: the page it was pressed on (``next``, this site only), else the list."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect("asesi:permohonan-list")


@role_required(Role.ASESI)
def email_resend(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    profil = selectors.asesi_profile_get(request.user)
    if profil is None:
        return redirect("asesi:profil")
    if profil.email_dikonfirmasi:
        messages.info(request, _("Email Anda sudah dikonfirmasi."))
        return _back(request)
    try:
        email_throttle("email-confirm", request=request, account=request.user.pk)
    except ValidationError as exc:
        message_errors(request, exc)
        return _back(request)
    services.asesi_email_confirmation_send(profile=profil)
    messages.success(request, _("Tautan konfirmasi baru dikirim ke %(email)s.") % {"email": profil.email})
    return _back(request)


class AktivasiView(auth_views.PasswordResetConfirmView):
    """An asesi registered by admin LSP chooses a password from the emailed link (confirms the email)."""

    template_name = "asesi/aktivasi.html"
    success_url = reverse_lazy("login")

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if user is not None and not hasattr(user, "asesi_profile"):
            return None
        return user

    def form_valid(self, form):
        try:
            services.asesi_activate(user=self.user, password=form.cleaned_data["new_password1"])
        except ValidationError as exc:
            form.add_error("new_password1", exc)
            return self.form_invalid(form)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, _("Akun aktif. Silakan masuk dengan kata sandi baru Anda."))
        return redirect(self.success_url)


# --- asesi: profile ----------------------------------------------------------------------------------


@personal_data
class ProfilView(RoleRequiredMixin, FormView):
    roles = (Role.ASESI,)
    form_class = ProfilForm
    template_name = "asesi/profil_form.html"

    @cached_property
    def profil(self):
        return selectors.asesi_profile_get(self.request.user)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.profil
        kwargs["user"] = self.request.user
        kwargs["nik_locked"] = bool(self.profil and services.asesi_identity_locked(self.profil))
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(profil=self.profil, **kwargs)

    def form_valid(self, form):
        user = self.request.user
        new_address = form.cleaned_data["email"] != (user.email or "").lower()
        try:
            with transaction.atomic():
                profil = profile_save(form, user=user, by=user)
                if new_address:
                    # a new address gets a confirmation email: the same limit as "kirim ulang" (counted
                    # once the service accepted the change; over the limit the change is rolled back)
                    email_throttle("email-confirm", request=self.request, account=user.pk)
        except ValidationError as exc:
            user.refresh_from_db(fields=["nama_lengkap", "email"])
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Profil tersimpan."))
        if not profil.email_dikonfirmasi:
            messages.info(self.request, _("Kami mengirim tautan konfirmasi ke %(email)s.") % {"email": profil.email})
        return redirect("asesi:profil")
