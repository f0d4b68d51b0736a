"""The public verification on the production cache (Redis): one round trip per request (the rate-limit
count and the cached data in one pipeline), a suspension shown on the very next request, the limit kept."""

import os
from datetime import date
from unittest import mock

import pytest
from django.core.cache import cache

from sertifikat import services, verification

from .factories import admin_user, issued, lsp_profile

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture
def redis_cache(settings):
    url = os.environ.get("CELERY_BROKER_URL", "")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                                   "KEY_PREFIX": f"test-verifikasi-{os.getpid()}"}}
    verification._client.clear()
    cache.clear()
    yield cache
    cache.clear()
    verification._client.clear()


@pytest.fixture
def cert():
    lsp_profile()
    return issued(nama="Siti Aminah", tanggal_terbit=date(2026, 1, 10))


def test_one_round_trip_and_a_suspension_at_once(client, cert, redis_cache, django_capture_on_commit_callbacks):
    from redis.client import Pipeline, Redis

    path = f"/verifikasi/{cert.token}/"
    assert b'data-status="aktif"' in client.get(path).content  # first: looked up, cached
    client.get(f"/api/v1/verifikasi/{cert.nomor}/")  # the number too (this process remembers both)
    with mock.patch.object(Pipeline, "execute", autospec=True, side_effect=Pipeline.execute) as pipelines, \
            mock.patch.object(Redis, "execute_command", autospec=True, side_effect=Redis.execute_command) as single:
        assert b'data-status="aktif"' in client.get(path).content
        assert client.get(f"/api/v1/verifikasi/{cert.nomor}/").json()["status"] == "aktif"
    assert pipelines.call_count == 2 and single.call_count == 0  # one pipeline per request, nothing else
    with django_capture_on_commit_callbacks(execute=True):
        services.sertifikat_suspend(sertifikat=cert, alasan="Pengaduan diperiksa", by=admin_user())
    assert b'data-status="dibekukan"' in client.get(path).content
    assert client.get(f"/api/v1/verifikasi/{cert.nomor}/").json()["status"] == "dibekukan"


def test_rate_limit_on_redis(client, cert, redis_cache, settings):
    settings.LSP_VERIFIKASI_PER_MINUTE = 3
    codes = [client.get(f"/verifikasi/{cert.token}/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get(f"/api/v1/verifikasi/{cert.nomor}/").status_code == 429


def test_cache_down_lets_verification_through(client, cert, redis_cache):
    from redis.client import Pipeline
    from redis.exceptions import ConnectionError as RedisDown

    client.get(f"/verifikasi/{cert.token}/")
    with mock.patch.object(Pipeline, "execute", side_effect=RedisDown("down")), \
            mock.patch.object(verification.cache, "get", return_value=None), \
            mock.patch.object(verification.cache, "set_many"):
        response = client.get(f"/verifikasi/{cert.token}/")
    assert response.status_code == 200 and b"Siti Aminah" in response.content
