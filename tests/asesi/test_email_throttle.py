"""Emails a visitor can trigger are limited (lsp/throttle.py): registration, the email-confirmation resend
(and a new address on the profile, which sends one too) and the admin's activation resend. Each test sends
up to the limit, then one more, and checks what arrives in the outbox."""

import pytest
from django.core import mail
from django.urls import reverse

from asesi.models import AsesiProfile

from .factories import AsesiProfileFactory, admin_user
from .test_views_public import form_data

pytestmark = pytest.mark.django_db

TRY_LATER = "Terlalu banyak permintaan email. Coba lagi dalam"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.LSP_EMAIL_THROTTLE_PER_ACCOUNT = 3
    settings.LSP_EMAIL_THROTTLE_PER_ADDRESS = 10
    settings.LSP_EMAIL_THROTTLE_MINUTES = 60
    return settings


@pytest.fixture
def send_now(django_capture_on_commit_callbacks):
    """Run a request and the emails it enqueues after commit."""

    def run(call, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return call(*args, **kwargs)

    return run


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- registration --------------------------------------------------------------------------------------


def registration(n, **overrides):
    return form_data(**{"username": f"rina{n}", "email": f"rina{n}@example.test", "nik": f"357801450895{n:04d}",
                        **overrides})


def test_registration_per_address(client, limits, send_now):
    limits.LSP_EMAIL_THROTTLE_PER_ADDRESS = 2
    for n in range(2):
        response = send_now(client.post, "/asesi/daftar/", registration(n), REMOTE_ADDR="203.0.113.5")
        assert response.status_code == 302
        client.logout()
    assert len(mail.outbox) == 2
    refused = client.post("/asesi/daftar/", registration(2), REMOTE_ADDR="203.0.113.5")
    assert refused.status_code == 429 and TRY_LATER in refused.content.decode()
    assert not AsesiProfile.objects.filter(user__username="rina2").exists()  # nothing saved, nothing sent
    assert len(mail.outbox) == 2
    # what was typed stays in the form
    assert refused.context["form"]["email"].value() == "rina2@example.test"
    assert send_now(client.post, "/asesi/daftar/", registration(2), REMOTE_ADDR="198.51.100.1").status_code == 302


def test_registration_form_errors_count_nothing(client, limits, send_now):
    """Only a registration that sends an email counts: a taken address is refused by the form first."""
    limits.LSP_EMAIL_THROTTLE_PER_ADDRESS = 2
    assert send_now(client.post, "/asesi/daftar/", registration(0), REMOTE_ADDR="203.0.113.5").status_code == 302
    client.logout()
    for n in range(1, 5):
        taken = client.post("/asesi/daftar/", registration(n, email="rina0@example.test"), REMOTE_ADDR="203.0.113.5")
        assert taken.status_code == 200 and "email" in taken.context["form"].errors
    assert send_now(client.post, "/asesi/daftar/", registration(5), REMOTE_ADDR="203.0.113.5").status_code == 302
    assert len(mail.outbox) == 2


# --- email-confirmation resend and a new address on the profile ----------------------------------------


@pytest.fixture
def unconfirmed(client):
    profil = AsesiProfileFactory(email_dikonfirmasi_pada=None)
    client.force_login(profil.user)
    return profil


def test_confirmation_resend_up_to_the_limit(client, unconfirmed, send_now):
    for _ in range(3):
        response = send_now(client.post, reverse("asesi:email-resend"), follow=True)
        assert "Tautan konfirmasi baru dikirim" in " ".join(messages_of(response))
    assert len(mail.outbox) == 3
    response = send_now(client.post, reverse("asesi:email-resend"), follow=True)
    assert response.status_code == 200
    assert any(TRY_LATER in m for m in messages_of(response))
    assert len(mail.outbox) == 3


def profile_data(profil, **overrides):
    fields = ["nik", "tempat_lahir", "jenis_kelamin", "kebangsaan", "pendidikan_terakhir", "alamat", "kode_pos",
              "telepon", "institusi", "jabatan", "alamat_kantor"]
    data = {f: getattr(profil, f) for f in fields}
    data.update(nama_lengkap=profil.user.nama_lengkap or "Nama", email=profil.email,
                tanggal_lahir=profil.tanggal_lahir.isoformat())
    data.update(overrides)
    return data


def test_new_addresses_on_the_profile_count_with_the_resend(client, unconfirmed, send_now):
    """Setting one address after another on the profile sends a confirmation to each: the same limit."""
    url = reverse("asesi:profil")
    for n in range(2):
        response = send_now(client.post, url, profile_data(unconfirmed, email=f"baru{n}@example.test"))
        assert response.status_code == 302
    send_now(client.post, reverse("asesi:email-resend"))
    assert [m.to for m in mail.outbox] == [["baru0@example.test"], ["baru1@example.test"], ["baru1@example.test"]]

    refused = send_now(client.post, url, profile_data(unconfirmed, email="baru2@example.test"))
    assert refused.status_code == 200 and TRY_LATER in refused.content.decode()
    unconfirmed.user.refresh_from_db()
    assert unconfirmed.user.email == "baru1@example.test" and len(mail.outbox) == 3
    # saving the profile without changing the address sends nothing and is not limited
    same = send_now(client.post, url, profile_data(unconfirmed, email="baru1@example.test", alamat="Jl. Baru 1"))
    assert same.status_code == 302 and len(mail.outbox) == 3


# --- the admin's activation resend --------------------------------------------------------------------


def not_activated():
    profil = AsesiProfileFactory(email_dikonfirmasi_pada=None)
    profil.user.set_unusable_password()
    profil.user.save(update_fields=["password"])
    return profil


def test_activation_resend_per_asesi(client, send_now):
    client.force_login(admin_user())
    profil, other = not_activated(), not_activated()
    url = reverse("asesi:asesi-activation-resend", args=[profil.pk])
    for _ in range(3):
        response = send_now(client.post, url, follow=True)
        assert "Tautan aktivasi dikirim ulang" in " ".join(messages_of(response))
    response = send_now(client.post, url, follow=True)
    assert any(TRY_LATER in m for m in messages_of(response))
    assert [m.to for m in mail.outbox] == [[profil.email]] * 3
    # another asesi still gets theirs
    send_now(client.post, reverse("asesi:asesi-activation-resend", args=[other.pk]))
    assert mail.outbox[-1].to == [other.email]


def test_activation_resend_per_admin_address(client, limits, send_now):
    limits.LSP_EMAIL_THROTTLE_PER_ADDRESS = 2
    client.force_login(admin_user())
    profiles = [not_activated() for _ in range(3)]
    for profil in profiles[:2]:
        send_now(client.post, reverse("asesi:asesi-activation-resend", args=[profil.pk]))
    response = send_now(client.post, reverse("asesi:asesi-activation-resend", args=[profiles[2].pk]), follow=True)
    assert any(TRY_LATER in m for m in messages_of(response))
    assert len(mail.outbox) == 2
