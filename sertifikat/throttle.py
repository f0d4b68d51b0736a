"""The public verification's rate limit, in the style of ``lsp.throttle``: a fixed one-minute window
per client address (``lsp.auth.client_ip``) in the shared cache, keyed by a hash of the address.
``LSP_VERIFIKASI_PER_MINUTE`` requests pass per window; the cache being down lets requests through
(the limit guards against scraping, it must not take verification down with it)."""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

from lsp.auth import client_ip

logger = logging.getLogger(__name__)
WINDOW = 60


def throttle_key(request) -> str | None:
    """The cache key counting this client's requests in this minute; None when there is no limit."""
    if settings.LSP_VERIFIKASI_PER_MINUTE <= 0:
        return None
    window = int(time.time() // WINDOW)
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    return f"sertifikat:verifikasi-throttle:{digest}:{window}"


def verifikasi_throttled(request) -> bool:
    """Count this request; True when the client is past its limit in this minute."""
    limit = settings.LSP_VERIFIKASI_PER_MINUTE
    key = throttle_key(request)
    if key is None:
        return False
    try:
        count = _count(key)
    except Exception:  # noqa: BLE001 - any cache backend error: fail open, see the docstring
        logger.exception("Verification throttle: cache unavailable")
        return False
    return count > limit


def _count(key: str) -> int:
    """Add one to the window's counter. On Django's Redis backend: INCR and EXPIRE in one round trip
    (this runs on every public verification request); elsewhere ``add`` + ``incr``."""
    from .verification import redis_client

    client = redis_client()
    if client is not None:
        raw = cache.make_and_validate_key(key)
        pipe = client.pipeline()
        pipe.incr(raw)
        pipe.expire(raw, WINDOW, nx=True)
        return int(pipe.execute()[0])
    cache.add(key, 0, WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, WINDOW)
        return 1
