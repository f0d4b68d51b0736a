"""The assessment pages of the asesor and admin LSP.

Asesor: the workspace per asesi (units → elements → KUK from the plan and the FR.MAPA.02 instruments;
each result and answer posted on its own by htmx and answered with its row, so nothing typed elsewhere
is lost), FR.AK.02 submitted with a drawn signature, FR.AK.06 per batch. Admin LSP: the item bank per
unit, the history of a record and the reasoned correction. Everyone involved: the forms as one PDF."""

from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from lsp.access import is_admin_lsp, user_has_role
from lsp.audit import audit_trail_for
from lsp.models import KUK, Skema, UnitKompetensi
from lsp.pagination import KeysetPaginationMixin
from lsp.roles import Role
from lsp.views.base import AdminLspMixin, FilteredListView, ServiceFormView, add_service_errors, message_errors

from .. import domain, selectors, services
from .. import domain_pelaksanaan as rules
from .. import forms_pelaksanaan as forms
from .. import selectors_pelaksanaan as reads
from ..filters_pelaksanaan import RekamanFilter
from ..models import ButirInstrumen, PesertaJadwal
from ._common import client_ip
from .asesor import AsesorRoleMixin


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _workspace_url(peserta) -> str:
    return reverse("asesmen:ruang-kerja", args=[peserta.pk])


def row_urls(peserta) -> dict:
    """The prefixes of the row URLs (``<prefix><id>/``), reversed once per page instead of once per row."""
    return {"kuk_url": reverse("asesmen:kuk-save", args=[peserta.pk, 0])[:-2],
            "butir_url": reverse("asesmen:jawaban-save", args=[peserta.pk, 0])[:-2]}


def _asesor_signatures(peserta) -> list[dict]:
    signed = reads.tanda_tangan_of(peserta)
    return [{"dokumen": value, "label": label, "ttd": signed.get((value, rules.Pihak.ASESOR))}
            for value, label in rules.Dokumen.choices if rules.Pihak.ASESOR in rules.PENANDATANGAN[value]]


class PesertaAsesorMixin(AsesorRoleMixin):
    """``self.peserta``: an asesi paired with the logged-in asesor (else 404)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and user_has_role(request.user, Role.ASESOR):
            self.peserta = get_object_or_404(selectors.peserta_for_asesor(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class RuangKerjaView(PesertaAsesorMixin, TemplateView):
    """The asesor's workspace for one asesi; a POST submits FR.AK.02 (signed)."""

    template_name = "asesmen/pelaksanaan/ruang_kerja.html"

    def get_context_data(self, form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p = self.peserta
        kurang = domain.assessment_can_start(selectors.persiapan_of(p))
        ctx.update(reads.ruang_kerja(p))
        ctx.update(
            peserta=p, profil=p.permohonan.asesi, kurang=[domain.MESSAGES[c] for c in kurang],
            form=form or forms.SubmitForm(), hasil_kuk=rules.HasilKUK.choices, vatm=rules.VATM,
            ttd_asesor=_asesor_signatures(p),
            final=bool(ctx["rekaman"] and ctx["rekaman"].final), **row_urls(p),
            boleh=not kurang and not (ctx["rekaman"] and ctx["rekaman"].final),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        form = forms.SubmitForm(request.POST)
        if form.is_valid():
            try:
                services.rekaman_submit(peserta=self.peserta, by=request.user, ip=client_ip(request),
                                        **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Rekaman asesmen (FR.AK.02) diajukan dan ditandatangani."))
                return HttpResponseRedirect(_workspace_url(self.peserta))
        return self.render_to_response(self.get_context_data(form=form))


class AsesorTtdView(PesertaAsesorMixin, View):
    """The asesor signs their side of this asesi's FR.APL.02 or FR.AK.01 (FR.AK.02 is signed on submit)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        form = forms.TtdForm(request.POST)
        form.is_valid()
        try:
            services.tanda_tangan_sign(peserta=self.peserta, dokumen=request.POST.get("dokumen", ""),
                                       ttd=form.cleaned_data.get("ttd", ""), by=request.user, ip=client_ip(request))
        except ValidationError as exc:
            message_errors(request, exc)
        else:
            messages.success(request, _("Formulir ditandatangani."))
        return HttpResponseRedirect(_workspace_url(self.peserta) + "#ttd")


class _RowSaveView(PesertaAsesorMixin, View):
    """POST one row of the workspace; htmx gets the row back (saved, or its error with what was sent)."""

    http_method_names = ["post"]
    form_class = None
    template_name = ""

    def get_item(self, pk):
        raise NotImplementedError

    def save(self, item, form):
        raise NotImplementedError

    def row_context(self, item, values, saved, errors):
        raise NotImplementedError

    def post(self, request, pk, item_pk):
        item = self.get_item(item_pk)
        form = self.form_class(request.POST)
        errors = []
        if form.is_valid():
            try:
                self.save(item, form)
            except ValidationError as exc:
                errors = exc.messages
        else:
            errors = [e for field_errors in form.errors.values() for e in field_errors]
        if not is_htmx(request):
            if errors:
                for text in errors:
                    messages.error(request, text)
            else:
                messages.success(request, _("Tersimpan."))
            return HttpResponseRedirect(_workspace_url(self.peserta))
        from django.template.loader import render_to_string

        values = SimpleNamespace(**{k: request.POST.get(k, "") for k in form.fields})
        html = render_to_string(self.template_name, self.row_context(item, values, not errors, errors), request)
        return HttpResponse(html + self.extra_html(item, errors))

    def extra_html(self, item, errors) -> str:
        return ""


class KukSaveView(_RowSaveView):
    form_class = forms.KukForm
    template_name = "asesmen/pelaksanaan/_kuk_row.html"

    def get_item(self, pk):
        return get_object_or_404(KUK.objects.select_related("elemen"), pk=pk)

    def save(self, item, form):
        services.kuk_save(peserta=self.peserta, kuk=item, by=self.request.user, **form.cleaned_data)

    def extra_html(self, item, errors) -> str:
        """The unit's verdict and coverage, swapped in out of band so the header is current."""
        if errors:
            return ""
        from django.template.loader import render_to_string

        u = reads.unit_status(self.peserta, item.elemen.unit_id)
        return render_to_string("asesmen/pelaksanaan/_unit_status.html", {"u": u, "oob": True}, self.request)

    def row_context(self, item, values, saved, errors):
        return {"r": {"kuk": item, "elemen": item.elemen, "penilaian": values}, **row_urls(self.peserta),
                "hasil_kuk": rules.HasilKUK.choices, "saved": saved, "errors": errors, "boleh": True}


class JawabanSaveView(_RowSaveView):
    form_class = forms.JawabanForm
    template_name = "asesmen/pelaksanaan/_butir_row.html"

    def get_item(self, pk):
        return get_object_or_404(ButirInstrumen, pk=pk)

    def save(self, item, form):
        services.jawaban_save(peserta=self.peserta, butir=item, by=self.request.user, **form.service_kwargs())

    def row_context(self, item, values, saved, errors):
        values.vatm = {key: bool(self.request.POST.get(key)) for key, _label in rules.VATM}
        from ..models import BuktiKerja, JawabanButir

        if item.jenis == rules.JenisButir.PILIHAN_GANDA:
            chosen = JawabanButir.objects.filter(rekaman__peserta=self.peserta, butir=item).first()
            values.pilihan = chosen.pilihan if chosen else ""
        files = list(BuktiKerja.objects.filter(rekaman__peserta=self.peserta, butir=item))
        return {"i": reads.item_row(item, values, files), **row_urls(self.peserta), "saved": saved, "errors": errors,
                "boleh": True}


class TinjauanView(ServiceFormView):
    """FR.AK.06: the asesor's review of the process of one batch they are assigned to."""

    roles = (Role.ASESOR,)
    template_name = "asesmen/form.html"
    form_class = forms.TinjauanForm
    title = gettext_lazy("FR.AK.06 Meninjau proses asesmen")
    success_message = gettext_lazy("Tinjauan proses asesmen disimpan.")

    def load(self, **kwargs):
        self.penugasan = get_object_or_404(selectors.penugasan_for_asesor(self.request.user), pk=kwargs["pk"])

    def get_initial(self):
        tinjauan = getattr(self.penugasan, "tinjauan", None)
        if tinjauan is None:
            return {}
        return {**tinjauan.jawaban, "rekomendasi_perbaikan": tinjauan.rekomendasi_perbaikan}

    def perform(self, form):
        return services.tinjauan_save(penugasan=self.penugasan, jawaban=form.jawaban(), by=self.request.user,
                                      rekomendasi_perbaikan=form.cleaned_data["rekomendasi_perbaikan"])

    def get_success_url(self):
        return reverse("asesmen:asesor-jadwal-detail", args=[self.penugasan.jadwal_id])

    def get_breadcrumbs(self):
        return [(_("Jadwal saya"), reverse("asesmen:asesor-jadwal-list")),
                (self.penugasan.jadwal.kode, self.get_success_url())]


# --- a record: history, correction, PDF -----------------------------------------------------------


class RekamanRiwayatView(AdminLspMixin, TemplateView):
    """The history of one record (every save, the submit, each correction with old and new values)."""

    roles = (Role.ADMIN_LSP, Role.ASESOR)
    template_name = "asesmen/pelaksanaan/riwayat.html"

    def load(self, **kwargs):
        self.rekaman = get_object_or_404(reads.rekaman_for_user(self.request.user), peserta_id=kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        kuk_names = {}
        trail = list(audit_trail_for(self.rekaman)[:500])
        def kuk_id(entry):
            value = entry.data.get("kuk_id", entry.data.get("kuk")) if isinstance(entry.data, dict) else None
            return value if isinstance(value, int) else None

        ids = {kuk_id(e) for e in trail} - {None}
        for k in KUK.objects.filter(pk__in=ids).select_related("elemen__unit"):
            kuk_names[k.pk] = f"{k.elemen.unit.kode} {k.elemen.urutan}.{k.urutan}"
        for e in trail:
            e.kuk_label = kuk_names.get(kuk_id(e), "")
        from ..selectors_banding import dibawa_of_rekaman

        ctx.update(rekaman=self.rekaman, peserta=self.rekaman.peserta, trail=trail,
                   is_admin=is_admin_lsp(self.request.user), dibawa=dibawa_of_rekaman(self.rekaman))
        return ctx


class RekamanKoreksiView(ServiceFormView):
    """Admin LSP corrects one KUK result of a submitted record, with a reason."""

    template_name = "asesmen/form.html"
    title = gettext_lazy("Koreksi rekaman asesmen")
    intro = gettext_lazy("Koreksi hanya untuk rekaman yang sudah diajukan. Nilai lama, nilai baru, dan alasannya "
              "dicatat pada riwayat rekaman.")
    success_message = gettext_lazy("Koreksi disimpan; riwayat rekaman mencatat nilai lama dan alasannya.")
    form_class = forms.KoreksiForm

    def load(self, **kwargs):
        self.rekaman = get_object_or_404(reads.rekaman_for_user(self.request.user), peserta_id=kwargs["pk"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["kuk_queryset"] = KUK.objects.filter(
            elemen__unit__in=[m.unit_id for m in services.pelaksanaan.rencana_of(self.rekaman.peserta)[0].values()]
        ).select_related("elemen__unit").order_by("elemen__unit__urutan", "elemen__urutan", "urutan")
        return kwargs

    def perform(self, form):
        return services.rekaman_correct(rekaman=self.rekaman, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.rekaman.get_absolute_url()

    def get_breadcrumbs(self):
        return [(self.rekaman.peserta.jadwal.kode, self.rekaman.peserta.jadwal.get_absolute_url()),
                (_("Riwayat rekaman"), self.rekaman.get_absolute_url())]


def peserta_for_viewer(user):
    """A placement whose forms ``user`` may download: admin LSP, the paired asesor, or the asesi."""
    if is_admin_lsp(user):
        return PesertaJadwal.objects.select_related("jadwal__skema", "jadwal__tuk", "permohonan__asesi__user",
                                                    "asesor__user")
    if user_has_role(user, Role.KOMITE, Role.DIREKTUR):  # the pleno decides from the submitted records
        from ..selectors_keputusan import peserta_for_komite

        return peserta_for_komite(user) if user_has_role(user, Role.KOMITE) else PesertaJadwal.objects.filter(
            aktif=True, rekaman__status=rules.StatusRekaman.DIAJUKAN).select_related(
            "jadwal__skema", "jadwal__tuk", "permohonan__asesi__user", "asesor__user")
    if user_has_role(user, Role.ASESOR):
        return selectors.peserta_for_asesor(user)
    return selectors.peserta_for_asesi(user)


class FormulirPdfView(View):
    """All FR forms of one asesi (APL.02 summary, AK.01, AK.02, AK.03) with the signatures, as one PDF."""

    def get(self, request, pk):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        p = get_object_or_404(peserta_for_viewer(request.user), pk=pk)
        from ..pdf_pelaksanaan import formulir_pdf

        response = HttpResponse(formulir_pdf(p), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="formulir-{p.permohonan.nomor}.pdf"'
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "sandbox"
        return response


class BeritaAcaraView(AdminLspMixin, View):
    """The berita acara of one batch day (admin LSP, or an asesor assigned to the batch)."""

    roles = (Role.ADMIN_LSP, Role.ASESOR)

    def get(self, request, pk, tanggal):
        from datetime import date

        if is_admin_lsp(request.user):
            jadwal = get_object_or_404(selectors.jadwal_for_admin(request.user), pk=pk)
        else:
            jadwal = get_object_or_404(selectors.jadwal_for_asesor(request.user), pk=pk)
        try:
            day = date.fromisoformat(tanggal)
        except ValueError:
            raise Http404 from None
        from ..pdf_pelaksanaan import berita_acara_pdf

        response = HttpResponse(berita_acara_pdf(jadwal, day), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="berita-acara-{jadwal.kode}-{day}.pdf"'
        response["Content-Security-Policy"] = "sandbox"
        return response


# --- the item bank --------------------------------------------------------------------------------


class BankSkemaView(AdminLspMixin, TemplateView):
    """The instrument bank: skema → units with the number of items per unit."""

    template_name = "asesmen/pelaksanaan/bank.html"

    def get_context_data(self, **kwargs):
        from django.db.models import Count

        ctx = super().get_context_data(**kwargs)
        skema = list(Skema.objects.filter(aktif=True).order_by("kode").prefetch_related("units")[:200])
        counts = dict(ButirInstrumen.objects.filter(aktif=True, unit__skema__in=skema).values("unit")
                      .annotate(n=Count("pk")).values_list("unit", "n"))
        for s in skema:
            s.unit_rows = [(u, counts.get(u.pk, 0)) for u in s.units.all()]
        ctx.update(skema_list=skema, unit_url=reverse("asesmen:bank-unit", args=[0])[:-2])
        return ctx


class BankUnitView(ServiceFormView):
    """The items of one unit's bank and a form to add one."""

    template_name = "asesmen/pelaksanaan/bank_unit.html"
    form_class = forms.ButirForm
    title = gettext_lazy("Tambah butir instrumen")
    success_message = gettext_lazy("Butir instrumen disimpan.")

    def load(self, **kwargs):
        self.unit = get_object_or_404(UnitKompetensi.objects.select_related("skema"), pk=kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.unit}

    def perform(self, form):
        return services.butir_save(unit=self.unit, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("asesmen:bank-unit", args=[self.unit.pk])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(unit=self.unit, items=reads.butir_of_unit(self.unit), import_form=forms.ButirImportForm())
        return ctx

    def get_breadcrumbs(self):
        return [(_("Bank instrumen"), reverse("asesmen:bank"))]


class BankButirToggleView(AdminLspMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        butir = get_object_or_404(ButirInstrumen, pk=pk)
        try:
            services.butir_toggle(butir=butir, by=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
        return HttpResponseRedirect(reverse("asesmen:bank-unit", args=[butir.unit_id]))


class BankImportView(AdminLspMixin, View):
    """Import a unit's items from CSV/XLSX (all or nothing; each bad row named)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        unit = get_object_or_404(UnitKompetensi, pk=pk)
        form = forms.ButirImportForm(request.POST, request.FILES)
        if not form.is_valid():
            for errors in form.errors.values():
                for text in errors:
                    messages.error(request, text)
        else:
            try:
                made = services.butir_import(unit=unit, uploaded=form.cleaned_data["berkas"], by=request.user)
            except ValidationError as exc:
                message_errors(request, exc)
            else:
                messages.success(request, _("%(n)s butir diimpor.") % {"n": len(made)})
        return HttpResponseRedirect(reverse("asesmen:bank-unit", args=[unit.pk]))


class BuktiKerjaView(View):
    """A work product, for the asesi who sent it, the paired asesor or admin LSP (others: 404); opened by
    someone else than the asesi, it is written to the audit trail."""

    def get(self, request, pk):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        from lsp.uploads import private_file_response

        bukti = get_object_or_404(reads.bukti_kerja_for_user(request.user), pk=pk)
        if bukti.rekaman.peserta.permohonan.asesi.user_id != request.user.pk:
            services.bukti_kerja_view_record(bukti=bukti, by=request.user)
        return private_file_response(bukti.berkas, bukti.nama_asli, bukti.mime)


class RekamanListView(KeysetPaginationMixin, FilteredListView):
    """Admin LSP: every assessment record, newest first, by status, recommendation, skema or application; pages
    follow a cursor on ``reads.REKAMAN_KEYSET`` (any page is one indexed query, however deep)."""

    template_name = "asesmen/pelaksanaan/rekaman_list.html"
    filterset_class = RekamanFilter
    keyset = reads.REKAMAN_KEYSET

    def base_queryset(self):
        # The page is found on the record table alone (its index, no join to plan: the nine-table join of the
        # shown rows costs ~10 ms to plan); the shown rows are then loaded with their relations below.
        return reads.rekaman_for_user(self.request.user).select_related(None).only("pk", "created_at").order_by(
            *self.keyset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ids = [r.pk for r in ctx["object_list"]]
        rows = {r.pk: r for r in reads.rekaman_for_user(self.request.user).filter(pk__in=ids)}
        ctx["object_list"] = [rows[pk] for pk in ids if pk in rows]
        return ctx
