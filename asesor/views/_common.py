"""What the asesor pages share: the form page with the asesor template, and fetching the asesor of the URL."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from lsp.views.base import ServiceFormView

from .. import selectors


class AsesorObjectMixin:
    """``self.asesor`` from the URL's ``pk``, through the user's scoped queryset (else 404)."""

    def load(self, **kwargs):
        self.asesor = get_object_or_404(selectors.asesor_list_for_user(self.request.user), pk=kwargs["pk"])


class AsesorFormView(ServiceFormView):
    """The lsp form page with the asesor template; cancel goes back to the registry unless a page says
    otherwise."""

    template_name = "asesor/form.html"
    success_message = gettext_lazy("Tersimpan.")

    def get_cancel_url(self):
        return reverse("asesor:asesor-list")


class AsesorChildFormView(AsesorObjectMixin, AsesorFormView):
    def get_cancel_url(self):
        return self.asesor.get_absolute_url()

    def get_success_url(self):
        return self.asesor.get_absolute_url()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["asesor"] = self.asesor
        return ctx


def asesor_context(asesor) -> dict:
    today = timezone.localdate()
    status = selectors.status_from_loaded(asesor, today)
    return {"asesor": asesor, "status": status, "today": today, **selectors.asesor_detail(asesor, status)}
