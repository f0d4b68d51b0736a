"""Input shape of the validation pages (crispy; the rules and their coded errors are the services')."""

from django import forms
from django.utils.translation import gettext_lazy as _

from asesor.models import AsesorProfile
from lsp.models import Skema

from .domain_validasi import (
    CATATAN_SELESAI_MAKS,
    PERSEN_BAWAAN,
    PERSEN_MAKS,
    PERSEN_MIN,
    SEED_MAKS,
    Aspek,
    Kesimpulan,
)
from .forms import CrispyForm
from .forms_pelaksanaan import TTD_WIDGET

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SampelForm(CrispyForm):
    skema = forms.ModelChoiceField(label=_("Skema"), queryset=Skema.objects.order_by("kode"), required=False,
                                   empty_label=_("Semua skema"))
    asesor = forms.ModelChoiceField(label=_("Asesor"), required=False, empty_label=_("Semua asesor"),
                                    queryset=AsesorProfile.objects.select_related("user").order_by(
                                        "user__nama_lengkap", "pk"))
    dari = forms.DateField(label=_("Periode dari"), widget=DATE_WIDGET,
                           help_text=_("Tanggal rekaman asesmen (FR.AK.02) diajukan asesor."))
    sampai = forms.DateField(label=_("Periode sampai"), widget=DATE_WIDGET)
    persen = forms.IntegerField(label=_("Persentase sampel (%)"), min_value=PERSEN_MIN, max_value=PERSEN_MAKS,
                                initial=PERSEN_BAWAAN,
                                help_text=_("Dibulatkan ke atas; setiap asesor dalam lingkup paling sedikit satu "
                                            "rekaman."))
    seed = forms.CharField(label=_("Benih acak (opsional)"), required=False, max_length=SEED_MAKS,
                           help_text=_("Kosongkan untuk benih baru. Benih dan lingkup yang sama selalu "
                                       "menghasilkan sampel yang sama."))


class TemuanForm(CrispyForm):
    aspek = forms.ChoiceField(label=_("Aspek"), choices=Aspek.choices)
    memenuhi = forms.TypedChoiceField(label=_("Hasil"), choices=[("1", _("Memenuhi")), ("0", _("Tidak memenuhi"))],
                                      coerce=lambda v: v == "1", widget=forms.RadioSelect)
    uraian = forms.CharField(label=_("Uraian temuan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class KesimpulanForm(CrispyForm):
    kesimpulan = forms.ChoiceField(label=_("Kesimpulan"), choices=Kesimpulan.choices, widget=forms.RadioSelect)
    catatan = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=5000, help_text=_("Wajib bila tidak sepenuhnya sesuai."))


class TindakLanjutForm(CrispyForm):
    uraian = forms.CharField(label=_("Tindak lanjut"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    penanggung_jawab = forms.ModelChoiceField(label=_("Penanggung jawab"), queryset=None,
                                              empty_label=_("Pilih penanggung jawab"))
    batas = forms.DateField(label=_("Batas waktu"), widget=DATE_WIDGET)

    def __init__(self, *args, penanggung_jawab, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penanggung_jawab"].queryset = penanggung_jawab
        self.fields["penanggung_jawab"].label_from_instance = lambda u: f"{u.get_full_name() or u.username}"


class TutupForm(CrispyForm):
    catatan = forms.CharField(label=_("Catatan penutupan"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=5000, help_text=_("Apa yang sudah dilakukan dan buktinya."))


class SahkanForm(CrispyForm):
    ringkasan = forms.CharField(label=_("Ringkasan dan rekomendasi validator"),
                                widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
    ttd = forms.CharField(label=_("Tanda tangan validator"), required=False, widget=TTD_WIDGET)


class SelesaiForm(CrispyForm):
    """The owner marks a follow-up done: a short note of what was done (R65)."""

    catatan = forms.CharField(label=_("Catatan penyelesaian"), widget=forms.Textarea(attrs={"rows": 3}),
                              max_length=CATATAN_SELESAI_MAKS,
                              help_text=_("Singkat: apa yang sudah Anda lakukan dan di mana buktinya."))
