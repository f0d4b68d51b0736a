"""Input shape of the assessment pages (crispy layout where a form stands alone; the per-KUK and per-item
rows of the workspace are rendered by their own small template so a plan of a hundred KUK stays fast)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import domain_pelaksanaan as rules
from .domain import Instrumen
from .forms import CrispyForm

TTD_WIDGET = forms.HiddenInput(attrs={"data-ttd-input": ""})


class KukForm(forms.Form):
    hasil = forms.ChoiceField(label=_("Hasil"), choices=rules.HasilKUK.choices)
    catatan = forms.CharField(label=_("Catatan"), required=False, max_length=2000)
    bukti = forms.CharField(label=_("Referensi bukti"), required=False, max_length=255)


class JawabanForm(forms.Form):
    jawaban = forms.CharField(label=_("Jawaban"), required=False, max_length=5000)
    penilaian = forms.ChoiceField(label=_("Penilaian"), choices=[("", "-"), *rules.Penilaian.choices],
                                  required=False)
    catatan = forms.CharField(label=_("Catatan"), required=False, max_length=2000)
    valid = forms.BooleanField(required=False)
    asli = forms.BooleanField(required=False)
    terkini = forms.BooleanField(required=False)
    memadai = forms.BooleanField(required=False)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"jawaban": data["jawaban"], "penilaian": data["penilaian"], "catatan": data["catatan"],
                "vatm": {key: data[key] for key, _label in rules.VATM}}


class SubmitForm(CrispyForm):
    tindak_lanjut = forms.CharField(
        label=_("Tindak lanjut (bila BK)"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Unit yang masih harus ditunjukkan dan langkah selanjutnya."),
    )
    catatan = forms.CharField(label=_("Catatan asesor"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    ttd = forms.CharField(label=_("Tanda tangan asesor"), required=False, widget=TTD_WIDGET)


class TtdForm(CrispyForm):
    ttd = forms.CharField(label=_("Tanda tangan"), required=False, widget=TTD_WIDGET)


class KoreksiForm(CrispyForm):
    kuk = forms.ModelChoiceField(label=_("KUK"), queryset=None)
    hasil = forms.ChoiceField(label=_("Hasil yang benar"), choices=rules.Verdict.choices)
    alasan = forms.CharField(label=_("Alasan koreksi"), widget=forms.Textarea(attrs={"rows": 2}))
    tindak_lanjut = forms.CharField(label=_("Tindak lanjut (bila menjadi BK)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, kuk_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kuk"].queryset = kuk_queryset
        self.fields["kuk"].label_from_instance = lambda k: f"{k.elemen.unit.kode} · {k.elemen.urutan}.{k.urutan} " \
                                                           f"{k.deskripsi[:80]}"


class ButirForm(CrispyForm):
    instrumen = forms.ChoiceField(label=_("Instrumen"), choices=Instrumen.choices)
    kuk = forms.ModelChoiceField(label=_("KUK (opsional)"), queryset=None, required=False)
    urutan = forms.IntegerField(label=_("Urutan"), min_value=1, max_value=999, initial=1)
    pertanyaan = forms.CharField(label=_("Pertanyaan / kriteria / bukti"), widget=forms.Textarea(attrs={"rows": 2}))
    pilihan = forms.CharField(
        label=_("Pilihan jawaban (IA.05)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu pilihan per baris, berurutan A sampai E."),
    )
    kunci = forms.CharField(label=_("Kunci jawaban (IA.05)"), required=False, max_length=1,
                            help_text=_("Huruf pilihan yang benar, mis. B."))
    acuan = forms.CharField(label=_("Jawaban yang diharapkan / panduan"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        from lsp.models import KUK

        self.fields["kuk"].queryset = KUK.objects.filter(elemen__unit=unit).select_related("elemen").order_by(
            "elemen__urutan", "urutan")
        self.fields["kuk"].label_from_instance = lambda k: f"{k.elemen.urutan}.{k.urutan} {k.deskripsi[:80]}"

    def clean_pilihan(self):
        return [line.strip() for line in self.cleaned_data["pilihan"].splitlines() if line.strip()]


class UmpanBalikForm(CrispyForm):
    catatan = forms.CharField(label=_("Catatan/komentar lain"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    ttd = forms.CharField(label=_("Tanda tangan asesi"), required=False, widget=TTD_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("ya", _("Ya")), ("tidak", _("Tidak"))]
        for key, label in rules.UMPAN_BALIK:
            self.fields[key] = forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect)
        self.order_fields([key for key, _label in rules.UMPAN_BALIK] + ["catatan", "ttd"])

    def jawaban(self) -> dict:
        return {key: self.cleaned_data[key] == "ya" for key, _label in rules.UMPAN_BALIK}


class TinjauanForm(CrispyForm):
    rekomendasi_perbaikan = forms.CharField(label=_("Rekomendasi perbaikan"), required=False,
                                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in rules.TINJAUAN:
            self.fields[key] = forms.BooleanField(label=label, required=False)
        self.order_fields([key for key, _label in rules.TINJAUAN] + ["rekomendasi_perbaikan"])

    def jawaban(self) -> dict:
        return {key: self.cleaned_data[key] for key, _label in rules.TINJAUAN}


class ButirImportForm(CrispyForm):
    berkas = forms.FileField(
        label=_("Berkas CSV/XLSX"),
        help_text=_("Kolom: instrumen, kuk (mis. 1.2, boleh kosong), pertanyaan, pilihan (dipisah |), kunci, acuan."),
    )


class BuktiKerjaForm(CrispyForm):
    butir = forms.ModelChoiceField(label=_("Tugas / produk"), queryset=None)
    berkas = forms.FileField(label=_("Berkas (PDF/JPG/PNG)"))

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import ButirInstrumen

        self.fields["butir"].queryset = ButirInstrumen.objects.filter(pk__in=[b.pk for b in items])
        self.fields["butir"].label_from_instance = lambda b: f"{b.instrumen} {b.urutan}. {b.pertanyaan[:80]}"
