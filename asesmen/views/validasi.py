"""The validator's pages (FR.VA): their samples, drawing a sample, the report of a sample (scope, records,
findings, follow-ups; signed with a drawn signature; as PDF), each sampled record with its findings,
conclusion and follow-ups. Every object is fetched through the validator's scoped selectors (someone
else's sample is a 404); the services refuse a record the validator assessed.

The admin LSP reads every sample (their list, and the report, its PDF, each record and its forms PDF, with
no edit buttons: only the drawing validator's selectors reach the forms); the asesor owning a follow-up
sees theirs and marks one done (R65)."""

from datetime import timedelta

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView

from lsp.access import RoleRequiredMixin
from lsp.pagination import KeysetPaginationMixin, LenientPaginationMixin
from lsp.roles import Role
from lsp.views.base import AdminLspMixin, ServiceFormView

from .. import domain_validasi as rules
from .. import forms_validasi as forms
from .. import selectors_validasi as reads
from .. import services
from ..filters_validasi import SampelAdminFilter
from ..models import PenilaianUnit
from ._common import client_ip


class ValidatorMixin(AdminLspMixin):
    roles = (Role.VALIDATOR,)


class ReaderMixin(AdminLspMixin):
    """The read-only pages of a sample: its validator, and the admin LSP (every sample)."""

    roles = (Role.VALIDATOR, Role.ADMIN_LSP)


def _list_crumb(user=None, sampel=None):
    """The list a sample belongs to for ``user``: the validator's own, or the admin LSP's list of all."""
    if sampel is not None and sampel.validator_id != user.pk:
        return (_("Validasi asesmen"), reverse("asesmen:validasi-admin-list"))
    return (_("Validasi asesmen"), reverse("asesmen:validasi-list"))


def _item_label(item) -> str:
    return item.rekaman.peserta.permohonan.nomor


class SampelListView(ValidatorMixin, LenientPaginationMixin, ListView):
    """The samples this validator drew, newest first."""

    template_name = "asesmen/validasi/list.html"
    paginate_by = 25

    def get_queryset(self):
        return reads.sampel_list_for_user(self.request.user)


class SampelCreateView(ValidatorMixin, ServiceFormView):
    roles = (Role.VALIDATOR,)
    form_class = forms.SampelForm
    template_name = "asesmen/form.html"
    title = gettext_lazy("Tarik sampel validasi")
    intro = gettext_lazy("Sampel diambil acak dari rekaman asesmen (FR.AK.02) yang sudah diajukan pada lingkup "
                         "ini, kecuali rekaman yang Anda ases sendiri.")
    success_message = gettext_lazy("Sampel ditarik dan dicatat.")

    def get_initial(self):
        today = timezone.localdate()
        return {"dari": today.replace(day=1), "sampai": today}

    def perform(self, form):
        return services.sampel_draw(by=self.request.user, **form.cleaned_data)

    def get_cancel_url(self):
        return reverse("asesmen:validasi-list")

    def get_breadcrumbs(self):
        return [_list_crumb()]


class SampelDetailView(ReaderMixin, TemplateView):
    """The validation report of one sample: scope, the records chosen, findings, follow-ups (who closed each
    and how), signature. The admin LSP reads it without the validator's buttons."""

    template_name = "asesmen/validasi/detail.html"
    paginate_by = 50

    def load(self, **kwargs):
        self.sampel = get_object_or_404(reads.sampel_readable_by(self.request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        paginator = Paginator(reads.sampel_items(self.sampel), self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        tindak_lanjut = reads.sampel_tindak_lanjut(self.sampel)
        pemilik = self.sampel.validator_id == self.request.user.pk
        today = timezone.localdate()
        for tl in tindak_lanjut:
            tl.terlambat = rules.tindak_lanjut_overdue(status=tl.status, batas=tl.batas, today=today)
        ctx.update(
            sampel=self.sampel, items=page.object_list, paginator=paginator, page_obj=page,
            is_paginated=page.has_other_pages(), jumlah=paginator.count,
            temuan=reads.sampel_temuan(self.sampel), tindak_lanjut=tindak_lanjut,
            bagian=rules.share_percent(paginator.count, self.sampel.jumlah_kandidat),
            boleh_sahkan=pemilik and not self.sampel.disahkan and not reads.sampel_belum_disimpulkan(self.sampel),
            pemilik=pemilik, breadcrumbs=[_list_crumb(self.request.user, self.sampel)],
        )
        return ctx


class SampelSahkanView(ValidatorMixin, ServiceFormView):
    """The validator signs the report (summary + drawn signature)."""

    form_class = forms.SahkanForm
    template_name = "asesmen/validasi/sahkan.html"
    title = gettext_lazy("Sahkan laporan validasi")
    success_message = gettext_lazy("Laporan validasi disahkan dan ditandatangani.")

    def load(self, **kwargs):
        self.sampel = get_object_or_404(reads.sampel_for_user(self.request.user), pk=kwargs["pk"])

    def get_initial(self):
        return {"ringkasan": self.sampel.ringkasan}

    def perform(self, form):
        return services.sampel_sign(sampel=self.sampel, by=self.request.user, ip=client_ip(self.request),
                                    **form.cleaned_data)

    def get_success_url(self):
        return self.sampel.get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(sampel=self.sampel, **kwargs)

    def get_breadcrumbs(self):
        return [_list_crumb(), (self.sampel.kode, self.sampel.get_absolute_url())]


class ValidasiLaporanPdfView(ReaderMixin, View):
    """The validation report as a PDF (reportlab, in the request); its validator and the admin LSP."""

    def load(self, **kwargs):
        self.sampel = get_object_or_404(reads.sampel_readable_by(self.request.user), pk=kwargs["pk"])

    def get(self, request, pk):
        from ..pdf_validasi import laporan_validasi_pdf

        response = HttpResponse(laporan_validasi_pdf(self.sampel), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="laporan-validasi-{self.sampel.kode}.pdf"'
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "sandbox"
        return response


class _ItemMixin(ValidatorMixin):
    def load(self, **kwargs):
        self.item = get_object_or_404(reads.item_for_user(self.request.user), pk=kwargs["pk"])

    def get_breadcrumbs(self):
        sampel = self.item.sampel
        return [_list_crumb(self.request.user, sampel), (sampel.kode, sampel.get_absolute_url()),
                (_item_label(self.item), self.item.get_absolute_url())]


class _ItemReaderMixin(_ItemMixin):
    """A sampled record's read-only pages: its validator, and the admin LSP."""

    roles = (Role.VALIDATOR, Role.ADMIN_LSP)

    def load(self, **kwargs):
        self.item = get_object_or_404(reads.item_readable_by(self.request.user), pk=kwargs["pk"])


class ItemDetailView(_ItemReaderMixin, TemplateView):
    """One sampled record: what the asesor decided, the findings, the conclusion, the follow-ups (the
    admin LSP reads it without the validator's buttons)."""

    template_name = "asesmen/validasi/item.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        item = self.item
        temuan = list(item.temuan.prefetch_related("tindak_lanjut__penanggung_jawab", "tindak_lanjut__ditutup_oleh")
                      .order_by("created_at", "pk"))
        today = timezone.localdate()
        for t in temuan:
            for tl in t.tindak_lanjut.all():
                tl.terlambat = rules.tindak_lanjut_overdue(status=tl.status, batas=tl.batas, today=today)
        asesor_user = item.rekaman.peserta.asesor.user_id if item.rekaman.peserta.asesor_id else None
        ctx.update(
            item=item, sampel=item.sampel, rekaman=item.rekaman, peserta=item.rekaman.peserta, temuan=temuan,
            units=PenilaianUnit.objects.filter(rekaman=item.rekaman).select_related("unit").order_by("unit__urutan"),
            konflik=rules.validator_conflict(validator_id=self.request.user.pk,
                                             assessed_by=[asesor_user, item.rekaman.diajukan_oleh_id]),
            pemilik=item.sampel.validator_id == self.request.user.pk,
            breadcrumbs=self.get_breadcrumbs()[:-1], current=_item_label(item),
        )
        return ctx


class ItemFormulirPdfView(_ItemReaderMixin, View):
    """The sampled record's forms (APL.02, AK.01, AK.02, AK.03 with signatures) for the validator."""

    def get(self, request, pk):
        from ..pdf_pelaksanaan import formulir_pdf

        p = self.item.rekaman.peserta
        response = HttpResponse(formulir_pdf(p), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="formulir-{p.permohonan.nomor}.pdf"'
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "sandbox"
        return response


class _ItemFormView(_ItemMixin, ServiceFormView):
    template_name = "asesmen/form.html"

    def get_success_url(self):
        return self.item.get_absolute_url()


class TemuanCreateView(_ItemFormView):
    form_class = forms.TemuanForm
    title = gettext_lazy("Catat temuan validasi")
    success_message = gettext_lazy("Temuan dicatat.")

    def perform(self, form):
        return services.temuan_add(item=self.item, by=self.request.user, **form.cleaned_data)


class KesimpulanView(_ItemFormView):
    form_class = forms.KesimpulanForm
    title = gettext_lazy("Kesimpulan validasi rekaman")
    success_message = gettext_lazy("Kesimpulan disimpan.")

    def get_initial(self):
        return {"kesimpulan": self.item.kesimpulan, "catatan": self.item.catatan}

    def perform(self, form):
        return services.kesimpulan_save(item=self.item, by=self.request.user, **form.cleaned_data)


class TindakLanjutCreateView(ValidatorMixin, ServiceFormView):
    form_class = forms.TindakLanjutForm
    template_name = "asesmen/form.html"
    title = gettext_lazy("Tetapkan tindak lanjut")
    success_message = gettext_lazy("Tindak lanjut ditetapkan.")

    def load(self, **kwargs):
        self.temuan = get_object_or_404(reads.temuan_for_user(self.request.user), pk=kwargs["pk"])
        self.item = reads.item_for_user(self.request.user).get(pk=self.temuan.item_id)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "penanggung_jawab": reads.penanggung_jawab_choices(self.item)}

    def get_initial(self):
        return {"batas": timezone.localdate() + timedelta(days=30)}

    def perform(self, form):
        return services.tindak_lanjut_add(temuan=self.temuan, by=self.request.user, **form.cleaned_data)

    def get_success_url(self):
        return self.item.get_absolute_url()

    def get_breadcrumbs(self):
        return _ItemMixin.get_breadcrumbs(self)


class TindakLanjutCloseView(ValidatorMixin, ServiceFormView):
    form_class = forms.TutupForm
    template_name = "asesmen/form.html"
    title = gettext_lazy("Tutup tindak lanjut")
    success_message = gettext_lazy("Tindak lanjut ditutup.")

    def load(self, **kwargs):
        self.tindak_lanjut = get_object_or_404(reads.tindak_lanjut_for_user(self.request.user), pk=kwargs["pk"])
        self.item = reads.item_for_user(self.request.user).get(pk=self.tindak_lanjut.temuan.item_id)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["intro"] = self.tindak_lanjut.uraian
        return ctx

    def perform(self, form):
        return services.tindak_lanjut_close(tindak_lanjut=self.tindak_lanjut, by=self.request.user,
                                            **form.cleaned_data)

    def get_success_url(self):
        return self.item.get_absolute_url()

    def get_breadcrumbs(self):
        return _ItemMixin.get_breadcrumbs(self)


# --- admin LSP: every sample, read-only (R65) ---------------------------------------------------------------


class SampelAdminListView(KeysetPaginationMixin, AdminLspMixin, ListView):
    """Every FR.VA sample of the LSP, newest first, filtered by status, validator and period; pages follow a
    cursor. Each opens the report read-only."""

    template_name = "asesmen/validasi/admin_list.html"
    paginate_by = 25
    keyset = reads.SAMPEL_KEYSET

    def get_queryset(self):
        self.filterset = SampelAdminFilter(self.request.GET or None,
                                           queryset=reads.sampel_list_admin(self.request.user))
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


# --- the asesor owning a follow-up (R65) ------------------------------------------------------------------


class AsesorTindakLanjutMixin(RoleRequiredMixin):
    roles = (Role.ASESOR,)


def _saya_crumb():
    return (_("Tindak lanjut validasi"), reverse("asesmen:tindak-lanjut-saya"))


class TindakLanjutSayaView(AsesorTindakLanjutMixin, KeysetPaginationMixin, ListView):
    """The follow-ups assigned to this asesor, open ones first by due date (``?status=selesai``: the ones
    done); an open one past its due date is marked *terlambat*."""

    template_name = "asesmen/validasi/tindak_lanjut_saya.html"
    paginate_by = 25
    keyset = reads.TINDAK_LANJUT_SAYA_KEYSET

    def get_queryset(self):
        self.status = (rules.StatusTindakLanjut.SELESAI if self.request.GET.get("status") == "selesai"
                       else rules.StatusTindakLanjut.TERBUKA)
        return reads.tindak_lanjut_for_owner(self.request.user).filter(status=self.status)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        for tl in ctx["object_list"]:
            tl.terlambat = rules.tindak_lanjut_overdue(status=tl.status, batas=tl.batas, today=today)
        ctx.update(status=self.status, terbuka=self.status == rules.StatusTindakLanjut.TERBUKA)
        return ctx


class TindakLanjutSelesaiView(ServiceFormView):
    """The owner marks one of their open follow-ups done with a short note."""

    roles = (Role.ASESOR,)
    form_class = forms.SelesaiForm
    template_name = "asesmen/form.html"
    title = gettext_lazy("Tandai tindak lanjut selesai")
    submit_label = gettext_lazy("Tandai selesai")
    success_message = gettext_lazy("Tindak lanjut ditandai selesai; validator melihatnya pada laporan sampel.")

    def load(self, **kwargs):
        self.tindak_lanjut = get_object_or_404(reads.tindak_lanjut_for_owner(self.request.user), pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["intro"] = self.tindak_lanjut.uraian
        return ctx

    def perform(self, form):
        return services.tindak_lanjut_selesai(tindak_lanjut=self.tindak_lanjut, by=self.request.user,
                                              **form.cleaned_data)

    def get_success_url(self):
        return reverse("asesmen:tindak-lanjut-saya")

    def get_breadcrumbs(self):
        return [_saya_crumb()]
