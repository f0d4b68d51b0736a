"""Background exports: the status page (polled with htmx while the file is built), the download and
asking again after a failure. Only the user who asked for an export sees it."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from lsp.privacy import personal_data

from .. import selectors
from ..access import RoleRequiredMixin
from ..ekspor import ekspor_builder
from ..models import Ekspor
from ..roles import Role
from ..services.ekspor import ekspor_retry
from .base import PostActionView


class EksporMixin(RoleRequiredMixin):
    roles = (Role.ADMIN_LSP,)

    def get_ekspor(self):
        return get_object_or_404(selectors.ekspor_for_user(self.request.user), pk=self.kwargs["pk"])


class EksporDetailView(EksporMixin, TemplateView):
    template_name = "lsp/ekspor_detail.html"

    def get_template_names(self):
        if self.request.headers.get("HX-Request"):
            return ["lsp/_ekspor_status.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        return super().get_context_data(ekspor=self.get_ekspor(), **kwargs)


@personal_data
class EksporDownloadView(EksporMixin, View):
    def get(self, request, pk):
        ekspor = self.get_ekspor()
        builder = ekspor_builder(ekspor.jenis)
        if ekspor.status != Ekspor.Status.SELESAI or not ekspor.berkas or builder is None:
            raise Http404
        try:
            handle = ekspor.berkas.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        return FileResponse(handle, as_attachment=True, filename=ekspor.nama_berkas, content_type=builder.content_type)


class EksporRetryView(PostActionView):
    queryset_selector = selectors.ekspor_for_user

    def act(self, ekspor):
        ekspor_retry(ekspor=ekspor, by=self.request.user)
        return _("Ekspor dimasukkan lagi ke antrean.")

    def redirect_url(self, ekspor):
        return ekspor.get_absolute_url()
