"""The asesor's own page, and the download of uploaded documents (admin LSP, or the asesor they belong to)."""

from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import TemplateView

from lsp.access import RoleRequiredMixin
from lsp.privacy import personal_data
from lsp.roles import Role
from lsp.uploads import private_file_response

from .. import selectors
from ._common import asesor_context


@personal_data
class AsesorSayaView(RoleRequiredMixin, TemplateView):
    """The asesor's own page: status, certificates, competence and log — of themselves only."""

    roles = (Role.ASESOR,)
    template_name = "asesor/asesor_saya.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        asesor = selectors.asesor_own(self.request.user)
        if asesor is not None:
            ctx.update(asesor_context(asesor))
        return ctx


class DokumenView(RoleRequiredMixin, View):
    """Stream an uploaded document to someone allowed to see it (admin LSP, or the asesor it belongs to)."""

    roles = (Role.ADMIN_LSP, Role.ASESOR)

    def get(self, request, kind, pk):
        obj = get_object_or_404(selectors.dokumen_for_user(request.user, kind), pk=pk)
        return private_file_response(obj.dokumen, obj.dokumen_nama, obj.dokumen_mime)
