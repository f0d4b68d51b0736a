"""Deployment checks of our own, run by ``manage.py check --deploy`` (``make check-deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def shared_cache_for_limits(app_configs, **kwargs):
    """The email limits (``lsp.throttle``) count in the default cache: in production it must be one
    cache every worker process shares (Redis through ``CACHE_URL``), or each process counts alone."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Warning(
                "CACHE_URL is not set: the default cache is per process, so the email limits count separately "
                "in every worker.",
                hint="Set CACHE_URL to a shared cache, e.g. redis://127.0.0.1:6379/1.",
                id="lsp.W001",
            )
        ]
    return []
