"""The global search in the top bar: a registry each app fills in its ``AppConfig.ready`` (``lsp``
imports none of them).

    register_search(key="asesor", label=_("Asesor"), search=asesor_search_for_user, order=30)

``search(user, q, limit)`` returns at most ``limit`` hits — ``{"title", "detail", "url"}`` — of what
``user`` may see, through the app's scoped selectors; a provider that has nothing for the user's roles
returns ``[]`` without asking the database, and one that has answers with one query. So a search costs
at most one query per provider, whatever the data."""

from collections.abc import Callable
from dataclasses import dataclass

QUERY_MAX_LENGTH = 100
HITS_PER_GROUP = 10


@dataclass(frozen=True)
class SearchProvider:
    key: str
    label: str
    search: Callable
    order: int = 50


_providers: list[SearchProvider] = []


def register_search(*, key, label, search, order=50):
    if not any(p.key == key for p in _providers):
        _providers.append(SearchProvider(key, label, search, order))


def normalise_query(q) -> str:
    """The text searched for: control characters (a NUL the database refuses) removed, trimmed, inner
    whitespace collapsed, at most ``QUERY_MAX_LENGTH`` characters."""
    text = "".join(c if c.isprintable() else " " for c in str(q or ""))
    return " ".join(text.split())[:QUERY_MAX_LENGTH]


def search_all(user, q) -> list[dict]:
    """The groups with hits, in registration order: ``[{"key", "label", "hits": [...]}]``."""
    q = normalise_query(q)
    if not q or not user.is_authenticated:
        return []
    groups = []
    for provider in sorted(_providers, key=lambda p: p.order):
        hits = list(provider.search(user, q, HITS_PER_GROUP))[:HITS_PER_GROUP]
        if hits:
            groups.append({"key": provider.key, "label": provider.label, "hits": hits})
    return groups


def skema_hits(user, q, limit):
    """lsp's own provider: skema by code or name, for admin LSP (the master data is theirs)."""
    from django.urls import reverse

    from .access import is_admin_lsp
    from .selectors import skema_search_for_user

    if not is_admin_lsp(user):
        return []
    return [
        {
            "title": f"{s.kode} · {s.nama}",
            "detail": s.get_jenis_display(),
            "url": reverse("lsp:skema-detail", args=[s.pk]),
        }
        for s in skema_search_for_user(user, q)[:limit]
    ]
