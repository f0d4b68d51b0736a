"""Limits on the emails a visitor can make the app send (registration, password reset, email-confirmation
and activation resends), so that nobody can flood an inbox through the LSP's mail server.

Each action has its own fixed-window counters in the shared cache (``CACHE_URL``: Redis in production,
so every worker process sees the same counts): one per account (a user, or the address typed into a
form) and one per client address (``lsp.auth.client_ip``). Keys hold a hash, never the address itself.

    email_throttle("password-reset", request=request, account=email)   # raises ValidationError
"""

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .auth import client_ip

logger = logging.getLogger(__name__)

THROTTLED = "email_throttled"


def _now() -> float:
    return time.time()


def _key(action: str, scope: str, ident, window: int) -> str:
    digest = hashlib.sha256(str(ident).strip().lower().encode()).hexdigest()[:32]
    return f"lsp:email-throttle:{action}:{scope}:{digest}:{window}"


def _hit(key: str, timeout: int) -> int:
    """Add one to the counter ``key`` (created at 0 for ``timeout`` seconds) and return its value."""
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout)
        return 1


def email_throttle(action: str, *, request, account) -> None:
    """Count one email of ``action`` for ``account`` and for the request's client address; raise a
    ValidationError (code ``email_throttled``) when either count is past its limit in this window.

    Refused attempts count too, so hammering does not make room sooner. When the cache cannot be
    reached the email is allowed (and the error logged): the limit guards against abuse, it must not
    take registration or password reset down with it."""
    period = settings.LSP_EMAIL_THROTTLE_MINUTES * 60
    now = _now()
    window = int(now // period)
    limits = [
        ("account", account, settings.LSP_EMAIL_THROTTLE_PER_ACCOUNT),
        ("address", client_ip(request), settings.LSP_EMAIL_THROTTLE_PER_ADDRESS),
    ]
    try:
        counts = [(_hit(_key(action, scope, ident, window), period), limit) for scope, ident, limit in limits]
    except Exception:  # any cache backend error: fail open, see the docstring
        logger.exception("Email throttle %s: cache unavailable, allowing the email", action)
        return
    if any(count > limit for count, limit in counts):
        minutes = max(1, math.ceil(((window + 1) * period - now) / 60))
        raise ValidationError(
            _("Terlalu banyak permintaan email. Coba lagi dalam %(menit)s menit.") % {"menit": minutes},
            code=THROTTLED,
        )
