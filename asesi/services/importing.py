"""Registering many asesi from a validated spreadsheet (``asesi.imports``) in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lsp.access import is_admin_lsp
from lsp.audit import audit_log

from ..domain import AuditAction, Tujuan
from ..models import AsesiProfile
from .permohonan import permohonan_create
from .registration import asesi_register


@transaction.atomic
def asesi_import(*, rows: list, by, skema=None, tujuan=Tujuan.SERTIFIKASI) -> list[AsesiProfile]:
    """Register every validated row (``asesi.imports.ImportRow``) or none of them.

    With ``skema``, each new asesi also gets a draft application for it. Errors raised here (a value
    taken meanwhile by someone else) carry the row number."""
    if not is_admin_lsp(by):
        raise PermissionDenied
    created = []
    for row in rows:
        try:
            profil = asesi_register(
                username=row.username,
                email=row.data["email"],
                nama_lengkap=row.data["nama_lengkap"],
                profile=row.data,
                by=by,
            )
            if skema is not None:
                permohonan_create(asesi=profil, skema=skema, tujuan=tujuan, by=by)
        except ValidationError as exc:
            raise ValidationError(
                _("Baris %(baris)s: %(pesan)s") % {"baris": row.nomor, "pesan": "; ".join(exc.messages)},
                code="import_row",
            ) from exc
        created.append(profil)
    audit_log(
        actor=by,
        action=AuditAction.ASESI_IMPORT,
        note=_("%(n)s asesi diimpor") % {"n": len(created)},
        data={"profil": [p.pk for p in created], "skema": skema.pk if skema else None},
    )
    return created
