"""The asesi app's part of the global search (``lsp.search``), registered in ``apps.ready``.

Scope comes from the selectors: admin LSP finds every asesi and every submitted application; an asesi
finds only their own applications; anyone else nothing from this app (and no query is made)."""

from django.urls import reverse

from lsp.access import is_admin_lsp
from lsp.roles import Role

from . import selectors
from .domain import mask_nik, nomor_permohonan_pk


def asesi_hits(user, q, limit):
    """Admin LSP: asesi by name, username, email, or NIK (exactly 16 digits, on the unique index). An
    application number is nobody's name: no scan of every account for it."""
    if not is_admin_lsp(user) or nomor_permohonan_pk(q) is not None:
        return []
    rows = selectors.asesi_search(selectors.asesi_profiles_for_admin(user), q).order_by(
        "user__nama_lengkap", "user__username"
    )[:limit]
    return [
        {
            "title": str(p.user),
            "detail": f"{mask_nik(p.nik)} · {p.user.email}",
            "url": reverse("asesi:asesi-detail", args=[p.pk]),
        }
        for p in rows
    ]


def permohonan_hits(user, q, limit):
    """Applications by number or skema: admin LSP the submitted ones (to the verification page), an
    asesi their own (to their application page)."""
    if is_admin_lsp(user):
        qs, url_name = selectors.permohonan_for_admin(user), "asesi:verifikasi-detail"
    elif user.has_role(Role.ASESI):
        qs, url_name = selectors.permohonan_for_owner(user), "asesi:permohonan-detail"
    else:
        return []
    rows = selectors.permohonan_search(qs, q).order_by("-pk")[:limit]
    return [
        {
            "title": f"{p.nomor} · {p.skema.kode}",
            "detail": f"{p.asesi.user} · {p.get_status_display()}",
            "url": reverse(url_name, args=[p.pk]),
        }
        for p in rows
    ]
