"""Background exports: the status page (polled with htmx while the file is built), the download and
asking again after a failure. Only the user who asked for an export sees it."""

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from lsp.privacy import personal_data

from .. import selectors
from ..access import RoleRequiredMixin
from ..ekspor import csv_stream, daftar_ekspor, daftar_filters, ekspor_builder
from ..models import Ekspor
from ..roles import Role
from ..services.ekspor import daftar_ekspor_request, ekspor_retry
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


@personal_data
class DaftarEksporView(EksporMixin, View):
    """POST from a list page (``{% daftar_ekspor "<key>" %}``): its filters, the format and "tampilkan
    data pribadi". CSV: streamed now, as it is read. XLSX: asked for (Celery) and the browser goes to its
    status page. An unknown list is a 404."""

    http_method_names = ["post"]

    def post(self, request, jenis):
        spec = daftar_ekspor(jenis)
        if spec is None:
            raise Http404
        today = timezone.localdate()
        filters = daftar_filters(spec, request.POST)
        fmt = "xlsx" if request.POST.get("format") == "xlsx" else "csv"
        pribadi = request.POST.get("pribadi") in ("on", "1", "true")
        ekspor = daftar_ekspor_request(key=jenis, filters=filters, pribadi=pribadi, fmt=fmt, by=request.user,
                                       today=today)
        if ekspor is not None:
            return redirect(ekspor)
        rows = spec.rows(spec.queryset(request.user, filters), pribadi=pribadi and spec.personal, today=today)
        response = StreamingHttpResponse(csv_stream(spec.header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{spec.filename}-{today:%Y%m%d}.csv"'
        return response
