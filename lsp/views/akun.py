"""Account pages that are not Django's own as they are: password reset with the email throttle; the REST API
token."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from rest_framework.authtoken.models import Token

from ..services.token import api_token_create, api_token_revoke
from ..throttle import email_throttle


class PasswordResetView(auth_views.PasswordResetView):
    """Django's "lupa kata sandi" with the email throttle. Every address typed is counted, registered
    or not, so being refused tells nothing about which addresses have an account."""

    def form_valid(self, form):
        try:
            email_throttle("password-reset", request=self.request, account=form.cleaned_data["email"])
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class ApiTokenView(LoginRequiredMixin, View):
    """``/akun/token-api/``: the signed-in user's REST API token. The key is shown once, right after it is
    made; the page afterwards says only that one exists and since when (it works like a password)."""

    template_name = "lsp/api_token.html"

    def _render(self, request, *, key=None, status=200):
        token = Token.objects.filter(user=request.user).only("created").first()
        return render(request, self.template_name, {
            "token": token, "key": key, "docs_url": reverse("api:docs"),
            "api_url": request.build_absolute_uri(reverse("api:skema-list")),
        }, status=status)

    def get(self, request):
        return self._render(request)

    def post(self, request):
        aksi = request.POST.get("aksi")
        if aksi == "buat":
            token = api_token_create(user=request.user, by=request.user)
            messages.success(request, _("Token API baru dibuat. Salin sekarang: token ini hanya ditampilkan sekali."))
            return self._render(request, key=token.key)
        if aksi == "cabut" and api_token_revoke(user=request.user, by=request.user):
            messages.success(request, _("Token API dicabut."))
        return redirect("api_token")
