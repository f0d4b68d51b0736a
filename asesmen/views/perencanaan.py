"""Admin LSP: the batch list, create / edit / start / finish / cancel, the pick list of accepted
applications, asesors (with each asesi × asesor pair's eligibility), moving an asesi, the month calendar,
the TUK check, the plan (FR.MAPA.01/02) and the surat tugas."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from lsp.access import RoleRequiredMixin
from lsp.pagination import KeysetPaginationMixin
from lsp.privacy import personal_data
from lsp.roles import Role
from lsp.views.base import AdminLspMixin, FilteredListView, ServiceFormView, add_service_errors, message_errors

from .. import domain, forms, selectors, services
from ..filters import JadwalFilter
from ..models import MapaElemen, MapaUnit, VerifikasiTUK
from ..pdf import surat_tugas_pdf
from ._common import JadwalFormView, JadwalObjectMixin


class JadwalListView(KeysetPaginationMixin, FilteredListView):
    """Every batch, latest start first, filtered; pages follow a cursor (any page is one indexed query)."""

    template_name = "asesmen/jadwal_list.html"
    filterset_class = JadwalFilter
    keyset = selectors.JADWAL_KEYSET

    def base_queryset(self):
        return selectors.jadwal_list_for_admin(self.request.user).order_by(*self.keyset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object_list"] = selectors.with_counts(ctx["object_list"])
        return ctx


def _local(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else value


class JadwalCreateView(ServiceFormView):
    template_name = "asesmen/form.html"
    form_class = forms.JadwalForm
    title = gettext_lazy("Jadwal uji kompetensi baru")
    success_message = gettext_lazy("Jadwal dibuat. Tambahkan asesi dan asesor.")

    def get_cancel_url(self):
        return reverse("asesmen:jadwal-list")

    def get_breadcrumbs(self):
        return [(_("Jadwal uji kompetensi"), reverse("asesmen:jadwal-list"))]

    def perform(self, form):
        return services.jadwal_create(by=self.request.user, **form.cleaned_data)


class JadwalUpdateView(JadwalFormView):
    form_class = forms.JadwalUpdateForm
    success_message = gettext_lazy("Jadwal diperbarui.")

    @property
    def title(self):
        return _("Ubah jadwal %(kode)s") % {"kode": self.jadwal.kode}

    def get_initial(self):
        j = self.jadwal
        return {"tuk": j.tuk, "mulai": _local(j.mulai), "selesai": _local(j.selesai), "kapasitas": j.kapasitas,
                "catatan": j.catatan}

    def perform(self, form):
        return services.jadwal_update(jadwal=self.jadwal, by=self.request.user, **form.cleaned_data)


@personal_data
class JadwalDetailView(JadwalObjectMixin, AdminLspMixin, TemplateView):
    template_name = "asesmen/jadwal_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        detail = selectors.jadwal_detail(self.jadwal)
        editable = self.jadwal.status in domain.JADWAL_EDITABLE
        pairs = selectors.pair_eligibility(self.jadwal, detail["peserta"], detail["penugasan"]) if editable else {}
        rows = [
            {"p": p, "pilihan": [(t, pairs.get((p.pk, t.asesor_id))) for t in detail["penugasan"]]}
            for p in detail["peserta"]
        ]
        ctx.update(
            jadwal=self.jadwal, rows=rows, editable=editable, **detail,
            penugasan_form=(
                forms.PenugasanForm(candidates=selectors.asesor_candidates(self.jadwal)) if editable else None
            ),
            targets=domain.jadwal_allowed_targets(self.jadwal.status), StatusJadwal=domain.StatusJadwal,
            cancel_form=forms.CatatanForm(),
        )
        return ctx


class JadwalActionView(JadwalObjectMixin, AdminLspMixin, View):
    """A POST-only action on a batch; the service's refusal is shown as messages."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            message = self.act()
        except ValidationError as exc:
            message_errors(request, exc)
        else:
            if message:
                messages.success(request, message)
        return HttpResponseRedirect(self.jadwal.get_absolute_url())


class JadwalTransitionView(JadwalActionView):
    def act(self):
        to = self.request.POST.get("to", "")
        services.jadwal_transition(jadwal=self.jadwal, to=to, by=self.request.user,
                                   note=self.request.POST.get("catatan", "")[:2000])
        return _("Status jadwal: %(status)s.") % {"status": self.jadwal.get_status_display()}


class PenugasanAddView(JadwalActionView):
    def act(self):
        form = forms.PenugasanForm(self.request.POST, candidates=selectors.asesor_candidates(self.jadwal))
        if not form.is_valid():
            raise ValidationError(_("Pilih asesor dari daftar."), code="asesor")
        services.penugasan_add(jadwal=self.jadwal, asesor=form.cleaned_data["asesor"], by=self.request.user)
        return _("Asesor ditugaskan.")


class PenugasanRemoveView(AdminLspMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        penugasan = get_object_or_404(selectors.penugasan_for_admin(request.user), pk=pk)
        try:
            services.penugasan_remove(penugasan=penugasan, by=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
        else:
            messages.success(request, _("Penugasan asesor dicabut."))
        return HttpResponseRedirect(penugasan.jadwal.get_absolute_url())


class PesertaActionView(AdminLspMixin, View):
    http_method_names = ["post"]

    def load(self, **kwargs):
        self.peserta = get_object_or_404(selectors.peserta_for_admin(self.request.user).filter(aktif=True),
                                         pk=kwargs["pk"])

    def post(self, request, *args, **kwargs):
        jadwal_url = self.peserta.jadwal.get_absolute_url()
        try:
            message = self.act()
        except ValidationError as exc:
            message_errors(request, exc)
        else:
            messages.success(request, message)
        return HttpResponseRedirect(jadwal_url)


class PesertaAsesorView(PesertaActionView):
    def act(self):
        penugasan = self.peserta.jadwal.penugasan.filter(pk=self.request.POST.get("penugasan") or 0).first()
        if penugasan is None:
            raise ValidationError(_("Pilih asesor yang ditugaskan pada jadwal ini."), code="asesor")
        services.peserta_assign_asesor(peserta=self.peserta, asesor=penugasan.asesor, by=self.request.user)
        return _("Asesor dipasangkan.")


class PesertaRemoveView(ServiceFormView):
    """Take an asesi out of a planned batch, with the reason the asesi is told."""

    template_name = "asesmen/form.html"
    form_class = forms.CatatanForm
    success_message = gettext_lazy("Asesi dikeluarkan dari jadwal; permohonannya kembali berstatus diterima.")

    def load(self, **kwargs):
        self.peserta = get_object_or_404(selectors.peserta_for_admin(self.request.user).filter(aktif=True),
                                         pk=kwargs["pk"])

    @property
    def title(self):
        return _("Keluarkan %(nama)s dari %(kode)s") % {
            "nama": self.peserta.permohonan.asesi.nama_lengkap, "kode": self.peserta.jadwal.kode}

    def get_cancel_url(self):
        return self.peserta.jadwal.get_absolute_url()

    def get_success_url(self):
        return self.peserta.jadwal.get_absolute_url()

    def perform(self, form):
        return services.peserta_remove(peserta=self.peserta, by=self.request.user, note=form.cleaned_data["catatan"])


class PesertaMoveView(ServiceFormView):
    template_name = "asesmen/form.html"
    form_class = forms.PindahForm
    success_message = gettext_lazy("Asesi dipindahkan.")

    def load(self, **kwargs):
        self.peserta = get_object_or_404(selectors.peserta_for_admin(self.request.user).filter(aktif=True),
                                         pk=kwargs["pk"])

    @property
    def title(self):
        return _("Pindahkan %(nama)s") % {"nama": self.peserta.permohonan.asesi.nama_lengkap}

    @property
    def intro(self):
        return _("Data permohonan dan catatan asesi tetap tersimpan. Asesor perlu dipasangkan lagi dan FR.AK.01 "
                 "disetujui lagi di jadwal baru.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "tujuan": selectors.jadwal_pindah_tujuan(self.peserta)}

    def get_cancel_url(self):
        return self.peserta.jadwal.get_absolute_url()

    def get_success_url(self):
        return self.object.jadwal.get_absolute_url()

    def perform(self, form):
        return services.peserta_move(peserta=self.peserta, ke=form.cleaned_data["ke"], by=self.request.user)


@personal_data
class PesertaPilihView(JadwalObjectMixin, AdminLspMixin, TemplateView):
    """The pick list: accepted applications of the skema, searchable; the chosen ones are placed at once."""

    template_name = "asesmen/peserta_pilih.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = forms.CariForm(self.request.GET or None)
        q = form.cleaned_data["q"] if form.is_valid() else ""
        qs = selectors.permohonan_siap(self.jadwal, q)
        paginator = Paginator(qs, self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        ctx.update(jadwal=self.jadwal, form=form, page_obj=page, paginator=paginator, object_list=page.object_list,
                   is_paginated=page.has_other_pages())
        return ctx

    def post(self, request, *args, **kwargs):
        ids = [int(i) for i in request.POST.getlist("permohonan") if i.isdigit()][:domain.KAPASITAS_MAKSIMAL]
        chosen = list(selectors.permohonan_siap(self.jadwal).filter(pk__in=ids))
        if not chosen:
            messages.error(request, _("Pilih minimal satu permohonan."))
            return HttpResponseRedirect(reverse("asesmen:peserta-pilih", args=[self.jadwal.pk]))
        try:
            services.peserta_add(jadwal=self.jadwal, permohonan_list=chosen, by=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
            return HttpResponseRedirect(reverse("asesmen:peserta-pilih", args=[self.jadwal.pk]))
        messages.success(request, _("%(n)s asesi dijadwalkan.") % {"n": len(chosen)})
        return HttpResponseRedirect(self.jadwal.get_absolute_url())


KALENDER_PER_HARI = 3  # batches named in one day's cell; the rest as "+N lainnya"


class KalenderView(AdminLspMixin, TemplateView):
    """Batches by month: each day's batches with their TUK and every asesor's number of asesi."""

    template_name = "asesmen/kalender.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        try:
            year = int(self.request.GET.get("tahun", today.year))
            month = int(self.request.GET.get("bulan", today.month))
            first = date(year, month, 1)
        except (TypeError, ValueError):
            first = today.replace(day=1)
        if not 2000 <= first.year <= 2100:
            first = today.replace(day=1)
        by_day = {}
        for j in selectors.kalender_days(self.request.user, year=first.year, month=first.month):
            for day in domain.days_of(timezone.localtime(j["mulai"]).date(), timezone.localtime(j["selesai"]).date()):
                by_day.setdefault(day, []).append(j)
        weeks = [
            [(d, by_day.get(d, [])[:KALENDER_PER_HARI], max(0, len(by_day.get(d, [])) - KALENDER_PER_HARI))
             if d else (None, [], 0) for d in week]
            for week in selectors.weeks_of(first.year, first.month)
        ]
        paginator = Paginator(selectors.kalender_page(self.request.user, year=first.year, month=first.month), 25)
        page = paginator.get_page(self.request.GET.get("page"))
        batches = selectors.kalender_load(page.object_list)
        prev = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
        nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        ctx.update(first=first, weeks=weeks, batches=batches, prev=prev, next=nxt, today=today, page_obj=page,
                   paginator=paginator, is_paginated=page.has_other_pages())
        return ctx


class VerifikasiTUKView(ServiceFormView):
    """The TUK readiness checklist of a batch (admin LSP, or an asesor assigned to it)."""

    roles = (Role.ADMIN_LSP, Role.ASESOR)
    template_name = "asesmen/form.html"
    form_class = forms.VerifikasiTUKForm
    success_message = gettext_lazy("Verifikasi TUK disimpan.")

    def load(self, **kwargs):
        self.jadwal = get_object_or_404(selectors.jadwal_for_tuk_check(self.request.user), pk=kwargs["pk"])

    @property
    def title(self):
        return _("Verifikasi TUK — %(kode)s, %(tuk)s") % {"kode": self.jadwal.kode, "tuk": self.jadwal.tuk.nama}

    def get_initial(self):
        v = VerifikasiTUK.objects.filter(jadwal=self.jadwal).first()
        if v is None:
            return {"tanggal": timezone.localdate()}
        return {f: getattr(v, f) for f in ("tempat", "peralatan", "bahan", "k3", "tanggal", "catatan")}

    def _back(self):
        if self.request.user.has_role(Role.ADMIN_LSP):
            return self.jadwal.get_absolute_url()
        return reverse("asesmen:asesor-jadwal-detail", args=[self.jadwal.pk])

    def get_success_url(self):
        return self._back()

    def get_cancel_url(self):
        return self._back()

    def perform(self, form):
        return services.verifikasi_tuk_save(jadwal=self.jadwal, by=self.request.user, **form.cleaned_data)


class MapaView(JadwalObjectMixin, AdminLspMixin, TemplateView):
    """FR.MAPA.01/02 per unit of the skema: one form per unit, and a copy from an earlier batch."""

    template_name = "asesmen/mapa.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        saved = {m.unit_id: m for m in MapaUnit.objects.filter(jadwal=self.jadwal)}
        saved_elemen = {e.elemen_id: e for e in MapaElemen.objects.filter(mapa__jadwal=self.jadwal)}
        bound = kwargs.get("bound", {})
        units = []
        for unit in self.jadwal.skema.units.prefetch_related("elemen").order_by("urutan", "pk"):
            m = saved.get(unit.pk)
            initial = {f: getattr(m, f) for f in ("pendekatan", "konteks", "konfirmasi_bukti", "metode",
                                                  "jenis_bukti", "instrumen")} if m else {}
            form = bound.get(unit.pk, (None, {}))[0] or forms.MapaForm(initial=initial, prefix=f"u{unit.pk}")
            elemen = []
            for el in sorted(unit.elemen.all(), key=lambda e: (e.urutan, e.pk)):
                e = saved_elemen.get(el.pk)
                el_form = bound.get(unit.pk, (None, {}))[1].get(el.pk) or forms.MapaElemenForm(
                    initial={"metode": e.metode, "jenis_bukti": e.jenis_bukti} if e else {},
                    prefix=f"u{unit.pk}-e{el.pk}",
                )
                elemen.append({"elemen": el, "rencana": e, "form": el_form})
            units.append({"unit": unit, "mapa": m, "form": form, "elemen": elemen})
        ctx.update(jadwal=self.jadwal, units=units, editable=self.jadwal.status in domain.JADWAL_EDITABLE,
                   copy_form=forms.MapaCopyForm(sumber=selectors.mapa_sumber(self.jadwal)))
        return ctx

    def post(self, request, *args, **kwargs):
        if "salin" in request.POST:
            form = forms.MapaCopyForm(request.POST, sumber=selectors.mapa_sumber(self.jadwal))
            try:
                if not form.is_valid():
                    raise ValidationError(_("Pilih jadwal sumber."), code="sumber")
                n = services.mapa_copy(jadwal=self.jadwal, sumber=form.cleaned_data["sumber"], by=request.user)
            except ValidationError as exc:
                message_errors(request, exc)
            else:
                messages.success(request, _("Rencana %(n)s unit disalin.") % {"n": n})
            return HttpResponseRedirect(reverse("asesmen:mapa", args=[self.jadwal.pk]))
        unit = self.jadwal.skema.units.filter(pk=request.POST.get("unit") or 0).first()
        if unit is None:
            messages.error(request, _("Unit tidak dikenal."))
            return HttpResponseRedirect(reverse("asesmen:mapa", args=[self.jadwal.pk]))
        form = forms.MapaForm(request.POST, prefix=f"u{unit.pk}")
        el_forms = {
            el.pk: forms.MapaElemenForm(request.POST, prefix=f"u{unit.pk}-e{el.pk}") for el in unit.elemen.all()
        }
        if form.is_valid() and all(f.is_valid() for f in el_forms.values()):
            elemen = {
                pk: (f.cleaned_data["metode"], f.cleaned_data["jenis_bukti"])
                for pk, f in el_forms.items() if f.cleaned_data["metode"] or f.cleaned_data["jenis_bukti"]
            }
            try:
                services.mapa_save(jadwal=self.jadwal, unit=unit, by=request.user, elemen=elemen, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Rencana unit %(kode)s disimpan.") % {"kode": unit.kode})
                return HttpResponseRedirect(reverse("asesmen:mapa", args=[self.jadwal.pk]) + f"#unit-{unit.pk}")
        return self.render_to_response(self.get_context_data(bound={unit.pk: (form, el_forms)}))


class SuratTugasView(RoleRequiredMixin, View):
    """The surat tugas of one assigned asesor as a PDF (admin LSP, or that asesor)."""

    roles = (Role.ADMIN_LSP, Role.ASESOR)

    def get(self, request, pk):
        penugasan = get_object_or_404(selectors.penugasan_for_letter(request.user), pk=pk)
        response = HttpResponse(surat_tugas_pdf(penugasan), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="surat-tugas-{penugasan.nomor_surat}.pdf"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "sandbox"
        return response
