"""Input shape of the complaint pages (crispy layout)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from .domain import JenisPengaduan, StatusPengaduan


class CrispyForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class PengaduanForm(CrispyForm):
    jenis = forms.ChoiceField(label=_("Pengaduan tentang"), choices=[("", _("Pilih")), *JenisPengaduan.choices])
    tentang = forms.CharField(
        label=_("Yang diadukan"), required=False, max_length=200,
        help_text=_("Mis. nama asesor, nomor sertifikat, tanggal dan tempat asesmen."),
    )
    isi = forms.CharField(label=_("Isi pengaduan"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    nama = forms.CharField(label=_("Nama Anda (opsional)"), required=False, max_length=150)
    kontak = forms.CharField(
        label=_("Email atau telepon (opsional)"), required=False, max_length=150,
        help_text=_("Agar LSP dapat menghubungi Anda bila perlu. Tidak pernah ditampilkan."),
    )


class LacakForm(CrispyForm):
    kode = forms.CharField(label=_("Kode pengaduan"), max_length=30,
                           widget=forms.TextInput(attrs={"placeholder": "ADU-XXXXXXXXXX", "autocomplete": "off"}))


class TindakForm(CrispyForm):
    """Admin LSP's next step on a complaint."""

    ke = forms.ChoiceField(label=_("Langkah"), widget=forms.RadioSelect, choices=[
        (StatusPengaduan.DIINVESTIGASI, _("Mulai tangani (investigasi)")),
        (StatusPengaduan.DITUTUP, _("Tutup dengan tindakan dan hasil")),
    ])
    catatan = forms.CharField(label=_("Catatan penanganan (internal)"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    tindakan = forms.CharField(label=_("Tindakan yang diambil (internal)"), required=False, max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 3}))
    hasil_publik = forms.CharField(
        label=_("Hasil untuk pelapor (publik)"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hanya teks ini dan statusnya yang dapat dilihat pelapor dengan kodenya."),
    )


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua status")), *StatusPengaduan.choices])
