"""Input shapes of the sertifikat pages (crispy layouts; the services validate)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from .domain import StatusTersimpan


class CrispyForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class CariForm(CrispyForm):
    nomor = forms.CharField(
        label=_("Nomor sertifikat"), max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "LSP-1565/2026/000123", "autocomplete": "off"}),
    )


class StatusForm(CrispyForm):
    ke = forms.ChoiceField(label=_("Ubah status menjadi"), choices=StatusTersimpan.choices)
    alasan = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ImporForm(CrispyForm):
    berkas = forms.FileField(label=_("Berkas XLSX/CSV"))


class LogbookForm(CrispyForm):
    # what the bytes are, and the size, is checked once, by services.surveilans_upload
    berkas = forms.FileField(
        label=_("Logbook (PDF, JPG atau PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )


class PeriksaForm(CrispyForm):
    keputusan = forms.ChoiceField(label=_("Keputusan"), choices=[("terima", _("Terima")), ("tolak", _("Tolak"))])
    catatan = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=2000)


class LaporanBnspForm(CrispyForm):
    """The period of the BNSP report, its format, and whether personal data shows unmasked."""

    CSV, XLSX = "csv", "xlsx"

    dari = forms.DateField(label=_("Terbit dari tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label=_("Sampai tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    format = forms.ChoiceField(
        label=_("Format"), choices=((CSV, _("CSV (langsung diunduh)")), (XLSX, _("XLSX (dibuat di latar belakang)"))),
        initial=CSV, widget=forms.RadioSelect,
    )
    tampilkan_pribadi = forms.BooleanField(
        label=_("Tampilkan data pribadi"), required=False,
        help_text=_("NIK dan tanggal lahir tanpa disamarkan. Ekspor ini dicatat di jejak audit."),
    )

    def clean(self):
        data = super().clean()
        dari, sampai = data.get("dari"), data.get("sampai")
        if dari and sampai and sampai < dari:
            self.add_error("sampai", forms.ValidationError(_("Tanggal akhir sebelum tanggal awal."), code="urutan"))
        return data
