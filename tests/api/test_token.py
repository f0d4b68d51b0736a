"""API tokens: the "Token API" page and ``manage.py api_token`` make, replace and revoke a user's token,
each change audited without the key."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from rest_framework.authtoken.models import Token

from lsp.models import AuditLog
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_page_makes_shows_once_replaces_and_revokes():
    user = UserFactory(roles=("asesor",))
    client = Client()
    client.force_login(user)
    page = client.get("/akun/token-api/")
    assert page.status_code == 200 and b'data-testid="api-token"' not in page.content
    made = client.post("/akun/token-api/", {"aksi": "buat"})
    key = Token.objects.get(user=user).key
    assert made.status_code == 200 and key.encode() in made.content
    assert key.encode() not in client.get("/akun/token-api/").content  # shown once only
    client.post("/akun/token-api/", {"aksi": "buat"})
    new_key = Token.objects.get(user=user).key
    assert new_key != key
    assert Client().get("/api/v1/jadwal/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401  # replaced
    assert Client().get("/api/v1/jadwal/", HTTP_AUTHORIZATION=f"Token {new_key}").status_code == 200
    assert client.post("/akun/token-api/", {"aksi": "cabut"}).status_code == 302
    assert not Token.objects.filter(user=user).exists()
    rows = AuditLog.objects.filter(object_id=str(user.pk), action__startswith="api_token.")
    assert sorted(rows.values_list("action", flat=True)) == ["api_token.create", "api_token.create", "api_token.revoke"]
    assert all(key not in str(r.data) and new_key not in str(r.data) for r in rows)
    assert client.post("/akun/token-api/", {"aksi": "???"}).status_code == 302  # odd input: nothing happens


def test_page_needs_login_and_csrf():
    assert Client().get("/akun/token-api/").status_code == 302
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    assert client.post("/akun/token-api/", {"aksi": "buat"}).status_code == 403


def test_command_prints_a_new_key_and_revokes():
    user = UserFactory(username="integrasi")
    out = StringIO()
    call_command("api_token", "integrasi", stdout=out)
    assert out.getvalue().strip() == Token.objects.get(user=user).key
    call_command("api_token", "integrasi", "--revoke", stdout=StringIO())
    assert not Token.objects.filter(user=user).exists()
    assert AuditLog.objects.filter(action="api_token.revoke", object_id=str(user.pk), data__via="perintah").exists()
    with pytest.raises(CommandError):
        call_command("api_token", "tidak-ada", stdout=StringIO())


def test_an_inactive_users_token_stops_working():
    user = UserFactory(roles=("asesi",))
    key = Token.objects.create(user=user).key
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert Client().get("/api/v1/permohonan/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
