"""The asesor app's part of the global search (``lsp.search``), registered in ``apps.ready``.

Admin LSP finds every asesor by name, username, email or MET registration number; an asesor finds only
their own profile; anyone else nothing (and no query is made)."""

from django.urls import reverse

from lsp.roles import Role

from . import selectors


def asesor_hits(user, q, limit):
    if not user.has_role(Role.ADMIN_LSP, Role.ASESOR):
        return []
    admin = user.has_role(Role.ADMIN_LSP)
    return [
        {
            "title": str(a.user),
            "detail": a.nomor_registrasi,
            "url": reverse("asesor:asesor-detail", args=[a.pk]) if admin else reverse("asesor:asesor-saya"),
        }
        for a in selectors.asesor_search_for_user(user, q)[:limit]
    ]
