"""Login by username or email, password reset, roles, the role-aware home, error pages."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from lsp.access import user_has_role
from lsp.roles import Role
from tests.factories import PASSWORD

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
class TestLogin:
    def login(self, client, username, password=PASSWORD):
        return client.post(reverse("login"), {"username": username, "password": password})

    def test_by_username_and_by_email_in_any_case(self, client, make_user):
        make_user(Role.ASESI, username="budi", email="Budi@Example.test")
        assert self.login(client, "budi").status_code == 302
        client.logout()
        assert self.login(client, "budi@example.TEST").status_code == 302

    def test_wrong_password_gives_indonesian_error(self, client, make_user):
        make_user(Role.ASESI, username="budi")
        response = self.login(client, "budi", "salah")
        assert response.status_code == 200
        assert "Nama pengguna/email atau kata sandi salah." in response.content.decode()

    def test_unknown_user_and_inactive_user_cannot_log_in(self, client, make_user):
        make_user(Role.ASESI, username="nonaktif", is_active=False)
        assert self.login(client, "tidakada@example.test").status_code == 200
        assert self.login(client, "nonaktif").status_code == 200
        assert "_auth_user_id" not in client.session

    def test_password_is_hashed_with_the_production_hasher(self, make_user, settings):
        from django.conf import global_settings

        settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
        user = make_user(Role.ASESI)
        assert user.password.startswith("pbkdf2_sha256$")
        assert PASSWORD not in user.password

    def test_logout_needs_post(self, client, make_user):
        client.force_login(make_user(Role.ASESI))
        assert client.get(reverse("logout")).status_code == 405
        assert client.post(reverse("logout")).status_code == 302
        assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_by_email_sets_a_new_password(client, make_user):
    user = make_user(Role.ASESI, email="sari@example.test")
    response = client.post(reverse("password_reset"), {"email": "SARI@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sari@example.test"]
    link = re.search(r"https?://[^/]+(/akun/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Sandi-Baru-2026!", "new_password2": "Sandi-Baru-2026!"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Sandi-Baru-2026!")


@pytest.mark.django_db
def test_password_reset_for_unknown_email_reveals_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "siapa@example.test"})
    assert response.status_code == 302 and len(mail.outbox) == 0


@pytest.mark.django_db
def test_role_groups_exist_with_admin_permissions():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(Role.values) <= names
    admin = Group.objects.get(name=Role.ADMIN_LSP)
    assert admin.permissions.filter(codename="add_skema").exists()
    assert not Group.objects.get(name=Role.ASESI).permissions.exists()
    assert not Group.objects.get(name=Role.KOMITE).permissions.filter(codename="add_skema").exists()


@pytest.mark.django_db
def test_a_user_may_hold_several_roles(make_user):
    user = make_user(Role.ASESOR, Role.VALIDATOR)
    assert user_has_role(user, Role.ASESOR) and user_has_role(user, Role.VALIDATOR)
    assert not user_has_role(user, Role.ADMIN_LSP)


@pytest.mark.django_db
def test_superuser_holds_every_role_inactive_user_none(make_user):
    assert make_user(is_superuser=True).role_names == frozenset(Role.values)
    assert make_user(Role.ADMIN_LSP, is_active=False).role_names == frozenset()


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_home_shows_only_the_sections_of_ones_roles(client, make_user, role, django_assert_max_num_queries):
    client.force_login(make_user(role))
    with django_assert_max_num_queries(25):
        response = client.get(reverse("home"))
    html = response.content.decode()
    assert f'data-role-panel="{role}"' in html
    for other in set(Role.values) - {role}:
        assert f'data-role-panel="{other}"' not in html


@pytest.mark.django_db
def test_user_without_role_is_told_to_contact_admin(client, make_user):
    client.force_login(make_user())
    assert "belum memiliki peran" in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_anonymous_home_is_the_landing_page(client):
    html = client.get(reverse("home")).content.decode()
    assert reverse("login") in html
    assert 'lang="id"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.KOMITE, Role.VALIDATOR, Role.ASESOR, Role.ASESI])
def test_master_data_is_admin_only(client, make_user, role):
    url = reverse("lsp:skema-list")
    assert client.get(url).status_code == 302  # anonymous → login
    client.force_login(make_user(role))
    response = client.get(url)
    assert response.status_code == 403
    assert "tidak memiliki akses" in response.content.decode()
    client.force_login(make_user(Role.ADMIN_LSP))
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_unknown_page_gives_styled_404(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "tidak ditemukan" in response.content.decode()


@pytest.mark.django_db
def test_language_switch_to_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert 'lang="en"' in client.get(reverse("login")).content.decode()


def test_production_settings_pass_check_deploy():
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))
    } | {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x9" * 30 + "-production-like-secret-for-the-check",
        "DJANGO_ALLOWED_HOSTS": "lsp.example.id",
        "DJANGO_SETTINGS_MODULE": "lsp.settings",
        "CACHE_URL": "redis://127.0.0.1:6379/1",  # a shared cache for the email limits (lsp.W001)
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_the_development_secret_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | {"DJANGO_DEBUG": "0"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_indonesian_by_default_even_for_an_english_browser(client):
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in html


@pytest.mark.django_db
def test_unknown_language_cookie_falls_back_to_indonesian(client):
    client.cookies["django_language"] = "xx"
    assert 'lang="id"' in client.get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_five_wrong_passwords_lock_that_account_from_that_address(client, make_user, settings):
    settings.AXES_ENABLED = True
    make_user(Role.ASESI, username="budi", email="budi@example.test")
    # every spelling of the same account counts against it
    for typed in ("budi", "BUDI", " budi", "Budi@Example.test"):
        assert client.post(reverse("login"), {"username": typed, "password": "salah"}).status_code == 200
    locked = client.post(reverse("login"), {"username": "budi", "password": "salah"})
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in locked.content.decode()
    # even the right password is refused while locked
    assert client.post(reverse("login"), {"username": "budi", "password": PASSWORD}).status_code == 429
    assert "_auth_user_id" not in client.session
    # another account from the same address is not affected
    make_user(Role.ASESI, username="sari")
    assert client.post(reverse("login"), {"username": "sari", "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_a_successful_login_resets_the_failure_count(client, make_user, settings):
    settings.AXES_ENABLED = True
    make_user(Role.ASESI, username="budi")
    for _ in range(4):
        client.post(reverse("login"), {"username": "budi", "password": "salah"})
    assert client.post(reverse("login"), {"username": "budi", "password": PASSWORD}).status_code == 302
    client.logout()
    for _ in range(4):
        assert client.post(reverse("login"), {"username": "budi", "password": "salah"}).status_code == 200


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "203.0.113.9", "127.0.0.1"),  # no proxy: the header is ignored
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged left part is ignored
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "203.0.113.9", "127.0.0.1"),  # fewer hops than proxies: fall back to the socket
    ],
)
def test_client_ip_for_the_lockout(rf, settings, proxies, forwarded, expected):
    from lsp.auth import client_ip

    settings.LSP_TRUSTED_PROXY_COUNT = proxies
    request = rf.post("/akun/masuk/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="127.0.0.1")
    assert client_ip(request) == expected
