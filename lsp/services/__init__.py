"""Writes to LSP master data, one module per topic: ``skema`` (skema → unit → elemen → KUK, persyaratan
dasar), ``imports`` (skema from XLSX/CSV), ``tuk``, ``libur`` (the holiday calendar), ``profil`` (the LSP
profile), ``pengguna`` (staff roles), ``pemberitahuan`` (in-app notifications read). Each function is one
transaction and writes one audit row (except marking one's own notifications read: see ``pemberitahuan``).

Errors are ``ValidationError`` with a ``code`` (tests check codes, not text); a dict error maps to the
form fields of the same name. Deleting something that later records still use (``on_delete=PROTECT``
or ``RESTRICT`` in other apps) raises ``ValidationError(code="protected")`` instead of a 500.
"""

from .imports import skema_create_from_file, skema_import_check, skema_import_units
from .libur import LIBUR_FIELDS, libur_create, libur_delete, libur_import, libur_update
from .pemberitahuan import pemberitahuan_mark_all_read, pemberitahuan_mark_read
from .pengguna import user_role_set, user_roles_update
from .profil import PROFILE_FIELDS, lsp_profile_update
from .skema import (
    SKEMA_FIELDS,
    elemen_create,
    elemen_delete,
    elemen_move,
    elemen_update,
    kuk_create,
    kuk_delete,
    kuk_move,
    kuk_update,
    persyaratan_create,
    persyaratan_delete,
    persyaratan_move,
    persyaratan_update,
    skema_create,
    skema_create_check,
    skema_set_aktif,
    skema_update,
    unit_create,
    unit_delete,
    unit_move,
    unit_update,
)
from .tuk import TUK_FIELDS, tuk_create, tuk_set_aktif, tuk_update

__all__ = [
    "LIBUR_FIELDS", "PROFILE_FIELDS", "SKEMA_FIELDS", "TUK_FIELDS",
    "libur_create", "libur_delete", "libur_import", "libur_update",
    "elemen_create", "elemen_delete", "elemen_move", "elemen_update",
    "kuk_create", "kuk_delete", "kuk_move", "kuk_update",
    "lsp_profile_update",
    "pemberitahuan_mark_all_read", "pemberitahuan_mark_read",
    "persyaratan_create", "persyaratan_delete", "persyaratan_move", "persyaratan_update",
    "skema_create", "skema_create_check", "skema_create_from_file", "skema_import_check", "skema_import_units",
    "skema_set_aktif", "skema_update",
    "tuk_create", "tuk_set_aktif", "tuk_update",
    "unit_create", "unit_delete", "unit_move", "unit_update",
    "user_role_set", "user_roles_update",
]
