"""Registration, email confirmation and activation pages."""

import datetime
import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from asesi import services
from asesi.models import AsesiProfile
from lsp.models import User

from .factories import AsesiProfileFactory, admin_user

pytestmark = pytest.mark.django_db

URL = "/asesi/daftar/"


def form_data(**overrides):
    data = {
        "username": "rina",
        "password1": "Kuat-Sekali-2025",
        "password2": "Kuat-Sekali-2025",
        "nama_lengkap": "Rina Oktaviani",
        "nik": "3578014508950002",
        "tempat_lahir": "Surabaya",
        "tanggal_lahir": "1995-08-05",
        "jenis_kelamin": "P",
        "kebangsaan": "Indonesia",
        "pendidikan_terakhir": "s1",
        "alamat": "Jl. Kenjeran No. 12, Surabaya",
        "kode_pos": "60134",
        "telepon": "081234567890",
        "email": "rina@example.test",
        "institusi": "PT Contoh",
        "jabatan": "Programmer",
        "alamat_kantor": "",
    }
    data.update(overrides)
    return data


def test_url_name_is_the_one_the_landing_and_login_pages_use(client):
    assert reverse("asesi:daftar") == URL
    assert URL in client.get("/").content.decode()
    assert URL in client.get(reverse("login")).content.decode()


def test_register_confirm_and_the_whole_page_flow(client, django_capture_on_commit_callbacks):
    page = client.get(URL)
    assert page.status_code == 200 and "Daftar sebagai asesi" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data())
    assert response.status_code == 302 and response["Location"] == reverse("asesi:permohonan-list")
    profil = AsesiProfile.objects.get(nik="3578014508950002")
    assert profil.user.has_role("asesi") and not profil.email_dikonfirmasi
    # logged in; the status page warns about the unconfirmed email
    page = client.get(reverse("asesi:permohonan-list"))
    assert 'data-testid="email-unconfirmed"' in page.content.decode()
    link = re.search(r"http://\S+/asesi/konfirmasi-email/\S+/", mail.outbox[0].body).group(0)
    confirm = client.get(link.split("8000", 1)[1])
    assert confirm.status_code == 200 and 'data-testid="email-confirmed"' in confirm.content.decode()
    profil.refresh_from_db()
    assert profil.email_dikonfirmasi


def test_logged_in_user_is_sent_home(client, asesi_user):
    client.force_login(asesi_user)
    assert client.get(URL)["Location"] == reverse("home")


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("nik", "357801450895000", "16 digit"),  # 15 digits
        ("nik", "35780145089500021", "16 digit"),  # 17 digits
        ("nik", "3578O14508950002", "16 digit"),  # letter O
        ("tanggal_lahir", "2999-01-01", "masa depan"),
        ("tanggal_lahir", "2024-01-01", "minimal"),
        ("tanggal_lahir", "31-02-1990", "tanggal"),
        ("kode_pos", "6013", "5 digit"),
        ("telepon", "nomor saya", "telepon"),
        ("email", "bukan-email", "email"),
        ("password2", "Beda-Sekali-2025", "tidak sama"),
        ("password1", "12345678", "kata sandi"),
        ("jenis_kelamin", "X", "pilihan"),
        ("username", "nama dengan spasi", ""),
    ],
)
def test_bad_input_gives_indonesian_errors_and_saves_nothing(client, field, value, message):
    data = form_data(**{field: value})
    if field == "password1":
        data["password2"] = value
    response = client.post(URL, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message.lower() in " ".join(response.context["form"].errors[field]).lower()
    assert not User.objects.filter(username="rina").exists() and not AsesiProfile.objects.exists()


def test_duplicate_nik_email_and_username(client):
    AsesiProfileFactory(nik="3578014508950002", user__username="Rina", user__email="RINA@example.test")
    response = client.post(URL, form_data())
    errors = response.context["form"].errors
    assert "NIK ini sudah terdaftar." in errors["nik"]
    assert "Email ini sudah terdaftar." in errors["email"]
    assert "Nama pengguna ini sudah dipakai." in errors["username"]
    assert AsesiProfile.objects.count() == 1


def test_weird_input_never_answers_500(client):
    for data in ({}, {"nik": "x" * 5000, "tanggal_lahir": "\x00"}, {"username": ["a", "b"], "email": "@"}):
        assert client.post(URL, data).status_code == 200


def test_bad_confirmation_link_is_a_clear_400(client):
    response = client.get("/asesi/konfirmasi-email/rusak:token/")
    assert response.status_code == 400 and "tidak valid" in response.content.decode()


def test_resend_confirmation(client, django_capture_on_commit_callbacks):
    profil = AsesiProfileFactory(email_dikonfirmasi_pada=None)
    client.force_login(profil.user)
    assert client.get(reverse("asesi:email-resend")).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("asesi:email-resend"))
    assert len(mail.outbox) == 1 and profil.email in mail.outbox[0].to


def test_activation_page_sets_password_and_confirms_email(client):
    profil = services.asesi_register(
        username="titip", email="titip@example.test", nama_lengkap="Dititipkan",
        profile={
            "nik": "3201234567890001", "tempat_lahir": "X", "tanggal_lahir": datetime.date(1990, 1, 1),
            "jenis_kelamin": "L", "alamat": "Jl. X", "kode_pos": "40115", "telepon": "081234567890",
            "pendidikan_terakhir": "sma",
        },
        by=admin_user(),
    )
    uid = urlsafe_base64_encode(force_bytes(profil.user_id))
    token = default_token_generator.make_token(profil.user)
    response = client.get(reverse("asesi:aktivasi", args=[uid, token]))
    assert response.status_code == 302  # Django moves the token out of the URL
    form_url = response["Location"]
    assert client.get(form_url).context["validlink"]
    response = client.post(form_url, {"new_password1": "Sandi-Baru-2025", "new_password2": "Sandi-Baru-2025"})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    profil.refresh_from_db()
    assert profil.email_dikonfirmasi and profil.user.check_password("Sandi-Baru-2025")
    # the link is used up
    again = client.get(reverse("asesi:aktivasi", args=[uid, token]), follow=True)
    assert not again.context["validlink"]


def test_activation_link_for_a_non_asesi_is_invalid(client):
    user = admin_user()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(reverse("asesi:aktivasi", args=[uid, default_token_generator.make_token(user)]))
    assert response.status_code == 200 and not response.context["validlink"]
