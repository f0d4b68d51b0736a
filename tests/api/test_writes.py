"""The API's writes go through the same services as the forms: same validation (400 with field messages),
same audit rows, the same refusals; never a 500. Session writes need the CSRF token."""

import json

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from rest_framework.authtoken.models import Token

from asesi.domain import Status
from asesi.models import AsesiProfile, Permohonan
from lsp.models import AuditLog
from tests.asesi.factories import AsesiProfileFactory, admin_user, permohonan_draft
from tests.factories import UserFactory, skema_with_units

pytestmark = pytest.mark.django_db

NEW_ASESI = {
    "username": "dewi.api", "email": "dewi.api@example.test", "nama_lengkap": "Dewi Lestari",
    "nik": "3201123456780001", "tempat_lahir": "Bogor", "tanggal_lahir": "1994-03-02", "jenis_kelamin": "P",
    "alamat": "Jl. Pajajaran 5, Bogor", "kode_pos": "16143", "telepon": "081298765432",
    "pendidikan_terakhir": "s1",
}


def token_client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_admin_registers_an_asesi_through_the_service(django_capture_on_commit_callbacks):
    admin = admin_user()
    with django_capture_on_commit_callbacks(execute=True):
        r = post(token_client(admin), "/api/v1/asesi/", NEW_ASESI)
    assert r.status_code == 201, r.content
    profil = AsesiProfile.objects.get(nik=NEW_ASESI["nik"])
    assert r.json()["id"] == profil.pk and r.json()["nik"] == NEW_ASESI["nik"]
    assert profil.user.has_role("asesi") and not profil.user.has_usable_password()  # activation link instead
    assert profil.dibuat_oleh == admin
    assert AuditLog.objects.filter(action="asesi.register", actor=admin, object_id=str(profil.pk)).exists()
    assert len(mail.outbox) == 1 and NEW_ASESI["email"] in mail.outbox[0].to


def test_register_errors_are_400_with_field_messages():
    client = token_client(admin_user())
    AsesiProfileFactory(nik="3201123456780001")
    r = post(client, "/api/v1/asesi/", {**NEW_ASESI, "kode_pos": "12", "tanggal_lahir": "2030-01-01"})
    assert r.status_code == 400
    assert {"nik", "kode_pos", "tanggal_lahir"} <= set(r.json())  # every field error at once, as the form
    r = post(client, "/api/v1/asesi/", {"username": "x"})
    assert r.status_code == 400 and "nik" in r.json()
    r = client.post("/api/v1/asesi/", "{bukan json", content_type="application/json")
    assert r.status_code == 400
    r = client.post("/api/v1/asesi/", "a=b", content_type="application/x-www-form-urlencoded")
    assert r.status_code == 415
    assert AsesiProfile.objects.count() == 1


@pytest.mark.parametrize("roles", [("asesi",), ("asesor",), ("komite",), ("validator",)])
def test_only_admin_lsp_registers_asesi(roles):
    r = post(token_client(UserFactory(roles=roles)), "/api/v1/asesi/", NEW_ASESI)
    assert r.status_code == 403
    assert post(Client(), "/api/v1/asesi/", NEW_ASESI).status_code == 401
    assert not AsesiProfile.objects.filter(nik=NEW_ASESI["nik"]).exists()


def test_asesi_starts_a_draft_and_submits_it():
    profil = AsesiProfileFactory()
    skema = skema_with_units()
    client = token_client(profil.user)
    other = AsesiProfileFactory()
    r = post(client, "/api/v1/permohonan/", {"skema": skema.pk, "tujuan": "sertifikasi", "asesi": other.pk})
    assert r.status_code == 201, r.content
    body = r.json()
    p = Permohonan.objects.get(pk=body["id"])
    assert p.asesi == profil  # "asesi" is for admin LSP only: an asesi always applies for themselves
    assert body["status"] == Status.DRAFT and len(body["units"]) == skema.units.count()
    assert AuditLog.objects.filter(action="permohonan.create", actor=profil.user, object_id=str(p.pk)).exists()

    r = post(client, "/api/v1/permohonan/", {"skema": skema.pk, "tujuan": "sertifikasi"})
    assert r.status_code == 400 and r.json()["detail"]  # the service's "already open" refusal

    # the same checks as the web button: here the required documents are missing
    r = client.post(f"/api/v1/permohonan/{p.pk}/ajukan/")
    assert r.status_code == 400 and r.json()["detail"]
    p.refresh_from_db()
    assert p.status == Status.DRAFT


def test_submit_moves_the_application_with_its_audit_row():
    p = permohonan_draft()
    client = token_client(p.asesi.user)
    r = client.post(f"/api/v1/permohonan/{p.pk}/ajukan/")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == Status.DIAJUKAN
    assert AuditLog.objects.filter(action="permohonan.status", object_id=str(p.pk), to_state=Status.DIAJUKAN).exists()
    assert client.post(f"/api/v1/permohonan/{p.pk}/ajukan/").status_code == 400  # not twice


def test_submit_refused_while_the_email_is_unconfirmed():
    p = permohonan_draft(profil=AsesiProfileFactory(email_dikonfirmasi_pada=None))
    r = token_client(p.asesi.user).post(f"/api/v1/permohonan/{p.pk}/ajukan/")
    assert r.status_code == 400 and r.json()["detail"]


def test_someone_elses_application_is_404():
    p = permohonan_draft()
    assert token_client(AsesiProfileFactory().user).post(f"/api/v1/permohonan/{p.pk}/ajukan/").status_code == 404
    # admin LSP does not see drafts (they stay the asesi's own until submitted)
    assert token_client(admin_user()).post(f"/api/v1/permohonan/{p.pk}/ajukan/").status_code == 404
    assert token_client(UserFactory(roles=("asesor",))).post(f"/api/v1/permohonan/{p.pk}/ajukan/").status_code == 403


def test_create_input_errors_are_400():
    profil = AsesiProfileFactory()
    client = token_client(profil.user)
    inactive = skema_with_units(aktif=False)
    r = post(client, "/api/v1/permohonan/", {"skema": inactive.pk, "tujuan": "sertifikasi"})
    assert r.status_code == 400 and r.json()["detail"]
    r = post(client, "/api/v1/permohonan/", {"skema": 999999, "tujuan": "liburan"})
    assert r.status_code == 400 and {"skema", "tujuan"} <= set(r.json())
    r = post(client, "/api/v1/permohonan/", {"skema": skema_with_units().pk, "tujuan": "lainnya"})
    assert r.status_code == 400 and "tujuan_lainnya" in r.json()
    r = post(client, "/api/v1/permohonan/", {"skema": skema_with_units().pk, "tujuan": "sertifikasi",
                                             "unit_ids": [2**31 - 1]})
    assert r.status_code == 400
    assert not Permohonan.objects.exists()


def test_admin_applies_on_someones_behalf():
    profil = AsesiProfileFactory()
    admin = admin_user()
    r = post(token_client(admin), "/api/v1/permohonan/", {"skema": skema_with_units().pk, "tujuan": "sertifikasi",
                                                          "asesi": profil.pk})
    assert r.status_code == 201
    created = Permohonan.objects.get(asesi=profil)
    assert created.status == Status.DRAFT and r.json()["id"] == created.pk
    assert AuditLog.objects.filter(action="permohonan.create", actor=admin, object_id=str(created.pk)).exists()
    r = post(token_client(UserFactory(roles=("admin_lsp",))), "/api/v1/permohonan/",
             {"skema": skema_with_units().pk, "tujuan": "sertifikasi", "asesi": 999999})
    assert r.status_code == 400 and "asesi" in r.json()


def test_session_writes_need_the_csrf_token():
    profil = AsesiProfileFactory()
    skema = skema_with_units()
    client = Client(enforce_csrf_checks=True)
    client.force_login(profil.user)
    r = post(client, "/api/v1/permohonan/", {"skema": skema.pk, "tujuan": "sertifikasi"})
    assert r.status_code == 403 and "CSRF" in r.json()["detail"]
    client.get("/akun/token-api/")  # any page sets the cookie
    token = client.cookies["csrftoken"].value
    r = client.post("/api/v1/permohonan/", json.dumps({"skema": skema.pk, "tujuan": "sertifikasi"}),
                    content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert r.status_code == 201
    # a token client needs no CSRF token (no cookie is involved)
    Permohonan.objects.all().delete()
    assert post(token_client(profil.user), "/api/v1/permohonan/", {"skema": skema.pk, "tujuan": "sertifikasi"}
                ).status_code == 201


def test_reads_are_not_writable():
    client = token_client(admin_user())
    for url in ("/api/v1/jadwal/", "/api/v1/rekaman/", "/api/v1/sertifikat/", "/api/v1/asesor/", "/api/v1/skema/"):
        assert post(client, url, {}).status_code == 405
    assert client.delete("/api/v1/asesi/1/").status_code == 405


def test_timestamps_are_local_and_aware():
    p = permohonan_draft()
    body = token_client(p.asesi.user).get(f"/api/v1/permohonan/{p.pk}/").json()
    assert body["created_at"].endswith(timezone.localtime(p.created_at).strftime("%z")[:3] + ":00")
