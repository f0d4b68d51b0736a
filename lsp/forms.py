"""Forms of the ``lsp`` app: input shape and crispy layout only (rules live in services/domain).

Templates render them with ``{% crispy form %}`` inside their own ``<form>`` tag (``form_tag=False``)
so that each page chooses its buttons."""

import os

import filetype
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import domain
from .domain_libur import TAHUN_MAX, TAHUN_MIN
from .models import KUK, TUK, Elemen, HariLibur, LspProfile, PersyaratanDasar, Skema, UnitKompetensi
from .roles import Role

LOGO_TYPES = {"image/png": {".png"}, "image/jpeg": {".jpg", ".jpeg"}}
DEFAULT_LOGO_MAX_BYTES = 1024 * 1024


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Nama pengguna/email atau kata sandi salah."),
        "inactive": _("Akun ini tidak aktif."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Nama pengguna atau email")
        self.fields["password"].label = _("Kata sandi")
        self.helper = FormHelper()
        self.helper.form_tag = False


class CrispyMixin:
    """A FormHelper without the form tag; ``layout`` may be set by the subclass."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False


# --- skema and its tree ---------------------------------------------------------------------------
class SkemaForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Skema
        fields = ["kode", "nama", "jenis", "level_kkni", "bidang", "masa_berlaku_tahun", "deskripsi"]
        widgets = {"deskripsi": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        level = self.fields["level_kkni"]
        level.widget.attrs.update(min=1, max=9)
        level.help_text = _("Wajib untuk skema KKNI (1–9).")
        self.fields["masa_berlaku_tahun"].widget.attrs.update(min=1, max=10)
        self.helper.layout = Layout(
            Row(Column("kode", css_class="col-md-4"), Column("nama", css_class="col-md-8")),
            Row(
                Column("jenis", css_class="col-md-3"),
                Column("level_kkni", css_class="col-md-3"),
                Column("bidang", css_class="col-md-3"),
                Column("masa_berlaku_tahun", css_class="col-md-3"),
            ),
            "deskripsi",
        )

    def clean(self):
        # The rule lives in lsp.domain (the service enforces it); asked here too so that the skema-from-file
        # page shows it together with the form's other field errors and the file's row errors.
        cleaned = super().clean()
        issue = domain.skema_level_issue(cleaned.get("jenis"), cleaned.get("level_kkni"))
        if issue and "level_kkni" not in self.errors:
            self.add_error("level_kkni", ValidationError(issue, code="level_kkni_required"))
        return cleaned


class UnitForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = UnitKompetensi
        fields = ["kode", "judul"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kode"].help_text = _("Mis. J.620100.004.02 (huruf kapital/angka dipisah titik).")

    def clean_kode(self):
        return domain.normalise_kode_unit(self.cleaned_data["kode"])


class ElemenForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = Elemen
        fields = ["nama"]
        widgets = {"nama": forms.Textarea(attrs={"rows": 2})}


class KUKForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = KUK
        fields = ["deskripsi"]
        widgets = {"deskripsi": forms.Textarea(attrs={"rows": 3})}


class PersyaratanForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = PersyaratanDasar
        fields = ["deskripsi", "wajib"]
        widgets = {"deskripsi": forms.Textarea(attrs={"rows": 2})}


class SkemaImportForm(CrispyMixin, forms.Form):
    berkas = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_("Satu baris per KUK dengan kolom kode_unit, judul_unit, elemen, kuk."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        limit = settings.LSP_IMPORT_MAX_BYTES
        if berkas.size > limit:
            raise ValidationError(
                _("Ukuran berkas %(size)s melebihi batas %(limit)s.")
                % {"size": filesizeformat(berkas.size), "limit": filesizeformat(limit)},
                code="file_too_large",
            )
        return berkas


# --- TUK ------------------------------------------------------------------------------------------
class TUKForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = TUK
        fields = ["kode", "nama", "jenis", "alamat", "kota", "kontak_nama", "kontak_telepon", "kontak_email"]
        widgets = {"alamat": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [("", _("— pilih jenis TUK —")), *TUK.Jenis.choices]
        self.helper.layout = Layout(
            Row(Column("kode", css_class="col-md-3"), Column("nama", css_class="col-md-6"),
                Column("jenis", css_class="col-md-3")),
            Row(Column("alamat", css_class="col-md-8"), Column("kota", css_class="col-md-4")),
            Fieldset(
                _("Kontak"),
                Row(Column("kontak_nama"), Column("kontak_telepon"), Column("kontak_email")),
            ),
        )


# --- hari libur (R64) -----------------------------------------------------------------------------
class HariLiburForm(CrispyMixin, forms.ModelForm):
    class Meta:
        model = HariLibur
        fields = ["tanggal", "nama", "jenis"]
        widgets = {"tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nama"].help_text = _("Seperti tertulis di SKB, mis. \"Hari Raya Idul Fitri 1448 Hijriah\".")
        self.helper.layout = Layout(
            Row(Column("tanggal", css_class="col-md-3"), Column("nama", css_class="col-md-6"),
                Column("jenis", css_class="col-md-3")),
        )


class LiburImportForm(CrispyMixin, forms.Form):
    tahun = forms.IntegerField(
        label=_("Tahun"), min_value=TAHUN_MIN, max_value=TAHUN_MAX,
        help_text=_("Semua tanggal di berkas harus di tahun ini."),
    )
    berkas = forms.FileField(
        label=_("Berkas hari libur (.xlsx atau .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": _("Pilih berkas yang akan diimpor."), "empty": _("Berkas kosong.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Row(Column("tahun", css_class="col-md-3"), Column("berkas", css_class="col-md-9")))


# --- LSP profile ----------------------------------------------------------------------------------
def validate_logo(uploaded) -> None:
    """Only a real PNG/JPG within ``LSP_LOGO_MAX_BYTES`` (default 1 MB), extension matching content."""
    limit = getattr(settings, "LSP_LOGO_MAX_BYTES", DEFAULT_LOGO_MAX_BYTES)
    if uploaded.size is not None and uploaded.size > limit:
        raise ValidationError(
            _("Ukuran logo %(size)s melebihi batas %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    uploaded.seek(0)
    kind = filetype.guess(uploaded.read(2048))
    uploaded.seek(0)
    ext = os.path.splitext(uploaded.name or "")[1].lower()
    if kind is None or kind.mime not in LOGO_TYPES:
        raise ValidationError(_("Logo harus berupa gambar PNG atau JPG."), code="file_type")
    if ext not in LOGO_TYPES[kind.mime]:
        raise ValidationError(
            _("Ekstensi berkas (%(ext)s) tidak sesuai dengan isinya (%(mime)s).")
            % {"ext": ext or "-", "mime": kind.mime},
            code="file_extension_mismatch",
        )


class LspProfileForm(CrispyMixin, forms.ModelForm):
    logo = forms.ImageField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG atau JPG, maksimal 1 MB. Dipakai di sertifikat dan surat."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    hapus_logo = forms.BooleanField(label=_("Hapus logo yang sekarang"), required=False)
    website = forms.URLField(label=_("situs web"), required=False, assume_scheme="https")

    class Meta:
        model = LspProfile
        fields = [
            "nama", "nomor_lisensi", "kode_lsp", "alamat", "telepon", "email", "website",
            "penandatangan_nama", "penandatangan_jabatan",
        ]
        widgets = {"alamat": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kode_lsp"].help_text = _("Kosongkan untuk mengambil angka dari nomor lisensi.")
        self.helper.layout = Layout(
            Fieldset(
                _("Lembaga"),
                Row(Column("nama", css_class="col-md-6"), Column("nomor_lisensi", css_class="col-md-4"),
                    Column("kode_lsp", css_class="col-md-2")),
                "alamat",
                Row(Column("telepon"), Column("email"), Column("website")),
            ),
            Fieldset(
                _("Penanda tangan sertifikat"),
                Row(Column("penandatangan_nama"), Column("penandatangan_jabatan")),
            ),
            Fieldset(_("Logo"), "logo", "hapus_logo"),
        )

    def clean_nomor_lisensi(self):  # input shape: the licence number is written in capitals
        return self.cleaned_data["nomor_lisensi"].strip().upper()

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo:
            validate_logo(logo)
        return logo or None


# --- staff roles ----------------------------------------------------------------------------------
class UserRolesForm(CrispyMixin, forms.Form):
    """One checkbox per role given on this page; a role this admin may not change is shown, disabled.
    Who may change what is the service's rule (``lsp.domain.role_change_error``)."""

    def __init__(self, *args, held: set, changeable: set, **kwargs):
        super().__init__(*args, **kwargs)
        for role in Role:
            if role.value not in domain.ROLES_BY_SUPERUSER:
                continue
            self.fields[role.value] = forms.BooleanField(
                label=role.label, required=False, initial=role.value in held, disabled=role.value not in changeable
            )

    def changes(self) -> dict:
        """The roles whose box changed: {role: held}."""
        return {
            name: self.cleaned_data[name]
            for name, field in self.fields.items()
            if not field.disabled and name in self.changed_data
        }
