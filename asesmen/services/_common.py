"""Helpers the asesmen services share (private)."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lsp.access import is_admin_lsp

from .. import domain
from ..models import Jadwal


def require_admin(by) -> None:
    if not is_admin_lsp(by):
        raise PermissionDenied


def lock_jadwal(jadwal: Jadwal) -> Jadwal:
    """The batch row, locked until the transaction ends (capacity, status and asesors are decided on it)."""
    return Jadwal.objects.select_for_update(of=("self",)).select_related("skema", "tuk").get(pk=jadwal.pk)


def require_editable(jadwal: Jadwal) -> None:
    if jadwal.status not in domain.JADWAL_EDITABLE:
        raise domain.error("jadwal_terkunci", kode=jadwal.kode, status=jadwal.get_status_display())


def local_day(value):
    return timezone.localtime(value).date()
