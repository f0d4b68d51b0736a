"""Helpers the asesi service modules share: who may touch an application, and its row lock."""

from django.core.exceptions import PermissionDenied

from lsp.access import is_admin_lsp

from ..models import Permohonan


def require_owner_or_admin(permohonan: Permohonan, by) -> None:
    if not by or not by.is_authenticated:
        raise PermissionDenied
    if permohonan.asesi.user_id != by.pk and not is_admin_lsp(by):
        raise PermissionDenied


def lock(permohonan: Permohonan) -> Permohonan:
    """The application's row, locked for the rest of the transaction, with its asesi and skema."""
    return (
        Permohonan.objects.select_for_update(of=("self",))
        .select_related("asesi__user", "skema")
        .get(pk=permohonan.pk)
    )
