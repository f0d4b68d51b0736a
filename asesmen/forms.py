"""Input shape and crispy layout only; the rules are the services' (their coded errors are put on these
forms by ``lsp.views.base.add_service_errors``)."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from lsp.models import TUK, Skema

from . import domain

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def datetime_field(label, **kwargs):
    return forms.DateTimeField(label=label, widget=DATETIME_WIDGET, input_formats=["%Y-%m-%dT%H:%M"], **kwargs)


class CrispyForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class JadwalForm(CrispyForm):
    skema = forms.ModelChoiceField(label=_("Skema"), queryset=Skema.objects.filter(aktif=True).order_by("kode"),
                                   empty_label=_("Pilih skema"))
    tuk = forms.ModelChoiceField(label=_("TUK"), queryset=TUK.objects.filter(aktif=True).order_by("nama"),
                                 empty_label=_("Pilih TUK"))
    mulai = datetime_field(_("Mulai"))
    selesai = datetime_field(_("Selesai"))
    kapasitas = forms.IntegerField(label=_("Kapasitas asesi"), min_value=1, max_value=domain.KAPASITAS_MAKSIMAL,
                                   initial=10)
    catatan = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class JadwalUpdateForm(JadwalForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["skema"]


class CatatanForm(CrispyForm):
    catatan = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class CariForm(CrispyForm):
    q = forms.CharField(label=_("Cari nama, email, atau NIK"), required=False, max_length=100)


class PindahForm(CrispyForm):
    ke = forms.ModelChoiceField(label=_("Pindahkan ke jadwal"), queryset=None, empty_label=_("Pilih jadwal"))

    def __init__(self, *args, tujuan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ke"].queryset = tujuan
        self.fields["ke"].label_from_instance = lambda j: f"{j.kode} · {j.tuk.nama} · {j.mulai:%d-%m-%Y %H:%M}"


class PenugasanForm(CrispyForm):
    asesor = forms.ModelChoiceField(label=_("Asesor"), queryset=None, empty_label=_("Pilih asesor"))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asesor"].queryset = candidates
        self.fields["asesor"].label_from_instance = lambda a: f"{a.user} ({a.nomor_registrasi})"


class VerifikasiTUKForm(CrispyForm):
    tempat = forms.BooleanField(label=domain.TUK_CHECKLIST[0][1], required=False)
    peralatan = forms.BooleanField(label=domain.TUK_CHECKLIST[1][1], required=False)
    bahan = forms.BooleanField(label=domain.TUK_CHECKLIST[2][1], required=False)
    k3 = forms.BooleanField(label=domain.TUK_CHECKLIST[3][1], required=False)
    tanggal = forms.DateField(label=_("Tanggal verifikasi"),
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    catatan = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class MapaForm(CrispyForm):
    pendekatan = forms.ChoiceField(label=_("Pendekatan asesmen"), choices=domain.Pendekatan.choices)
    konteks = forms.ChoiceField(label=_("Konteks"), choices=domain.Konteks.choices)
    konfirmasi_bukti = forms.CharField(label=_("Konfirmasi bukti dengan"), max_length=200, required=False)
    metode = forms.MultipleChoiceField(label=_("Metode"), choices=domain.Metode.choices,
                                       widget=forms.CheckboxSelectMultiple, required=False)
    jenis_bukti = forms.MultipleChoiceField(label=_("Jenis bukti"), choices=domain.JenisBukti.choices,
                                            widget=forms.CheckboxSelectMultiple, required=False)
    instrumen = forms.MultipleChoiceField(label=_("Instrumen (FR.MAPA.02)"), choices=domain.Instrumen.choices,
                                          widget=forms.CheckboxSelectMultiple, required=False)


class MapaElemenForm(CrispyForm):
    """One element's methods and evidence kinds; left empty, the element takes the unit's."""

    metode = forms.MultipleChoiceField(label=_("Metode"), choices=domain.Metode.choices,
                                       widget=forms.CheckboxSelectMultiple, required=False)
    jenis_bukti = forms.MultipleChoiceField(label=_("Jenis bukti"), choices=domain.JenisBukti.choices,
                                            widget=forms.CheckboxSelectMultiple, required=False)


class MapaCopyForm(CrispyForm):
    sumber = forms.ModelChoiceField(label=_("Salin dari jadwal"), queryset=None, empty_label=_("Pilih jadwal"))

    def __init__(self, *args, sumber, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sumber"].queryset = sumber
        self.fields["sumber"].label_from_instance = lambda j: f"{j.kode} · {j.mulai:%d-%m-%Y}"


class RekomendasiForm(CrispyForm):
    rekomendasi = forms.ChoiceField(label=_("Rekomendasi atas FR.APL.02"), choices=domain.Rekomendasi.choices,
                                    widget=forms.RadioSelect)
    catatan = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PenyesuaianForm(CrispyForm):
    penyesuaian = forms.CharField(label=_("Penyesuaian yang wajar (FR.AK.07)"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class KonsultasiForm(CrispyForm):
    proses = forms.BooleanField(label=domain.KONSULTASI_CHECKLIST[0][1], required=False)
    bukti = forms.BooleanField(label=domain.KONSULTASI_CHECKLIST[1][1], required=False)
    hak = forms.BooleanField(label=domain.KONSULTASI_CHECKLIST[2][1], required=False)
    kerahasiaan = forms.BooleanField(label=domain.KONSULTASI_CHECKLIST[3][1], required=False)
    catatan = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class Ak01Form(CrispyForm):
    bukti = forms.MultipleChoiceField(label=_("Bukti yang disepakati"), choices=domain.BuktiAK01.choices,
                                      widget=forms.CheckboxSelectMultiple, required=False)
    tempat = forms.CharField(label=_("Tempat asesmen"), max_length=255, required=False)
    waktu = datetime_field(_("Waktu asesmen"), required=False)
