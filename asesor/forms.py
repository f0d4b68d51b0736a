"""Input shape and crispy layout only: types, required fields, widgets. The rules (which combinations are
allowed, formats, dates in order) are the services' to check; their coded errors are shown on these forms
by ``lsp.views.base.add_service_errors``."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lsp.models import TUK, Skema

from . import domain
from .selectors import master_asesor_queryset

User = get_user_model()

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label, required=True, **kwargs):
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET, **kwargs)


DOKUMEN_LABEL = _("Dokumen (PDF/JPG/PNG)")


def dokumen_field(label=DOKUMEN_LABEL, required=False):
    # what the bytes are, and the size, is checked once, by the service that stores the file
    return forms.FileField(label=label, required=required)


class CrispyForm(forms.Form):
    """A form rendered with ``{% crispy form %}`` inside the page's own <form> tag."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class PenggunaField(forms.CharField):
    """A user picked by username or email (a text box scales to thousands of accounts, a <select> not)."""

    default_error_messages = {"not_found": _("Pengguna dengan nama pengguna atau email ini tidak ditemukan.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault("help_text", _("Nama pengguna atau email akun."))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        user = User.objects.filter(Q(username__iexact=value) | Q(email__iexact=value), is_active=True).first()
        if user is None:
            raise forms.ValidationError(self.error_messages["not_found"], code="not_found")
        return user


class NomorRegistrasiField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Nomor registrasi asesor"))
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("help_text", _("Mis. MET.000.001234 2024 (titik sebelum tahun juga diterima)."))
        super().__init__(**kwargs)


class AsesorCreateForm(CrispyForm):
    pengguna = PenggunaField(label=_("Akun yang sudah ada"), required=False)
    username = forms.CharField(label=_("…atau nama pengguna baru"), max_length=150, required=False)
    nama_lengkap = forms.CharField(label=_("Nama lengkap (akun baru)"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email (akun baru)"), required=False)
    nomor_registrasi = NomorRegistrasiField()
    telepon = forms.CharField(label=_("Telepon"), max_length=30, required=False)
    alamat = forms.CharField(label=_("Alamat"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    is_master = forms.BooleanField(label=_("Master Asesor"), required=False)


class AsesorUpdateForm(CrispyForm):
    nomor_registrasi = NomorRegistrasiField()
    telepon = forms.CharField(label=_("Telepon"), max_length=30, required=False)
    alamat = forms.CharField(label=_("Alamat"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    is_master = forms.BooleanField(label=_("Master Asesor"), required=False)


class SertifikatForm(CrispyForm):
    jenis = forms.ChoiceField(
        label=_("Jenis"),
        choices=[(c.value, c.label) for c in (domain.JenisSertifikat.AWAL, domain.JenisSertifikat.ULANG)],
    )
    nomor = forms.CharField(label=_("Nomor sertifikat"), max_length=100)
    issued_on = date_field(_("Tanggal terbit"))
    dokumen = dokumen_field(_("Pindaian sertifikat (PDF/JPG/PNG)"))


class RekognisiForm(CrispyForm):
    nomor = forms.CharField(label=_("Nomor sertifikat baru"), max_length=100)
    dokumen = dokumen_field(_("Pindaian sertifikat (PDF/JPG/PNG)"))


class KompetensiForm(CrispyForm):
    skema = forms.ModelChoiceField(
        label=_("Skema"), queryset=Skema.objects.all(), required=False,
        empty_label=_("— tidak satu skema: isi bidang —"),
    )
    bidang = forms.CharField(
        label=_("…atau bidang"), max_length=100, required=False,
        help_text=_("Untuk semua skema dengan bidang ini, mis. TIK."),
    )
    nomor_sertifikat = forms.CharField(label=_("Nomor sertifikat teknis"), max_length=100)
    penerbit = forms.CharField(label=_("Penerbit"), max_length=200)
    issued_on = date_field(_("Tanggal terbit"))
    valid_until = date_field(_("Berlaku sampai"), required=False, help_text=_("Kosongkan bila tidak ada batas."))
    dokumen = dokumen_field()


class RiwayatEksternalForm(CrispyForm):
    tanggal = date_field(_("Tanggal asesmen"))
    nama_lsp = forms.CharField(label=_("Nama LSP"), max_length=200)
    skema = forms.ModelChoiceField(
        label=_("Skema (bila ada di LSP ini)"), queryset=Skema.objects.all(), required=False,
        empty_label=_("— skema LSP lain: tulis namanya —"),
    )
    skema_nama = forms.CharField(label=_("…atau nama skema"), max_length=200, required=False)
    jumlah_asesi = forms.IntegerField(label=_("Jumlah asesi"), min_value=1, max_value=1000)
    dokumen = dokumen_field(_("Dokumen bukti (surat tugas / berita acara)"), required=True)
    catatan = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class RiwayatVerifyForm(CrispyForm):
    keputusan = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[("terima", _("Terima: bukti sah, asesmen dihitung")), ("tolak", _("Tolak: bukti tidak memadai"))],
        widget=forms.RadioSelect,
    )
    catatan = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class KonflikForm(CrispyForm):
    pihak = PenggunaField(label=_("Asesi / pihak"))
    alasan = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class KelayakanForm(CrispyForm):
    """Ask the scheduling guard: may this asesor assess this skema on this date (for this asesi)?"""

    skema = forms.ModelChoiceField(
        label=_("Skema"), queryset=Skema.objects.filter(aktif=True), empty_label=_("— pilih skema —")
    )
    tanggal = date_field(_("Tanggal asesmen"))
    asesi = PenggunaField(label=_("Asesi (opsional)"), required=False)


class DiklatForm(CrispyForm):
    nama = forms.CharField(label=_("Nama diklat"), max_length=200)
    skema = forms.ModelChoiceField(
        label=_("Skema uji kompetensi"), queryset=Skema.objects.all(), empty_label=_("— pilih skema —")
    )
    tanggal_mulai = date_field(_("Tanggal mulai"))
    tanggal_selesai = date_field(_("Tanggal selesai"))
    tuk = forms.ModelChoiceField(
        label=_("TUK"), queryset=TUK.objects.filter(aktif=True), required=False,
        empty_label=_("— bukan TUK terdaftar: isi tempat —"),
    )
    tempat = forms.CharField(label=_("…atau tempat"), max_length=200, required=False)
    master_asesor = forms.ModelChoiceField(
        label=_("Master Asesor"), queryset=master_asesor_queryset(), empty_label=_("— pilih Master Asesor —")
    )
    keterangan = forms.CharField(label=_("Keterangan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("skema"):
            self.initial["skema"] = Skema.objects.filter(kode=domain.SKEMA_ASESOR_KOMPETENSI_KODE).first()

    def clean(self):
        # The rule lives in asesor.domain and the service enforces it; asked here too so that the page shows
        # it together with the errors of the fields themselves (e.g. a Master Asesor the list refuses).
        data = super().clean()
        mulai, selesai = data.get("tanggal_mulai"), data.get("tanggal_selesai")
        if mulai and selesai:
            issues = domain.diklat_jadwal_issues(
                tanggal_mulai=mulai, tanggal_selesai=selesai, tempat=data.get("tempat"),
                has_tuk=data.get("tuk") is not None or "tuk" in self.errors,  # a refused TUK has its own error
            )
            for issue in issues:
                self.add_error(issue.field, forms.ValidationError(issue.message, code=issue.code))
        return data


class PesertaAddForm(CrispyForm):
    user = PenggunaField(label=pgettext_lazy("satu orang", "Peserta"))


class PesertaHasilForm(CrispyForm):
    hasil = forms.ChoiceField(
        label=_("Hasil"),
        choices=[
            (c.value, c.label) for c in (domain.HasilPeserta.BELUM_KOMPETEN, domain.HasilPeserta.MENGUNDURKAN_DIRI)
        ],
    )
    catatan = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PesertaKompetenForm(CrispyForm):
    nomor_registrasi = NomorRegistrasiField(
        required=False, help_text=_("Wajib untuk asesor baru; untuk asesor lama kosongkan atau isi nomornya sendiri.")
    )
    nomor_sertifikat = forms.CharField(label=_("Nomor sertifikat asesor"), max_length=100)
    issued_on = date_field(_("Tanggal terbit sertifikat"))
    dokumen = dokumen_field(_("Pindaian sertifikat (PDF/JPG/PNG)"))
    catatan = forms.CharField(label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); the service checks each one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class PengajuanRekognisiForm(CrispyForm):
    bukti = MultipleFileField(
        label=_("Dokumen bukti (PDF/JPG/PNG)"), required=False,
        help_text=_("Surat tugas, berita acara atau rekap asesmen; pilih 1–5 berkas sekaligus."),
    )
    catatan = forms.CharField(
        label=_("Catatan untuk admin LSP"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class PengajuanDecideForm(CrispyForm):
    keputusan = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[
            ("setujui", _("Setujui: bukti sah, catat sertifikat rekognisi")),
            ("tolak", _("Tolak: bukti tidak memadai")),
        ],
        widget=forms.RadioSelect,
    )
    nomor = forms.CharField(
        label=_("Nomor sertifikat baru"), max_length=100, required=False, help_text=_("Wajib bila disetujui.")
    )
    dokumen = dokumen_field(_("Pindaian sertifikat baru (PDF/JPG/PNG)"))
    catatan = forms.CharField(
        label=_("Catatan"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text=_("Wajib bila ditolak: alasan yang dibaca asesor."),
    )
