"""Writes to TUK (tempat uji kompetensi)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..audit import AuditAction, audit_log
from ..models import TUK
from ._common import _apply, _clean_and_save, _lock

TUK_FIELDS = ("kode", "nama", "jenis", "alamat", "kota", "kontak_nama", "kontak_telepon", "kontak_email")


def _check_tuk(tuk: TUK):
    if TUK.objects.filter(kode__iexact=tuk.kode).exclude(pk=tuk.pk).exists():
        raise ValidationError({"kode": ValidationError(_("Kode TUK ini sudah dipakai."), code="kode_exists")})


@transaction.atomic
def tuk_create(*, by, **fields):
    tuk = TUK()
    _apply(tuk, {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}, TUK_FIELDS)
    _check_tuk(tuk)
    _clean_and_save(tuk)
    audit_log(actor=by, action=AuditAction.TUK_CREATE, obj=tuk, to_state="aktif")
    return tuk


@transaction.atomic
def tuk_update(*, tuk, by, **changes):
    tuk = _lock(TUK, tuk.pk)
    diff = _apply(tuk, {k: v.strip() if isinstance(v, str) else v for k, v in changes.items()}, TUK_FIELDS)
    if diff:
        _check_tuk(tuk)
        _clean_and_save(tuk)
        audit_log(actor=by, action=AuditAction.TUK_UPDATE, obj=tuk, data={"changes": diff})
    return tuk


@transaction.atomic
def tuk_set_aktif(*, tuk, aktif: bool, by):
    tuk = _lock(TUK, tuk.pk)
    if tuk.aktif == aktif:
        return tuk
    tuk.aktif = aktif
    tuk.save(update_fields=["aktif"])
    audit_log(
        actor=by,
        action=AuditAction.TUK_ACTIVATE if aktif else AuditAction.TUK_DEACTIVATE,
        obj=tuk,
        from_state="nonaktif" if aktif else "aktif",
        to_state="aktif" if aktif else "nonaktif",
    )
    return tuk
