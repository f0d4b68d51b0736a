"""Our own deployment checks (``manage.py check --deploy``)."""

from django.core.checks import run_checks

from lsp.checks import shared_cache_for_limits


def ids(messages):
    return [m.id for m in messages]


def test_a_per_process_cache_is_a_deploy_warning(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert ids(shared_cache_for_limits(None)) == ["lsp.W001"]
    assert "lsp.W001" in ids(run_checks(include_deployment_checks=True))
    assert "lsp.W001" not in ids(run_checks())  # only a deployment concern


def test_a_shared_cache_passes(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/1"}
    }
    assert shared_cache_for_limits(None) == []
