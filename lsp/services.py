"""Writes to LSP master data. Each function is one transaction and writes one audit row.

Errors are ``ValidationError`` with a ``code`` (tests check codes, not text); a dict error maps to the
form fields of the same name. Deleting something that later records still use (``on_delete=PROTECT``
or ``RESTRICT`` in other apps) raises ``ValidationError(code="protected")`` instead of a 500.
"""

import os
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from . import domain, importers
from .audit import AuditAction, audit_log
from .models import KUK, TUK, Elemen, LspProfile, PersyaratanDasar, Skema, UnitKompetensi

SKEMA_FIELDS = ("kode", "nama", "jenis", "level_kkni", "bidang", "masa_berlaku_tahun", "deskripsi")
TUK_FIELDS = ("kode", "nama", "jenis", "alamat", "kota", "kontak_nama", "kontak_telepon", "kontak_email")
PROFILE_FIELDS = (
    "nama", "nomor_lisensi", "kode_lsp", "alamat", "telepon", "email", "website",
    "penandatangan_nama", "penandatangan_jabatan",
)


# --- helpers --------------------------------------------------------------------------------------
def _apply(obj, changes: dict, allowed: tuple) -> dict:
    """Set the allowed fields on ``obj``; returns {field: [old, new]} of what really changed."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    diff = {}
    for name, value in changes.items():
        old = getattr(obj, name)
        if old != value:
            diff[name] = [_plain(old), _plain(value)]
            setattr(obj, name, value)
    return diff


def _plain(value):
    return value if value is None or isinstance(value, bool | int | float) else str(value)


def _clean_and_save(obj, *, update_fields=None, exclude=None):
    obj.full_clean(exclude=exclude)
    try:
        with transaction.atomic():  # a savepoint: a lost race on a unique field becomes a form error
            obj.save(update_fields=update_fields)
    except IntegrityError as exc:
        raise ValidationError(
            _("Data ini bentrok dengan data lain yang baru saja disimpan (kode sudah dipakai). Coba lagi."),
            code="conflict",
        ) from exc
    return obj


def _delete(obj, *, label: str):
    """Delete ``obj`` (and its cascade) or refuse with code ``protected`` when later records use it."""
    try:
        obj.delete()
    except (ProtectedError, RestrictedError) as exc:
        blocking = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", None) or []
        users = sorted({str(o._meta.verbose_name) for o in blocking})
        raise ValidationError(
            _("%(label)s tidak dapat dihapus karena sudah dipakai oleh data lain%(users)s. "
              "Nonaktifkan skemanya bila tidak dipakai lagi.")
            % {"label": label, "users": f" ({', '.join(users)})" if users else ""},
            code="protected",
        ) from exc


def _renumber(model, ordered_pks: list) -> None:
    """Give ``urutan`` 1..n in the order of ``ordered_pks`` without breaking unique (parent, urutan)."""
    current = dict(model.objects.filter(pk__in=ordered_pks).values_list("pk", "urutan"))
    changes = [(pk, n) for n, pk in enumerate(ordered_pks, 1) if current.get(pk) != n]
    if not changes:
        return
    top = max(current.values(), default=0) + 1
    for offset, (pk, _n) in enumerate(changes):  # first out of the way, then into place
        model.objects.filter(pk=pk).update(urutan=top + offset)
    for pk, n in changes:
        model.objects.filter(pk=pk).update(urutan=n)


def _siblings_in_order(queryset) -> list:
    return list(queryset.order_by("urutan", "pk").values_list("pk", flat=True))


def _move(obj, siblings, direction: str) -> bool:
    ordered = _siblings_in_order(siblings)
    target = domain.move_position(ordered, obj.pk, direction)
    if target is None:
        return False
    index = ordered.index(obj.pk)
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(type(obj), ordered)
    return True


def _next_urutan(queryset) -> int:
    return (queryset.aggregate(top=Max("urutan"))["top"] or 0) + 1


def _lock(model, pk):
    return model.objects.select_for_update().get(pk=pk)


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


# --- import ---------------------------------------------------------------------------------------
def skema_import_check(*, skema, uploaded) -> domain.ImportResult:
    """Read and validate an import file against the skema, writing nothing. ``skema=None``: a skema
    not created yet (it has no units, so no unit code clashes).

    File-level problems (empty, too large, not CSV/XLSX, wrong encoding, too many rows) raise
    ``ValidationError``; row problems come back in ``result.issues``."""
    table = importers.read_table(uploaded)
    existing = set(skema.units.values_list("kode", flat=True)) if skema is not None else set()
    return domain.validate_import(
        table.rows, header=table.header, header_row=table.header_row, existing_kode_unit=existing
    )


@transaction.atomic
def skema_import_units(*, skema, units: list, by, filename: str = ""):
    """Add the units → elemen → KUK of a validated import (``ImportResult.units``) in one transaction."""
    if not units:
        raise ValidationError(_("Tidak ada unit untuk diimpor."), code="no_rows")
    skema = _lock(Skema, skema.pk)
    existing = set(skema.units.values_list("kode", flat=True))
    clash = sorted({u.kode for u in units} & existing)
    if clash:  # another admin added them since the check
        raise ValidationError(
            _("Unit berikut sudah ada di skema ini: %(kode)s.") % {"kode": ", ".join(clash)}, code="unit_exists"
        )
    start = _next_urutan(skema.units.all())
    unit_rows = []
    for offset, data in enumerate(units):
        unit = UnitKompetensi(skema=skema, kode=data.kode, judul=data.judul, urutan=start + offset)
        unit.full_clean(exclude=["skema"], validate_unique=False, validate_constraints=False)
        unit_rows.append(unit)
    unit_rows = UnitKompetensi.objects.bulk_create(unit_rows)
    elemen_rows, elemen_data = [], []
    for unit, data in zip(unit_rows, units, strict=True):
        for number, elemen in enumerate(data.elemen, 1):
            elemen_rows.append(Elemen(unit=unit, urutan=number, nama=elemen.nama))
            elemen_data.append(elemen)
    elemen_rows = Elemen.objects.bulk_create(elemen_rows)
    kuk_rows = [
        KUK(elemen=elemen, urutan=number, deskripsi=text)
        for elemen, data in zip(elemen_rows, elemen_data, strict=True)
        for number, text in enumerate(data.kuk, 1)
    ]
    KUK.objects.bulk_create(kuk_rows, batch_size=500)
    counts = {"unit": len(unit_rows), "elemen": len(elemen_rows), "kuk": len(kuk_rows)}
    audit_log(
        actor=by,
        action=AuditAction.SKEMA_IMPORT,
        obj=skema,
        note=os.path.basename(filename or "")[:200],
        data={"skema_id": skema.pk, **counts, "kode_unit": [u.kode for u in unit_rows]},
    )
    return counts


@transaction.atomic
def skema_create_from_file(*, data: dict, units: list, by, filename: str = ""):
    """Create a skema (``data``: the fields of ``skema_create``) together with the units → elemen → KUK
    of a validated import (``ImportResult.units``), in one transaction: when either step fails (a kode
    taken meanwhile, no units, a database error) nothing at all is written, audit rows included.

    Writes the audit rows of the two steps (``skema.create``, ``skema.import``). Returns (skema, counts)."""
    skema = skema_create(by=by, **data)
    counts = skema_import_units(skema=skema, units=units, by=by, filename=filename)
    return skema, counts


# --- TUK ------------------------------------------------------------------------------------------
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


# --- LSP profile ----------------------------------------------------------------------------------
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
