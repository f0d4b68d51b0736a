"""Helpers the asesor services share (private: not re-exported from the package)."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from lsp.roles import Role
from lsp.uploads import safe_original_name, validate_document

from .. import domain
from ..models import AsesorProfile

User = get_user_model()


def _today() -> date:
    return timezone.localdate()


def _admin_recipients():
    """Every active admin LSP with an email (for emails about asesors)."""
    return list(
        User.objects.filter(groups__name=Role.ADMIN_LSP.value, is_active=True).exclude(email="").distinct()
    )


def _field_error(field: str, message, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _refuse(issues: list[domain.InputIssue]) -> None:
    """Raise every issue a domain rule found at once: field errors by field name, the rest under
    ``NON_FIELD_ERRORS`` (a form shows them on top)."""
    if issues:
        errors = {}
        for issue in issues:
            errors.setdefault(issue.field or NON_FIELD_ERRORS, []).append(
                ValidationError(issue.message, code=issue.code)
            )
        raise ValidationError(errors)


def _normalize_nomor(nomor_registrasi: str) -> str:
    try:
        return domain.nomor_registrasi_normalize(nomor_registrasi)
    except ValueError:
        raise _field_error(
            "nomor_registrasi",
            _("Format nomor registrasi asesor: MET.000.001234 2024."),
            "nomor_registrasi",
        ) from None


def _check_nomor_free(nomor: str, *, exclude_pk=None):
    qs = AsesorProfile.objects.filter(nomor_registrasi=nomor)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise _field_error(
            "nomor_registrasi",
            _("Nomor registrasi ini sudah dipakai asesor lain."),
            "nomor_registrasi_dipakai",
        )


def _attach(obj, dokumen):
    if dokumen:
        try:
            mime = validate_document(dokumen)
        except ValidationError as exc:
            raise ValidationError({"dokumen": exc}) from None
        obj.dokumen = dokumen
        obj.dokumen_nama = safe_original_name(getattr(dokumen, "name", ""))
        obj.dokumen_mime = mime
