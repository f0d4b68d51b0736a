"""Public verification reads: what anybody may see of a certificate, cached with invalidation.

The data is cached per certificate (``services.verifikasi_cache_key``) and dropped by every status
change after its commit, so a suspension or revocation shows at once; the status of the day is
derived per request from the cached dates (``domain.status_on``), so expiry needs no invalidation.
Lookups (token or number → id) are cached too: numbers and tokens never change. Unknown texts are not
cached (a certificate issued later must be found). Nothing private leaves here: no NIK, no address,
no birth date — only the holder's name, the skema, the numbers, the dates and the status.

The cache is the shared one (``CACHE_URL``): Redis in production, so every worker process sees an
invalidation.
"""

import hashlib
import time

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


def verifikasi_get(kode, *, today) -> dict | None:
    """The public data of the certificate with this token or number, with ``status`` of ``today``;
    None when ``kode`` cannot be one or nothing matches (the view answers 404)."""
    text = domain.lookup_normalize(kode)
    if text is None:
        return None
    lookup_key = _lookup_key(text)
    pk = _seen.get(text) or cache.get(lookup_key)
    data = cache.get(verifikasi_cache_key(pk)) if pk else None
    if data is None:
        cert = selectors.sertifikat_by_lookup(text)
        if cert is None:
            return None
        data = public_data(cert)
        cache.set_many({lookup_key: cert.pk, verifikasi_cache_key(cert.pk): data}, TIMEOUT)
    if len(_seen) >= SEEN_MAX:
        _seen.clear()
    _seen[text] = data["pk"]
    status = domain.status_on(status=data["status_tersimpan"], berlaku_sampai=data["berlaku_sampai"], today=today)
    return {**data, "status": status, "status_label": str(dict(domain.Status.choices)[status])}
