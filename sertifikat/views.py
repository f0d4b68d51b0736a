"""Pages of the sertifikat app: the admin's issuing queue, list, detail (status changes, PDF retry) and
legacy import; the holder's page; the PDF download; the public verification (page and JSON).

Thin: each parses input, calls one service or selector, renders. Foreign or unknown objects are 404.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from lsp.access import RoleRequiredMixin
from lsp.dashboard import COUNT_CAP, count_text
from lsp.ekspor import csv_stream
from lsp.importers import read_table
from lsp.pagination import KeysetPaginationMixin
from lsp.privacy import personal_data
from lsp.roles import Role
from lsp.uploads import private_file_response
from lsp.views.base import AdminLspMixin, FilteredListView, add_service_errors, message_errors

from . import selectors, services
from .domain import Status, StatusPdf, surveilans_due_on
from .filters import SertifikatFilter
from .forms import CariForm, ImporForm, LaporanBnspForm, LogbookForm, PeriksaForm, StatusForm
from .models import PenerbitanMassal, Surveilans
from .throttle import verifikasi_throttled
from .verification import Throttled, lsp_public, verifikasi_get, verifikasi_public

# --- admin: issuing -------------------------------------------------------------------------------------

SEMUA_MAKS = 1000  # "issue all" on the issuing list takes the oldest this many (one bulk issue, one ZIP)


class PenerbitanView(AdminLspMixin, KeysetPaginationMixin, ListView):
    """Applications decided kompeten and not yet certified (``selectors.permohonan_siap_terbit``): issue
    the ticked ones, or all of them (``SEMUA_MAKS`` per click). Pages follow a cursor; the count stops at
    ``COUNT_CAP`` ("99+"), so the page costs the same with 10 or 10,000 waiting."""

    template_name = "sertifikat/penerbitan.html"
    paginate_by = 100
    context_object_name = "permohonan_list"
    keyset = selectors.PENERBITAN_KEYSET

    def get_queryset(self):
        return selectors.permohonan_siap_terbit()

    def get_context_data(self, **kwargs):
        n = self.get_queryset().values("pk")[: COUNT_CAP + 1].count()
        return super().get_context_data(jumlah=n, jumlah_text=count_text(n, COUNT_CAP), semua_maks=SEMUA_MAKS,
                                        **kwargs)

    def post(self, request, *args, **kwargs):
        semua = request.POST.get("semua") == "1"
        if semua:
            ids = list(selectors.permohonan_siap_terbit().values_list("pk", flat=True)[:SEMUA_MAKS])
        else:
            ids = [i for i in request.POST.getlist("permohonan") if i.isdigit()]
        try:
            certs = services.sertifikat_issue_many(permohonan_ids=ids, by=request.user, massal=semua)
        except ValidationError as exc:
            message_errors(request, exc)
            return redirect("sertifikat:penerbitan")
        messages.success(request, _("%(n)s sertifikat diterbitkan; PDF sedang dibuat.") % {"n": len(certs)})
        if semua:  # the bulk issue's page: progress, then one ZIP
            return redirect(certs[0].massal.get_absolute_url())
        return redirect("sertifikat:penerbitan")


class PenerbitanSKView(PenerbitanView):
    """The kompeten asesi of one approved SK not yet certified: issue all at once (progress, ZIP) or the
    ticked ones. Undecided and BK asesi of the SK never appear (the one gate, narrowed to the SK)."""

    def load(self, **kwargs):  # once the role is checked (AdminLspMixin): another role gets 403, not 404
        self.sk = get_object_or_404(selectors.sk_approved_for_admin(self.request.user), pk=kwargs["pk"])

    def get_queryset(self):
        return selectors.permohonan_siap_terbit_sk(self.sk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(sk=self.sk, **kwargs)

    def post(self, request, *args, **kwargs):
        semua = request.POST.get("semua") == "1"
        ready = set(selectors.permohonan_siap_terbit_sk(self.sk).values_list("pk", flat=True))
        ids = sorted(ready) if semua else [i for i in request.POST.getlist("permohonan") if i.isdigit()
                                           and int(i) in ready]
        try:
            certs = services.sertifikat_issue_many(permohonan_ids=ids, by=request.user, massal=semua)
        except ValidationError as exc:
            message_errors(request, exc)
            return redirect("sertifikat:sk-terbit", self.sk.pk)
        messages.success(request, _("%(n)s sertifikat diterbitkan; PDF sedang dibuat.") % {"n": len(certs)})
        if semua:
            return redirect(certs[0].massal.get_absolute_url())
        return redirect("sertifikat:sk-terbit", self.sk.pk)


class MassalDetailView(AdminLspMixin, DetailView):
    """A bulk issue: the PDFs' progress (``?partial=1`` is the fragment htmx polls every 2 s until the
    ZIP is ready) and the ZIP."""

    model = PenerbitanMassal
    context_object_name = "massal"

    def get_template_names(self):
        if self.request.GET.get("partial") == "1":
            return ["sertifikat/_massal_progres.html"]
        return ["sertifikat/massal_detail.html"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(progres=services.massal_progress(self.object), **kwargs)


class MassalZipView(AdminLspMixin, View):
    def get(self, request, pk):
        massal = get_object_or_404(PenerbitanMassal, pk=pk)
        if not massal.zip:
            raise Http404
        return private_file_response(massal.zip, f"sertifikat-massal-{massal.pk}.zip", "application/zip")


# --- admin: list, detail, status, PDF retry, import ----------------------------------------------------


class SertifikatListView(KeysetPaginationMixin, FilteredListView):
    """Every certificate, filtered, newest first; pages follow a cursor (any page is one indexed query)."""

    template_name = "sertifikat/sertifikat_list.html"
    filterset_class = SertifikatFilter

    @property
    def keyset(self):
        if self.request.GET.get("status") == Status.KEDALUWARSA:
            return selectors.SERTIFIKAT_KEYSET_KEDALUWARSA
        return selectors.SERTIFIKAT_KEYSET

    def base_queryset(self):
        return selectors.sertifikat_list_admin(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class SertifikatDetailView(AdminLspMixin, DetailView):
    template_name = "sertifikat/sertifikat_detail.html"
    context_object_name = "sertifikat"

    def get_queryset(self):
        return selectors.sertifikat_for_admin(self.request.user).select_related("permohonan")

    def get_context_data(self, **kwargs):
        cert = self.object
        return super().get_context_data(
            status=cert.status_on(timezone.localdate()),
            riwayat=cert.riwayat.select_related("oleh"),
            status_form=kwargs.pop("status_form", None) or StatusForm(),
            **kwargs,
        )


class SertifikatStatusView(AdminLspMixin, View):
    """POST: suspend / revoke / reinstate with a reason (errors shown on the detail page's form)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        cert = get_object_or_404(selectors.sertifikat_for_admin(request.user), pk=pk)
        form = StatusForm(request.POST)
        if form.is_valid():
            try:
                services.sertifikat_status_change(
                    sertifikat=cert, to=form.cleaned_data["ke"], alasan=form.cleaned_data["alasan"], by=request.user
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Status sertifikat %(nomor)s diubah.") % {"nomor": cert.nomor})
                return HttpResponseRedirect(cert.get_absolute_url())
        view = SertifikatDetailView()
        view.setup(request, pk=pk)
        view.object = cert
        response = render(request, view.template_name, view.get_context_data(object=cert, status_form=form))
        response.status_code = 400
        return response


class SertifikatPdfRetryView(AdminLspMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        cert = get_object_or_404(selectors.sertifikat_for_admin(request.user), pk=pk)
        try:
            services.sertifikat_pdf_retry(sertifikat=cert, by=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
        else:
            messages.success(request, _("PDF sedang dibuat ulang."))
        return HttpResponseRedirect(cert.get_absolute_url())


class SertifikatImporView(AdminLspMixin, FormView):
    template_name = "sertifikat/impor.html"
    form_class = ImporForm

    def form_valid(self, form):
        try:
            table = read_table(form.cleaned_data["berkas"])
            certs = services.sertifikat_import(table=table, by=self.request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(n)s sertifikat lama diimpor.") % {"n": len(certs)})
        return redirect("sertifikat:sertifikat-list")


# --- the holder ----------------------------------------------------------------------------------------


class SertifikatSayaView(RoleRequiredMixin, ListView):
    """The asesi's own certificates: status, expiry and the PDF."""

    roles = (Role.ASESI,)
    template_name = "sertifikat/sertifikat_saya.html"
    context_object_name = "sertifikat_list"

    def get_queryset(self):
        return selectors.sertifikat_for_owner(self.request.user).defer("units").select_related("surveilans")

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        context = super().get_context_data(**kwargs)
        months = settings.LSP_SURVEILANS_BULAN
        context["items"] = [
            {"s": s, "status": s.status_on(today), "sisa_hari": (s.berlaku_sampai - today).days,
             "surveilans": surveilans_due_on(s.tanggal_terbit, months=months),
             "survei": getattr(s, "surveilans", None)}
            for s in context["sertifikat_list"]
        ]
        context["logbook_form"] = LogbookForm()
        return context


class SertifikasiUlangView(LoginRequiredMixin, View):
    """POST from the holder's page: start a *sertifikasi ulang* application prefilled from the certificate."""

    http_method_names = ["post"]

    def post(self, request, pk):
        cert = get_object_or_404(selectors.sertifikat_for_owner(request.user).select_related("asesi__user"), pk=pk)
        try:
            permohonan = services.sertifikasi_ulang_start(sertifikat=cert, by=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
            return redirect("sertifikat:sertifikat-saya")
        messages.success(request, _("Permohonan sertifikasi ulang dibuat. Lengkapi dokumen lalu ajukan."))
        return redirect(permohonan.get_absolute_url())


class SertifikatPdfView(LoginRequiredMixin, View):
    """The PDF, for its holder or the admin LSP; anyone else gets 404."""

    def get(self, request, pk):
        cert = get_object_or_404(selectors.sertifikat_downloadable_by(request.user), pk=pk)
        if cert.pdf_status != StatusPdf.SIAP:
            raise Http404
        return private_file_response(cert.pdf, f"sertifikat-{cert.pk}.pdf", "application/pdf")


# --- public verification -------------------------------------------------------------------------------

_rendered: dict[tuple, str] = {}
TIDAK_DITEMUKAN = gettext_lazy("Sertifikat dengan nomor tersebut tidak ditemukan.")


def _throttled(request, *, json=False):
    message = _("Terlalu banyak permintaan verifikasi. Coba lagi dalam satu menit.")
    if json:
        return JsonResponse({"detail": message}, status=429)
    return render(request, "sertifikat/verifikasi.html", {"form": CariForm(), "pesan": message, "lsp": lsp_public()},
                  status=429)


def verifikasi_cari(request):
    """``/verifikasi/``: search by number; a hit redirects to its page."""
    if verifikasi_throttled(request):
        return _throttled(request)
    form = CariForm(request.GET or None)
    if form.is_valid():
        data = verifikasi_get(form.cleaned_data["nomor"], today=timezone.localdate())
        if data is not None:
            return redirect("verifikasi:detail", kode=data["nomor"])
        return render(request, "sertifikat/verifikasi.html", {"form": form, "pesan": TIDAK_DITEMUKAN,
                                                              "lsp": lsp_public()}, status=404)
    return render(request, "sertifikat/verifikasi.html", {"form": form, "lsp": lsp_public()})


def verifikasi_detail(request, kode):
    """``/verifikasi/<nomor or token>/`` (the QR target): what anybody may see, or 404."""
    try:
        data = verifikasi_public(request, kode, today=timezone.localdate())  # one cache round trip
    except Throttled:
        return _throttled(request)
    if data is None:
        return render(request, "sertifikat/verifikasi.html",
                      {"form": CariForm(), "pesan": TIDAK_DITEMUKAN, "lsp": lsp_public()}, status=404)
    if settings.SESSION_COOKIE_NAME in request.COOKIES:  # a signed-in visitor gets the breadcrumbs
        return render(request, "sertifikat/verifikasi_detail.html", {"s": data, "lsp": lsp_public()})
    # Anonymous (the QR scan): the page is a function of the data just read from the shared cache, its
    # status of today and the language, so a rendering is reused by this process for exactly that key —
    # after a suspension the data (and so the key) is new on the very next request.
    lsp = lsp_public()
    key = (data["pk"], data["status"], str(data["status_pada"]), data["berlaku_sampai"], get_language(),
           lsp["nama"], lsp["nomor_lisensi"])
    html = _rendered.get(key)
    if html is None:
        html = render_to_string("sertifikat/verifikasi_detail.html", {"s": data, "lsp": lsp}, request)
        if len(_rendered) >= 5000:
            _rendered.clear()
        _rendered[key] = html
    return HttpResponse(html)


# --- surveillance --------------------------------------------------------------------------------------


class SurveilansUploadView(LoginRequiredMixin, View):
    """POST from the holder's page: the logbook of one surveillance (their own; anyone else's is 404)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        row = get_object_or_404(Surveilans.objects.filter(sertifikat__asesi__user=request.user), pk=pk)
        form = LogbookForm(request.POST, request.FILES)
        if not form.is_valid():
            for errors in form.errors.values():
                for text in errors:
                    messages.error(request, text)
            return redirect("sertifikat:sertifikat-saya")
        try:
            services.surveilans_upload(surveilans=row, berkas=form.cleaned_data["berkas"], by=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
        else:
            messages.success(request, _("Logbook diunggah; admin LSP akan memeriksanya."))
        return redirect("sertifikat:sertifikat-saya")


class SurveilansListView(AdminLspMixin, KeysetPaginationMixin, ListView):
    """The admin's queue: logbooks waiting for review first, then those still awaited, by due day; a page at a
    time by cursor."""

    template_name = "sertifikat/surveilans_list.html"
    paginate_by = 50
    keyset = selectors.SURVEILANS_KEYSET

    def get_queryset(self):
        return selectors.surveilans_antrean(self.request.user)


class SurveilansPeriksaView(AdminLspMixin, View):
    """One logbook's review: the certificate, the holder, the logbook and the decision (accept, or refuse with a
    note). A page of its own rather than a form on every row of the queue: fifty forms there cost ~1.7 ms each
    to render and repeated the same field ids on one page."""

    template_name = "sertifikat/surveilans_periksa.html"

    def load(self, **kwargs):  # once the role is checked: another role gets 403, a guessed id 404
        self.row = get_object_or_404(Surveilans.objects.select_related("sertifikat"), pk=kwargs["pk"])

    def get_form(self, data=None):
        return PeriksaForm(data)

    def get(self, request, pk):
        return self.render(self.get_form())

    def post(self, request, pk):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                services.surveilans_review(surveilans=self.row, terima=form.cleaned_data["keputusan"] == "terima",
                                           catatan=form.cleaned_data["catatan"], by=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Hasil pemeriksaan logbook disimpan."))
                return redirect("sertifikat:surveilans-list")
        return self.render(form, status=400)

    def render(self, form, status=200):
        return render(self.request, self.template_name, {"row": self.row, "form": form}, status=status)


class SurveilansLogbookView(LoginRequiredMixin, View):
    """The logbook file, for its holder or the admin LSP (404 for anyone else)."""

    def get(self, request, pk):
        from lsp.access import is_admin_lsp

        rows = Surveilans.objects.all() if is_admin_lsp(request.user) else Surveilans.objects.filter(
            sertifikat__asesi__user=request.user)
        row = get_object_or_404(rows, pk=pk)
        return private_file_response(row.logbook, row.logbook_nama or "logbook", row.logbook_mime or None)


@personal_data
class LaporanBnspView(AdminLspMixin, FormView):
    """The BNSP report (certificates issued in a period): the CSV streams at once, the XLSX is built in
    the background and the browser goes to its status page. Unmasked personal data is audited by the
    service."""

    template_name = "sertifikat/laporan_bnsp.html"
    form_class = LaporanBnspForm

    def get_initial(self):
        today = timezone.localdate()
        return {"dari": today.replace(day=1), "sampai": today, "format": LaporanBnspForm.CSV}

    def form_valid(self, form):
        from .ekspor import HEADER as LAPORAN_HEADER
        from .ekspor import filename, laporan_bnsp_queryset, laporan_bnsp_rows

        d = form.cleaned_data
        ekspor = services.laporan_bnsp_request(
            dari=d["dari"], sampai=d["sampai"], fmt=d["format"], pribadi=d["tampilkan_pribadi"], by=self.request.user
        )
        if ekspor is not None:
            return redirect(ekspor)
        rows = laporan_bnsp_rows(laporan_bnsp_queryset(dari=d["dari"], sampai=d["sampai"]),
                                 pribadi=d["tampilkan_pribadi"])
        response = StreamingHttpResponse(csv_stream(LAPORAN_HEADER, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename(d["dari"], d["sampai"], "csv")}"'
        return response
