"""What the asesmen pages share."""

from django.shortcuts import get_object_or_404

from lsp.views.base import ServiceFormView

from .. import selectors


def client_ip(request) -> str | None:
    """The client address as the login lockout sees it (``lsp.auth``), for the records of who agreed."""
    from lsp.auth import client_ip as lsp_client_ip

    return lsp_client_ip(request)


class JadwalObjectMixin:
    """``self.jadwal`` from the URL (admin LSP's scoped queryset; else 404)."""

    def load(self, **kwargs):
        self.jadwal = get_object_or_404(selectors.jadwal_for_admin(self.request.user), pk=kwargs["pk"])


class JadwalFormView(JadwalObjectMixin, ServiceFormView):
    template_name = "asesmen/form.html"

    def get_success_url(self):
        return self.jadwal.get_absolute_url()

    def get_cancel_url(self):
        return self.jadwal.get_absolute_url()

    def get_breadcrumbs(self):
        from django.urls import reverse
        from django.utils.translation import gettext as _

        return [(_("Jadwal uji kompetensi"), reverse("asesmen:jadwal-list")),
                (self.jadwal.kode, self.jadwal.get_absolute_url())]
