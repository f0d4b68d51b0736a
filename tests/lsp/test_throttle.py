"""The email throttle (lsp/throttle.py) and the password reset that uses it."""

import os
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from lsp import throttle
from lsp.roles import Role
from lsp.throttle import THROTTLED, email_throttle

HOUR = 3600
T0 = 1_800_000_000 - 1_800_000_000 % HOUR  # the start of a one-hour window


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, pinned at the start of a window; set ``clock.now`` to move it."""

    class Clock:
        now = float(T0)

    monkeypatch.setattr(throttle, "_now", lambda: Clock.now)
    return Clock


@pytest.fixture
def limits(settings):
    settings.LSP_EMAIL_THROTTLE_PER_ACCOUNT = 3
    settings.LSP_EMAIL_THROTTLE_PER_ADDRESS = 10
    settings.LSP_EMAIL_THROTTLE_MINUTES = 60
    return settings


def attempt(rf, action="password-reset", account="budi@example.test", ip="203.0.113.5", **meta):
    try:
        email_throttle(action, request=rf.post("/", REMOTE_ADDR=ip, **meta), account=account)
    except ValidationError as exc:
        assert exc.code == THROTTLED
        return exc.messages[0]
    return None


def test_defaults_are_three_per_account_and_ten_per_address_each_hour():
    from django.conf import settings

    assert settings.LSP_EMAIL_THROTTLE_PER_ACCOUNT == 3
    assert settings.LSP_EMAIL_THROTTLE_PER_ADDRESS == 10
    assert settings.LSP_EMAIL_THROTTLE_MINUTES == 60


def test_per_account_allows_the_limit_and_refuses_one_past_it(rf, limits, clock):
    assert [attempt(rf, ip=f"203.0.113.{i}") for i in range(3)] == [None, None, None]
    message = attempt(rf, ip="203.0.113.99")  # a fresh address does not help: the account is spent
    assert message == "Terlalu banyak permintaan email. Coba lagi dalam 60 menit."
    assert attempt(rf, account="BUDI@example.test ", ip="203.0.113.98") is not None  # same address, any case
    assert attempt(rf, account="ani@example.test", ip="203.0.113.97") is None  # another account is its own


def test_per_address_allows_the_limit_and_refuses_one_past_it(rf, limits, clock):
    assert [attempt(rf, account=f"orang{i}@example.test") for i in range(10)] == [None] * 10
    assert attempt(rf, account="orang10@example.test") is not None
    assert attempt(rf, account="orang10@example.test", ip="198.51.100.1") is None


def test_each_action_counts_on_its_own(rf, limits, clock):
    for _ in range(3):
        assert attempt(rf, action="password-reset") is None
    assert attempt(rf, action="password-reset") is not None
    assert attempt(rf, action="registration") is None


def test_a_new_window_allows_again_and_the_message_says_how_long(rf, limits, clock):
    for _ in range(3):
        attempt(rf)
    clock.now = T0 + HOUR - 61  # 61 seconds left in the window → 2 minutes, rounded up
    assert attempt(rf) == "Terlalu banyak permintaan email. Coba lagi dalam 2 menit."
    clock.now = T0 + HOUR - 1
    assert attempt(rf) == "Terlalu banyak permintaan email. Coba lagi dalam 1 menit."
    clock.now = T0 + HOUR
    assert attempt(rf) is None


def test_the_address_is_the_one_the_trusted_proxy_saw(rf, limits, clock):
    """Behind one proxy a client cannot escape the per-address limit by sending its own X-Forwarded-For."""
    limits.LSP_TRUSTED_PROXY_COUNT = 1
    for i in range(10):
        forged = f"10.0.0.{i}, 198.51.100.7"  # the proxy appends the real address last
        assert attempt(rf, account=f"o{i}@example.test", ip="127.0.0.1", HTTP_X_FORWARDED_FOR=forged) is None
    assert attempt(rf, account="o10@example.test", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7")
    assert attempt(rf, account="o10@example.test", ip="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.8") is None


def test_an_unreachable_cache_lets_the_email_through(rf, limits, settings, caplog):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    for _ in range(5):
        assert attempt(rf) is None
    assert "cache unavailable" in caplog.text


@pytest.mark.redis
def test_counts_live_in_redis_with_an_expiry_and_no_personal_data(rf, limits, settings, clock):
    import redis

    url = os.environ.get("CELERY_BROKER_URL", "")
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}
    }
    client = redis.Redis.from_url(url)
    try:
        results = [attempt(rf, account="siti@example.test") for _ in range(4)]
        assert results[:3] == [None, None, None] and results[3] is not None
        keys = client.keys(f"{prefix}:*")
        assert len(keys) == 2  # one counter for the account, one for the client address
        assert all(0 < client.ttl(key) <= HOUR for key in keys)
        assert not any(b"siti" in key or b"203.0.113.5" in key for key in keys)
    finally:
        for key in client.keys(f"{prefix}:*"):
            client.delete(key)


# --- password reset ------------------------------------------------------------------------------------

RESET = "/akun/kata-sandi/lupa/"


def reset(client, email, ip="203.0.113.5"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_password_reset_sends_up_to_the_limit_then_says_try_later(client, make_user, limits):
    make_user(Role.ASESI, email="budi@example.test")
    for _ in range(3):
        assert reset(client, "budi@example.test").status_code == 302
    assert len(mail.outbox) == 3
    refused = reset(client, "budi@example.test")
    assert refused.status_code == 429
    assert "Terlalu banyak permintaan email. Coba lagi dalam" in refused.content.decode()
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_password_reset_throttle_does_not_tell_which_emails_exist(client, make_user, limits):
    make_user(Role.ASESI, email="ada@example.test")
    answers = {}
    for email in ["ada@example.test", "tidakada@example.test"]:
        responses = [reset(client, email, ip="198.51.100.2") for _ in range(4)]
        answers[email] = [(r.status_code, r.get("Location")) for r in responses]
        last = responses[-1]
        answers[email].append(last.content.decode().replace(str(last.context["csrf_token"]), "").replace(email, "…"))
    assert answers["ada@example.test"] == answers["tidakada@example.test"]
    assert [status for status, _ in answers["ada@example.test"][:4]] == [302, 302, 302, 429]
    assert reverse("password_reset") == RESET


@pytest.mark.django_db
def test_password_reset_per_address(client, limits):
    for i in range(10):
        assert reset(client, f"orang{i}@example.test").status_code == 302
    assert reset(client, "orang10@example.test").status_code == 429
    assert reset(client, "orang10@example.test", ip="198.51.100.3").status_code == 302


@pytest.mark.django_db
def test_invalid_reset_form_counts_nothing(client, limits):
    for _ in range(5):
        assert reset(client, "bukan-email").status_code == 200
    assert reset(client, "budi@example.test").status_code == 302
