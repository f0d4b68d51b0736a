"""Writes of the asesi app: keyword-only, one transaction each, an audit row for every change.

By topic: ``registration`` (accounts, profiles, email confirmation, activation), ``permohonan``
(FR.APL.01, documents, FR.APL.02 and the state machine), ``verification`` (admin LSP's check and
decision) and ``importing`` (many asesi from a spreadsheet). Every public name is importable from
here.

Public API for later apps (scheduling, assessment, decision, certificates)::

    from asesi.services import permohonan_transition
    from asesi.domain import Status

    permohonan_transition(permohonan=p, to=Status.DIJADWALKAN, by=admin_user, note="Jadwal JWD-01")

``permohonan_transition`` is the only function that changes ``Permohonan.status``. It locks the row,
checks ``asesi.domain.TRANSITIONS`` (role, ownership, impartiality) and the content guards (documents,
verification, APL.02), then writes the status, a ``PermohonanRiwayat`` row, an audit row and the email
to the asesi in the same transaction. Refusals raise ``ValidationError`` with a code from
``asesi.domain.MESSAGES``.
"""

from ..domain import MAX_DOKUMEN_PER_PERMOHONAN, PROFILE_FIELDS
from .importing import asesi_import
from .permohonan import (
    asesmen_mandiri_save,
    dokumen_delete,
    dokumen_upload,
    permohonan_create,
    permohonan_delete,
    permohonan_submit,
    permohonan_transition,
    permohonan_update,
)
from .registration import (
    EMAIL_CONFIRM_SALT,
    asesi_activate,
    asesi_activation_send,
    asesi_email_confirm,
    asesi_email_confirmation_send,
    asesi_identity_locked,
    asesi_profile_save,
    asesi_profile_view_record,
    asesi_register,
    email_confirmation_token,
)
from .verification import permohonan_verify

__all__ = [
    "EMAIL_CONFIRM_SALT",
    "MAX_DOKUMEN_PER_PERMOHONAN",
    "PROFILE_FIELDS",
    "asesi_activate",
    "asesi_activation_send",
    "asesi_email_confirm",
    "asesi_email_confirmation_send",
    "asesi_identity_locked",
    "asesi_import",
    "asesi_profile_save",
    "asesi_profile_view_record",
    "asesi_register",
    "asesmen_mandiri_save",
    "dokumen_delete",
    "dokumen_upload",
    "email_confirmation_token",
    "permohonan_create",
    "permohonan_delete",
    "permohonan_submit",
    "permohonan_transition",
    "permohonan_update",
    "permohonan_verify",
]
