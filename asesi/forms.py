"""Input shape and crispy layout of the asesi app's forms. Rules live in ``domain``; writes in ``services``.

The services are the validators: a form only types, requires, strips and normalises its input, and the
view puts the service's coded errors on the form's fields. A form asks a ``domain`` function itself only
where it must answer first (see ``ProfilForm.clean_tanggal_lahir`` and ``Apl02Form.clean``)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row
from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lsp.models import Skema, User

from . import domain
from .domain import PROFILE_FIELDS, HasilVerifikasi, Jawaban, Status, Tujuan
from .models import AsesiProfile

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


class ProfilForm(forms.ModelForm):
    """Personal and job data of FR.APL.01 (name and email are stored on the account).

    The NIK is a plain field here, not validated against the model: its format, its uniqueness and its
    lock after submission are ``services.asesi_profile_save``/``asesi_register``'s to check, so a taken
    NIK, email and username are reported together."""

    nama_lengkap = forms.CharField(label=_("Nama lengkap (sesuai KTP)"), max_length=150)
    # may come with spaces between digit groups (normalised in clean_nik); the service checks the rest
    nik = forms.CharField(
        label=_("NIK"),
        help_text=_("16 digit sesuai KTP"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": "20"}),
    )
    email = forms.EmailField(label=_("Email"), max_length=254)

    class Meta:
        model = AsesiProfile
        fields = [f for f in PROFILE_FIELDS if f != "nik"]
        widgets = {
            "tanggal_lahir": DATE_WIDGET,
            "alamat": forms.Textarea(attrs={"rows": 2}),
            "alamat_kantor": forms.Textarea(attrs={"rows": 2}),
            "kode_pos": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 5}),
            "telepon": forms.TextInput(attrs={"inputmode": "tel"}),
        }

    def __init__(self, *args, user=None, nik_locked=False, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("nik", self.instance.nik)
        if user is not None and "nama_lengkap" not in self.initial:
            self.initial.update({"nama_lengkap": user.nama_lengkap, "email": user.email})
        for name in ("jenis_kelamin", "pendidikan_terakhir"):
            self.fields[name].choices = [("", _("— pilih —")), *self.fields[name].choices[1:]]
        if nik_locked:
            self.fields["nik"].disabled = True
            self.fields["nik"].help_text = _("NIK tidak dapat diubah setelah permohonan diajukan.")
        self.helper = _helper(*self.layout_fields())

    def layout_fields(self):
        return [
            Fieldset(
                _("Data pribadi"),
                Row(Column("nama_lengkap", css_class="col-md-8"), Column("nik", css_class="col-md-4")),
                Row(
                    Column("tempat_lahir", css_class="col-md-4"),
                    Column("tanggal_lahir", css_class="col-md-4"),
                    Column("jenis_kelamin", css_class="col-md-4"),
                ),
                Row(Column("kebangsaan", css_class="col-md-4"), Column("pendidikan_terakhir", css_class="col-md-4")),
                "alamat",
                Row(
                    Column("kode_pos", css_class="col-md-3"),
                    Column("telepon", css_class="col-md-4"),
                    Column("email", css_class="col-md-5"),
                ),
            ),
            Fieldset(
                _("Data pekerjaan (kosongkan bila belum bekerja)"),
                Row(Column("institusi", css_class="col-md-7"), Column("jabatan", css_class="col-md-5")),
                "alamat_kantor",
            ),
        ]

    def clean_nik(self):
        return domain.nik_normalize(self.cleaned_data.get("nik"))

    def clean_tanggal_lahir(self):
        # The service checks this too; asked here because the model's check constraint (born 1900 or
        # later) would otherwise answer first with a generic message. One rule: domain.tanggal_lahir_error.
        born = self.cleaned_data.get("tanggal_lahir")
        if born is not None:
            domain.validate_tanggal_lahir(born, today=timezone.localdate())
        return born

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def profile_data(self) -> dict:
        return {f: self.cleaned_data.get(f) for f in PROFILE_FIELDS}


class RegistrasiForm(ProfilForm):
    """Public "Daftar sebagai asesi": account + profile."""

    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        validators=[User.username_validator],
        help_text=_("Huruf, angka dan @/./+/-/_ saja; dipakai untuk masuk."),
    )
    password1 = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def layout_fields(self):
        return [
            Fieldset(
                _("Akun"),
                Row(Column("username", css_class="col-md-4"), Column("password1", css_class="col-md-4"),
                    Column("password2", css_class="col-md-4")),
            ),
            *super().layout_fields(),
        ]

    def clean(self):
        # typed twice alike is input shape; the password's strength is the service's (asesi_register)
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", ValidationError(_("Kedua kata sandi tidak sama."), code="password_mismatch"))
        return cleaned


class AsesiAdminForm(ProfilForm):
    """Admin LSP registers an asesi on someone's behalf: the person sets a password from an emailed link."""

    username = forms.CharField(label=_("Nama pengguna"), max_length=150, validators=[User.username_validator])

    def layout_fields(self):
        return [Fieldset(_("Akun"), Row(Column("username", css_class="col-md-4"))), *super().layout_fields()]


class PermohonanCreateForm(forms.Form):
    """A new draft; "lainnya" as tujuan needs a description (the service says so on that field)."""

    skema = forms.ModelChoiceField(
        label=_("Skema sertifikasi"),
        queryset=Skema.objects.none(),
        empty_label=_("— pilih skema —"),
        error_messages={"invalid_choice": _("Pilih skema yang aktif.")},
    )
    tujuan = forms.ChoiceField(label=_("Tujuan asesmen"), choices=Tujuan.choices, widget=forms.RadioSelect,
                               initial=Tujuan.SERTIFIKASI)
    tujuan_lainnya = forms.CharField(label=_("Tujuan lainnya"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skema"].queryset = Skema.objects.filter(aktif=True).order_by("kode")
        self.helper = _helper()



class PermohonanUpdateForm(forms.Form):
    tujuan = forms.ChoiceField(label=_("Tujuan asesmen"), choices=Tujuan.choices, widget=forms.RadioSelect)
    tujuan_lainnya = forms.CharField(label=_("Tujuan lainnya"), max_length=200, required=False)
    units = forms.MultipleChoiceField(
        label=_("Unit kompetensi yang dimohon"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": domain.MESSAGES["unit_missing"]},
    )

    def __init__(self, *args, permohonan, **kwargs):
        super().__init__(*args, **kwargs)
        units = list(permohonan.skema.units.order_by("urutan", "kode"))
        self.fields["units"].choices = [(str(u.pk), f"{u.kode} — {u.judul}") for u in units]
        chosen = set(permohonan.units.values_list("kode", flat=True))
        self.initial.setdefault("units", [str(u.pk) for u in units if u.kode in chosen])
        self.initial.setdefault("tujuan", permohonan.tujuan)
        self.initial.setdefault("tujuan_lainnya", permohonan.tujuan_lainnya)
        self.helper = _helper()



class DokumenUploadForm(forms.Form):
    # what the bytes are, and the size, is checked once, by services.dokumen_upload
    berkas = forms.FileField(
        label=_("Berkas (PDF, JPG atau PNG)"),
        error_messages={"required": _("Pilih berkas yang akan diunggah."), "empty": _("Berkas kosong.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
    )
    persyaratan = forms.TypedChoiceField(label=_("Untuk persyaratan"), required=False, coerce=int, empty_value=None)
    keterangan = forms.CharField(label=_("Keterangan"), max_length=255, required=False)

    def __init__(self, *args, permohonan, dikembalikan_pada=None, untuk=None, **kwargs):
        """``untuk``: one requirement of the application: the small form beside it in the checklist
        (the requirement fixed and hidden, its own ids). Otherwise the page's upload form, which starts
        on the requirement to do next (``domain.persyaratan_berikutnya``)."""
        if untuk is not None:
            kwargs.setdefault("auto_id", f"id_p{untuk.pk}_%s")
        super().__init__(*args, **kwargs)
        items = list(permohonan.persyaratan.all())
        choices = [(str(p.pk), f"{p.urutan}. {p.deskripsi}") for p in items]
        choices.append(("", _("Bukti portofolio (bukan persyaratan dasar)")))
        self.fields["persyaratan"].choices = choices
        self.fields["persyaratan"].error_messages["invalid_choice"] = _("Persyaratan tidak termasuk permohonan ini.")
        self.helper = _helper()
        if untuk is not None:
            self.initial["persyaratan"] = str(untuk.pk)
            self.fields["persyaratan"].widget = forms.HiddenInput()
            del self.fields["keterangan"]
            label = _("Berkas untuk “%(deskripsi)s”") % {"deskripsi": untuk.deskripsi}
            self.fields["berkas"].label = label
            self.fields["berkas"].widget.attrs.update({"aria-label": label, "class": "form-control-sm"})
            self.helper.form_show_labels = False
            return
        pk = domain.persyaratan_berikutnya(
            [
                domain.PersyaratanState(
                    pk=p.pk,
                    wajib=p.wajib,
                    hasil=p.hasil,
                    unggah_terakhir=max((d.created_at for d in p.dokumen.all()), default=None),
                )
                for p in items
            ],
            dikembalikan_pada=dikembalikan_pada,
        )
        if pk is not None:
            self.initial.setdefault("persyaratan", str(pk))


class Apl02Form(forms.Form):
    """FR.APL.02: one K/BK answer, evidence documents and a note per element."""

    def __init__(self, *args, rows, dokumen, disabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        doc_choices = [(str(d.pk), d.nama_asli) for d in dokumen]
        for row in self.rows:
            self.fields[f"jawaban_{row.pk}"] = forms.ChoiceField(
                label=_("Jawaban"),
                choices=Jawaban.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=row.jawaban,
                disabled=disabled,
                error_messages={"invalid_choice": domain.MESSAGES["jawaban_invalid"]},
            )
            self.fields[f"bukti_{row.pk}"] = forms.MultipleChoiceField(
                label=_("Bukti dokumen"),
                choices=doc_choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=[str(d.pk) for d in row.bukti.all()],
                disabled=disabled,
                error_messages={"invalid_choice": domain.MESSAGES["bukti_invalid"]},
            )
            self.fields[f"catatan_{row.pk}"] = forms.CharField(
                label=_("Keterangan bukti"),
                required=False,
                max_length=1000,
                initial=row.bukti_catatan,
                disabled=disabled,
                widget=forms.Textarea(attrs={"rows": 1}),
            )
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        for row in self.rows:
            jawaban = cleaned.get(f"jawaban_{row.pk}") or ""
            ada_bukti = bool(cleaned.get(f"bukti_{row.pk}")) or bool((cleaned.get(f"catatan_{row.pk}") or "").strip())
            if code := domain.jawaban_error(jawaban, ada_bukti=ada_bukti):
                self.add_error(f"jawaban_{row.pk}", domain.error(code))
        return cleaned

    def grouped(self):
        """[(permohonan_unit, [(row, jawaban field, bukti field, catatan field), ...]), ...] for the template."""
        groups = []
        for row in self.rows:
            if not groups or groups[-1][0].pk != row.permohonan_unit_id:
                groups.append((row.permohonan_unit, []))
            groups[-1][1].append(
                (row, self[f"jawaban_{row.pk}"], self[f"bukti_{row.pk}"], self[f"catatan_{row.pk}"])
            )
        return groups

    def answers(self) -> dict:
        return {
            row.pk: {
                "jawaban": self.cleaned_data.get(f"jawaban_{row.pk}") or "",
                "bukti": [int(i) for i in self.cleaned_data.get(f"bukti_{row.pk}") or []],
                "bukti_catatan": self.cleaned_data.get(f"catatan_{row.pk}") or "",
            }
            for row in self.rows
        }


KEPUTUSAN_CHOICES = [
    (Status.DITERIMA, _("Diterima — lanjut ke penjadwalan")),
    (Status.DIKEMBALIKAN, _("Dikembalikan ke asesi untuk diperbaiki")),
    (Status.DITOLAK, _("Ditolak")),
]


class VerifikasiForm(forms.Form):
    """Admin LSP's check of each persyaratan dasar and the decision on the application."""

    keputusan = forms.ChoiceField(label=_("Keputusan"), choices=KEPUTUSAN_CHOICES, widget=forms.RadioSelect)
    catatan = forms.CharField(
        label=_("Catatan untuk asesi"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila dikembalikan atau ditolak: jelaskan apa yang harus diperbaiki/alasannya."),
    )

    def __init__(self, *args, persyaratan, **kwargs):
        super().__init__(*args, **kwargs)
        self.persyaratan = list(persyaratan)
        for item in self.persyaratan:
            self.fields[f"hasil_{item.pk}"] = forms.ChoiceField(
                label=_("Hasil"),
                choices=HasilVerifikasi.choices,
                widget=forms.RadioSelect,
                initial=item.hasil or None,
                error_messages={"required": domain.MESSAGES["verifikasi_incomplete"]},
            )
            self.fields[f"catatan_{item.pk}"] = forms.CharField(
                label=_("Catatan"), required=False, max_length=1000, initial=item.catatan
            )
        self.helper = _helper()

    # The decision's rules are ``services.permohonan_verify``'s (the transition's guards); a refusal with
    # one of these codes is shown at its field, any other above the form.
    ERROR_FIELDS = {
        "note_required": "catatan",
        "verifikasi_incomplete": "keputusan",
        "persyaratan_not_met": "keputusan",
    }

    def add_service_error(self, exc: ValidationError) -> None:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
            return
        for error in exc.error_list:
            self.add_error(self.ERROR_FIELDS.get(error.code), error)

    def rows(self):
        return [(item, self[f"hasil_{item.pk}"], self[f"catatan_{item.pk}"]) for item in self.persyaratan]

    def hasil(self) -> dict:
        return {
            item.pk: (
                self.cleaned_data.get(f"hasil_{item.pk}") or "",
                self.cleaned_data.get(f"catatan_{item.pk}") or "",
            )
            for item in self.persyaratan
        }


class AsesiImportForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas daftar asesi (.xlsx atau .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": _("Pilih berkas yang akan diimpor."), "empty": _("Berkas kosong.")},
    )
    skema = forms.ModelChoiceField(
        label=_("Buatkan draf permohonan untuk skema (opsional)"),
        queryset=Skema.objects.none(),
        required=False,
        empty_label=_("— tanpa permohonan —"),
    )
    tujuan = forms.ChoiceField(label=_("Tujuan asesmen"), choices=Tujuan.choices, initial=Tujuan.SERTIFIKASI)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skema"].queryset = Skema.objects.filter(aktif=True).order_by("kode")
        self.helper = _helper(
            "berkas",
            Row(Column("skema", css_class="col-md-8"), Column("tujuan", css_class="col-md-4")),
            HTML(""),
        )

    def clean_tujuan(self):
        tujuan = self.cleaned_data["tujuan"]
        if tujuan == Tujuan.LAINNYA:
            raise ValidationError(_("Untuk impor pilih tujuan selain “Lainnya”."), code="invalid_choice")
        return tujuan


class AsesiCariForm(forms.Form):
    q = forms.CharField(label=_("Cari nama, nama pengguna, email atau NIK lengkap"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
