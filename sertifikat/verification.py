"""Public verification reads: what anybody may see of a certificate, cached with invalidation.

The data is cached per certificate (``services.verifikasi_cache_key``) and dropped by every status
change after its commit, so a suspension or revocation shows at once; the status of the day is
derived per request from the cached dates (``domain.status_on``), so expiry needs no invalidation.
Lookups (token or number → id) are cached too: numbers and tokens never change. Unknown texts are not
cached (a certificate issued later must be found). Nothing private leaves here: no NIK, no address,
no birth date — only the holder's name, the skema, the numbers, the dates and the status.

The cache is the shared one (``CACHE_URL``): Redis in production, so every worker process sees an
invalidation. On Redis a request costs **one round trip** (``verifikasi_public``): the rate-limit
counter (INCR, EXPIRE) and the certificate's cached data (GET) go in one pipeline, on one ``redis.Redis``
client kept per process (Django's Redis cache builds a new client, with its few hundred response
callbacks, for every call: most of the page's CPU before this).
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

from . import domain, selectors
from .services import verifikasi_cache_key

TIMEOUT = 60 * 60
# Lookups (text → id) never change, so each process also keeps the ones it saw (bounded): one shared
# cache round trip per request is left, the one whose entry a status change drops.
_seen: dict[str, int] = {}
SEEN_MAX = 10_000
# The LSP's name and licence for the page, read at most once a minute per process.
_lsp: dict = {}
LSP_TTL = 60
_client: dict = {}
logger = logging.getLogger(__name__)


def redis_client():
    """The shared cache's ``redis.Redis`` client, built once per process (thread-safe: it takes a
    connection from the pool per command); None when the cache is not Django's Redis backend."""
    inner = getattr(cache, "_cache", None)
    if inner is None or not hasattr(inner, "_get_connection_pool"):
        return None
    client = _client.get(id(inner))
    if client is None:  # one per cache backend instance (Django keeps one per thread)
        if len(_client) >= 64:
            _client.clear()
        client = _client[id(inner)] = inner._client(connection_pool=inner._get_connection_pool(True))
    return client


def _loads(raw):
    return None if raw is None else cache._cache._serializer.loads(raw)


def lsp_public() -> dict:
    from lsp.models import LspProfile

    if _lsp.get("until", 0) < time.monotonic():
        profile = LspProfile.get()
        _lsp.update(nama=profile.nama, nomor_lisensi=profile.nomor_lisensi, until=time.monotonic() + LSP_TTL)
    return _lsp


def _lookup_key(text: str) -> str:
    return "sertifikat:lookup:" + hashlib.sha256(text.upper().encode()).hexdigest()[:32]


def public_data(cert) -> dict:
    return {
        "pk": cert.pk,
        "token": cert.token,
        "nomor": cert.nomor,
        "nomor_registrasi": cert.nomor_registrasi,
        "nama": cert.nama_pemegang,
        "skema_kode": cert.skema_kode,
        "skema_nama": cert.skema_nama,
        "tanggal_terbit": cert.tanggal_terbit,
        "berlaku_sampai": cert.berlaku_sampai,
        "status_tersimpan": cert.status,
        "status_pada": cert.status_pada,
    }


class Throttled(Exception):
    """The client is past its verification requests for this minute (the view answers 429)."""


def verifikasi_public(request, kode, *, today) -> dict | None:
    """``verifikasi_get`` for a visitor's request, counted against the rate limit (``throttle``):
    raises ``Throttled`` past the limit. On Redis the count and the cached data travel in one pipeline;
    a cache that fails lets the request through (fail open, as ``throttle.verifikasi_throttled``)."""
    from .throttle import throttle_key, verifikasi_throttled

    client = redis_client()
    if client is None:
        if verifikasi_throttled(request):
            raise Throttled
        return verifikasi_get(kode, today=today)
    text = domain.lookup_normalize(kode)
    key = throttle_key(request)
    pk = _seen.get(text) if text else None
    try:
        pipe = client.pipeline(transaction=False)
        if key is not None:
            raw = cache.make_and_validate_key(key)
            pipe.incr(raw)
            pipe.expire(raw, 60, nx=True)
        if pk:
            pipe.get(cache.make_and_validate_key(verifikasi_cache_key(pk)))
        replies = pipe.execute()
    except Exception:  # noqa: BLE001 - the cache is down: no limit, the database answers
        logger.exception("Verification: cache unavailable")
        replies, key, pk = [], None, None
    if key is not None and int(replies[0]) > settings.LSP_VERIFIKASI_PER_MINUTE:
        raise Throttled
    if text is None:
        return None
    cached = _loads(replies[-1]) if pk and replies else None
    return verifikasi_get(text, today=today, cached=cached)


def verifikasi_get(kode, *, today, cached: dict | None = None) -> dict | None:
    """The public data of the certificate with this token or number, with ``status`` of ``today``;
    None when ``kode`` cannot be one or nothing matches (the view answers 404). ``cached``: its cached
    data already read by the caller (``verifikasi_public``)."""
    text = domain.lookup_normalize(kode)
    if text is None:
        return None
    data = cached
    if data is None:
        lookup_key = _lookup_key(text)
        pk = _seen.get(text) or cache.get(lookup_key)
        data = cache.get(verifikasi_cache_key(pk)) if pk else None
    if data is None:
        cert = selectors.sertifikat_by_lookup(text)
        if cert is None:
            return None
        data = public_data(cert)
        cache.set_many({_lookup_key(text): cert.pk, verifikasi_cache_key(cert.pk): data}, TIMEOUT)
    if len(_seen) >= SEEN_MAX:
        _seen.clear()
    _seen[text] = data["pk"]
    status = domain.status_on(status=data["status_tersimpan"], berlaku_sampai=data["berlaku_sampai"], today=today)
    return {**data, "status": status, "status_label": str(_LABELS[status])}


_LABELS = dict(domain.Status.choices)
