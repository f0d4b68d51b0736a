"""Writes to the LSP's own profile (a singleton, pk 1)."""

import os
import secrets

from django.db import transaction

from .. import domain
from ..audit import AuditAction, audit_log
from ..models import LspProfile
from ._common import _apply

PROFILE_FIELDS = (
    "nama", "nomor_lisensi", "kode_lsp", "alamat", "telepon", "email", "website",
    "penandatangan_nama", "penandatangan_jabatan",
)


@transaction.atomic
def lsp_profile_update(*, by, logo=None, hapus_logo=False, **fields):
    """Create or update the LSP's profile. ``logo`` is an already validated image upload; it is
    stored under an unguessable name. ``kode_lsp`` left blank is taken from the licence number."""
    profile = LspProfile.objects.select_for_update().filter(pk=1).first()
    created = profile is None
    if created:
        profile = LspProfile(pk=1)
    fields = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    if "nomor_lisensi" in fields:
        fields["nomor_lisensi"] = fields["nomor_lisensi"].upper()
    if not fields.get("kode_lsp"):
        fields["kode_lsp"] = domain.kode_lsp_from_lisensi(fields.get("nomor_lisensi", profile.nomor_lisensi))
    diff = _apply(profile, fields, PROFILE_FIELDS)
    if logo is not None:
        ext = os.path.splitext(logo.name or "")[1].lower()
        logo.name = f"logo-{secrets.token_urlsafe(12)}{ext}"
        profile.logo = logo
        diff["logo"] = ["", logo.name]
    elif hapus_logo and profile.logo:
        diff["logo"] = [profile.logo.name, ""]
        profile.logo = ""
    if not diff and not created:
        return profile
    profile.full_clean(exclude=["logo"])
    profile.save()
    audit_log(
        actor=by,
        action=AuditAction.LSP_PROFILE_CREATE if created else AuditAction.LSP_PROFILE_UPDATE,
        obj=profile,
        data={"changes": diff},
    )
    return profile
