"""What several asesi view modules share: saving the profile form, and the FR.APL.01 personal data as
label/value rows for the admin pages."""

from django.utils.translation import gettext_lazy as _

from .. import domain, services


def profile_save(form, *, user, by):
    """Save a valid ProfilForm through the service (the asesi's own page and the admin's edit page)."""
    return services.asesi_profile_save(
        user=user,
        nama_lengkap=form.cleaned_data["nama_lengkap"],
        email=form.cleaned_data["email"],
        profile=form.profile_data(),
        by=by,
    )


DATA_LABELS = [
    ("nama_lengkap", _("Nama lengkap")),
    ("nik", _("NIK")),
    ("tempat_lahir", _("Tempat lahir")),
    ("tanggal_lahir", _("Tanggal lahir")),
    ("jenis_kelamin", _("Jenis kelamin")),
    ("kebangsaan", _("Kebangsaan")),
    ("alamat", _("Alamat")),
    ("kode_pos", _("Kode pos")),
    ("telepon", _("Telepon")),
    ("email", _("Email")),
    ("pendidikan_terakhir", _("Pendidikan terakhir")),
    ("institusi", _("Institusi/perusahaan")),
    ("jabatan", _("Jabatan")),
    ("alamat_kantor", _("Alamat kantor")),
]


def data_pemohon_rows(data: dict) -> list[tuple[str, str]]:
    display = {
        "jenis_kelamin": dict(domain.JenisKelamin.choices),
        "pendidikan_terakhir": dict(domain.Pendidikan.choices),
    }
    rows = []
    for key, label in DATA_LABELS:
        value = data.get(key, "")
        if key in display:
            value = display[key].get(value, value)
        rows.append((label, value))
    return rows
