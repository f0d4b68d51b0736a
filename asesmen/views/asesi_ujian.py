"""The asesi's side of the assessment: their record's status, the IA.05 online test (timed, each answer
saved as it is chosen), FR.AK.03 feedback, signing their forms, and the forms as one PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from lsp.roles import Role
from lsp.views.base import add_service_errors, message_errors

from .. import domain_pelaksanaan as rules
from .. import forms_pelaksanaan as forms
from .. import selectors, services
from .. import selectors_pelaksanaan as reads
from ..models import BuktiKerja, JawabanButir, RekamanAsesmen, UjianTertulis
from ._common import client_ip
from .asesi import AsesiRoleMixin


class PesertaAsesiMixin(AsesiRoleMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_role(Role.ASESI):
            self.peserta = get_object_or_404(selectors.peserta_for_asesi(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def url(self):
        return reverse("asesmen:asesi-asesmen", args=[self.peserta.pk])


def _signable(peserta, rekaman, umpan_balik, ttd) -> list[dict]:
    """The asesi's side of each form: signed (when) or ready to sign, or not yet."""
    ak01 = getattr(peserta, "ak01", None)
    ready = {
        rules.Dokumen.APL02: True,
        rules.Dokumen.AK01: bool(ak01 and ak01.disetujui),
        rules.Dokumen.AK02: bool(rekaman and rekaman.final),
        rules.Dokumen.AK03: umpan_balik is not None,
    }
    return [{"dokumen": value, "label": label, "ttd": ttd.get((value, rules.Pihak.ASESI)), "siap": ready[value]}
            for value, label in rules.Dokumen.choices]


class AsesiAsesmenView(PesertaAsesiMixin, TemplateView):
    """The asesi's assessment page; POSTs: FR.AK.03 feedback (signed), or a signature on one form."""

    template_name = "asesmen/pelaksanaan/asesi_asesmen.html"

    def get_context_data(self, umpan_form=None, ttd_form=None, unggah_form=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p = self.peserta
        rekaman = RekamanAsesmen.objects.filter(peserta=p).first()
        umpan_balik = reads.umpan_balik_of(p)
        ttd = reads.tanda_tangan_of(p)
        ctx.update(
            peserta=p, rekaman=rekaman, umpan_balik=umpan_balik, ujian_ada=bool(services.pelaksanaan.ujian_butir(p)),
            ujian=UjianTertulis.objects.filter(rekaman=rekaman).first() if rekaman else None,
            umpan_form=umpan_form or forms.UmpanBalikForm(prefix="ak03"), ttd_form=ttd_form or forms.TtdForm(),
            dokumen=_signable(p, rekaman, umpan_balik, ttd), umpan_labels=rules.UMPAN_BALIK,
        )
        items = services.pelaksanaan.unggah_butir(p)
        ctx.update(unggah=items, unggah_form=unggah_form or forms.BuktiKerjaForm(items=items, prefix="kerja"),
                   bukti_kerja=list(BuktiKerja.objects.filter(rekaman=rekaman).select_related("butir"))
                   if rekaman else [])
        return ctx

    def post(self, request, *args, **kwargs):
        ip = client_ip(request)
        if request.POST.get("aksi") == "ak03":
            form = forms.UmpanBalikForm(request.POST, prefix="ak03")
            if form.is_valid():
                try:
                    services.umpan_balik_submit(peserta=self.peserta, jawaban=form.jawaban(), ip=ip,
                                                ttd=form.cleaned_data["ttd"], catatan=form.cleaned_data["catatan"],
                                                by=request.user)
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(request, _("Terima kasih, umpan balik (FR.AK.03) terkirim dan ditandatangani."))
                    return HttpResponseRedirect(self.url())
            return self.render_to_response(self.get_context_data(umpan_form=form))
        if request.POST.get("aksi") == "kerja":
            form = forms.BuktiKerjaForm(request.POST, request.FILES, prefix="kerja",
                                        items=services.pelaksanaan.unggah_butir(self.peserta))
            if form.is_valid():
                try:
                    services.bukti_kerja_upload(peserta=self.peserta, by=request.user, **form.cleaned_data)
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(request, _("Hasil kerja diunggah."))
                    return HttpResponseRedirect(self.url())
            return self.render_to_response(self.get_context_data(unggah_form=form))
        form = forms.TtdForm(request.POST)
        if form.is_valid():
            try:
                services.tanda_tangan_sign(peserta=self.peserta, dokumen=request.POST.get("dokumen", ""),
                                           ttd=form.cleaned_data["ttd"], by=request.user, ip=ip)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Formulir ditandatangani."))
                return HttpResponseRedirect(self.url())
        return self.render_to_response(self.get_context_data(ttd_form=form))


class UjianView(PesertaAsesiMixin, TemplateView):
    """The IA.05 test: start, the questions with the time left, hand in."""

    template_name = "asesmen/pelaksanaan/ujian.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        p = self.peserta
        ujian = UjianTertulis.objects.filter(rekaman__peserta=p).first()
        items, chosen = [], {}
        if ujian is not None:
            items = services.pelaksanaan.ujian_butir(p)
            chosen = dict(JawabanButir.objects.filter(rekaman__peserta=p, butir__in=items)
                          .values_list("butir_id", "pilihan"))
        now = timezone.now()
        terbuka = bool(ujian and ujian.selesai_pada is None and now < ujian.batas)
        ctx.update(
            peserta=p, ujian=ujian, terbuka=terbuka,
            sisa_detik=max(0, int((ujian.batas - now).total_seconds())) if ujian else 0,
            soal=[{"butir": b, "nomor": n, "pilihan": _options(b), "dipilih": chosen.get(b.pk, "")}
                  for n, b in enumerate(items, 1)],
        )
        return ctx

    def post(self, request, *args, **kwargs):
        try:
            if request.POST.get("aksi") == "selesai":
                ujian = services.ujian_finish(peserta=self.peserta, by=request.user)
                messages.success(request, _("Ujian diselesaikan: %(benar)s dari %(jumlah)s soal dijawab benar.")
                                 % {"benar": ujian.benar, "jumlah": ujian.jumlah})
            else:
                services.ujian_start(peserta=self.peserta, by=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
        return HttpResponseRedirect(reverse("asesmen:asesi-ujian", args=[self.peserta.pk]))


def _options(butir) -> list[tuple[str, str]]:
    return list(zip(rules.PILIHAN_HURUF, butir.pilihan, strict=False))


class UjianJawabView(PesertaAsesiMixin, View):
    """One answer of the test (htmx gets the question back with "saved" or the refusal)."""

    http_method_names = ["post"]

    def post(self, request, pk, butir_pk):
        from ..models import ButirInstrumen

        butir = get_object_or_404(ButirInstrumen, pk=butir_pk, instrumen="IA.05")
        pilihan = request.POST.get("pilihan", "")
        errors = []
        try:
            services.ujian_answer(peserta=self.peserta, butir=butir, pilihan=pilihan, by=request.user)
        except ValidationError as exc:
            errors = exc.messages
        if request.headers.get("HX-Request") != "true":
            for text in errors:
                messages.error(request, text)
            return HttpResponseRedirect(reverse("asesmen:asesi-ujian", args=[self.peserta.pk]))
        chosen = JawabanButir.objects.filter(rekaman__peserta=self.peserta, butir=butir).first()
        nomor = request.POST.get("nomor", "")
        html = render_to_string("asesmen/pelaksanaan/_soal.html", {
            "s": {"butir": butir, "nomor": nomor if nomor.isdigit() else "", "pilihan": _options(butir),
                  "dipilih": chosen.pilihan if chosen else ""},
            "peserta": self.peserta, "terbuka": not errors, "saved": not errors, "errors": errors,
        }, request)
        return HttpResponse(html)
