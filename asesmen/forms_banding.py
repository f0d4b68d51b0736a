"""Input shape of the FR.AK.04 banding pages (crispy layout)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import domain_banding as rules
from .forms import CrispyForm

YA_TIDAK = [("ya", _("Ya")), ("tidak", _("Tidak"))]


class BandingForm(CrispyForm):
    """FR.AK.04: the three yes/no questions and the reasons."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in rules.PERTANYAAN:
            self.fields[key] = forms.ChoiceField(label=label, choices=YA_TIDAK, widget=forms.RadioSelect)
        self.fields["alasan"] = forms.CharField(
            label=_("Alasan banding"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
            help_text=_("Jelaskan mengapa Anda tidak setuju dengan keputusan belum kompeten."),
        )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"jawaban": {key: data[key] == "ya" for key, _label in rules.PERTANYAAN}, "alasan": data["alasan"]}


class KeputusanBandingForm(CrispyForm):
    keputusan = forms.ChoiceField(
        label=_("Keputusan"), widget=forms.RadioSelect,
        choices=[(rules.StatusBanding.DITERIMA, _("Diterima: asesi diases ulang pada unit yang belum kompeten")),
                 (rules.StatusBanding.DITOLAK, _("Ditolak: keputusan belum kompeten tetap berlaku"))],
    )
    alasan = forms.CharField(label=_("Alasan keputusan"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
