"""Rate limits of the public complaint pages, in the style of the public verification's
(``sertifikat.throttle``): fixed windows per client address (``lsp.auth.client_ip``, hashed) in the
shared cache. Filing: ``LSP_PENGADUAN_PER_JAM`` an hour; looking a code up: ``LSP_VERIFIKASI_PER_MINUTE``
a minute. The cache being down lets requests through (logged)."""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

from lsp.auth import client_ip

logger = logging.getLogger(__name__)


def _throttled(request, *, action: str, limit: int, window: int) -> bool:
    if limit <= 0:
        return False
    slot = int(time.time() // window)
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"pengaduan:throttle:{action}:{digest}:{slot}"
    try:
        cache.add(key, 0, window)
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, window)
            count = 1
    except Exception:  # noqa: BLE001 - fail open, see the docstring
        logger.exception("Complaint throttle: cache unavailable")
        return False
    return count > limit


def ajukan_throttled(request) -> bool:
    return _throttled(request, action="ajukan", limit=settings.LSP_PENGADUAN_PER_JAM, window=3600)


def lacak_throttled(request) -> bool:
    return _throttled(request, action="lacak", limit=settings.LSP_VERIFIKASI_PER_MINUTE, window=60)
