"""Writes to the skema tree: skema, unit kompetensi, elemen, KUK and persyaratan dasar."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import domain
from ..audit import AuditAction, audit_log
from ..models import KUK, Elemen, PersyaratanDasar, Skema, UnitKompetensi
from ._common import _apply, _clean_and_save, _delete, _lock, _move, _next_urutan, _renumber, _siblings_in_order

SKEMA_FIELDS = ("kode", "nama", "jenis", "level_kkni", "bidang", "masa_berlaku_tahun", "deskripsi")


# --- skema ----------------------------------------------------------------------------------------
def _check_skema(skema: Skema):
    issue = domain.skema_level_issue(skema.jenis, skema.level_kkni)
    if issue:
        raise ValidationError({"level_kkni": ValidationError(issue, code="level_kkni_required")})
    if Skema.objects.filter(kode__iexact=skema.kode).exclude(pk=skema.pk).exists():
        raise ValidationError(
            {"kode": ValidationError(_("Kode skema ini sudah dipakai."), code="kode_exists")}
        )


def _skema_new(*, kode, nama, jenis, level_kkni=None, bidang="", masa_berlaku_tahun=3, deskripsi="") -> Skema:
    """An unsaved skema with the rules of ``_check_skema`` applied (raises ``ValidationError``)."""
    skema = Skema(
        kode=kode.strip(), nama=nama.strip(), jenis=jenis, level_kkni=level_kkni, bidang=bidang.strip(),
        masa_berlaku_tahun=masa_berlaku_tahun, deskripsi=deskripsi,
    )
    _check_skema(skema)
    return skema


def skema_create_check(**fields) -> None:
    """Raise the ``ValidationError`` that ``skema_create(**fields)`` would raise; writes nothing."""
    _skema_new(**fields).full_clean()


@transaction.atomic
def skema_create(*, by, **fields):
    """Fields: kode, nama, jenis, level_kkni=None, bidang="", masa_berlaku_tahun=3, deskripsi=""."""
    skema = _clean_and_save(_skema_new(**fields))
    audit_log(actor=by, action=AuditAction.SKEMA_CREATE, obj=skema, to_state="aktif", data={"skema_id": skema.pk})
    return skema


@transaction.atomic
def skema_update(*, skema, by, **changes):
    skema = _lock(Skema, skema.pk)
    if "kode" in changes:
        changes["kode"] = changes["kode"].strip()
    diff = _apply(skema, changes, SKEMA_FIELDS)
    if not diff:
        return skema
    _check_skema(skema)
    _clean_and_save(skema)
    audit_log(actor=by, action=AuditAction.SKEMA_UPDATE, obj=skema, data={"skema_id": skema.pk, "changes": diff})
    return skema


@transaction.atomic
def skema_set_aktif(*, skema, aktif: bool, by):
    skema = _lock(Skema, skema.pk)
    if skema.aktif == aktif:
        return skema
    skema.aktif = aktif
    skema.save(update_fields=["aktif", "updated_at"])
    audit_log(
        actor=by,
        action=AuditAction.SKEMA_ACTIVATE if aktif else AuditAction.SKEMA_DEACTIVATE,
        obj=skema,
        from_state="nonaktif" if aktif else "aktif",
        to_state="aktif" if aktif else "nonaktif",
        data={"skema_id": skema.pk},
    )
    return skema


# --- unit kompetensi ------------------------------------------------------------------------------
def _check_unit_kode(skema, kode, *, exclude_pk=None):
    if not kode:
        return
    clash = UnitKompetensi.objects.filter(skema=skema, kode=kode).exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {"kode": ValidationError(_("Unit %(kode)s sudah ada di skema ini.") % {"kode": kode}, code="unit_exists")}
        )


@transaction.atomic
def unit_create(*, skema, kode, judul, by):
    skema = _lock(Skema, skema.pk)
    kode = domain.normalise_kode_unit(kode)
    _check_unit_kode(skema, kode)
    unit = UnitKompetensi(skema=skema, kode=kode, judul=judul.strip(), urutan=_next_urutan(skema.units.all()))
    _clean_and_save(unit)
    audit_log(actor=by, action=AuditAction.UNIT_CREATE, obj=unit, data={"skema_id": skema.pk})
    return unit


@transaction.atomic
def unit_update(*, unit, by, kode, judul):
    unit = _lock(UnitKompetensi, unit.pk)
    kode = domain.normalise_kode_unit(kode)
    _check_unit_kode(unit.skema_id, kode, exclude_pk=unit.pk)
    diff = _apply(unit, {"kode": kode, "judul": judul.strip()}, ("kode", "judul"))
    if diff:
        _clean_and_save(unit, exclude=["skema"])
        audit_log(actor=by, action=AuditAction.UNIT_UPDATE, obj=unit, data={"skema_id": unit.skema_id, "changes": diff})
    return unit


@transaction.atomic
def unit_delete(*, unit, by):
    skema = _lock(Skema, unit.skema_id)
    unit = UnitKompetensi.objects.get(pk=unit.pk)
    audit_log(actor=by, action=AuditAction.UNIT_DELETE, obj=unit, data={"skema_id": skema.pk})
    _delete(unit, label=_("Unit %(kode)s") % {"kode": unit.kode})
    _renumber(UnitKompetensi, _siblings_in_order(skema.units.all()))


@transaction.atomic
def unit_move(*, unit, direction, by):
    skema = _lock(Skema, unit.skema_id)
    unit = UnitKompetensi.objects.get(pk=unit.pk)
    moved = _move(unit, skema.units.all(), direction)
    if moved:
        audit_log(actor=by, action=AuditAction.UNIT_MOVE, obj=unit, note=direction, data={"skema_id": skema.pk})
    return moved


# --- elemen ---------------------------------------------------------------------------------------
@transaction.atomic
def elemen_create(*, unit, nama, by):
    unit = _lock(UnitKompetensi, unit.pk)
    elemen = Elemen(unit=unit, nama=nama.strip(), urutan=_next_urutan(unit.elemen.all()))
    _clean_and_save(elemen)
    audit_log(actor=by, action=AuditAction.ELEMEN_CREATE, obj=elemen, data={"skema_id": unit.skema_id})
    return elemen


@transaction.atomic
def elemen_update(*, elemen, by, nama):
    elemen = Elemen.objects.select_for_update().select_related("unit").get(pk=elemen.pk)
    diff = _apply(elemen, {"nama": nama.strip()}, ("nama",))
    if diff:
        _clean_and_save(elemen, exclude=["unit"])
        audit_log(
            actor=by, action=AuditAction.ELEMEN_UPDATE, obj=elemen,
            data={"skema_id": elemen.unit.skema_id, "changes": diff},
        )
    return elemen


@transaction.atomic
def elemen_delete(*, elemen, by):
    unit = _lock(UnitKompetensi, elemen.unit_id)
    elemen = Elemen.objects.get(pk=elemen.pk)
    audit_log(actor=by, action=AuditAction.ELEMEN_DELETE, obj=elemen, data={"skema_id": unit.skema_id})
    _delete(elemen, label=_("Elemen %(nomor)s") % {"nomor": elemen.urutan})
    _renumber(Elemen, _siblings_in_order(unit.elemen.all()))


@transaction.atomic
def elemen_move(*, elemen, direction, by):
    unit = _lock(UnitKompetensi, elemen.unit_id)
    elemen = Elemen.objects.get(pk=elemen.pk)
    moved = _move(elemen, unit.elemen.all(), direction)
    if moved:
        audit_log(
            actor=by, action=AuditAction.ELEMEN_MOVE, obj=elemen, note=direction, data={"skema_id": unit.skema_id}
        )
    return moved


# --- KUK ------------------------------------------------------------------------------------------
@transaction.atomic
def kuk_create(*, elemen, deskripsi, by):
    elemen = Elemen.objects.select_for_update().select_related("unit").get(pk=elemen.pk)
    kuk = KUK(elemen=elemen, deskripsi=deskripsi.strip(), urutan=_next_urutan(elemen.kuk.all()))
    _clean_and_save(kuk)
    audit_log(actor=by, action=AuditAction.KUK_CREATE, obj=kuk, data={"skema_id": elemen.unit.skema_id})
    return kuk


@transaction.atomic
def kuk_update(*, kuk, by, deskripsi):
    kuk = KUK.objects.select_for_update().select_related("elemen__unit").get(pk=kuk.pk)
    diff = _apply(kuk, {"deskripsi": deskripsi.strip()}, ("deskripsi",))
    if diff:
        _clean_and_save(kuk, exclude=["elemen"])
        audit_log(
            actor=by, action=AuditAction.KUK_UPDATE, obj=kuk,
            data={"skema_id": kuk.elemen.unit.skema_id, "changes": diff},
        )
    return kuk


@transaction.atomic
def kuk_delete(*, kuk, by):
    elemen = Elemen.objects.select_for_update().select_related("unit").get(pk=kuk.elemen_id)
    kuk = KUK.objects.select_related("elemen").get(pk=kuk.pk)
    audit_log(actor=by, action=AuditAction.KUK_DELETE, obj=kuk, data={"skema_id": elemen.unit.skema_id})
    _delete(kuk, label=_("KUK %(nomor)s") % {"nomor": f"{elemen.urutan}.{kuk.urutan}"})
    _renumber(KUK, _siblings_in_order(elemen.kuk.all()))


@transaction.atomic
def kuk_move(*, kuk, direction, by):
    elemen = Elemen.objects.select_for_update().select_related("unit").get(pk=kuk.elemen_id)
    kuk = KUK.objects.select_related("elemen").get(pk=kuk.pk)
    moved = _move(kuk, elemen.kuk.all(), direction)
    if moved:
        audit_log(
            actor=by, action=AuditAction.KUK_MOVE, obj=kuk, note=direction, data={"skema_id": elemen.unit.skema_id}
        )
    return moved


# --- persyaratan dasar ----------------------------------------------------------------------------
@transaction.atomic
def persyaratan_create(*, skema, deskripsi, wajib=True, by):
    skema = _lock(Skema, skema.pk)
    item = PersyaratanDasar(
        skema=skema, deskripsi=deskripsi.strip(), wajib=wajib, urutan=_next_urutan(skema.persyaratan.all())
    )
    _clean_and_save(item)
    audit_log(actor=by, action=AuditAction.PERSYARATAN_CREATE, obj=item, data={"skema_id": skema.pk})
    return item


@transaction.atomic
def persyaratan_update(*, persyaratan, by, deskripsi, wajib):
    item = _lock(PersyaratanDasar, persyaratan.pk)
    diff = _apply(item, {"deskripsi": deskripsi.strip(), "wajib": wajib}, ("deskripsi", "wajib"))
    if diff:
        _clean_and_save(item, exclude=["skema"])
        audit_log(
            actor=by, action=AuditAction.PERSYARATAN_UPDATE, obj=item, data={"skema_id": item.skema_id, "changes": diff}
        )
    return item


@transaction.atomic
def persyaratan_delete(*, persyaratan, by):
    skema = _lock(Skema, persyaratan.skema_id)
    item = PersyaratanDasar.objects.get(pk=persyaratan.pk)
    audit_log(actor=by, action=AuditAction.PERSYARATAN_DELETE, obj=item, data={"skema_id": skema.pk})
    _delete(item, label=_("Persyaratan %(nomor)s") % {"nomor": item.urutan})
    _renumber(PersyaratanDasar, _siblings_in_order(skema.persyaratan.all()))


@transaction.atomic
def persyaratan_move(*, persyaratan, direction, by):
    skema = _lock(Skema, persyaratan.skema_id)
    item = PersyaratanDasar.objects.get(pk=persyaratan.pk)
    moved = _move(item, skema.persyaratan.all(), direction)
    if moved:
        audit_log(actor=by, action=AuditAction.PERSYARATAN_MOVE, obj=item, note=direction, data={"skema_id": skema.pk})
    return moved
