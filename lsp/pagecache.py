"""Public pages served from the cache: the landing and login pages are the same for every anonymous visitor
except for their CSRF token, so they are rendered once (per path, language and LSP profile version) and the
visitor's own token is put in on the way out. That keeps them near the bare-Django floor under load
(``make bench``, throughput). ``LSP_PAGE_CACHE_SECONDS`` (0 turns it off; off in development)."""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from .models import LspProfile

CSRF_PLACEHOLDER = "__lsp_csrf_token_placeholder__"


def _cacheable(request) -> bool:
    """A first visit as anyone would make it: GET, no query, no session or messages cookie (so nothing
    personal — a message, a logged-in user — can be on the page)."""
    return (
        settings.LSP_PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _key(request) -> str:
    profile = LspProfile.get()  # cached itself; its change time makes a saved profile show at once
    stamp = profile.updated_at.timestamp() if profile.updated_at else 0
    return f"lsp:page:{request.path}:{translation.get_language()}:{stamp}"


def _with_token(request, html: str) -> HttpResponse:
    response = HttpResponse(html.replace(CSRF_PLACEHOLDER, get_token(request)))
    add_never_cache_headers(response)  # the body holds this visitor's CSRF token
    return response


def cached_for_anonymous(view):
    """Decorate a view returning a ``TemplateResponse`` for anonymous visitors."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        html = cache.get(key)
        if html is not None:
            return _with_token(request, html)
        response = view(request, *args, **kwargs)
        if not isinstance(response, TemplateResponse) or response.status_code != 200 or request.user.is_authenticated:
            return response
        response.context_data = {**(response.context_data or {}), "csrf_token": CSRF_PLACEHOLDER}
        html = response.render().content.decode()
        cache.set(key, html, settings.LSP_PAGE_CACHE_SECONDS)
        return _with_token(request, html)

    return wrapper
