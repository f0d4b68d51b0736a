"""The services are the validators: the rules the forms used to check themselves (taken username,
email and NIK, password strength, "lainnya" needs a description, the verification decision) are
refused by the service alone with a coded error, and the pages still show the message at the field."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from asesi import services
from asesi.domain import HasilVerifikasi, Status, Tujuan
from asesi.forms import DokumenUploadForm, PermohonanCreateForm, PermohonanUpdateForm, RegistrasiForm, VerifikasiForm
from asesi.models import AsesiProfile, Permohonan
from lsp.models import AuditLog, User
from tests.factories import UserFactory, skema_with_units

from .factories import EXE, AsesiProfileFactory, admin_user, pdf, permohonan_draft
from .test_views_public import URL as DAFTAR_URL
from .test_views_public import form_data

pytestmark = pytest.mark.django_db


def field_codes(exc) -> dict:
    return {field: {e.code for e in errors} for field, errors in exc.value.error_dict.items()}


# --- registration -----------------------------------------------------------------------------------------


def test_registration_form_only_shapes_input_taken_values_are_the_services():
    AsesiProfileFactory(nik="3578014508950002", user__username="Rina", user__email="RINA@example.test")
    form = RegistrasiForm(form_data(nik="3578 0145 0895 0002", email=" Rina@Example.test "))
    assert form.is_valid(), form.errors  # no database lookups in the form
    assert form.cleaned_data["nik"] == "3578014508950002" and form.cleaned_data["email"] == "rina@example.test"
    with pytest.raises(ValidationError) as exc:
        services.asesi_register(
            username="rina", email=form.cleaned_data["email"], nama_lengkap="Rina", password="Kuat-Sekali-2025",
            profile=form.profile_data(),
        )
    assert field_codes(exc) == {
        "nik": {"nik_duplicate"}, "email": {"email_duplicate"}, "username": {"username_duplicate"},
    }


def test_registration_page_shows_every_refusal_of_the_service_at_its_field(client):
    AsesiProfileFactory(nik="3578014508950002", user__username="Rina", user__email="RINA@example.test")
    response = client.post(DAFTAR_URL, form_data(password1="12345678", password2="12345678"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["nik"] == ["NIK ini sudah terdaftar."]
    assert errors["email"] == ["Email ini sudah terdaftar."]
    assert errors["username"] == ["Nama pengguna ini sudah dipakai."]
    assert errors["password1"] and "__all__" not in errors  # the service's "password" lands on password1
    assert not User.objects.filter(username="rina").exists()


def test_service_refuses_a_weak_password_by_itself():
    form = RegistrasiForm(form_data(password1="12345678", password2="12345678"))
    assert form.is_valid()
    with pytest.raises(ValidationError) as exc:
        services.asesi_register(
            username="rina", email="rina@example.test", nama_lengkap="Rina", password="12345678",
            profile=form.profile_data(),
        )
    assert set(field_codes(exc)) == {"password"}
    assert {"password_too_common", "password_entirely_numeric"} & field_codes(exc)["password"]


def test_nik_format_is_refused_by_the_service_and_shown_at_the_field(client):
    assert RegistrasiForm(form_data(nik="1234")).is_valid()
    response = client.post(DAFTAR_URL, form_data(nik="1234"))
    assert response.context["form"].errors["nik"] == ["NIK harus tepat 16 digit angka."]
    assert not AsesiProfile.objects.exists()


def test_profile_page_email_taken_by_someone_else_is_shown_at_the_field(client):
    profil = AsesiProfileFactory()
    UserFactory(email="dipakai@example.test")
    client.force_login(profil.user)
    form = client.get(reverse("asesi:profil")).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["email"] = "DIPAKAI@example.test"
    response = client.post(reverse("asesi:profil"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == ["Email ini sudah terdaftar."]
    profil.user.refresh_from_db()
    assert profil.user.email != "dipakai@example.test"


def test_admin_profile_page_shows_another_persons_nik_at_the_field(client):
    other = AsesiProfileFactory()
    profil = AsesiProfileFactory()
    client.force_login(admin_user())
    url = reverse("asesi:asesi-update", args=[profil.pk])
    data = {k: v for k, v in client.get(url).context["form"].initial.items() if v is not None}
    data["nik"] = other.nik
    response = client.post(url, data)
    assert response.context["form"].errors["nik"] == ["NIK ini sudah terdaftar."]
    profil.refresh_from_db()
    assert profil.nik != other.nik


# --- tujuan "lainnya" -----------------------------------------------------------------------------------


def test_tujuan_lainnya_without_text_is_the_services_coded_refusal():
    assert PermohonanCreateForm({"skema": skema_with_units().pk, "tujuan": "lainnya"}).is_valid()
    profil = AsesiProfileFactory()
    with pytest.raises(ValidationError) as exc:
        services.permohonan_create(
            asesi=profil, skema=skema_with_units(), tujuan=Tujuan.LAINNYA, tujuan_lainnya="   ", by=profil.user
        )
    assert field_codes(exc) == {"tujuan_lainnya": {"tujuan_lainnya_required"}}
    p = permohonan_draft()
    with pytest.raises(ValidationError) as exc:
        services.permohonan_update(permohonan=p, tujuan=Tujuan.LAINNYA, by=p.asesi.user)
    assert field_codes(exc) == {"tujuan_lainnya": {"tujuan_lainnya_required"}}


def test_tujuan_lainnya_pages_show_the_refusal_at_the_field(client):
    profil = AsesiProfileFactory()
    skema = skema_with_units()
    client.force_login(profil.user)
    response = client.post(reverse("asesi:permohonan-create"), {"skema": skema.pk, "tujuan": "lainnya"})
    assert response.status_code == 200
    assert response.context["form"].errors["tujuan_lainnya"] == ["Jelaskan tujuan asesmen lainnya."]
    assert not Permohonan.objects.filter(asesi=profil).exists()

    p = permohonan_draft()
    client.force_login(p.asesi.user)
    unit = p.skema.units.first()
    assert PermohonanUpdateForm({"tujuan": "lainnya", "units": [unit.pk]}, permohonan=p).is_valid()
    url = reverse("asesi:permohonan-update", args=[p.pk])
    response = client.post(url, {"tujuan": "lainnya", "tujuan_lainnya": " ", "units": [unit.pk]})
    assert response.context["form"].errors["tujuan_lainnya"] == ["Jelaskan tujuan asesmen lainnya."]
    p.refresh_from_db()
    assert p.tujuan == Tujuan.SERTIFIKASI


# --- verification --------------------------------------------------------------------------------------


def submitted():
    p = permohonan_draft()
    services.permohonan_submit(permohonan=p, by=p.asesi.user)
    return p


def decision(p, keputusan, catatan="", hasil=HasilVerifikasi.ADA_MEMENUHI):
    data = {"keputusan": keputusan, "catatan": catatan}
    for item in p.persyaratan.all():
        data[f"hasil_{item.pk}"] = hasil
    return data


@pytest.mark.parametrize("keputusan", [Status.DIKEMBALIKAN, Status.DITOLAK])
def test_return_or_refusal_without_a_note_is_refused_by_the_service_and_saves_nothing(keputusan):
    p = submitted()
    item = p.persyaratan.first()
    assert VerifikasiForm(decision(p, keputusan), persyaratan=p.persyaratan.all()).is_valid()
    with pytest.raises(ValidationError) as exc:
        services.permohonan_verify(
            permohonan=p, hasil={item.pk: (HasilVerifikasi.TIDAK_ADA, "")}, keputusan=keputusan, catatan="  ",
            by=admin_user(),
        )
    assert exc.value.code == "note_required"
    item.refresh_from_db()
    assert item.hasil == "" and Permohonan.objects.get(pk=p.pk).status == Status.DIAJUKAN
    assert not AuditLog.objects.filter(action="permohonan.verify").exists()


def test_verification_page_shows_the_services_refusals_at_their_fields(client):
    p = submitted()
    client.force_login(admin_user())
    url = reverse("asesi:verifikasi-detail", args=[p.pk])
    response = client.post(url, decision(p, Status.DIKEMBALIKAN, hasil=HasilVerifikasi.TIDAK_ADA))
    assert response.status_code == 400
    assert response.context["form"].errors["catatan"] == ["Tuliskan alasan/catatan untuk keputusan ini."]
    response = client.post(url, decision(p, Status.DITERIMA, hasil=HasilVerifikasi.TIDAK_ADA))
    assert response.status_code == 400
    assert "semua persyaratan wajib" in response.context["form"].errors["keputusan"][0]
    assert Permohonan.objects.get(pk=p.pk).status == Status.DIAJUKAN
    assert not p.persyaratan.exclude(hasil="").exists()


# --- documents -----------------------------------------------------------------------------------------


def test_upload_form_leaves_the_file_check_to_the_service_and_the_page_shows_its_message(client):
    p = permohonan_draft()
    item = p.persyaratan.first()
    form = DokumenUploadForm({"persyaratan": item.pk}, {"berkas": pdf("ijazah.pdf", EXE)}, permohonan=p)
    assert form.is_valid(), form.errors
    with pytest.raises(ValidationError) as exc:
        services.dokumen_upload(permohonan=p, berkas=pdf("ijazah.pdf", EXE), persyaratan=item, by=p.asesi.user)
    assert exc.value.code == "file_type"
    client.force_login(p.asesi.user)
    before = p.dokumen.count()
    response = client.post(
        reverse("asesi:dokumen-upload", args=[p.pk]), {"berkas": pdf("ijazah.pdf", EXE), "persyaratan": item.pk},
        follow=True,
    )
    assert response.status_code == 400
    assert response.context["upload_form"].has_error("berkas", "file_type")
    assert p.dokumen.count() == before
