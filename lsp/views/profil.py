"""Admin LSP: the LSP's own profile (name, licence, signatory, logo) and the logo file."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy

from .. import services
from ..forms import LspProfileForm
from ..models import LspProfile
from ..uploads import private_file_response
from .base import ServiceFormView


class LspProfileView(ServiceFormView):
    form_class = LspProfileForm
    template_name = "lsp/profil_form.html"
    title = gettext_lazy("Profil LSP")
    success_message = gettext_lazy("Profil LSP tersimpan.")

    def load(self, **kwargs):
        # Before the LSP fills it in there is no row; start from an empty form, not the placeholder name.
        self.instance = LspProfile.objects.filter(pk=1).first() or LspProfile()

    def perform(self, form):
        data = dict(form.cleaned_data)
        logo, hapus_logo = data.pop("logo", None), data.pop("hapus_logo", False)
        return services.lsp_profile_update(by=self.request.user, logo=logo, hapus_logo=hapus_logo, **data)

    def get_success_url(self):
        return reverse("lsp:profil")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile"] = self.instance
        return context


def lsp_logo(request):
    """The LSP's logo (public: it appears on certificates and their public verification page).
    Uploads are never served from a media URL, so the logo is streamed here."""
    profile = LspProfile.objects.filter(pk=1).first()
    if profile is None or not profile.logo:
        raise Http404
    response = private_file_response(profile.logo, "logo", content_type=None)  # type not stored: read its bytes
    response["Cache-Control"] = "public, max-age=3600"
    return response
