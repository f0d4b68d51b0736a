"""Input shape of the decision pages (FR.AK.05, pleno, SK)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .domain_pelaksanaan import Verdict
from .forms import CrispyForm
from .forms_pelaksanaan import TTD_WIDGET

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LaporanForm(CrispyForm):
    catatan = forms.CharField(label=_("Catatan (aspek positif dan negatif asesmen)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    rekomendasi = forms.CharField(label=_("Rekomendasi perbaikan"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    tindak_lanjut = forms.CharField(label=_("Tindak lanjut"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    ttd = forms.CharField(label=_("Tanda tangan asesor"), required=False, widget=TTD_WIDGET)


class KeputusanForm(CrispyForm):
    keputusan = forms.ChoiceField(label=_("Keputusan"), choices=Verdict.choices, widget=forms.RadioSelect)
    catatan = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=2000)


class SKForm(CrispyForm):
    tanggal_pleno = forms.DateField(label=_("Tanggal pleno"), widget=DATE_WIDGET, input_formats=["%Y-%m-%d"])
    catatan = forms.CharField(label=_("Catatan pleno"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=5000)


class SKTolakForm(CrispyForm):
    alasan = forms.CharField(label=_("Alasan penolakan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
